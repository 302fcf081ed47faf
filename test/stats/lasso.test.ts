import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv, numericColumn, stringColumn } from '../../src/stats/csv.js';
import { lassoLogistic } from '../../src/stats/lasso.js';
import { cvLassoLogistic, nonzeroAt, stratifiedFolds } from '../../src/stats/lasso-cv.js';

const here = dirname(fileURLToPath(import.meta.url));
const fx = join(here, '..', 'fixtures', 'stats');
const L = JSON.parse(readFileSync(join(fx, 'out', 'cohort_A', 'lasso.json'), 'utf8'));
const table = parseCsv(readFileSync(join(fx, 'data', 'cohort_A.csv'), 'utf8'), 'cohort_A.csv');
const train = stringColumn(table, 'split').map((s, i) => (s === 'train' ? i : -1)).filter((i) => i >= 0);
const feats: string[] = L.features;
const n = train.length;
const p = feats.length;
const x = new Float64Array(n * p);
feats.forEach((f, j) => {
  const c = numericColumn(table, f);
  train.forEach((i, k) => (x[j * n + k] = c[i]));
});
const y = Float64Array.from(train, (i) => numericColumn(table, 'er')[i]);
const foldid = Float64Array.from(train, (i) => numericColumn(table, 'cv_fold')[i]);

test('glmnet grid path at thresh 1e-14 (cohort A): coefficients at 1e-6, zero pattern exact', () => {
  const g = lassoLogistic(x, n, p, y, { lambda: L.grid_path.lambda, thresh: 1e-14, maxit: 1e7 });
  L.grid_path.path.forEach((r: any, l: number) => {
    feats.forEach((f, j) => {
      const a = g.beta[l * p + j];
      assert.equal(a === 0, r[f] === 0, `λ ${l} ${f} zero pattern`);
      if (r[f] !== 0) assert.ok(Math.abs(a - r[f]) <= 1e-6 * Math.abs(r[f]), `λ ${l} ${f}`);
    });
  });
});

test('glmnet default λ sequence: λ_max, length (early stop) and values', () => {
  const d = lassoLogistic(x, n, p, y);
  assert.ok(Math.abs(d.lambdaMax - L.lambda_max_formula) < 1e-12 * L.lambda_max_formula);
  assert.equal(d.lambda.length, L.default_path.nlambda);
  d.lambda.forEach((v, l) => assert.ok(Math.abs(v - L.default_path.lambda[l]) < 1e-12 * v));
});

test('cv.glmnet with fixed folds: cvm, lambda.min / lambda.1se indices and the selected set', () => {
  const cv = cvLassoLogistic(x, n, p, y, { lambda: L.grid_path.lambda, thresh: 1e-14, maxit: 1e7, foldid });
  cv.cvm.forEach((v, l) => assert.ok(Math.abs(v - L.cv_grid.cvm[l]) < 1e-6 * v));
  assert.equal(cv.indexMin + 1, L.cv_grid.index_min);
  assert.equal(cv.index1se + 1, L.cv_grid.index_1se);
  assert.deepEqual(nonzeroAt(cv.fit, cv.indexMin).map((j) => feats[j]), L.cv_grid.nonzero_min);
});

test('stratified seeded folds keep the class balance and are reproducible', () => {
  const f1 = stratifiedFolds(y, 10, 7);
  const f2 = stratifiedFolds(y, 10, 7);
  assert.deepEqual(f1, f2);
  for (let k = 1; k <= 10; k++) {
    const ones = train.filter((_, i) => f1[i] === k && y[i] === 1).length;
    assert.ok(ones >= 2 && ones <= 3, `fold ${k} has ${ones} events of 27`);
  }
});

test('bad input: missing value, one outcome class, constant feature, more features than rows', () => {
  const xs = Float64Array.from([1, 2, 3, 4, 5, 6, 2, 1, 4, 3, 6, NaN]);
  assert.throws(() => lassoLogistic(xs, 6, 2, [0, 1, 0, 1, 0, 1], { names: ['a', 'b'] }), /LASSO feature 'b', row 6: value is missing/);
  assert.throws(() => lassoLogistic(x, n, p, new Float64Array(n).fill(1)), /one outcome class has 0 rows/);
  // a constant column is excluded (coefficient 0), as glmnet does, and reported
  const xc = Float64Array.from(x);
  xc.fill(3, 0, n);
  const fc = lassoLogistic(xc, n, p, y, { lambda: [0.05], thresh: 1e-12 });
  assert.deepEqual(fc.excluded, [0]);
  assert.equal(fc.beta[0], 0);
  // p > n works (the LASSO's use case): 63 rows, 70 columns
  const wide = new Float64Array(n * 70);
  for (let j = 0; j < 70; j++) for (let i = 0; i < n; i++) wide[j * n + i] = x[(j % p) * n + i] + 0.01 * ((i * (j + 3)) % 7);
  const fw = lassoLogistic(wide, n, 70, y, { nlambda: 20 });
  assert.ok(fw.lambda.length > 5 && fw.df[fw.df.length - 1] > 0);
});
