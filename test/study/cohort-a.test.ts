/**
 * examples/cohort-a/study.yaml against the R reference harness, data-driven: for every
 * out/cohort_* of the reference folder (RADNOMO_STATS_REF, default test/fixtures/stats) the example
 * is run with only its data paths changed, and results.json and predictions.csv are held to
 * analyze.R's outputs at the README's tolerances: the selection at each step, the ICC, LASSO CV,
 * the rad-score and clinical models, the clinical screening, ROC/DeLong/Youden, Hosmer-Lemeshow,
 * calibration, decision curves, the nomogram and every patient's predictions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Recorder } from '../stats-parity/compare.js';
import {
  compareApparent, compareBootstrap, compareConfusion, compareDca, compareGlmJson, compareHl, compareLrm, compareNomogramScale,
  comparePredictions, compareValProb, list, outJson, referenceCohorts, referenceRoot, runExample, TOL, THR,
} from './ref-compare.js';
import type { StudyOutput } from '../../src/study/pipeline.js';

const cohorts = referenceCohorts('cohort_');

function done(rec: Recorder, minimum: number, t: { diagnostic(msg: string): void }): void {
  assert.equal(rec.failed, 0, `${rec.failed} quantities differ from R:\n${rec.failures.join('\n')}`);
  assert.ok(rec.passed >= minimum, `only ${rec.passed} quantities compared`);
  t.diagnostic(`${rec.passed} quantities agree with R`);
}

test('the reference folder holds at least one single-table cohort', () => {
  assert.ok(cohorts.length > 0, `no out/cohort_* in ${referenceRoot()}`);
});

for (const cohort of cohorts) {
  test(`${cohort}: examples/cohort-a/study.yaml reproduces analyze.R`, async (t) => {
    const out: StudyOutput = await runExample('cohort-a', 'cohort_A', cohort);
    const R = out.results;
    const rf = outJson(cohort, 'rf_importance.json');
    const rfApplied = rf.top25_applied === true;

    await t.test('selection: ICC, tests, Spearman, forest, LASSO', (st) => {
      const rec = new Recorder('selection');
      const S = outJson(cohort, 'selection.json');
      const I = outJson(cohort, 'icc.json');
      const m = R.selection.models[0];
      rec.equal('step0', m.step0, list(S.step0_all));
      rec.equal('step1_icc', m.step1_icc, list(S.step1_icc));
      rec.equal('step2_filter', m.step2_test, list(S.step2_filter));
      rec.equal('step3_visit_order', m.step3_visit_order, list(S.step3_visit_order));
      rec.equal('step3_spearman', m.step3_spearman, list(S.step3_spearman));
      const drops = list<any>(S.step3_dropped);
      rec.equal('step3_dropped', m.step3_dropped.map((d) => [d.feature, d.because_of]), drops.map((d) => [d.feature, d.dropped_because_of]));
      rec.closeAll('step3_dropped rho', m.step3_dropped.map((d) => d.rho), drops.map((d) => d.rho), TOL.closedForm);
      for (const f of R.features) {
        const psych = I.features[f.name].psych.ICC2;
        rec.close(`ICC2 ${f.name}`, f.icc, psych.icc, TOL.closedForm);
        rec.close(`ICC2 lower ${f.name}`, f.icc_low, psych.lower, TOL.closedForm);
        rec.close(`ICC2 upper ${f.name}`, f.icc_high, psych.upper, TOL.closedForm);
      }
      for (const [name, p] of Object.entries<number>(S.step2_filter_p)) rec.close(`step2 p ${name}`, R.features.find((f) => f.name === name)!.p, p, TOL.pValue);
      if (rfApplied) {
        // randomForest cannot be matched draw for draw (README caveat 8): the overlap of the top 25 is reported, LASSO not compared
        const ours = new Set(m.step4_forest);
        const overlap = list<string>(S.step4_rf).filter((f) => ours.has(f)).length;
        t.diagnostic(`${cohort}: R applied randomForest's top 25; ${overlap} of 25 features agree (loose reference)`);
      } else {
        rec.equal('step4_rf', m.step4_forest, list(S.step4_rf));
        rec.equal('step5_lasso', m.step5_lasso, list(S.step5_lasso));
        const C = outJson(cohort, 'lasso.json').cv_grid;
        const l = m.lasso!;
        rec.close('lambda_max', l.lambda_max, outJson(cohort, 'lasso.json').lambda_max_formula, TOL.closedForm);
        rec.closeAll('cvm', l.cvm, list<number>(C.cvm), TOL.glmnet);
        rec.closeAll('cvsd', l.cvsd, list<number>(C.cvsd), TOL.glmnet);
        rec.equal('nzero', l.nzero, list(C.nzero));
        rec.equal('index_min/1se', [l.index_min, l.index_1se], [C.index_min, C.index_1se]);
        rec.close('lambda_min', l.lambda_min, C.lambda_min, TOL.json15);
        rec.close('lambda_1se', l.lambda_1se, C.lambda_1se, TOL.json15);
        for (const [k, v] of Object.entries<number>(C.coef_min)) rec.close(`coef_min ${k}`, l.coef_min[k], v, TOL.glmnet);
        for (const [k, v] of Object.entries<number>(C.coef_1se)) rec.close(`coef_1se ${k}`, l.coef_1se[k], v, TOL.glmnet);
        rec.equal('nonzero_min', l.nonzero_min, list(C.nonzero_min));
        rec.equal('nonzero_1se', l.nonzero_1se, list(C.nonzero_1se));
      }
      done(rec, 150, st);
    });
    if (rfApplied) return;

    await t.test('models: rad-score, clinical screening, clinical, nomogram', (st) => {
      const rec = new Recorder('models');
      const RM = outJson(cohort, 'radiomics_model.json');
      rec.equal('rad-score features', R.radiomics_models[0].features, list(RM.features));
      compareGlmJson(rec, 'radiomics glm', R.radiomics_models[0].fit, RM);
      const M = outJson(cohort, 'models.json').models;
      compareGlmJson(rec, 'clinical', R.models.clinical!, M.clinical);
      compareGlmJson(rec, 'nomogram', R.models.nomogram, M.nomogram);
      compareLrm(rec, 'clinical', R.models.clinical!.lrm, M.clinical.lrm_stats);
      compareLrm(rec, 'nomogram', R.models.nomogram.lrm, M.nomogram.lrm_stats);
      compareLrm(rec, 'radiomics (er ~ radscore)', R.radiomics_models[0].lrm_on_radscore, M.radiomics.lrm_stats);
      const L = outJson(cohort, 'logistic_clinical.json');
      for (const u of R.clinical.univariable) {
        const r = L.univariate[u.variable];
        compareGlmJson(rec, `univariable ${u.variable}`, u.model, r);
        rec.close(`univariable ${u.variable} wald`, u.wald.p, r.wald_overall.p, TOL.glm);
        rec.close(`univariable ${u.variable} lrt`, u.lrt_p, r.lrt_p, TOL.glm);
      }
      rec.equal('selected p < 0.05', R.clinical.selected_univariable, list(L.selected_p05));
      if (L.multivariate_p05) compareGlmJson(rec, 'multivariable', R.clinical.multivariable!, L.multivariate_p05);
      done(rec, 300, st);
    });

    await t.test('ROC, Youden, DeLong', (st) => {
      const rec = new Recorder('roc');
      const roc = outJson(cohort, 'roc.json');
      for (const m of ['clinical', 'radiomics', 'nomogram']) {
        const perf = R.performance.find((p) => p.model === m)!;
        for (const split of ['train', 'validation'] as const) {
          const r = roc[split][`p_${m}`];
          const a = perf[split];
          rec.close(`${split} ${m} auc`, a.auc, r.auc, TOL.closedForm);
          rec.close(`${split} ${m} auc var`, a.auc_var, r.auc_var_delong, TOL.closedForm);
          rec.close(`${split} ${m} ci lower`, a.auc_low, r.auc_ci_delong.lower, TOL.closedForm);
          rec.close(`${split} ${m} ci upper`, a.auc_high, r.auc_ci_delong.upper, TOL.closedForm);
          rec.equal(`${split} ${m} curve length`, a.roc.threshold.length, list(r.curve.threshold).length);
          compareConfusion(rec, `${split} ${m} own youden`, a.own_youden, list<any>(r.youden_best_pROC)[0]);
        }
        const tr = perf.train;
        rec.close(`${m} training cut-off`, tr.threshold as number, list<any>(roc.train[`p_${m}`].youden_best_pROC)[0].threshold, THR);
        compareConfusion(rec, `${m} validation at training cut-off`, perf.validation.at_threshold, roc.validation_at_training_cutoff[`p_${m}`]);
      }
      for (const split of ['train', 'validation'] as const) {
        for (const d of Object.values<any>(roc[split].delong_tests)) {
          const a = R.delong_tests.find((x) => x.split === split && `p_${x.model1}` === d.model1 && `p_${x.model2}` === d.model2);
          rec.ok(`${split} DeLong ${d.model1} vs ${d.model2} present`, a !== undefined);
          if (!a) continue;
          rec.close(`${split} DeLong ${d.model1} vs ${d.model2} z`, a.z, d.z, TOL.closedForm);
          rec.close(`${split} DeLong ${d.model1} vs ${d.model2} p`, a.p, d.p, TOL.pValue);
        }
      }
      done(rec, 80, st);
    });

    await t.test('calibration and decision curves', (st) => {
      const rec = new Recorder('calibration');
      const C = outJson(cohort, 'calibration.json');
      const D = outJson(cohort, 'dca.json');
      for (const m of ['clinical', 'radiomics', 'nomogram']) {
        for (const split of ['train', 'validation'] as const) {
          const a = R.calibration.find((c) => c.model === m && c.split === split)!;
          compareHl(rec, `${split} ${m}`, a.hosmer_lemeshow, C.hosmer_lemeshow[split][`p_${m}`]);
          compareValProb(rec, `${split} ${m}`, a.val_prob, C.val_prob[split][`p_${m}`]);
          compareApparent(rec, `${split} ${m}`, a.apparent, C.apparent_lowess[split][`p_${m}`]);
          if (split === 'train') compareBootstrap(rec, `${m} bootstrap`, a.bootstrap, C.train_bootstrap[m]);
          const ds = R.decision_curves.splits.find((s) => s.split === split)!;
          rec.close(`${split} prevalence`, ds.prevalence, D[split].prevalence, TOL.closedForm);
          compareDca(rec, `${split} ${m} dca`, ds, m, list<any>(D[split].models[`p_${m}`]));
        }
      }
      rec.closeAll('dca thresholds', R.decision_curves.thresholds, list<number>(D.thresholds), TOL.json15);
      done(rec, 1000, st);
    });

    await t.test('nomogram and predictions.csv', (st) => {
      const rec = new Recorder('nomogram');
      const N = outJson(cohort, 'nomogram.json');
      for (const [mode, key] of [['default', 'default'], ['observed_range', 'observed_range']] as const) {
        compareNomogramScale(rec, mode, R.nomogram.scales[mode], N[key], list<any>(N.total_points_to_probability[key]), list<any>(N.probability_to_total_points[key]));
      }
      comparePredictions(rec, out.predictionsCsv, join(referenceRoot(), 'out', cohort, 'predictions.csv'), [
        ['radscore_radiomics', 'radscore'],
        ['p_radiomics', 'p_radiomics'],
        ['p_clinical', 'p_clinical'],
        ['p_nomogram', 'p_nomogram'],
        ['nomogram_points', 'nomogram_points_default'],
      ]);
      done(rec, 300, st);
    });

    await t.test('baseline tables', (st) => {
      const rec = new Recorder('baseline');
      const B = outJson(cohort, 'baseline.json');
      const blocks: Record<string, string> = { outcome_all: 'er_all', outcome_train: 'er_train', outcome_validation: 'er_validation', train_vs_validation: 'train_vs_validation' };
      for (const b of R.baseline) {
        const r = B[blocks[b.name]];
        rec.equal(`${b.name} n`, b.n, list<string>(r.groups).map((g) => r.n[g]));
        for (const v of b.variables) {
          const rv = v.kind === 'categorical' ? r.categorical[v.variable] : r.continuous[v.variable];
          rec.ok(`${b.name}/${v.variable} in R`, rv !== undefined);
          if (!rv) continue;
          rec.close(`${b.name}/${v.variable} p`, v.p, rv.reported.p, TOL.pValue);
          rec.close(`${b.name}/${v.variable} statistic`, v.statistic, rv.reported.statistic, TOL.closedForm);
          if (v.kind === 'continuous') rec.equal(`${b.name}/${v.variable} test`, v.test === 't_student' ? 't_student' : 'mann_whitney_r_default', rv.reported.test);
        }
        rec.equal(`${b.name} variables`, b.variables.map((v) => v.variable).sort(), [...Object.keys(r.categorical), ...Object.keys(r.continuous)].sort());
      }
      done(rec, 100, st);
    });
  });
}
