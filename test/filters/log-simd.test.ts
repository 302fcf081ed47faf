import { test } from 'node:test';
import assert from 'node:assert/strict';
import { laplacianRecursiveGaussian } from '../../src/filters/log.js';
import { laplacianRecursiveGaussianSimd } from '../../src/filters/log-simd.js';
import { setRecursiveGaussianSimd } from '../../src/filters/recursive-gaussian.js';
import type { VoxelBox } from '../../src/filters/types.js';
import { identityDirection, type PixelType, type Vec3, type Volume } from '../../src/image/volume.js';

/** A deterministic volume (a fixed linear congruential sequence), with plateaus. */
function volume(size: Vec3, pixelType: PixelType, seed: number): Volume {
  const n = size[0] * size[1] * size[2];
  const data = pixelType === 'int16' ? new Int16Array(n) : pixelType === 'float32' ? new Float32Array(n) : new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    data[i] = i % 7 === 3 ? data[i - 1] : pixelType === 'int16' ? (s % 3000) - 1000 : (s / 2147483648) * 200 - 70;
  }
  return { data, size, spacing: [0.8, 1.1, 2.5], origin: [0, 0, 0], direction: identityDirection(), pixelType };
}

// Odd run lengths exercise the lanes left over from groups of 4; boxes on the faces the wanted
// spans at the lines' ends; the whole image every line.
const cases: [Vec3, PixelType, VoxelBox | undefined][] = [
  [[17, 12, 9], 'float64', { lower: [3, 2, 4], size: [9, 7, 1] }],
  [[17, 12, 9], 'int16', { lower: [0, 0, 0], size: [5, 12, 3] }],
  [[16, 11, 8], 'float32', { lower: [10, 4, 5], size: [6, 7, 3] }],
  [[6, 5, 4], 'float64', { lower: [1, 1, 1], size: [3, 3, 2] }],
  [[13, 10, 7], 'int16', undefined],
  [[150, 5, 6], 'float64', { lower: [2, 1, 1], size: [141, 3, 4] }], // runs longer than one set of lanes
];

test('LoG with its volumes in WebAssembly memory equals the JavaScript passes bit for bit, inside and outside the box', () => {
  for (const [i, [size, pixelType, box]] of cases.entries()) {
    const image = volume(size, pixelType, 100 + i);
    for (const sigma of [1, 2.5]) {
      const simd = laplacianRecursiveGaussianSimd(image, sigma, box);
      assert.ok(simd, 'WebAssembly SIMD is available on Node 20');
      setRecursiveGaussianSimd(false);
      let plain: Float32Array;
      try {
        plain = laplacianRecursiveGaussian(image, sigma, box).data;
      } finally {
        setRecursiveGaussianSimd(true);
      }
      let differ = 0;
      for (let v = 0; v < simd.length; v++) if (!Object.is(simd[v], plain[v])) differ++;
      assert.equal(differ, 0, `case ${i} (${size}, ${pixelType}), sigma ${sigma}`);
      // the extractor's path is the SIMD one
      assert.deepEqual(laplacianRecursiveGaussian(image, sigma, box).data, simd);
    }
  }
});

test('LoG into a reused array (a transient region): the box exactly the values of the JavaScript passes after other calls left sums in the memory, the rest left as it was', () => {
  const size: Vec3 = [17, 12, 9];
  const image = volume(size, 'float64', 7);
  // a call over the whole image first leaves its sums all over the reused memory
  laplacianRecursiveGaussianSimd(image, 2, undefined);
  const box: VoxelBox = { lower: [4, 3, 2], size: [8, 6, 5] };
  setRecursiveGaussianSimd(false);
  let fresh: Float32Array;
  try {
    fresh = laplacianRecursiveGaussian(image, 1.5, box).data;
  } finally {
    setRecursiveGaussianSimd(true);
  }
  const into = new Float32Array(size[0] * size[1] * size[2]).fill(NaN);
  const got = laplacianRecursiveGaussianSimd(image, 1.5, box, into)!;
  assert.equal(got, into);
  let inside = 0;
  for (let z = 0; z < size[2]; z++) for (let y = 0; y < size[1]; y++) for (let x = 0; x < size[0]; x++) {
    const i = x + size[0] * (y + size[1] * z);
    const isIn = x >= 4 && x < 12 && y >= 3 && y < 9 && z >= 2 && z < 7;
    if (isIn) {
      inside++;
      assert.ok(Object.is(got[i], fresh[i]) && fresh[i] !== 0, `voxel ${i}`);
    } else {
      assert.ok(Number.isNaN(got[i]) && fresh[i] === 0, `voxel ${i} outside the box`);
    }
  }
  assert.equal(inside, 8 * 6 * 5);
});
