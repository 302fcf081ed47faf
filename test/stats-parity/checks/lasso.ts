/**
 * lasso.json: glmnet paths and cv.glmnet, recomputed on the training values of the step-4
 * features (themselves recomputed: steps 1-3 and the RF top-25 rule, model-chain.ts): λ_max, the default path (λ sequence and length
 * exact, coefficients within glmnet's default-thresh tolerance, ~5e-3 in standardized units),
 * the fixed-grid path at thresh 1e-14 and the fixed-fold CV (1e-6; lambda.min/1se indices and
 * nonzero sets exact). The default-λ CV is "for information" in the README and is compared
 * loosely.
 */
import { TOL, list } from '../compare.js';
import type { ParityCheck } from '../context.js';
import { lassoLogistic } from '../../../src/stats/lasso.js';
import { cvLassoLogistic, nonzeroAt } from '../../../src/stats/lasso-cv.js';
import { modelChain } from '../model-chain.js';

export const checks: ParityCheck[] = [
  {
    family: 'lasso: glmnet paths + cv.glmnet',
    cohort(ref, rec) {
      const L = ref.out('lasso');
      const c = modelChain(ref);
      const feats = c.step4;
      rec.equal('step 3 → step 4 features (recomputed)', feats, list(L.features));
      rec.equal('selection step4_rf', feats, list(ref.out('selection').step4_rf));
      rec.equal('foldid', Array.from(c.rowsOf('cv_fold', c.train)), list(L.foldid));
      const n = c.train.length;
      const p = feats.length;
      const x = new Float64Array(n * p);
      feats.forEach((f, j) => x.set(c.rowsOf(f, c.train), j * n));
      const y = Float64Array.from(c.train, (i) => c.er[i]);

      const def = lassoLogistic(x, n, p, y, { names: feats });
      rec.close('lambda_max_formula', def.lambdaMax, L.lambda_max_formula, TOL.closedForm);
      feats.forEach((f, j) => {
        rec.close(`population_sd ${f}`, def.sd[j], L.population_sd[f], TOL.closedForm);
        rec.close(`mean ${f}`, def.mean[j], L.mean[f], TOL.closedForm);
      });
      rec.equal('default_path nlambda', def.lambda.length, L.default_path.nlambda);
      rec.closeAll('default_path lambda', def.lambda, L.default_path.lambda, { rel: 1e-12 });
      const loose = { abs: 5e-3 };
      L.default_path.path.forEach((r: any, l: number) => {
        if (l >= def.lambda.length) return;
        feats.forEach((f, j) => rec.close(`default_path[${l}] ${f} (standardized)`, def.beta[l * p + j] * def.sd[j], r[f] * def.sd[j], loose));
        rec.close(`default_path[${l}] dev_ratio`, def.devRatio[l], r.dev_ratio, loose);
        rec.equal(`default_path[${l}] df`, def.df[l], r.df);
      });

      const grid = lassoLogistic(x, n, p, y, { lambda: L.grid_path.lambda, thresh: 1e-14, maxit: 1e7, names: feats });
      rec.closeAll('grid_path lambda', grid.lambda, L.grid_path.lambda, TOL.json15);
      L.grid_path.path.forEach((r: any, l: number) => {
        rec.close(`grid_path[${l}] a0`, grid.a0[l], r.a0, TOL.glmnet);
        rec.close(`grid_path[${l}] dev_ratio`, grid.devRatio[l], r.dev_ratio, TOL.glmnet);
        rec.equal(`grid_path[${l}] df`, grid.df[l], r.df);
        feats.forEach((f, j) => {
          rec.close(`grid_path[${l}] ${f}`, grid.beta[l * p + j], r[f], TOL.glmnet);
          rec.equal(`grid_path[${l}] ${f} is zero`, grid.beta[l * p + j] === 0, r[f] === 0);
        });
      });

      const C = L.cv_grid;
      const cv = c.cv; // cvLassoLogistic(grid, foldid = cv_fold, thresh = 1e-14), computed in model-chain.ts
      rec.closeAll('cv_grid cvm', cv.cvm, C.cvm, TOL.glmnet);
      rec.closeAll('cv_grid cvsd', cv.cvsd, C.cvsd, TOL.glmnet);
      rec.closeAll('cv_grid cvup', cv.cvup, C.cvup, TOL.glmnet);
      rec.closeAll('cv_grid cvlo', cv.cvlo, C.cvlo, TOL.glmnet);
      rec.equal('cv_grid nzero', Array.from(cv.nzero), list(C.nzero));
      rec.equal('cv_grid index_min (1-based)', cv.indexMin + 1, C.index_min);
      rec.equal('cv_grid index_1se (1-based)', cv.index1se + 1, C.index_1se);
      rec.close('cv_grid lambda_min', cv.lambdaMin, C.lambda_min, TOL.json15);
      rec.close('cv_grid lambda_1se', cv.lambda1se, C.lambda_1se, TOL.json15);
      for (const [which, idx] of [
        ['min', cv.indexMin],
        ['1se', cv.index1se],
      ] as const) {
        const coef = C[`coef_${which}`];
        rec.close(`coef_${which} (Intercept)`, cv.fit.a0[idx], coef['(Intercept)'], TOL.glmnet);
        feats.forEach((f, j) => rec.close(`coef_${which} ${f}`, cv.fit.beta[idx * p + j], coef[f], TOL.glmnet));
        rec.equal(`nonzero_${which}`, nonzeroAt(cv.fit, idx).map((j) => feats[j]), list(C[`nonzero_${which}`]));
      }
      rec.equal('selection step5_lasso', c.step5, list(ref.out('selection').step5_lasso));

      // default λ sequence with glmnet's default thresh: for information, loose
      const D = L.cv_default_lambda;
      const cvd = cvLassoLogistic(x, n, p, y, { foldid: c.rowsOf('cv_fold', c.train), names: feats });
      rec.closeAll('cv_default_lambda lambda', cvd.lambda, D.lambda, { rel: 1e-12 });
      rec.closeAll('cv_default_lambda cvm (loose)', cvd.cvm, D.cvm, { rel: 5e-3 });
      rec.closeAll('cv_default_lambda cvsd (loose)', cvd.cvsd, D.cvsd, { rel: 5e-2 });
      rec.equal('cv_default_lambda nonzero_min', nonzeroAt(cvd.fit, cvd.indexMin).map((j) => feats[j]), list(D.nonzero_min));
    },
  },
];
