/**
 * First-order statistics as NumPy computes them for PyRadiomics: numpy.percentile's linear method,
 * the median, population moments, flat regions, IBSI's excess kurtosis. The values on real cases
 * against PyRadiomics are in pyradiomics-parity.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstorderClass, pairwiseSum, percentile } from '../../src/features/firstorder.js';
import { defaultSettings, type Settings } from '../../src/features/settings.js';
import { enabledFeatureNames } from '../../src/features/names.js';

function run(values: number[], patch: Partial<Settings> = {}, bins?: number[]) {
  const image = Float64Array.from(values);
  const mask = new Uint8Array(values.length).fill(1);
  const binned = Int32Array.from(bins ?? values.map(() => 1));
  const settings = { ...defaultSettings(), ...patch };
  return firstorderClass.compute(
    { image, mask, morphologicalMask: mask, size: [values.length, 1, 1], spacing: [1, 2, 3], binned, ng: Math.max(...binned), settings },
    enabledFeatureNames(firstorderClass, null),
  );
}

test('numpy.percentile linear method: known values', () => {
  const s = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(percentile(s, 10), 1.9); // numpy.percentile(range(1, 11), 10)
  assert.equal(percentile(s, 90), 9.1);
  assert.equal(percentile(s, 25), 3.25);
  assert.equal(percentile(Float64Array.from([1, 2, 3, 4]), 75), 3.25);
});

test('pairwise summation matches the exact sum of integers at every block boundary', () => {
  for (const n of [1, 7, 8, 9, 127, 128, 129, 300, 1025]) {
    const a = Float64Array.from({ length: n }, (_, i) => i * 3 - 100);
    assert.equal(pairwiseSum(a), (n * (3 * (n - 1) - 200)) / 2);
  }
});

test('first order on 1..10 with a shift: definitions as in PyRadiomics', () => {
  const r = run([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { voxelArrayShift: 10 }, [1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
  assert.equal(r.get('Mean'), 5.5);
  assert.equal(r.get('Median'), 5.5);
  assert.equal(r.get('Variance'), 8.25);
  assert.equal(r.get('Range'), 9);
  assert.equal(r.get('InterquartileRange'), 4.5);
  assert.equal(r.get('MeanAbsoluteDeviation'), 2.5);
  // voxels within [1.9, 9.1]: 2..9, mean 5.5, mean |x - 5.5| = 2
  assert.equal(r.get('RobustMeanAbsoluteDeviation'), 2);
  // sum (x + 10)^2 for x = 1..10
  assert.equal(r.get('Energy'), 2485);
  assert.equal(r.get('TotalEnergy'), 2485 * 6);
  assert.equal(r.get('RootMeanSquared'), Math.sqrt(248.5));
  assert.equal(r.get('Entropy'), -2 * 0.5 * Math.log2(0.5 + 2.220446049250313e-16));
  assert.equal(r.get('Uniformity'), 0.5);
  assert.ok(Math.abs(r.get('Skewness')!) < 1e-15);
  // kurtosis of a discrete uniform on 10 points: mu4 / mu2^2 = 1.7757575...
  assert.ok(Math.abs(r.get('Kurtosis')! - 1.7757575757575757) < 1e-14);
});

test('a flat region: skewness and kurtosis are 0 as in PyRadiomics; IBSI kurtosis is 3 less', () => {
  const r = run([5, 5, 5, 5]);
  assert.equal(r.get('Skewness'), 0);
  assert.equal(r.get('Kurtosis'), 0);
  assert.equal(r.get('Variance'), 0);
  assert.equal(r.get('Entropy'), -Math.log2(1 + 2.220446049250313e-16));
  const k = run([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { ibsi: true }).get('Kurtosis')!;
  assert.ok(Math.abs(k - (1.7757575757575757 - 3)) < 1e-14);
});

test('IBSI mode ignores voxelArrayShift in Energy and RMS', () => {
  const r = run([1, 2, 3], { ibsi: true, voxelArrayShift: 1000 });
  assert.equal(r.get('Energy'), 14);
  assert.equal(r.get('RootMeanSquared'), Math.sqrt(14 / 3));
});

test('firstorder order: PyRadiomics sorts by method name (MeanAbsoluteDeviation before Mean)', () => {
  const names = firstorderClass.features.map((f) => f.name);
  assert.ok(names.indexOf('MeanAbsoluteDeviation') < names.indexOf('Mean'));
  assert.equal(names[0], '10Percentile');
  assert.deepEqual(firstorderClass.features.filter((f) => !f.byDefault).map((f) => f.name), ['StandardDeviation']);
  assert.equal(names.length, 19);
});
