import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexToPhysical, physicalToIndex, invert3, type Volume } from '../../src/image/volume.js';

const oblique: Volume = {
  data: new Float32Array(24),
  size: [2, 3, 4],
  spacing: [0.5, 2, 3],
  origin: [10, -20, 5],
  // a rotation of 30 degrees about z: columns are the axis directions
  direction: Float64Array.from([
    Math.cos(Math.PI / 6), -Math.sin(Math.PI / 6), 0,
    Math.sin(Math.PI / 6), Math.cos(Math.PI / 6), 0,
    0, 0, 1,
  ]),
  pixelType: 'float32',
};

test('index -> physical follows ITK: origin + D * diag(spacing) * index', () => {
  const p = indexToPhysical(oblique, [1, 1, 1]);
  // x axis step 0.5 along (cos30, sin30, 0), y axis step 2 along (-sin30, cos30, 0), z step 3
  assert.ok(Math.abs(p[0] - (10 + 0.5 * Math.cos(Math.PI / 6) - 2 * Math.sin(Math.PI / 6))) < 1e-12);
  assert.ok(Math.abs(p[1] - (-20 + 0.5 * Math.sin(Math.PI / 6) + 2 * Math.cos(Math.PI / 6))) < 1e-12);
  assert.ok(Math.abs(p[2] - 8) < 1e-12);
});

test('physical -> index inverts index -> physical', () => {
  const idx: [number, number, number] = [1.25, 2.5, -0.75];
  const back = physicalToIndex(oblique, indexToPhysical(oblique, idx));
  for (let a = 0; a < 3; a++) assert.ok(Math.abs(back[a] - idx[a]) < 1e-12);
});

test('invert3 gives the inverse', () => {
  const m = [2, 1, 0, 0, 3, 1, 1, 0, 4];
  const inv = invert3(m);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) {
    let s = 0;
    for (let k = 0; k < 3; k++) s += m[r * 3 + k] * inv[k * 3 + c];
    assert.ok(Math.abs(s - (r === c ? 1 : 0)) < 1e-14);
  }
});
