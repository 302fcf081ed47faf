/**
 * The WebAssembly kernel of the B-spline evaluation (src/image/preprocess/bspline-wasm.ts) gives
 * the JavaScript sums bit for bit: random coefficients, rows of odd and even length, voxels outside
 * the buffer, mirrored borders, repeated rows (cached x supports) and rows long enough to grow the
 * kernel's memory in the middle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BSplineEvaluator, bsplineCoefficients, coefficientBox } from '../../src/image/preprocess/bspline.js';
import { bsplineKernel } from '../../src/image/preprocess/bspline-wasm.js';
import type { Vec3 } from '../../src/image/volume.js';

const kernel = bsplineKernel();

test('B-spline row sums: WebAssembly kernel equals the JavaScript loop bit for bit', { skip: kernel ? false : 'WebAssembly SIMD is not available here' }, () => {
  const k = kernel!;
  let s = 17;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let t = 0; t < 120; t++) {
    const size: Vec3 = [1 + Math.floor(next() * 20), 1 + Math.floor(next() * 15), 1 + Math.floor(next() * 9)];
    const n = size[0] * size[1] * size[2];
    const coef = Float64Array.from({ length: n }, () => (next() - 0.3) * 10 ** Math.floor(next() * 6 - 2));
    const kernelCoef = new Float64Array(k.reserve(8 * n), 0, n);
    kernelCoef.set(coef);
    const plain = new BSplineEvaluator(coef, size);
    const fast = new BSplineEvaluator(kernelCoef, size, undefined, k);
    let x0 = 0, vx = 1, length = 1;
    for (let r = 0; r < 12; r++) {
      if (r === 0 || next() < 0.5) {
        // a new row layout: some voxels outside [-0.5, n - 0.5) along x; now and then a long row
        length = next() < 0.1 ? 2000 + Math.floor(next() * 3000) : 1 + Math.floor(next() * 37);
        x0 = -1.5 + next() * (size[0] + 1);
        vx = (next() - 0.2) * size[0] * 1.5;
      }
      const y = -0.7 + next() * size[1], z = -0.7 + next() * size[2];
      const a = new Float64Array(length).fill(-1), b = new Float64Array(length).fill(-1);
      plain.sampleRow(a, 0, length, x0, vx, y, z, null);
      fast.sampleRow(b, 0, length, x0, vx, y, z, null);
      for (let i = 0; i < length; i++) {
        assert.ok(Object.is(a[i], b[i]), `case ${t} row ${r} voxel ${i} of ${length}: ${a[i]} vs ${b[i]}`);
      }
    }
  }
});

test('B-spline prefilter: the y and z passes by the WebAssembly kernel equal the JavaScript ones bit for bit', { skip: kernel ? false : 'WebAssembly SIMD is not available here' }, () => {
  const k = kernel!;
  let s = 23;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let t = 0; t < 60; t++) {
    // sizes around the causal horizon (18) and odd and even lane counts
    const size: Vec3 = [1 + Math.floor(next() * 40), 1 + Math.floor(next() * 45), 1 + Math.floor(next() * 30)];
    const n = size[0] * size[1] * size[2];
    const data = Float64Array.from({ length: n }, () => Math.round((next() - 0.4) * 2000));
    const lo: Vec3 = [0, 1, 2].map((a) => next() * (size[a] - 1)) as Vec3;
    const hi: Vec3 = [0, 1, 2].map((a) => lo[a] + next() * (size[a] - 1 - lo[a])) as Vec3;
    const box = coefficientBox(size, lo, hi);
    const r = next();
    const map = r < 0.33 ? { shift: -300, factor: 1 / 250, clip: null, scale: 100 } : r < 0.66 ? { shift: -300, factor: 1 / 250, clip: 1.5, scale: 100 } : undefined;
    const plain = bsplineCoefficients(data, size, box, map);
    const count = box.size[0] * box.size[1] * box.size[2];
    const buffer = k.reserve(8 * count + 512);
    const fast = bsplineCoefficients(data, size, box, map, new Float64Array(buffer, 0, count), k);
    // the coefficients the evaluations read: those inside `need`
    const need = box.need!;
    for (let z = need.lower[2]; z < need.lower[2] + need.size[2]; z++) {
      for (let y = need.lower[1]; y < need.lower[1] + need.size[1]; y++) {
        for (let x = need.lower[0]; x < need.lower[0] + need.size[0]; x++) {
          const i = (x - box.lower[0]) + box.size[0] * ((y - box.lower[1]) + box.size[1] * (z - box.lower[2]));
          assert.ok(Object.is(plain[i], fast[i]), `case ${t} (${size}) at ${x},${y},${z}: ${plain[i]} vs ${fast[i]}`);
        }
      }
    }
  }
});
