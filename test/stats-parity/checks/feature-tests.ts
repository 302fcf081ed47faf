/**
 * feature_tests.json: per feature, on the training set, ER (x) against non-ER (y): means and
 * SDs, Shapiro-Wilk per class, one-way ANOVA, every Mann-Whitney variant, and the step-2 test
 * and p — recomputed from the cohort CSV.
 */
import { TOL } from '../compare.js';
import type { ParityCheck } from '../context.js';
import { featureTest } from '../../../src/stats/feature-filter.js';
import { cohortData } from '../cohort-data.js';
import { compareMannWhitney } from '../stats-compare.js';

export const checks: ParityCheck[] = [
  {
    family: 'feature tests (training set)',
    cohort(ref, rec) {
      const F = ref.out('feature_tests');
      const d = cohortData(ref);
      rec.equal('n_er / n_non_er', [d.yTrain.filter((v) => v === 1).length, d.yTrain.filter((v) => v === 0).length], [F.n_er, F.n_non_er]);
      d.features.forEach((name, j) => {
        const r = F.features[name];
        const col = d.train[j];
        const a = featureTest(
          name,
          col.filter((_, i) => d.yTrain[i] === 1),
          col.filter((_, i) => d.yTrain[i] === 0),
        );
        rec.closeAll(`${name} mean/sd`, [a.meanEr, a.sdEr, a.meanNonEr, a.sdNonEr], [r.mean_er, r.sd_er, r.mean_non_er, r.sd_non_er], TOL.closedForm);
        rec.close(`${name} shapiro_er W`, a.shapiroEr?.w, r.shapiro_er.W, TOL.shapiro);
        rec.close(`${name} shapiro_er p`, a.shapiroEr?.p, r.shapiro_er.p, TOL.shapiro);
        rec.close(`${name} shapiro_non_er W`, a.shapiroNonEr?.w, r.shapiro_non_er.W, TOL.shapiro);
        rec.close(`${name} shapiro_non_er p`, a.shapiroNonEr?.p, r.shapiro_non_er.p, TOL.shapiro);
        rec.equal(`${name} normal_both`, a.normalBoth, r.normal_both);
        rec.close(`${name} anova F`, a.anova?.F, r.anova.F, TOL.closedForm);
        rec.equal(`${name} anova df`, [a.anova?.df1, a.anova?.df2], [r.anova.df1, r.anova.df2]);
        rec.close(`${name} anova p`, a.anova?.p, r.anova.p, TOL.pValue);
        compareMannWhitney(rec, `${name} mw`, a.mannWhitney!, r.mann_whitney);
        rec.equal(`${name} filter_test`, a.filterTest, r.filter_test);
        rec.close(`${name} filter_p`, a.filterP, r.filter_p, TOL.pValue);
      });
    },
  },
];
