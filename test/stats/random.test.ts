/**
 * createRng reproduces R's streams exactly (R 4.2.2, default RNGkind: Mersenne-Twister,
 * Inversion, Rejection). Every expected value below was printed by R with options(digits = 17);
 * the R command is given next to each block.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/stats/random.js';

const oneBased = (a: Int32Array): number[] => Array.from(a, (v) => v + 1);

test('unif: set.seed(42); runif(5)', () => {
  const r = createRng(42);
  const got = [r.unif(), r.unif(), r.unif(), r.unif(), r.unif()];
  assert.deepEqual(got, [0.91480604349635541, 0.93707541329786181, 0.28613953478634357, 0.83044762606732547, 0.64174551889300346]);
});

test('unif across the 624-word block boundary: set.seed(2024); x <- runif(700); x[c(1, 624, 625, 700)]', () => {
  const r = createRng(2024);
  const x: number[] = [];
  for (let i = 0; i < 700; i++) x.push(r.unif());
  assert.deepEqual([x[0], x[623], x[624], x[699]], [0.836942540481686592, 0.078675954136997461, 0.053744390839710832, 0.030593672534450889]);
});

test('negative seed: set.seed(-7); runif(2)', () => {
  const r = createRng(-7);
  assert.deepEqual([r.unif(), r.unif()], [0.32649485557340086, 0.53986111702397466]);
});

test('sample and rnorm in one stream: set.seed(20240611); sample(90, 10); sample(5, 12, replace = TRUE); rnorm(4)', () => {
  const r = createRng(20240611);
  assert.deepEqual(oneBased(r.sample(90, 10, false)), [35, 79, 54, 34, 53, 90, 14, 60, 7, 45]);
  assert.deepEqual(oneBased(r.sample(5, 12, true)), [3, 5, 1, 1, 2, 3, 4, 5, 4, 3, 4, 2]);
  const z = [r.norm(), r.norm(), r.norm(), r.norm()];
  assert.deepEqual(z, [-0.657897103198592514, -0.048521299992027318, -0.898927340510275119, 0.090382899481066148]);
});

test('rejection sampling with 17+ bits: set.seed(3); sample(100000, 4)', () => {
  assert.deepEqual(oneBased(createRng(3).sample(100000, 4, false)), [52922, 87015, 84843, 41352]);
});

test('large n uses R\'s hashed sampler: set.seed(1); sample(3e7, 3)', () => {
  assert.deepEqual(oneBased(createRng(1).sample(3e7, 3, false)), [10938497, 27387389, 17633234]);
});

test('without replacement gives a permutation; bad arguments throw', () => {
  const p = Array.from(createRng(5).sample(20, 20, false)).sort((a, b) => a - b);
  assert.deepEqual(p, Array.from({ length: 20 }, (_, i) => i));
  assert.throws(() => createRng(1.5), /seed 1.5 must be an integer/);
  assert.throws(() => createRng(1).sample(3, 4, false), /cannot take a sample of 4 from 3/);
  assert.throws(() => createRng(1).unifIndex(-1), /unifIndex: n = -1/);
});
