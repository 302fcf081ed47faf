/**
 * Student/Welch t, one-way ANOVA and Levene against R 4.2.2:
 * a <- c(5.1, 4.9, 6.2, 5.8, 6.0, 5.5, 5.3); b <- c(4.1, 5.2, 3.9, 4.4, 4.8, 3.3, 4.0, 4.6, 4.2)
 * c3 <- c(6.1, 7.7, 5.9, 8.8, 7.0); t.test(a, b, var.equal = TRUE); t.test(a, b);
 * oneway.test(y ~ g, var.equal = TRUE); car::leveneTest(y, g, center = mean / median).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { studentT, welchT } from '../../src/stats/ttest.js';
import { oneWayAnova } from '../../src/stats/anova.js';
import { levene } from '../../src/stats/levene.js';
import { assertClose } from './assert-close.js';

const a = [5.1, 4.9, 6.2, 5.8, 6.0, 5.5, 5.3];
const b = [4.1, 5.2, 3.9, 4.4, 4.8, 3.3, 4.0, 4.6, 4.2];
const c3 = [6.1, 7.7, 5.9, 8.8, 7.0];

test('Student and Welch t as R', () => {
  const s = studentT(a, b);
  assertClose([s.t, s.df, s.p, ...s.ci95], [4.7977735930683236, 14, 0.00028374951881931728, 0.69954092756287622, 1.8306178025958535], 1e-12, 'student');
  const w = welchT(a, b);
  assertClose([w.t, w.df, w.p, ...w.ci95], [4.8912967744497573, 13.78643221210614, 0.00024885312943217374, 0.70954692602181035, 1.8206118041369199], 1e-12, 'welch');
});

test('one-way ANOVA with 3 groups and Levene (mean, median) as R', () => {
  const f = oneWayAnova([a, b, c3]);
  assertClose([f.F, f.p], [24.462268549353936, 7.3651935188499965e-6], 1e-12, 'anova');
  assert.deepEqual([f.df1, f.df2], [2, 18]);
  const lm = levene([a, b, c3], 'mean');
  assertClose([lm.F, lm.p], [3.4207778428256383, 0.055060916766200459], 1e-12, 'levene mean');
  const ld = levene([a, b, c3], 'median');
  assertClose([ld.F, ld.p], [2.8294314381270906, 0.085409807205668709], 1e-12, 'levene median');
});

test('ANOVA F of two groups equals Student t squared', () => {
  assertClose(oneWayAnova([a, b]).F, studentT(a, b).t ** 2, 1e-13);
});

test('bad input: constant data, one value per group, missing values', () => {
  assert.throws(() => studentT([3, 3, 3], [3, 3, 3], 'age'), /Student t test \(age\): the data are essentially constant/);
  assert.throws(() => welchT([1], [2, 3]), /each group needs at least 2 values/);
  assert.throws(() => studentT([1, NaN, 3], [1, 2, 3], 'tbil'), /Student t test \(tbil\), group x: value 2 of 3 is missing/);
  assert.throws(() => oneWayAnova([[2, 2], [5, 5]]), /within-group variance 0/);
});
