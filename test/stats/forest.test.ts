import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainForest, predictForest, rankByGini } from '../../src/stats/forest.js';
import { rocCurve } from '../../src/stats/roc.js';
import { createRng } from '../../src/stats/random.js';

/** Two informative features (x1, x2 through a logistic model with an interaction) and 4 noise features. */
function simulate(seed: number, n: number): { x: Float64Array; y: Float64Array } {
  const rng = createRng(seed);
  const p = 6;
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) x[j * n + i] = rng.norm();
    const eta = 2 * x[i] - 1.5 * x[n + i] + 1.5 * x[i] * x[n + i];
    y[i] = rng.unif() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { x, y };
}

test('held-out AUC on a simulated problem: a working forest exceeds 0.80 (noise gives ~0.5)', () => {
  const tr = simulate(11, 200);
  const te = simulate(12, 300);
  const f = trainForest(tr.x, 200, 6, tr.y, { ntree: 200, seed: 3, permutationImportance: false });
  const auc = rocCurve({ y: te.y, score: predictForest(f, te.x, 300) }).auc;
  assert.ok(auc > 0.8, `held-out AUC ${auc}`);
  // the two informative features rank first by Gini importance
  assert.deepEqual(rankByGini(f).slice(0, 2).sort(), [0, 1]);
  // permuting the labels destroys it
  const shuffled = Float64Array.from(tr.y).reverse();
  const g = trainForest(tr.x, 200, 6, shuffled, { ntree: 100, seed: 3, permutationImportance: false });
  const aucNoise = rocCurve({ y: te.y, score: predictForest(g, te.x, 300) }).auc;
  assert.ok(aucNoise < 0.65, `noise AUC ${aucNoise}`);
});

test('same seed, same forest; permutation importance favours the informative features', () => {
  const tr = simulate(5, 120);
  const a = trainForest(tr.x, 120, 6, tr.y, { ntree: 100, seed: 9 });
  const b = trainForest(tr.x, 120, 6, tr.y, { ntree: 100, seed: 9 });
  assert.deepEqual(a.meanDecreaseGini, b.meanDecreaseGini);
  assert.deepEqual(a.oobVotes, b.oobVotes);
  const acc = Array.from(a.meanDecreaseAccuracy);
  assert.ok(Math.min(acc[0], acc[1]) > Math.max(...acc.slice(2)), `permutation importance ${acc.map((v) => v.toFixed(3))}`);
});

test('constant feature never splits; ties everywhere give a single leaf', () => {
  const tr = simulate(5, 80);
  tr.x.fill(2, 2 * 80, 3 * 80);
  const f = trainForest(tr.x, 80, 6, tr.y, { ntree: 50, seed: 1, permutationImportance: false });
  assert.equal(f.meanDecreaseGini[2], 0);
  const flat = trainForest(new Float64Array(10).fill(1), 10, 1, [0, 1, 0, 1, 0, 1, 0, 1, 0, 1], { ntree: 5, seed: 1 });
  for (const t of flat.trees) assert.equal(t.size, 1);
});

test('bad input: missing value, one outcome class', () => {
  assert.throws(() => trainForest(Float64Array.from([1, NaN, 3, 4]), 4, 1, [0, 1, 0, 1], { seed: 1, names: ['radscore'] }), /feature 'radscore', row 2: value is missing/);
  assert.throws(() => trainForest(Float64Array.from([1, 2, 3, 4]), 4, 1, [1, 1, 1, 1], { seed: 1 }), /both classes are needed/);
});
