/**
 * Chi-square and Fisher's exact test against R 4.2.2:
 * t33 <- matrix(c(3,1,0, 2,4,1, 0,2,6), 3, byrow = TRUE); fisher.test(t33)$p.value; chisq.test(t33)
 * t22 <- matrix(c(0, 5, 6, 1), 2, byrow = TRUE); fisher.test(t22)$p.value; chisq.test(t22) (Yates)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chisqTest } from '../../src/stats/chisq.js';
import { fisherExact } from '../../src/stats/fisher.js';
import { assertClose } from './assert-close.js';

test('3 x 3 Fisher (network-algorithm table in R) and Pearson with the small-E warning', () => {
  const t33 = [
    [3, 1, 0],
    [2, 4, 1],
    [0, 2, 6],
  ];
  assertClose(fisherExact(t33), 0.017084996187163297, 1e-12);
  const c = chisqTest(t33);
  assertClose([c.chisq, c.p], [12.56326530612245, 0.013619161412381928], 1e-12);
  assert.equal(c.df, 4);
  assert.deepEqual(c.warnings, ['Chi-squared approximation may be incorrect']);
});

test('2 x 2 with a zero cell: Fisher and Yates', () => {
  const t22 = [
    [0, 5],
    [6, 1],
  ];
  assertClose(fisherExact(t22), 0.015151515151515155, 1e-12);
  const y = chisqTest(t22, true);
  assertClose([y.chisq, y.p], [5.4857142857142858, 0.019172484755223079], 1e-12);
});

test('bad input: empty row, negative or fractional counts, 1-row table', () => {
  assert.throws(() => chisqTest([[0, 0], [3, 4]], false, 'sex'), /chi-square test \(sex\): row 1 is empty/);
  assert.throws(() => fisherExact([[1.5, 2], [3, 4]]), /non-negative integers/);
  assert.throws(() => chisqTest([[1, 2]]), /at least 2 are needed/);
  // an empty row carries no information: Fisher drops it, as R does
  assertClose(fisherExact([[0, 0], [3, 1], [1, 4]]), fisherExact([[3, 1], [1, 4]]), 1e-15);
});
