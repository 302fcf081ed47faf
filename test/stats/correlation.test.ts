/**
 * Spearman and Pearson against R 4.2.2:
 * sx <- c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3); sy <- c(2, 7, 1, 8, 2, 8, 1, 8, 2, 8)
 * cor(sx, sy, method = "spearman"); cor(sx, sy)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pearson, spearman, spearmanMatrix } from '../../src/stats/correlation.js';
import { averageRanks } from '../../src/stats/ranks.js';
import { assertClose } from './assert-close.js';

const sx = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
const sy = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8];

test('Spearman with ties in both variables and Pearson as R', () => {
  assertClose(spearman(sx, sy), 0.13471506281091269, 1e-13);
  assertClose(pearson(sx, sy), 0.10492284287735879, 1e-13);
  const m = spearmanMatrix([sx, sy, sx]);
  assertClose([m[1], m[2], m[5]], [0.13471506281091269, 1, 0.13471506281091269], 1e-13);
});

test('average ranks as R rank()', () => {
  assert.deepEqual(Array.from(averageRanks([3, 1, 4, 1, 5])), [3, 1.5, 4, 1.5, 5]);
});

test('bad input: constant column (named), length mismatch, missing values', () => {
  assert.throws(() => spearmanMatrix([sx, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]], ['a', 'flat']), /Spearman matrix: flat is constant/);
  assert.throws(() => spearman([1, 2], [1, 2, 3]), /lengths differ/);
  assert.throws(() => spearman([1, NaN, 2], [1, 2, 3], 'Energy'), /Spearman correlation \(Energy\), x: value 2 of 3 is missing/);
});
