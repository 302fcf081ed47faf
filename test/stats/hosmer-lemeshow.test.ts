/**
 * Hosmer-Lemeshow against the reference harness's hoslem.test port (reference/stats R/lib.R
 * hosmer_lemeshow, R 4.2.2):
 * p <- c(.05, .12, .12, .2, .31, .33, .4, .45, .52, .6, .61, .7, .72, .8, .85, .9, .93, .95, .97, .99)
 * y <- c(0, 0, 1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1); hosmer_lemeshow(y, p, 10)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hosmerLemeshow } from '../../src/stats/hosmer-lemeshow.js';
import { assertClose } from './assert-close.js';

const p = [0.05, 0.12, 0.12, 0.2, 0.31, 0.33, 0.4, 0.45, 0.52, 0.6, 0.61, 0.7, 0.72, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.99];
const y = [0, 0, 1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1];

test('χ², p, breaks and cut() labels as R (g = 10 and g = 5)', () => {
  const h = hosmerLemeshow(y, p, 10);
  assertClose([h.chisq!, h.p!], [9.1058917415978993, 0.3334420122176176], 1e-12);
  assert.equal(h.df, 8);
  assertClose(h.breaks, [0.05, 0.12, 0.28800000000000009, 0.37900000000000006, 0.4920000000000001, 0.60499999999999998, 0.70799999999999996, 0.81500000000000017, 0.90600000000000014, 0.95200000000000007, 0.98999999999999999], 1e-15);
  assert.deepEqual(
    h.groups.map((g) => g.group),
    ['[0.05,0.12]', '(0.12,0.288]', '(0.288,0.379]', '(0.379,0.492]', '(0.492,0.605]', '(0.605,0.708]', '(0.708,0.815]', '(0.815,0.906]', '(0.906,0.952]', '(0.952,0.99]'],
  );
  const h5 = hosmerLemeshow(y, p, 5);
  assertClose([h5.chisq!, h5.p!], [1.4911868379583082, 0.68430589233095429], 1e-12);
});

test('a one-class outcome is computed as R does (a huge χ²), not refused', () => {
  const h = hosmerLemeshow(new Array(20).fill(0), p, 10);
  assertClose(h.chisq!, 158.999693211882, 1e-12);
  // R's 1 − pchisq() rounds to 0; the upper tail computed directly keeps its (tiny) value
  assert.ok(h.p! > 0 && h.p! < 1e-12);
});

test('empty bins give chisq null plus the empty-groups-dropped fallback', () => {
  const ph = [0.1, 0.2, 0.2, 0.2, 0.35, 0.5, 0.5, 0.7, 0.8, 0.9];
  const h = hosmerLemeshow([0, 0, 1, 0, 0, 1, 0, 1, 1, 1], ph, 10);
  assert.equal(h.chisq, null);
  assert.equal(h.p, null);
  assert.ok(h.nGroupsNonempty < h.groups.length);
  assert.ok(Number.isFinite(h.chisqEmptyGroupsDropped));
});

test('bad input: equal predictions, non-binary outcome, missing prediction, too few groups', () => {
  assert.throws(() => hosmerLemeshow([0, 1, 0], [0.3, 0.3, 0.3]), /all 3 predictions are equal/);
  assert.throws(() => hosmerLemeshow([0, 2], [0.1, 0.2]), /outcome: value 2 is 2; the outcome must be coded 0\/1/);
  assert.throws(() => hosmerLemeshow([0, 1], [0.1, NaN]), /predictions: value 2 of 2 is missing/);
  assert.throws(() => hosmerLemeshow(y, p, 2), /at least 3 groups/);
});
