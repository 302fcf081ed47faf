/**
 * Shapiro-Wilk against R 4.2.2 shapiro.test, one case per branch of AS R94: n = 3 (exact),
 * n ≤ 5, 6 ≤ n ≤ 11, n ≥ 12 (here with many ties). e.g.
 * Rscript -e 's <- shapiro.test(c(1, 2, 4, 8.5, 3)); sprintf("%.17g", c(s$statistic, s$p.value))'
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shapiroWilk } from '../../src/stats/shapiro.js';
import { assertClose } from './assert-close.js';

const cases: [number[], number, number][] = [
  [[1.2, 3.4, 2.2], 0.99725274725274737, 0.89985028003722511],
  [[1, 2, 4, 8.5, 3], 0.88442942225186494, 0.32986703648977167],
  [[5.1, 4.9, 6.2, 5.8, 6.0, 5.5, 5.3, 7.1], 0.94527082081979419, 0.66356172876423059],
  [[2, 2, 2, 3, 3, 4, 5, 5, 5, 5, 6, 6, 7, 9, 12, 20], 0.766830867104349, 0.0010207884759777929],
];

test('W and p agree with R to 1e-12 in every branch', () => {
  for (const [x, w, p] of cases) {
    const r = shapiroWilk(x);
    assertClose(r.w, w, 1e-12, `W n=${x.length}`);
    assertClose(r.p, p, 1e-12, `p n=${x.length}`);
  }
});

test('scale and order invariance', () => {
  const a = shapiroWilk(cases[2][0]);
  const b = shapiroWilk(cases[2][0].map((v) => 1000 * v + 7).reverse());
  assertClose(b.w, a.w, 1e-13);
});

test('bad input: constant, too few values, missing values', () => {
  assert.throws(() => shapiroWilk([2, 2, 2, 2], 'Range'), /Shapiro-Wilk \(Range\): all 4 values are identical/);
  assert.throws(() => shapiroWilk([1, 2]), /sample size 2; it must be between 3 and 5000/);
  assert.throws(() => shapiroWilk([1, NaN, 2, 3], 'alb'), /Shapiro-Wilk \(alb\): value 2 of 4 is missing/);
});
