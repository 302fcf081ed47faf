/**
 * lowess against R 4.2.2 with robustness iterations, ties in x and a small span:
 * lx <- c(1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12)
 * ly <- c(2.1, 3.9, 3.5, 6.2, 8.1, 9.7, 30, 14.2, 16.1, 17.8, 20.5, 24.0)
 * lowess(lx, ly)$y; lowess(lx, ly, iter = 0)$y; lowess(lx, ly, f = 0.3, iter = 1)$y
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowess } from '../../src/stats/lowess.js';
import { assertClose } from './assert-close.js';

const lx = [1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12];
const ly = [2.1, 3.9, 3.5, 6.2, 8.1, 9.7, 30, 14.2, 16.1, 17.8, 20.5, 24.0];

test('default iter = 3 down-weights the outlier as R', () => {
  assertClose(lowess(lx, ly).y, [1.9349880060955176, 3.942441832098265, 3.942441832098265, 5.9343458802890234, 7.9380073759329068, 9.9654145836106025, 12.014999951922459, 14.013062020115662, 16.08865980541071, 18.115417602184461, 20.10757543425996, 24.101933425950804], 1e-12, 'iter 3');
});

test('iter = 0 and a span too small for a slope (f = 0.3) as R', () => {
  assertClose(lowess(lx, ly, { iter: 0 }).y, [1.2434443356752816, 3.8069423895186811, 3.8069423895186811, 6.6438154145535693, 10.009624339042308, 14.59446413723688, 15.892660457565837, 17.721561259030473, 18.478284568624602, 19.255996816806952, 20.310356215254313, 22.768773791956558], 1e-12, 'iter 0');
  assertClose(lowess(lx, ly, { f: 0.3, iter: 1 }).y, [2.1, 3.7, 3.7, 6.2, 8.1, 9.7, 30, 14.2, 16.1, 17.8, 20.499999999999975, 23.999999999999979], 1e-12, 'f 0.3');
});

test('input order does not matter: x is sorted (stably) first', () => {
  const perm = [5, 0, 11, 3, 2, 8, 1, 10, 4, 7, 6, 9];
  const a = lowess(perm.map((i) => lx[i]), perm.map((i) => ly[i]));
  assertClose(a.y, lowess(lx, ly).y, 1e-14);
  assert.deepEqual(Array.from(a.x), lx);
});

test('bad input: missing values and mismatched lengths', () => {
  assert.throws(() => lowess([1, 2, NaN], [1, 2, 3]), /lowess, x: value 3 of 3 is missing/);
  assert.throws(() => lowess([1, 2], [1]), /x has 2 values but y has 1/);
});
