/**
 * The selection chain's rules that the shipped reference cohorts do not exercise, on small
 * constructed inputs: the random-forest rule (`over_k: disable` turns the step off for every
 * model when one has more than k features after Spearman; `apply` keeps the forest's top k), the
 * LASSO fallbacks (empty set → lambda.1se → lambda.min → best-ranked feature), one feature at
 * step 4 (no LASSO), none at step 4 or step 1 (best-ranked feature of step 1 or step 0).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectFeatures, lassoChoice, log10Grid } from '../../src/study/selection.js';
import { selectionSchema, type SelectionSpec } from '../../src/study/config-schema.js';
import { syntheticCohort } from './synthetic.js';

function spec(partial: Record<string, unknown> = {}): SelectionSpec {
  return selectionSchema.parse({ lasso: { folds: { column: 'cv_fold' } }, ...partial });
}

const cohort = syntheticCohort({ n: 80, events: 32, seed: 5, sequences: { a: 8, b: 8 }, signal: 1.2, signalFeatures: 6 });

test("R's seq(-0.5, -2.5, by = -0.025): 81 λ values from 10^-0.5", () => {
  const g = log10Grid(-0.5, -2.5, -0.025);
  assert.equal(g.length, 81);
  assert.equal(g[0], Math.pow(10, -0.5));
  assert.equal(g[80], Math.pow(10, -0.5 + 80 * -0.025));
});

test('forest rule: over_k disable turns the step off for every model (rf_top_k null), top k for information', () => {
  const r = selectFeatures(cohort, spec({ forest: { top_k: 3, over_k: 'disable', trees: 50 }, test: { alpha: 0.5 } }), { a: ['a'], b: ['b'], ab: ['a', 'b'] });
  const over = r.models.filter((m) => m.step3.length > 3);
  assert.ok(over.length >= 1, 'a model keeps more than 3 features after Spearman');
  assert.equal(r.rfTopK, null);
  assert.equal(r.nModelsOverTopK, over.length);
  for (const m of r.models) {
    assert.deepEqual(m.step4, m.step3, `${m.model}: step 4 = step 3`);
    assert.equal(m.forest.applied, false);
    if (m.step3.length > 3) {
      assert.equal(m.forest.noop, false);
      assert.equal(m.forest.topKForInformation!.length, 3);
      assert.ok(m.forest.topKForInformation!.every((f) => m.step3.includes(f)));
    } else assert.equal(m.forest.topKForInformation, null);
  }
});

test('forest rule: over_k apply keeps the top k (pooled order) where a model has more than k', () => {
  const r = selectFeatures(cohort, spec({ forest: { top_k: 3, over_k: 'apply', trees: 50 }, test: { alpha: 0.5 } }), { ab: ['a', 'b'] });
  const m = r.models[0];
  assert.ok(m.step3.length > 3);
  assert.equal(r.rfTopK, 3);
  assert.equal(m.forest.applied, true);
  assert.equal(m.step4.length, 3);
  assert.deepEqual(m.step4, m.step3.filter((f) => m.step4.includes(f)), 'step 4 keeps the pooled order');
});

test('forest rule: every model within k is a no-op (rf_top_k = k)', () => {
  const r = selectFeatures(cohort, spec(), { a: ['a'], b: ['b'] });
  assert.equal(r.rfTopK, 25);
  for (const m of r.models) {
    assert.equal(m.forest.noop, true);
    assert.deepEqual(m.step4, m.step3);
  }
});

test('LASSO fallback chain (rule 5): lambda.min set, else lambda.1se, else lambda.min, else the first step-4 feature visited', () => {
  const step4 = ['f1', 'f2', 'f3'];
  const visit = ['f3', 'f9', 'f1', 'f2'];
  assert.deepEqual(lassoChoice(['f1'], [], 'lambda.min', step4, visit), { features: ['f1'], rule: 'lambda.min', keptNone: false });
  assert.deepEqual(lassoChoice([], [], 'lambda.min', step4, visit), { features: ['f3'], rule: 'best_ranked_feature', keptNone: true });
  assert.deepEqual(lassoChoice(['f1', 'f2'], ['f2'], 'lambda.1se', step4, visit), { features: ['f2'], rule: 'lambda.1se', keptNone: false });
  // a study configured for lambda.1se enters the chain at its start: 1se empty → lambda.min
  assert.deepEqual(lassoChoice(['f1', 'f2'], [], 'lambda.1se', step4, visit), { features: ['f1', 'f2'], rule: 'lambda.min', keptNone: true });
  assert.deepEqual(lassoChoice([], [], 'lambda.1se', step4, visit), { features: ['f3'], rule: 'best_ranked_feature', keptNone: true });
});

test('LASSO that keeps nothing (every λ above λ_max) falls back to the best-ranked step-4 feature', () => {
  const r = selectFeatures(cohort, spec({ lasso: { folds: { column: 'cv_fold' }, lambda: { values: [50, 20, 10] } } }), { a: ['a'] });
  const m = r.models[0];
  assert.ok(m.step4.length >= 2);
  assert.ok(m.lasso!.fit.lambdaMax < 10);
  assert.equal(m.step5Rule, 'best_ranked_feature');
  assert.equal(m.lassoKeptNone, true);
  const first = m.visitOrder.find((f) => m.step4.includes(f))!;
  assert.deepEqual(m.step5, [first]);
  // the visiting order is by ascending step-2 p
  const p = m.visitOrder.map((f) => r.byName.get(f)!.test.filterP!);
  assert.deepEqual(p, [...p].sort((x, y) => x - y));
});

test('one feature at step 4: no LASSO, that feature (single_feature_no_lasso)', () => {
  const one = syntheticCohort({ n: 80, events: 32, seed: 9, sequences: { a: 4 }, signal: 1.5, signalFeatures: 1 });
  // a tiny α keeps only the strongest feature (and its near-duplicate, removed by Spearman)
  const r = selectFeatures(one, spec({ test: { alpha: 1e-4 } }), { a: ['a'] });
  const m = r.models[0];
  assert.equal(m.step4.length, 1, `step 4: ${m.step4}`);
  assert.equal(m.lasso, null);
  assert.equal(m.step5Rule, 'single_feature_no_lasso');
  assert.deepEqual(m.step5, m.step4);
});

test('nothing passes the test: the best-ranked step-1 feature; nothing passes the ICC: the best-ranked step-0 feature', () => {
  const r = selectFeatures(cohort, spec({ test: { alpha: 1e-300 } }), { a: ['a'] });
  const m = r.models[0];
  assert.deepEqual(m.step2, []);
  assert.equal(m.step5Rule, 'best_ranked_feature_no_feature_reached_lasso');
  const best = [...m.step1].sort((x, y) => r.byName.get(x)!.test.filterP! - r.byName.get(y)!.test.filterP!)[0];
  assert.deepEqual(m.step5, [best]);

  const r2 = selectFeatures(cohort, spec({ icc: { threshold: 2 } }), { a: ['a'] });
  const m2 = r2.models[0];
  assert.deepEqual(m2.step1, []);
  const best0 = [...m2.step0].sort((x, y) => r2.byName.get(x)!.test.filterP! - r2.byName.get(y)!.test.filterP!)[0];
  assert.deepEqual(m2.step5, [best0]);
});

test('pooling: a model lists its sequences in study order whatever its own order, names <seq>_<column>', () => {
  const r = selectFeatures(cohort, spec(), { ba: ['b', 'a'] });
  const m = r.models[0];
  assert.deepEqual(m.sequences, ['a', 'b']);
  assert.equal(m.step0[0], 'a_original_firstorder_F1');
  assert.equal(m.step0[8], 'b_original_firstorder_F1');
  // the near-duplicate of F1 (F3) is dropped at step 3 because of F1 or the reverse
  const d = m.dropped.find((x) => /F[13]$/.test(x.feature) && /F[13]$/.test(x.droppedBecauseOf) && x.feature.slice(0, 1) === x.droppedBecauseOf.slice(0, 1));
  assert.ok(d && Math.abs(d.rho) > 0.9);
});
