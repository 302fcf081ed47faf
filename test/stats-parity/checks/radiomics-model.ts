/**
 * radiomics_model.json and predictions.csv (rad-scores): the unpenalised logistic fit on the
 * LASSO-selected features (recomputed: selection steps 1-4 and LASSO CV, model-chain.ts), its
 * VIF, and the rad-score of every patient.
 */
import { readFileSync } from 'node:fs';
import { TOL, list } from '../compare.js';
import type { ParityCheck } from '../context.js';
import { parseCsv, numericColumn, stringColumn } from '../../../src/stats/csv.js';
import { modelChain } from '../model-chain.js';
import { compareGlm, compareVif } from '../glm-compare.js';

export const checks: ParityCheck[] = [
  {
    family: 'logistic: radiomics model + rad-score',
    cohort(ref, rec) {
      const c = modelChain(ref);
      const R = ref.out('radiomics_model');
      rec.equal('rad-score features (LASSO step 5, recomputed)', c.step5, list(R.features));
      compareGlm(rec, 'radiomics glm', c.radiomicsFit, R);
      compareVif(rec, 'radiomics glm', c.radiomicsFit, R.vif);
      const pred = parseCsv(readFileSync(`${ref.outDir}/predictions.csv`, 'utf8'), 'predictions.csv');
      const ids = stringColumn(pred, 'id');
      rec.equal('predictions ids', ids, c.ids);
      // predictions.csv has 15 significant digits
      rec.closeAll('radscore', c.radscore, numericColumn(pred, 'radscore'), { rel: 1e-9, abs: 1e-12 });
      // radscore_lasso: glmnet coefficients at lambda.min, on the original scale
      const l = c.cv.indexMin;
      const fit = c.cv.fit;
      const lasso = c.ids.map((_, i) => {
        let s = fit.a0[l];
        c.step4.forEach((f, j) => (s += fit.beta[l * fit.p + j] * c.col(f)[i]));
        return s;
      });
      rec.closeAll('radscore_lasso', lasso, numericColumn(pred, 'radscore_lasso'), TOL.glmnet);
    },
  },
];
