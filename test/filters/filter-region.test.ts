import { test } from 'node:test';
import assert from 'node:assert/strict';
import { laplacianRecursiveGaussian } from '../../src/filters/log.js';
import { pyradiomicsWavelet } from '../../src/filters/wavelet.js';
import type { VoxelBox } from '../../src/filters/types.js';
import { identityDirection, type PixelType, type Vec3, type Volume } from '../../src/image/volume.js';

/** A deterministic volume (a fixed linear congruential sequence). */
function volume(size: Vec3, pixelType: PixelType): Volume {
  const n = size[0] * size[1] * size[2];
  const data = pixelType === 'int16' ? new Int16Array(n) : new Float64Array(n);
  let s = 4321;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    data[i] = pixelType === 'int16' ? (s % 3000) - 1000 : (s / 2147483648) * 200 - 70;
  }
  return { data, size, spacing: [0.8, 1.1, 2.5], origin: [0, 0, 0], direction: identityDirection(), pixelType };
}

/** Counts the voxels of `box` where the two arrays differ in any bit. */
function differences(a: ArrayLike<number>, b: ArrayLike<number>, size: Vec3, box: VoxelBox): number {
  let d = 0;
  for (let z = box.lower[2]; z < box.lower[2] + box.size[2]; z++) {
    for (let y = box.lower[1]; y < box.lower[1] + box.size[1]; y++) {
      for (let x = box.lower[0]; x < box.lower[0] + box.size[0]; x++) {
        const i = x + size[0] * (y + size[1] * z);
        if (!Object.is(a[i], b[i])) d++;
      }
    }
  }
  return d;
}

const cases: [Vec3, VoxelBox][] = [
  [[17, 12, 9], { lower: [3, 2, 4], size: [9, 7, 1] }], // a one-slice ROI
  [[17, 12, 9], { lower: [0, 0, 0], size: [5, 12, 3] }], // on the low faces
  [[16, 11, 8], { lower: [10, 4, 5], size: [6, 7, 3] }], // on the high faces
];

for (const pixelType of ['float64', 'int16'] as const) {
  test(`LoG and wavelet bands computed for a region equal the whole-image ones there, bit for bit (${pixelType})`, () => {
    for (const [size, box] of cases) {
      const image = volume(size, pixelType);
      for (const sigma of [1, 2.5]) {
        const whole = laplacianRecursiveGaussian(image, sigma).data;
        const part = laplacianRecursiveGaussian(image, sigma, box).data;
        assert.equal(differences(whole, part, size, box), 0, `LoG sigma ${sigma}, size ${size}, box ${JSON.stringify(box)}`);
      }
      for (const wavelet of ['coif1', 'db2']) {
        const settings = { wavelet, level: 1, start_level: 0, force2D: false, force2Ddimension: 0 };
        const whole = [...pyradiomicsWavelet(image, settings)];
        const part = [...pyradiomicsWavelet(image, settings, box)];
        assert.deepEqual(part.map((b) => b.name), whole.map((b) => b.name));
        whole.forEach((band, k) => {
          assert.equal(differences(band.image.data, part[k].image.data, size, box), 0, `${wavelet} ${band.name}, size ${size}`);
        });
      }
    }
  });
}
