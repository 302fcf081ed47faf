/**
 * examples/multiseq-a/study.yaml against the R reference harness's multi-sequence cohorts,
 * data-driven: for every out/multiseq_* of the reference folder (RADNOMO_STATS_REF, default
 * test/fixtures/stats) the example runs with only its data paths changed, and results.json and
 * predictions.csv are held to analyze_multiseq.R: per-feature ICC and step-2 p, the selection
 * per model at every step with the forest rule and LASSO (CV curves, lambda.min/1se, fallbacks),
 * the paper's Table 3 (table3.json), the best model, the clinical selection, the clinical and
 * nomogram models, the nomogram, DeLong tests, calibration, decision curves and predictions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Recorder } from '../stats-parity/compare.js';
import {
  compareApparent, compareBootstrap, compareConfusion, compareDca, compareGlmJson, compareHl, compareLrm, compareNomogramScale,
  comparePredictions, compareValProb, list, outJson, referenceCohorts, referenceRoot, runExample, TOL,
} from './ref-compare.js';

const cohorts = referenceCohorts('multiseq_');

function done(rec: Recorder, minimum: number, t: { diagnostic(msg: string): void }): void {
  assert.equal(rec.failed, 0, `${rec.failed} quantities differ from R:\n${rec.failures.join('\n')}`);
  assert.ok(rec.passed >= minimum, `only ${rec.passed} quantities compared`);
  t.diagnostic(`${rec.passed} quantities agree with R`);
}

test('the reference folder holds at least one multi-sequence cohort', () => {
  assert.ok(cohorts.length > 0, `no out/multiseq_* in ${referenceRoot()}`);
});

for (const cohort of cohorts) {
  test(`${cohort}: examples/multiseq-a/study.yaml reproduces analyze_multiseq.R`, async (t) => {
    const out = await runExample('multiseq-a', 'multiseq_A', cohort);
    const R = out.results;
    const S = outJson(cohort, 'selection.json');
    const meta = outJson(cohort, 'meta.json');
    const modelNames = list<string>(meta.model_order);

    await t.test('selection per model (ICC, test, Spearman, forest rule, LASSO, fallbacks)', (st) => {
      const rec = new Recorder('selection');
      rec.equal('models', R.selection.models.map((m) => m.model), modelNames);
      rec.equal('rf_top_k', R.selection.rf_top_k, S.rules.rf_top_k ?? null);
      rec.equal('features', R.features.map((f) => f.name), Object.keys(S.features));
      for (const f of R.features) {
        const r = S.features[f.name];
        rec.close(`${f.name} icc2`, f.icc, r.icc2, TOL.closedForm);
        rec.close(`${f.name} icc2 lower`, f.icc_low, r.icc2_lower, TOL.closedForm);
        rec.close(`${f.name} icc2 upper`, f.icc_high, r.icc2_upper, TOL.closedForm);
        rec.equal(`${f.name} filter_test`, f.test, r.filter_test);
        rec.close(`${f.name} filter_p`, f.p, r.filter_p, TOL.pValue);
      }
      for (const m of R.selection.models) {
        const r = S.models[m.model];
        rec.equal(`${m.model} sequences`, m.sequences, list(r.sequences));
        rec.equal(`${m.model} step0`, m.step0, list(r.step0_all));
        rec.equal(`${m.model} step1`, m.step1_icc, list(r.step1_icc));
        rec.equal(`${m.model} step2`, m.step2_test, list(r.step2_filter));
        rec.equal(`${m.model} step3 visit order`, m.step3_visit_order, list(r.step3_visit_order));
        rec.equal(`${m.model} step3`, m.step3_spearman, list(r.step3_spearman));
        rec.equal(`${m.model} step3 dropped`, m.step3_dropped.map((d) => [d.feature, d.because_of]), list<any>(r.step3_dropped).map((d) => [d.feature, d.dropped_because_of]));
        rec.equal(`${m.model} forest no-op at k`, m.forest.noop, r.rf.noop_at_k25);
        rec.equal(`${m.model} step4`, m.step4_forest, list(r.step4_rf));
        rec.equal(`${m.model} step5`, m.step5_lasso, list(r.step5_lasso));
        rec.equal(`${m.model} step5 rule`, m.step5_rule, r.step5_rule_used);
        rec.equal(`${m.model} lasso kept none`, m.lasso_kept_none, r.lasso_kept_none ?? false);
        const L = r.lasso;
        rec.equal(`${m.model} lasso run`, m.lasso !== null, L !== null && L !== undefined);
        if (!L || !m.lasso) continue;
        const l = m.lasso;
        rec.close(`${m.model} lambda_max`, l.lambda_max, L.lambda_max_formula, TOL.closedForm);
        rec.closeAll(`${m.model} cvm`, l.cvm, list<number>(L.cv.cvm), TOL.glmnet);
        rec.closeAll(`${m.model} cvsd`, l.cvsd, list<number>(L.cv.cvsd), TOL.glmnet);
        rec.equal(`${m.model} nzero`, l.nzero, list(L.cv.nzero));
        // lambda.min's index is only meaningful when its set is non-empty (README, rule 5)
        if (list(L.nonzero_min).length) rec.equal(`${m.model} index_min`, l.index_min, L.cv.index_min);
        if (list(L.nonzero_1se).length) rec.equal(`${m.model} index_1se`, l.index_1se, L.cv.index_1se);
        for (const [k, v] of Object.entries<number>(L.coef_min)) rec.close(`${m.model} coef_min ${k}`, l.coef_min[k], v, TOL.glmnet);
        rec.equal(`${m.model} nonzero_min`, l.nonzero_min, list(L.nonzero_min));
        rec.equal(`${m.model} nonzero_1se`, l.nonzero_1se, list(L.nonzero_1se));
      }
      done(rec, 1000, st);
    });

    await t.test("Table 3, best model, DeLong tests", (st) => {
      const rec = new Recorder('table3');
      const T = outJson(cohort, 'table3.json');
      const rows = [...list<any>(T.rows), { ...T.other_models.clinical, model: 'clinical' }, { ...T.other_models.nomogram, model: 'nomogram' }];
      for (const r of rows) {
        const a = R.performance.find((p) => p.model === r.model)!;
        rec.ok(`${r.model} present`, a !== undefined);
        if (!a) continue;
        if (r.n_features !== null && r.n_features !== undefined) rec.equal(`${r.model} n_features`, a.n_features, r.n_features);
        rec.close(`${r.model} train auc`, a.train.auc, r.train.auc, TOL.closedForm);
        rec.close(`${r.model} train auc lower`, a.train.auc_low, r.train.auc_lower, TOL.closedForm);
        rec.close(`${r.model} train auc upper`, a.train.auc_high, r.train.auc_upper, TOL.closedForm);
        compareConfusion(rec, `${r.model} train youden`, a.train.at_threshold, r.train.youden_cutoff);
        rec.equal(`${r.model} train youden ties`, a.train.own_youden_ties, r.train.youden_ties);
        rec.close(`${r.model} validation auc`, a.validation.auc, r.validation.auc, TOL.closedForm);
        rec.close(`${r.model} validation auc lower`, a.validation.auc_low, r.validation.auc_lower, TOL.closedForm);
        rec.close(`${r.model} validation auc upper`, a.validation.auc_high, r.validation.auc_upper, TOL.closedForm);
        compareConfusion(rec, `${r.model} validation at training cut-off`, a.validation.at_threshold, r.validation.at_training_cutoff);
        compareConfusion(rec, `${r.model} validation own youden`, a.validation.own_youden, r.validation.at_own_youden_cutoff);
        rec.equal(`${r.model} validation youden ties`, a.validation.own_youden_ties, r.validation.own_youden_ties);
        const dl = r.delong_validation_mp_vs_this;
        if (dl) {
          const d = R.delong_tests.find((x) => x.split === 'validation' && x.model1 === 'mp' && x.model2 === r.model)!;
          rec.close(`${r.model} DeLong mp vs this z`, d?.z, dl.z, TOL.closedForm);
          rec.close(`${r.model} DeLong mp vs this p`, d?.p, dl.p, TOL.pValue);
        }
      }
      rec.equal('best model', R.best_model.model, T.best_model.model);
      rec.equal('validation auc_pairs2', R.best_model.validation_auc_pairs2, T.best_model.validation_auc_pairs2);
      rec.equal('models at max', R.best_model.n_models_at_max, T.best_model.n_models_at_max);
      const roc = outJson(cohort, 'roc.json');
      for (const split of ['train', 'validation'] as const) {
        const tests = Object.values<any>(roc[split].delong_tests);
        rec.equal(`${split} DeLong pairs`, R.delong_tests.filter((d) => d.split === split).map((d) => [`p_${d.model1}`, `p_${d.model2}`]), tests.map((d) => [d.model1, d.model2]));
        for (const d of tests) {
          const a = R.delong_tests.find((x) => x.split === split && `p_${x.model1}` === d.model1 && `p_${x.model2}` === d.model2);
          rec.close(`${split} DeLong ${d.model1} vs ${d.model2} z`, a?.z, d.z, TOL.closedForm);
          rec.close(`${split} DeLong ${d.model1} vs ${d.model2} p`, a?.p, d.p, TOL.pValue);
        }
        for (const p of R.performance) {
          const r = roc[split][`p_${p.model}`];
          rec.close(`${split} ${p.model} auc var`, p[split].auc_var, r.auc_var_delong, TOL.closedForm);
          rec.equal(`${split} ${p.model} auc_pairs2`, p[split].auc_pairs2, r.auc_pairs2);
          if (split === 'train') rec.close(`${p.model} training cut-off on the linear-predictor scale`, p.train.threshold_linear, r.youden.threshold_radscore_scale, { rel: 1e-9, abs: 1e-12 });
        }
      }
      done(rec, 400, st);
    });

    await t.test('rad-score models, clinical selection, clinical and nomogram models', (st) => {
      const rec = new Recorder('models');
      const M = outJson(cohort, 'models.json');
      for (const r of R.radiomics_models) {
        const ref = M.radiomics[r.model];
        rec.equal(`${r.model} features`, r.features, list(ref.features));
        compareGlmJson(rec, `radiomics ${r.model}`, r.fit, ref);
        compareLrm(rec, `radiomics ${r.model} (on rad-score)`, r.lrm_on_radscore, ref.lrm_stats_on_radscore);
      }
      const CS = M.clinical_selection;
      for (const u of R.clinical.univariable) {
        const ref = CS.univariate[u.variable];
        compareGlmJson(rec, `univariable ${u.variable}`, u.model, { ...ref, n: u.model.n, events: u.model.events }, { profile: false });
        rec.close(`univariable ${u.variable} wald p`, u.wald.p, ref.wald_overall.p, TOL.glm);
      }
      rec.equal('univariable p < 0.05', R.clinical.selected_univariable, list(CS.selected_univariate_p05));
      compareGlmJson(rec, 'multivariable', R.clinical.multivariable!, CS.multivariable);
      for (const [v, p] of Object.entries<number>(CS.multivariable.overall_wald_p)) rec.close(`multivariable wald ${v}`, R.clinical.multivariable!.wald[v].p, p, TOL.glm);
      rec.equal('nomogram clinical variables', R.clinical.selected, list(CS.nomogram_clinical_variables));
      compareGlmJson(rec, 'clinical', R.models.clinical!, M.clinical);
      compareLrm(rec, 'clinical', R.models.clinical!.lrm, M.clinical.lrm_stats);
      compareGlmJson(rec, 'nomogram', R.models.nomogram, M.nomogram);
      compareLrm(rec, 'nomogram', R.models.nomogram.lrm, M.nomogram.lrm_stats);
      rec.equal('nomogram rad-score model', R.nomogram.radscore_model, M.nomogram.radscore_model);
      done(rec, 500, st);
    });

    await t.test('calibration and decision curves', (st) => {
      const rec = new Recorder('calibration');
      const C = outJson(cohort, 'calibration.json');
      const D = outJson(cohort, 'dca.json');
      for (const split of ['train', 'validation'] as const) {
        for (const [key, ref] of Object.entries<any>(C.hosmer_lemeshow[split])) {
          const a = R.calibration.find((c) => `p_${c.model}` === key && c.split === split)!;
          compareHl(rec, `${split} ${key}`, a.hosmer_lemeshow, ref);
        }
        for (const key of Object.keys(C.val_prob[split])) {
          const a = R.calibration.find((c) => `p_${c.model}` === key && c.split === split)!;
          compareValProb(rec, `${split} ${key}`, a.val_prob, C.val_prob[split][key]);
          compareApparent(rec, `${split} ${key}`, a.apparent, C.apparent_lowess[split][key]);
          if (split === 'train') compareBootstrap(rec, `${key} bootstrap`, a.bootstrap, C.train_bootstrap[key]);
        }
        const ds = R.decision_curves.splits.find((s) => s.split === split)!;
        for (const key of Object.keys(D[split].models)) compareDca(rec, `${split} ${key}`, ds, key.slice(2), list<any>(D[split].models[key]));
      }
      done(rec, 2000, st);
    });

    await t.test('nomogram and predictions.csv', (st) => {
      const rec = new Recorder('nomogram');
      const N = outJson(cohort, 'nomogram.json');
      rec.equal('variables', R.nomogram.variables, list(N.variables));
      for (const mode of ['default', 'observed_range'] as const) {
        compareNomogramScale(rec, mode, R.nomogram.scales[mode], N[mode], list<any>(N.total_points_to_probability[mode]), list<any>(N.probability_to_total_points[mode]));
      }
      comparePredictions(rec, out.predictionsCsv, join(referenceRoot(), 'out', cohort, 'predictions.csv'), [
        ...modelNames.flatMap((m) => [[`radscore_${m}`, `radscore_${m}`], [`p_${m}`, `p_${m}`]] as [string, string][]),
        ['p_clinical', 'p_clinical'],
        ['p_nomogram', 'p_nomogram'],
        ['nomogram_points', 'nomogram_points_default'],
      ]);
      done(rec, 1500, st);
    });
  });
}
