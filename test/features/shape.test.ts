/**
 * Shape building blocks on shapes whose answers are known by geometry (the marching-cubes surface
 * of a single voxel is an octahedron through its face centres), PyRadiomics' 2D segment table,
 * and the PCA eigenvalues. The full 3D/2D features against PyRadiomics are in
 * pyradiomics-parity.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mesh2D, mesh3D } from '../../src/features/shape-mesh.js';
import { maxDiameter2D, meshDiameters } from '../../src/features/shape-diameters.js';
import { principalMoments2D, principalMoments3D, symmetricEigenvalues3 } from '../../src/features/shape-pca.js';
import { shapeClass } from '../../src/features/shape.js';
import { shape2DClass } from '../../src/features/shape2d.js';
import { defaultSettings } from '../../src/features/settings.js';
import type { FeatureInput } from '../../src/features/types.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test('one voxel: the mesh is the octahedron through the face centres (volume 1/6, area sqrt(3), diameter 1)', () => {
  const m = mesh3D(Uint8Array.of(1), [1, 1, 1], [1, 1, 1]);
  close(m.volume, 1 / 6);
  close(m.surfaceArea, Math.sqrt(3));
  close(m.maxDiameter3D, 1);
  // within the axial plane of the centre: the 4 side vertices, opposite ones 1 apart
  close(m.maxDiameterSlice, 1);
});

test('spacing scales the octahedron axis by axis', () => {
  const m = mesh3D(Uint8Array.of(1), [1, 1, 1], [2, 3, 5]);
  close(m.volume, (2 * 3 * 5) / 6);
  close(m.maxDiameter3D, 5);
  close(m.maxDiameterSlice, 3); // equal z: the x and y vertex pairs, 2 and 3 apart
  close(m.maxDiameterColumn, 5); // equal y: x pair 2, z pair 5
  close(m.maxDiameterRow, 5); // equal x: y pair 3, z pair 5
});

test('a 2x2x2 block: the unit cube of voxel centres grown by the half-voxel octahedron', () => {
  const m = mesh3D(new Uint8Array(8).fill(1), [2, 2, 2], [1, 1, 1]);
  // Minkowski sum of the unit cube C and the octahedron O (radius 1/2), by mixed volumes:
  // V(C) + 3 V(C,C,O) + 3 V(C,O,O) + V(O) = 1 + 3 + 3/2 + 1/6 = 17/3
  close(m.volume, 17 / 3);
  // area: 6 unit squares, 12 edge strips of 1 x sqrt(2)/2, 8 corner triangles of side sqrt(2)/2
  close(m.surfaceArea, 6 + 12 * Math.SQRT1_2 + 8 * (Math.sqrt(3) / 4) * 0.5);
  close(m.maxDiameter3D, Math.sqrt(1 + 1 + 4)); // e.g. (-0.5, 0, 0) to (1.5, 1, 1)
});

test('diameters through convex hulls equal the maxima over every pair (3D, per plane, 2D)', () => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const n = 600;
  const spacing = [2.5, 0.7, 0.9]; // z, y, x
  const keys = new Int32Array(3 * n);
  const xyz = new Float64Array(3 * n);
  for (let i = 0; i < 3 * n; i++) {
    keys[i] = Math.floor(rnd() * (i % 3 === 0 ? 8 : 40));
    xyz[i] = (keys[i] / 2) * spacing[i % 3];
  }
  const brute = [0, 0, 0, 0];
  for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) {
    const d = (xyz[3 * a] - xyz[3 * b]) ** 2 + (xyz[3 * a + 1] - xyz[3 * b + 1]) ** 2 + (xyz[3 * a + 2] - xyz[3 * b + 2]) ** 2;
    for (let axis = 0; axis < 3; axis++) if (keys[3 * a + axis] === keys[3 * b + axis] && d > brute[axis]) brute[axis] = d;
    if (d > brute[3]) brute[3] = d;
  }
  const d = meshDiameters(xyz, keys, n);
  assert.deepEqual([d.slice, d.column, d.row, d.max3D], brute.map(Math.sqrt));
  // 2D: the first two coordinates
  const keys2 = new Int32Array(2 * n), xy = new Float64Array(2 * n);
  let best2 = 0;
  for (let i = 0; i < n; i++) { keys2[2 * i] = keys[3 * i + 1]; keys2[2 * i + 1] = keys[3 * i + 2]; xy[2 * i] = xyz[3 * i + 1]; xy[2 * i + 1] = xyz[3 * i + 2]; }
  for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) best2 = Math.max(best2, (xy[2 * a] - xy[2 * b]) ** 2 + (xy[2 * a + 1] - xy[2 * b + 1]) ** 2);
  assert.equal(maxDiameter2D(xy, keys2, n), Math.sqrt(best2));
});

test('2D: a single pixel is the diamond through the edge centres (area 1/2, perimeter 2 sqrt(2))', () => {
  const m = mesh2D(Uint8Array.of(1), 1, 1, [1, 1]);
  close(m.surface, 0.5);
  close(m.perimeter, 2 * Math.SQRT2);
  close(m.maxDiameter, 1);
});

test('2D: a 3x4 rectangle loses a corner triangle of 1/8 pixel at each corner', () => {
  const m = mesh2D(new Uint8Array(12).fill(1), 3, 4, [1, 1]);
  close(m.surface, 12 - 4 * 0.125);
  close(m.perimeter, 2 * (2 + 3) + 4 * Math.SQRT1_2);
});

test('PCA: eigenvalues of a symmetric matrix and of a voxel line', () => {
  const ev = symmetricEigenvalues3([2, 1, 0, 2, 0, 3]);
  close(ev[0], 1); close(ev[1], 3); close(ev[2], 3);
  // 5 voxels along x, spacing 2: positions 0, 2, 4, 6, 8 -> population variance 8
  const [least, minor, major] = principalMoments3D(new Uint8Array(5).fill(1), [5, 1, 1], [2, 1, 1]);
  assert.equal(least, 0); assert.equal(minor, 0); close(major, 8);
  // IBSI: sample covariance (N - 1)
  close(principalMoments3D(new Uint8Array(5).fill(1), [5, 1, 1], [2, 1, 1], true)[2], 10);
  const [m2, M2] = principalMoments2D(new Uint8Array(4).fill(1), 2, 2, [1, 1]);
  close(m2, 0.25); close(M2, 0.25);
});

function input(mask: Uint8Array, size: [number, number, number], spacing: [number, number, number]): FeatureInput {
  return { image: new Float64Array(mask.length), mask, morphologicalMask: mask, size, spacing, binned: null, ng: 0, settings: { ...defaultSettings(), force2D: true } };
}

test('shape classes: PyRadiomics order, deprecated features on request, the requested order', () => {
  assert.deepEqual(shapeClass.features.filter((f) => f.byDefault).map((f) => f.name), [
    'Elongation', 'Flatness', 'LeastAxisLength', 'MajorAxisLength', 'Maximum2DDiameterColumn', 'Maximum2DDiameterRow',
    'Maximum2DDiameterSlice', 'Maximum3DDiameter', 'MeshVolume', 'MinorAxisLength', 'Sphericity', 'SurfaceArea',
    'SurfaceVolumeRatio', 'VoxelVolume',
  ]);
  assert.deepEqual(shapeClass.features.filter((f) => !f.byDefault).map((f) => f.name), ['Compactness1', 'Compactness2', 'SphericalDisproportion']);
  assert.deepEqual(shape2DClass.features.map((f) => f.name), [
    'Elongation', 'MajorAxisLength', 'MaximumDiameter', 'MeshSurface', 'MinorAxisLength', 'Perimeter',
    'PerimeterSurfaceRatio', 'PixelSurface', 'SphericalDisproportion', 'Sphericity',
  ]);
  // a line of voxels: Flatness = sqrt(0 / major) = 0, Elongation 0
  const line = shapeClass.compute(input(new Uint8Array(4).fill(1), [4, 1, 1], [1, 1, 1]), ['Elongation', 'Flatness', 'Compactness2', 'MeshVolume', 'SurfaceArea']);
  assert.deepEqual([...line.keys()], ['Elongation', 'Flatness', 'Compactness2', 'MeshVolume', 'SurfaceArea']);
  assert.equal(line.get('Elongation'), 0);
  assert.equal(line.get('Flatness'), 0);
  close(line.get('Compactness2')!, (36 * Math.PI * line.get('MeshVolume')! ** 2) / line.get('SurfaceArea')! ** 3);
  // 2D on one pixel row: minor axis 0 -> Elongation 0
  const row = shape2DClass.compute(input(new Uint8Array(3).fill(1), [3, 1, 1], [1, 1, 1]), ['Elongation', 'PixelSurface', 'SphericalDisproportion']);
  assert.equal(row.get('Elongation'), 0);
  assert.equal(row.get('PixelSurface'), 3);
});

test('principal moments from the ROI positions equal those from scanning the mask, bit for bit', () => {
  let s = 5;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let t = 0; t < 300; t++) {
    const size: [number, number, number] = [1 + Math.floor(next() * 12), 1 + Math.floor(next() * 10), 1 + Math.floor(next() * 8)];
    const spacing: [number, number, number] = [0.5 + next(), 0.5 + next(), 1 + 3 * next()];
    const p = next();
    const mask = Uint8Array.from({ length: size[0] * size[1] * size[2] }, () => (next() < p ? 1 : 0));
    const positions = Int32Array.from(mask.keys()).filter((i) => mask[i] !== 0);
    for (const unbiased of [false, true]) {
      const a = principalMoments3D(mask, size, spacing, unbiased);
      const b = principalMoments3D(mask, size, spacing, unbiased, positions);
      assert.ok(a.every((v, i) => Object.is(v, b[i])), `case ${t}: ${a} vs ${b}`);
    }
  }
});
