/**
 * The shortcuts preprocessing takes give the very numbers of the plain computations: normalisation
 * fused into B-spline resampling, exact integer sums for the normalisation statistics and the
 * diagnostics' means.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identityDirection, type PixelType, type Vec3, type Volume } from '../../src/image/volume.js';
import {
  imageDiagnostics, imageMeanSigma, normalizationMap, normalizeImage, numpySum, pyFloat, resampleCase,
} from '../../src/image/preprocess/index.js';
import { exactSums, voxelStats } from '../../src/image/preprocess/voxel-stats.js';
import { numpySumMinMax } from '../../src/image/preprocess/numpy-sum.js';

function volume(size: Vec3, pixelType: PixelType, value: (i: number) => number): Volume {
  const n = size[0] * size[1] * size[2];
  const data = pixelType === 'int16' ? new Int16Array(n) : pixelType === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = value(i);
  return { data, size, spacing: [0.9, 0.95, 2.7], origin: [3, -2, 1], direction: identityDirection(), pixelType };
}

const wave = (i: number) => Math.round(Math.sin(i * 0.77) * 900 + (i % 23) * 11);

test('normalisation fused into B-spline resampling equals normalising, then resampling, bit for bit', () => {
  const size: Vec3 = [40, 36, 14];
  for (const [pixelType, value] of [['int16', wave], ['float32', (i: number) => wave(i) + 0.37], ['float64', (i: number) => Math.cos(i) * 1e3]] as const) {
    const image = volume(size, pixelType, value);
    const mask = volume(size, 'int16', () => 0);
    const roi = { ...mask, data: new Uint8Array(mask.data.length), pixelType: 'uint8' as const };
    for (let z = 5; z <= 8; z++) for (let y = 10; y <= 20; y++) for (let x = 12; x <= 25; x++) roi.data[x + 40 * (y + 36 * z)] = 1;
    for (const options of [{ scale: 100 }, { scale: 1, removeOutliers: 1.5 }]) {
      const settings = { resampledPixelSpacing: [1, 1, 1] as [number, number, number], interpolator: 'bspline' as const, padDistance: 5 };
      const plain = resampleCase(normalizeImage(image, options), roi, settings);
      const fused = resampleCase(image, roi, settings, {}, undefined, normalizationMap(image, options));
      assert.equal(fused.image.pixelType, 'float64');
      assert.deepEqual(fused.image.size, plain.image.size);
      let differ = 0;
      for (let i = 0; i < plain.image.data.length; i++) if (!Object.is(plain.image.data[i], fused.image.data[i])) differ++;
      assert.equal(differ, 0, `${pixelType} ${JSON.stringify(options)}: ${differ} voxels differ`);
      assert.deepEqual(fused.mask.data, plain.mask.data);
    }
  }
});

/** itk::StatisticsImageFilter's mean and sample SD with compensated (Kahan) sums, written plainly. */
function kahanMeanSigma(d: ArrayLike<number>): { mean: number; sigma: number } {
  let sum = 0, c = 0, sq = 0, cq = 0;
  for (let i = 0; i < d.length; i++) {
    let y = d[i] - c; let t = sum + y; c = (t - sum) - y; sum = t;
    y = d[i] * d[i] - cq; t = sq + y; cq = (t - sq) - y; sq = t;
  }
  return { mean: sum / d.length, sigma: Math.sqrt((sq - (sum * sum) / d.length) / (d.length - 1)) };
}

test('normalisation statistics: exact integer sums where they apply, the compensated sums otherwise, same numbers', () => {
  const n = 100003;
  const cases: [string, ArrayLike<number>][] = [
    ['int16', Int16Array.from({ length: n }, (_, i) => wave(i))],
    ['float32 integers', Float32Array.from({ length: n }, (_, i) => wave(i) + 3000)],
    ['float64 integers beyond 2^53 / n', Float64Array.from({ length: n }, (_, i) => wave(i) * 1e6)],
    ['float32 fractions', Float32Array.from({ length: n }, (_, i) => wave(i) / 7)],
    ['float64 with NaN', Float64Array.from({ length: n }, (_, i) => (i === 500 ? NaN : wave(i)))],
  ];
  for (const [name, data] of cases) {
    const ours = imageMeanSigma(data), ref = kahanMeanSigma(data);
    assert.ok(Object.is(ours.mean, ref.mean) && Object.is(ours.sigma, ref.sigma), `${name}: ${JSON.stringify(ours)} vs ${JSON.stringify(ref)}`);
  }
});

test('diagnostics image mean is NumPy\'s pairwise mean for integer-valued float images too', () => {
  const size: Vec3 = [60, 50, 7];
  for (const [pixelType, value] of [['float32', (i: number) => wave(i) + 2000], ['float64', (i: number) => wave(i) / 3]] as const) {
    const image = volume(size, pixelType, value);
    const mean = imageDiagnostics(image, 'original').find(([k]) => k.endsWith('_Mean'))![1];
    assert.equal(mean, pyFloat(0 + numpySum(image.data) / image.data.length), pixelType);
  }
});

test('voxel statistics of 8- and 16-bit images counted per value equal the plain sums, minimum and maximum', () => {
  const n = 70001; // above the size from which values are counted
  const cases: [string, Int8Array | Uint8Array | Int16Array | Uint16Array, number, number][] = [
    ['int16', Int16Array.from({ length: n }, (_, i) => (i === 7 ? -32768 : i === 9 ? 32767 : wave(i))), -32768, 32767],
    ['uint16', Uint16Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : (i * 7919) % 65536)), 0, 65535],
    ['int8', Int8Array.from({ length: n }, (_, i) => ((i * 31) % 256) - 128), -128, 127],
    ['uint8', Uint8Array.from({ length: n }, (_, i) => (i * 13) % 200 + 3), 3, 202],
  ];
  for (const [name, data, min, max] of cases) {
    let sum = 0, sumOfSquares = 0, lo = Infinity, hi = -Infinity;
    for (const x of data) {
      sum += x; sumOfSquares += x * x;
      lo = Math.min(lo, x); hi = Math.max(hi, x);
    }
    const s = voxelStats(data);
    assert.deepEqual([s.n, s.min, s.max, s.integral], [n, min, max, true], name);
    assert.equal(lo, min, name);
    assert.equal(hi, max, name);
    // both sums are exact here (n max^2 <= 2^53), so any order gives these numbers
    assert.ok(exactSums(s), name);
    assert.equal(s.sum, sum, name);
    assert.equal(s.sumOfSquares, sumOfSquares, name);
  }
});

test('numpySumMinMax: numpySum\'s sum and a scan\'s extremes in one pass (first of -0 and 0 kept, NaN ignored)', () => {
  const cases: [string, ArrayLike<number>][] = [
    ['float64 fractions', Float64Array.from({ length: 100003 }, (_, i) => Math.sin(i) * 1e3 / 7)],
    ['int16', Int16Array.from({ length: 5000 }, (_, i) => wave(i))],
    ['zeros -0 first', Float64Array.from([-0, 0, 0, -0, 1e-300, -0])],
    ['zeros 0 first', Float64Array.from({ length: 300 }, (_, i) => (i % 2 ? -0 : 0))],
    ['NaN inside', Float64Array.from({ length: 1000 }, (_, i) => (i % 97 === 3 ? NaN : i - 500))],
    ['empty', new Float64Array(0)],
  ];
  for (const [name, a] of cases) {
    let min = Infinity, max = -Infinity;
    for (let i = 0; i < a.length; i++) {
      if (a[i] < min) min = a[i];
      if (a[i] > max) max = a[i];
    }
    const r = numpySumMinMax(a);
    assert.ok(Object.is(r.sum, numpySum(a)), `${name}: sum ${r.sum} vs ${numpySum(a)}`);
    assert.ok(Object.is(r.min, min) && Object.is(r.max, max), `${name}: ${r.min}, ${r.max} vs ${min}, ${max}`);
  }
});
