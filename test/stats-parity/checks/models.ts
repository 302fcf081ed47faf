/**
 * models.json: the clinical, radiomics and nomogram logistic models on the training set (glm
 * table, VIF) and their rms lrm statistics (C and Dxy on rms's 5001-bin probability table,
 * Gamma, Tau-a, R², Brier, model LR), plus every patient's predicted probabilities
 * (predictions.csv). The rad-score is recomputed (model-chain.ts).
 */
import { readFileSync } from 'node:fs';
import { TOL } from '../compare.js';
import type { ParityCheck } from '../context.js';
import { parseCsv, numericColumn } from '../../../src/stats/csv.js';
import { lrmFit } from '../../../src/stats/lrm-fit.js';
import { modelChain } from '../model-chain.js';
import { compareGlm, compareVif } from '../glm-compare.js';

export const checks: ParityCheck[] = [
  {
    family: 'logistic: models + lrm stats',
    cohort(ref, rec) {
      const c = modelChain(ref);
      const M = ref.out('models').models;
      const pred = parseCsv(readFileSync(`${ref.outDir}/predictions.csv`, 'utf8'), 'predictions.csv');
      for (const m of ['clinical', 'radiomics', 'nomogram'] as const) {
        const fit = c.fits[m];
        compareGlm(rec, m, fit, M[m]);
        compareVif(rec, m, fit, M[m].vif);
        // lrm(formula, eps = 1e-12, maxit = 50) on the same design without the intercept column
        const d = fit.design;
        const x = d.x.subarray(d.n, d.n * d.p);
        const l = lrmFit(Float64Array.from(x), d.p - 1, fit.y, { eps: 1e-12, maxit: 50 });
        const s = M[m].lrm_stats;
        rec.ok(`${m} lrm converged`, !l.fail);
        rec.equal(`${m} lrm Obs/d.f.`, [l.stats.obs, l.stats.df], [s.Obs, s['d.f.']]);
        rec.close(`${m} lrm Model L.R.`, l.stats.modelLR, s['Model L.R.'], TOL.glm);
        rec.close(`${m} lrm P`, l.stats.p, s.P, TOL.glm);
        for (const [k, v] of [
          ['C', l.stats.C],
          ['Dxy', l.stats.Dxy],
          ['Gamma', l.stats.gamma],
          ['Tau-a', l.stats.tauA],
        ] as const) {
          rec.close(`${m} lrm ${k}`, v, s[k], TOL.closedForm);
        }
        rec.close(`${m} lrm R2`, l.stats.R2, s.R2, TOL.glm);
        rec.close(`${m} lrm Brier`, l.stats.brier, s.Brier, TOL.glm);
        l.coefficients.forEach((b, j) => rec.close(`${m} lrm = glm coefficient ${j}`, b, fit.coefficients[j], { rel: 1e-9, abs: 1e-12 }));
        rec.closeAll(`p_${m}`, c.pred[`p_${m}`], numericColumn(pred, `p_${m}`), { rel: 1e-9, abs: 1e-15 });
      }
    },
  },
];
