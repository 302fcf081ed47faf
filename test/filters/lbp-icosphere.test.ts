import { test } from 'node:test';
import assert from 'node:assert/strict';
import { icosphere, icosphereMesh } from '../../src/filters/icosphere.js';

test('icosphere vertex and face counts: 10 * 4^s + 2 vertices, 20 * 4^s faces', () => {
  for (let s = 0; s <= 3; s++) {
    const m = icosphereMesh(s, 1);
    assert.equal(m.vertices.length / 3, 10 * 4 ** s + 2);
    assert.equal(m.faces.length / 3, 20 * 4 ** s);
  }
});

test('icosahedron vertices are trimesh\'s: (+-1, +-phi, 0) cycled, unit length (0.5257311121191336, 0.85065080835204)', () => {
  const v = icosphere(0, 1);
  // trimesh/resources/creation.json, "icosahedron" vertex 0 and 11
  assert.deepEqual(Array.from(v.subarray(0, 3)), [-0.5257311121191336, 0.85065080835204, 0]);
  assert.deepEqual(Array.from(v.subarray(33, 36)), [-0.85065080835204, 0, 0.5257311121191336]);
});

test('subdivision appends edge midpoints ordered by (larger, smaller) vertex index, pushed to the radius', () => {
  const v = icosphere(1, 2);
  // edges by (larger, smaller): (0, 1), (2, 3) (vertex 2 has no smaller neighbour), (2, 4),
  // (3, 4), (0, 5), ...; their midpoints pushed to radius 2
  const expect = (i: number, a: number[], b: number[]) => {
    const m = [0, 1, 2].map((d) => (a[d] + b[d]) / 2);
    const n = Math.hypot(m[0], m[1], m[2]);
    for (let d = 0; d < 3; d++) assert.ok(Math.abs(v[3 * i + d] - (2 * m[d]) / n) < 1e-15, `vertex ${i}`);
  };
  const ico = (i: number) => Array.from(icosphere(0, 1).subarray(3 * i, 3 * i + 3));
  expect(12, ico(0), ico(1));
  expect(13, ico(2), ico(3));
  expect(14, ico(2), ico(4));
  expect(15, ico(3), ico(4));
  expect(16, ico(0), ico(5));
  for (let i = 0; i < v.length; i += 3) assert.ok(Math.abs(Math.hypot(v[i], v[i + 1], v[i + 2]) - 2) < 1e-15);
});

test('icosphere rejects a negative subdivision or a zero radius, naming the setting', () => {
  assert.throws(() => icosphere(-1, 1), /lbp3DIcosphereSubdivision/);
  assert.throws(() => icosphere(1, 0), /lbp3DIcosphereRadius/);
});
