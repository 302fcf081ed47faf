/**
 * The WebAssembly kernel of the B-spline evaluation (src/image/preprocess/bspline-wasm.ts) gives
 * the JavaScript sums bit for bit: random coefficients, rows of odd and even length, voxels outside
 * the buffer, mirrored borders, repeated rows (cached x supports) and rows long enough to grow the
 * kernel's memory in the middle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BSplineEvaluator } from '../../src/image/preprocess/bspline.js';
import { bsplineKernel, reserveKernelMemory } from '../../src/image/preprocess/bspline-wasm.js';
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
    const kernelCoef = new Float64Array(reserveKernelMemory(k, 8 * n), 0, n);
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
