/**
 * The baseline-table rule on small data: reported test choice, dropped empty levels, Yates only
 * for 2 × 2, and the errors for missing values, unknown levels and constant variables. (Cohort A's
 * four blocks are checked against R in test/stats-parity/checks/baseline.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareCategorical, compareContinuous } from '../../src/stats/baseline.js';

const g = ['1', '1', '1', '1', '0', '0', '0', '0', '0'];

test('categorical: empty level dropped, Yates for the remaining 2 x 2, uncorrected Pearson reported', () => {
  const r = compareCategorical(['a', 'b', 'a', 'a', 'b', 'b', 'a', 'b', 'b'], g, ['a', 'b', 'c'], ['1', '0'], 'sex');
  assert.deepEqual(r.counts, [[3, 1], [1, 4], [0, 0]]);
  assert.deepEqual(r.emptyLevelsDropped, ['c']);
  assert.ok(r.yates !== null);
  assert.equal(r.reported.test, 'pearson_chisq_uncorrected');
  assert.equal(r.reported.p, r.pearson.p);
  assert.deepEqual(r.pearson.warnings, ['Chi-squared approximation may be incorrect']);
});

test('continuous: Student t reported when both groups look normal, else Mann-Whitney W', () => {
  const x = [5.1, 4.9, 6.2, 5.8, 6.0, 5.5, 5.3];
  const y = [4.1, 5.2, 3.9, 4.4, 4.8, 3.3, 4.0, 4.6, 4.2];
  const a = compareContinuous(x, y, ['1', '0'], 'alb');
  assert.equal(a.reported.test, 't_student');
  assert.equal(a.reported.p, a.tStudent.p);
  const b = compareContinuous([1, 1.1, 1.2, 1.3, 1.4, 9, 30], y, ['1', '0'], 'afp');
  assert.equal(b.reported.test, 'mann_whitney_r_default');
  assert.equal(b.reported.statistic, b.mannWhitney.W);
});

test('bad input: missing value, unknown level, constant variable, constant group', () => {
  assert.throws(() => compareCategorical(['a', null, 'a', 'a', 'b', 'b', 'a', 'b', 'b'], g, ['a', 'b'], ['1', '0'], 'sex'), /baseline, sex: subject 2 has a missing value/);
  assert.throws(() => compareCategorical(['a', 'x', 'a', 'a', 'b', 'b', 'a', 'b', 'b'], g, ['a', 'b'], ['1', '0'], 'sex'), /value 'x' of subject 2 is not one of the levels a, b/);
  assert.throws(() => compareCategorical(new Array(9).fill('a'), g, ['a', 'b'], ['1', '0'], 'child_pugh'), /only one level \(a\) is observed/);
  assert.throws(() => compareContinuous([3, 3, 3], [1, 2, 4], ['1', '0'], 'tumor_size'), /Shapiro-Wilk \(tumor_size, group 1\): all 3 values are identical/);
  assert.throws(() => compareContinuous([1, NaN, 3], [1, 2, 4], ['1', '0'], 'age'), /summary \(age, group 1\): value 2 of 3 is missing/);
});
