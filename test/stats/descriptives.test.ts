/**
 * Descriptives against R 4.2.2. x <- c(2.5, -1, 3.75, 3.75, 10, 0.125, 7, 2);
 * pr <- c(0, .01, .1, .25, .5, .75, .9, .99, 1); sprintf("%.17g", quantile(x, pr, type = 7)) etc.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mean, median, quantile, sd, summarize, variance } from '../../src/stats/descriptives.js';
import { assertClose } from './assert-close.js';

const x = [2.5, -1, 3.75, 3.75, 10, 0.125, 7, 2];
const pr = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1];

test('mean, var, sd, median as R', () => {
  assert.equal(mean(x), 3.515625);
  assertClose(variance(x), 12.787667410714286, 1e-15);
  assertClose(sd(x), 3.5759848169020918, 1e-15);
  assert.equal(median(x), 3.125);
  assert.equal(median([4, 1, 3]), 3);
});

test('quantile types 7 and 6 as R (ties, extremes, n = 1)', () => {
  assertClose(quantile(x, pr, 7), [-1, -0.9212499999999999, -0.2124999999999998, 1.53125, 3.125, 4.5625, 7.8999999999999995, 9.7899999999999991, 10], 1e-15, 'type 7');
  assertClose(quantile(x, pr, 6), [-1, -1, -1, 0.59375, 3.125, 6.1875, 10, 10, 10], 1e-15, 'type 6');
  assert.deepEqual(Array.from(quantile([5], [0.1, 0.9], 7)), [5, 5]);
  assert.deepEqual(Array.from(quantile([5], [0.1, 0.9], 6)), [5, 5]);
});

test('summary of a constant variable: sd 0, all quantiles equal', () => {
  const s = summarize([3, 3, 3, 3]);
  assert.equal(s.sd, 0);
  assert.deepEqual([s.q1Type6, s.q3Type7, s.median], [3, 3, 3]);
});

test('missing values throw an error naming the variable', () => {
  assert.throws(() => mean([1, NaN, 3], 'afp'), /mean \(afp\): value 2 of 3 is missing \(NaN\)/);
  assert.throws(() => quantile([1, Infinity], [0.5], 7, 'alt'), /quantile \(type 7\) \(alt\): value 2 of 2 is infinite/);
  assert.throws(() => variance([1], 'alb'), /at least 2 needed/);
  assert.throws(() => quantile(x, [1.5]), /probability 1.5 is outside/);
});
