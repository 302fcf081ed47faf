/**
 * OrderStatistics gives exactly the values of a full ascending sort (Float64Array.prototype.sort),
 * position by position, in any query order: ties, many duplicates, -0 and +0 (a sort puts -0
 * first), NaN (a sort puts it last), tiny and sorted samples.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OrderStatistics, sampleRange } from '../../src/features/order-statistics.js';

/** Deterministic pseudo-random numbers in [0, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function check(values: Float64Array, queries: number[]): void {
  const sorted = values.slice().sort();
  const order = new OrderStatistics(values);
  for (const k of queries) assert.ok(Object.is(order.at(k), sorted[k]), `position ${k}: ${order.at(k)} vs ${sorted[k]}`);
  assert.deepEqual(Array.from(values), Array.from(values), 'the sample itself is not reordered');
}

test('every position of random samples with ties, in random query order', () => {
  const rnd = lcg(7);
  for (const [n, levels] of [[1, 3], [2, 2], [7, 3], [100, 5], [1000, 1000000], [5000, 12], [20000, 3]]) {
    const values = Float64Array.from({ length: n }, () => Math.floor(rnd() * levels) - levels / 3);
    const queries = Array.from({ length: n }, (_, k) => k).sort(() => rnd() - 0.5);
    check(values, queries);
  }
});

test('zeros take the sign a sort gives them; NaN is sorted last', () => {
  check(Float64Array.from([0, -0, 1, -0, 0, -2]), [0, 1, 2, 3, 4, 5]);
  check(Float64Array.from([0, -0, 0, -0]), [3, 2, 1, 0]);
  check(Float64Array.from([-0, 0, 5]), [1, 0]);
  check(Float64Array.from([3, NaN, -1, 0, -0]), [4, 0, 1, 2, 3]);
});

test('sorted, reversed and constant samples (worst cases for naive pivots)', () => {
  const n = 30000;
  check(Float64Array.from({ length: n }, (_, i) => i), [0, 3000, 15000, 27000, n - 1, 14999]);
  check(Float64Array.from({ length: n }, (_, i) => n - i), [n - 1, 0, 15000, 7500, 22500]);
  check(new Float64Array(n).fill(4.5), [0, n - 1, 12345]);
  const organ = Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? i : n - i));
  check(organ, [0, 3000, 15000, 27000, n - 1]);
});

test('skewed samples (crowded buckets are bucketed again)', () => {
  const rnd = lcg(11);
  const n = 50000;
  const skewed = Float64Array.from({ length: n }, (_, i) => (i === 17 ? 1e9 : i === 99 ? -1e6 : rnd() ** 8));
  check(skewed, [0, 1, 2, 5000, 25000, 45000, n - 2, n - 1, 24999, 25001]);
  const tail = Float64Array.from({ length: n }, () => Math.exp(20 * rnd()));
  check(tail, [0, 5000, 12500, 25000, 37500, 45000, n - 1]);
});

test('positions announced with want (one gathering pass) and a range given by the caller give the sort\'s values', () => {
  const rnd = lcg(11);
  for (const [n, levels] of [[64, 7], [5000, 1e9], [40000, 300], [70000, 3]]) {
    const values = Float64Array.from({ length: n }, () => Math.floor(rnd() * levels) / 8 - levels / 40);
    const sorted = values.slice().sort();
    const wanted = [0, n - 1, n >> 1, Math.floor(n / 10), Math.floor((9 * n) / 10), 5, -1, n];
    for (const range of [undefined, sampleRange(values)]) {
      const order = new OrderStatistics(values, false, range);
      order.want(wanted);
      for (const k of [...wanted.filter((k) => k >= 0 && k < n), 1, n - 2, Math.floor(n / 3)]) {
        assert.ok(Object.is(order.at(k), sorted[k]), `n ${n}, position ${k}: ${order.at(k)} vs ${sorted[k]}`);
      }
    }
  }
});
