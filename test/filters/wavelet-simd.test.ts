import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pyradiomicsWavelet } from '../../src/filters/wavelet.js';
import { setWaveletSimd, swtnLevelSimd } from '../../src/filters/wavelet-simd.js';
import { decompositionFilters } from '../../src/filters/wavelet-banks.js';
import type { VoxelBox } from '../../src/filters/types.js';
import { identityDirection, type PixelType, type Vec3, type Volume } from '../../src/image/volume.js';

/** A deterministic volume (a fixed linear congruential sequence) with plateaus. */
function volume(size: Vec3, pixelType: PixelType, seed: number): Volume {
  const n = size[0] * size[1] * size[2];
  const data = pixelType === 'int16' ? new Int16Array(n) : new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    data[i] = i % 5 === 4 ? data[i - 1] : pixelType === 'int16' ? (s % 3000) - 1000 : ((s / 2147483648) * 200 - 70) * 10 ** ((s % 7) - 3);
  }
  return { data, size, spacing: [1, 1, 1], origin: [0, 0, 0], direction: identityDirection(), pixelType };
}

// Odd sizes (padded by wrap), odd run lengths (the kernel's scalar last output), boxes on the faces,
// no box, force2D (two axes), lines shorter than the filter (every output wraps around).
const cases: [Vec3, PixelType, VoxelBox | undefined, boolean][] = [
  [[17, 12, 9], 'float64', { lower: [3, 2, 4], size: [9, 7, 1] }, false],
  [[17, 12, 9], 'int16', { lower: [0, 0, 0], size: [5, 12, 3] }, false],
  [[16, 11, 8], 'float64', { lower: [10, 4, 5], size: [6, 7, 3] }, false],
  [[13, 10, 7], 'float64', undefined, false],
  [[2, 3, 4], 'float64', undefined, false],
  [[15, 9, 6], 'int16', { lower: [2, 1, 3], size: [11, 7, 1] }, true],
];

test('wavelet bands through the SIMD passes equal the JavaScript passes bit for bit, inside and outside the box', () => {
  for (const wavelet of ['coif1', 'db3', 'sym3']) {
    for (const [i, [size, pixelType, box, force2D]] of cases.entries()) {
      const image = volume(size, pixelType, 7 + i);
      const settings = { wavelet, level: 1, start_level: 0, force2D, force2Ddimension: 0 };
      assert.ok(swtnLevelSimd(image, force2D ? [0, 1] : [0, 1, 2], decompositionFilters(wavelet), box) !== null, 'the SIMD path applies');
      const simd = [...pyradiomicsWavelet(image, settings, box)];
      setWaveletSimd(false);
      let plain;
      try {
        plain = [...pyradiomicsWavelet(image, settings, box)];
      } finally {
        setWaveletSimd(true);
      }
      assert.deepEqual(simd.map((b) => b.name), plain.map((b) => b.name));
      simd.forEach((band, k) => {
        const a = band.image.data, b = plain[k].image.data;
        assert.equal(a.constructor, b.constructor);
        let differ = 0;
        for (let v = 0; v < a.length; v++) if (!Object.is(a[v], b[v])) differ++;
        assert.equal(differ, 0, `${wavelet} case ${i} (${size}, ${pixelType}) ${band.name}`);
      });
    }
  }
});

test('two wavelet decompositions consumed in turns give their own bands (the second one takes its own memory)', () => {
  const a = volume([14, 9, 8], 'float64', 1), b = volume([11, 10, 6], 'float64', 2);
  const settings = { wavelet: 'coif1', level: 1, start_level: 0, force2D: false, force2Ddimension: 0 };
  const ga = pyradiomicsWavelet(a, settings), gb = pyradiomicsWavelet(b, settings);
  const bandsA: Float64Array[] = [], bandsB: Float64Array[] = [];
  for (;;) {
    const na = ga.next(), nb = gb.next();
    if (na.done || nb.done) { assert.ok(na.done && nb.done); break; }
    bandsA.push(na.value.image.data as Float64Array);
    bandsB.push(nb.value.image.data as Float64Array);
  }
  setWaveletSimd(false);
  try {
    const plainA = [...pyradiomicsWavelet(a, settings)].map((x) => x.image.data);
    const plainB = [...pyradiomicsWavelet(b, settings)].map((x) => x.image.data);
    assert.deepEqual(bandsA, plainA);
    assert.deepEqual(bandsB, plainB);
  } finally {
    setWaveletSimd(true);
  }
});
