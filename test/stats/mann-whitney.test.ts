/**
 * Mann-Whitney against R 4.2.2 wilcox.test (two-sided) and pwilcox, e.g.
 * Rscript -e 'w <- wilcox.test(c(1, 5), c(2, 3, 4, 6)); sprintf("%.17g", c(w$statistic, w$p.value))'
 * Rscript -e 'sprintf("%.17g", pwilcox(c(0, 10, 31, 62, 200, 499), 20, 25))'
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mannWhitney, pwilcox } from '../../src/stats/mann-whitney.js';
import { assertClose } from './assert-close.js';

test('exact p as R, including W at the centre and a group of one', () => {
  const a = [5.1, 4.9, 6.2, 5.8, 6.0, 5.5, 5.3];
  const b = [4.1, 5.2, 3.9, 4.4, 4.8, 3.3, 4.0, 4.6, 4.2];
  const r = mannWhitney(a, b);
  assert.equal(r.W, 61);
  assert.equal(r.rDefaultIsExact, true);
  assertClose(r.pRDefault, 0.0006993006993006993, 1e-13);
  assertClose(mannWhitney([1, 2, 3], [4, 5, 6, 7]).pExact!, 0.057142857142857141, 1e-13);
  const mid = mannWhitney([1, 5], [2, 3, 4, 6]);
  assert.equal(mid.W, 3);
  assertClose(mid.pExact!, 0.8, 1e-13);
  const one = mannWhitney([3.5], [1, 2, 4, 5, 6]);
  assert.equal(one.W, 2);
  assert.equal(one.pExact, 1);
});

test('pwilcox tails as R', () => {
  const q = [0, 10, 31, 62, 200, 499];
  const lo = [3.1547026790370848e-13, 4.385036723861548e-11, 1.1042405787433508e-8, 2.2506797224025734e-6, 0.13053022092371921, 0.99999999999968447];
  const up = [0.99999999999968447, 0.99999999995614963, 0.99999998895759423, 0.99999774932027763, 0.86946977907628076, 3.1547026790370848e-13];
  assertClose(q.map((v) => pwilcox(v, 20, 25)), lo, 1e-12, 'lower');
  assertClose(q.map((v) => pwilcox(v, 20, 25, false)), up, 1e-12, 'upper');
});

test('ties: normal approximation with continuity correction and R\'s warning', () => {
  const r = mannWhitney([1, 1, 2, 2, 3], [2, 2, 3, 3, 3, 4]);
  assert.equal(r.W, 5.5);
  assert.equal(r.pExact, null);
  assert.equal(r.rDefaultIsExact, false);
  assert.deepEqual(r.rDefaultWarnings, ['cannot compute exact p-value with ties']);
  assertClose(r.pRDefault, 0.084043200257287301, 1e-12);
});

test('bad input: ties everywhere, empty group, missing values', () => {
  assert.throws(() => mannWhitney([2, 2, 2], [2, 2], 'Range'), /Mann-Whitney test \(Range\): all 5 values are tied/);
  assert.throws(() => mannWhitney([], [1, 2]), /each group needs at least one value/);
  assert.throws(() => mannWhitney([1, 2], [NaN, 1], 'afp'), /Mann-Whitney test \(afp\), group y: value 1 of 2 is missing/);
});

test('large tie-free groups: normal approximation, no exact p beyond 10000 pairs', () => {
  const x = Array.from({ length: 120 }, (_, i) => i * 1.5 + 0.25);
  const y = Array.from({ length: 100 }, (_, i) => i * 1.7);
  const r = mannWhitney(x, y);
  assert.equal(r.pExact, null);
  assert.equal(r.rDefaultIsExact, false);
  assert.equal(r.pRDefault, r.pNormalContinuity);
});
