import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv, numericColumn, stringColumn } from '../../src/stats/csv.js';
import { nomogramScale, nomogramScore, nomogramAxisValues } from '../../src/stats/nomogram.js';

const here = dirname(fileURLToPath(import.meta.url));
const fx = join(here, '..', 'fixtures', 'stats');
const N = JSON.parse(readFileSync(join(fx, 'out', 'cohort_A', 'nomogram.json'), 'utf8'));
const pred = parseCsv(readFileSync(join(fx, 'out', 'cohort_A', 'predictions.csv'), 'utf8'), 'predictions.csv');
const data = parseCsv(readFileSync(join(fx, 'data', 'cohort_A.csv'), 'utf8'), 'cohort_A.csv');
const train = stringColumn(data, 'split').map((s, i) => (s === 'train' ? i : -1)).filter((i) => i >= 0);
const col = (t: typeof data, c: string) => Float64Array.from(train, (i) => numericColumn(t, c)[i]);

// the rms coefficients of nomogram.json, the training values of the CSV files
const b = N.coefficients;
const predictors = [
  { name: 'radscore', coefficient: b.radscore, values: col(pred, 'radscore') },
  { name: 'alb', coefficient: b.alb, values: col(data, 'alb') },
  { name: 'tumor_number', coefficient: b.tumor_number, values: col(data, 'tumor_number') },
];

test('axis values: ≤ 10 unique values kept, else pretty(range, 10), or the observed range', () => {
  assert.deepEqual(nomogramAxisValues([3, 1, 2, 2, 1]), [1, 2, 3]);
  assert.deepEqual(nomogramAxisValues(col(data, 'alb')), N.default.axes.alb.values);
  assert.deepEqual(nomogramAxisValues(col(data, 'alb'), 'observedRange'), N.observed_range.axes.alb.values);
});

for (const [mode, key] of [
  ['default', 'default'],
  ['observedRange', 'observed_range'],
] as const) {
  test(`rms nomogram scale (${key}): sc, intercept + Σ min, points, probability ↔ total points`, () => {
    const R = N[key];
    const s = nomogramScale(b.Intercept, predictors, { mode });
    assert.ok(Math.abs(s.sc - R.sc) < 1e-12 * R.sc);
    assert.ok(Math.abs(s.interceptPlusSumMin - R.intercept_plus_sum_min) < 1e-12);
    s.axes.forEach((a) => a.points.forEach((pt, k) => assert.ok(Math.abs(pt - R.axes[a.name].points[k]) < 1e-10)));
    s.probabilityToTotalPoints.forEach((r, k) => assert.ok(Math.abs(r.totalPoints - N.probability_to_total_points[key][k].total_points) < 1e-10));
    const patient = nomogramScore(s, { radscore: 1.2, alb: 38.5, tumor_number: 2 });
    const lp = b.Intercept + b.radscore * 1.2 + b.alb * 38.5 + b.tumor_number * 2;
    assert.ok(Math.abs(patient.linearPredictor - lp) < 1e-12);
  });
}

test('bad input: missing predictor value, no usable predictor', () => {
  const s = nomogramScale(b.Intercept, predictors);
  assert.throws(() => nomogramScore(s, { radscore: 1, alb: NaN, tumor_number: 1 }), /value of 'alb' is missing/);
  assert.throws(() => nomogramScale(0, [{ name: 'x', coefficient: 0, values: [1, 2] }]), /zero coefficient or a single axis value/);
});
