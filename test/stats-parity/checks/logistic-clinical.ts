/**
 * logistic_clinical.json: univariable clinical logistic fits (factors with the harness's
 * reference levels, tumor_number numeric, log10_afp), their overall Wald and LR tests, the
 * p < 0.05 / p < 0.10 selection and the multivariable fits with car::vif, all recomputed from the
 * cohort CSV (training rows).
 */
import { readFileSync } from 'node:fs';
import { TOL, list } from '../compare.js';
import type { ParityCheck } from '../context.js';
import { parseCsv, numericColumn, stringColumn } from '../../../src/stats/csv.js';
import { buildDesign, type Term } from '../../../src/stats/design.js';
import { fitLogistic } from '../../../src/stats/logistic.js';
import { termWaldTests } from '../../../src/stats/wald.js';
import { pchisq } from '../../../src/stats/distributions.js';
import { compareGlm, compareVif } from '../glm-compare.js';

export const checks: ParityCheck[] = [
  {
    family: 'logistic: clinical uni/multivariable',
    cohort(ref, rec) {
      const L = ref.out('logistic_clinical');
      const table = parseCsv(readFileSync(ref.dataCsv, 'utf8'), ref.dataCsv);
      const split = stringColumn(table, 'split');
      const train = split.map((s, i) => (s === 'train' ? i : -1)).filter((i) => i >= 0);
      const y = Float64Array.from(train, (i) => numericColumn(table, 'er')[i]);
      const factors: Record<string, string[]> = L.coding.factors;
      const term = (v: string): Term => {
        if (factors[v]) {
          const s = stringColumn(table, v);
          return { name: v, values: train.map((i) => String(s[i])), levels: list(factors[v]) };
        }
        if (v === 'log10_afp') {
          const a = numericColumn(table, 'afp');
          return { name: v, values: Float64Array.from(train, (i) => Math.log10(a[i])) };
        }
        const c = numericColumn(table, v);
        return { name: v, values: Float64Array.from(train, (i) => c[i]) };
      };
      const sel05: string[] = [];
      const sel10: string[] = [];
      for (const [v, u] of Object.entries<any>(L.univariate)) {
        const fit = fitLogistic(buildDesign([term(v)]), y);
        compareGlm(rec, `uni ${v}`, fit, u);
        const w = termWaldTests(fit)[v];
        rec.close(`uni ${v} wald chisq`, w.chisq, u.wald_overall.chisq, TOL.glm);
        rec.equal(`uni ${v} wald df`, w.df, u.wald_overall.df);
        rec.close(`uni ${v} wald p`, w.p, u.wald_overall.p, TOL.glm);
        // anova(f, test = "Chisq"): the deviance drop against the intercept-only model
        rec.close(`uni ${v} lrt p`, pchisq(fit.nullDeviance - fit.deviance, w.df, false), u.lrt_p, TOL.glm);
        if (w.p < 0.05) sel05.push(v);
        if (w.p < 0.1) sel10.push(v);
      }
      rec.equal('selected_p05', sel05, list(L.selected_p05));
      rec.equal('selected_p10', sel10, list(L.selected_p10));
      const multi = (label: string, r: any) => {
        if (!r) return;
        const vars = list<string>(r.variables);
        const fit = fitLogistic(buildDesign(vars.map(term)), y);
        compareGlm(rec, label, fit, r);
        compareVif(rec, label, fit, vars.length >= 2 ? r.vif : null);
      };
      multi('multivariate_p05', L.multivariate_p05);
      multi('multivariate alb + tumor_number', L.multivariate_fixed_alb_tumor_number);
    },
  },
];
