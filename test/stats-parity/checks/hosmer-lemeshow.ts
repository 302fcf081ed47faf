/**
 * calibration.json hosmer_lemeshow: g = 10 Hosmer-Lemeshow with hoslem.test's grouping, per set
 * and model, including the validation clinical model whose tied predictions leave an empty bin
 * (χ² null, plus the empty-groups-dropped fallback); and hl_crosscheck_performance_pkg.
 * Inputs: the R models' predictions from predictions.csv (15 significant digits) until the study
 * recomputes them end to end with our own models.
 */
import { TOL } from '../compare.js';
import type { ParityCheck } from '../context.js';
import { hosmerLemeshow } from '../../../src/stats/hosmer-lemeshow.js';
import { predictionSets } from '../predictions.js';
import { compareHosmerLemeshow } from '../stats-compare.js';

const MODELS = ['p_clinical', 'p_radiomics', 'p_nomogram'];

export const checks: ParityCheck[] = [
  {
    family: 'Hosmer-Lemeshow (predictions.csv)',
    cohort(ref, rec) {
      const C = ref.out('calibration');
      const sets = predictionSets(ref, MODELS);
      for (const s of ['train', 'validation'] as const) {
        for (const m of MODELS) {
          const a = hosmerLemeshow(sets[s].y, sets[s].p[m], 10);
          compareHosmerLemeshow(rec, `${s}/${m}`, a, C.hosmer_lemeshow[s][m]);
          if (s === 'train') {
            const x = C.hl_crosscheck_performance_pkg[m.slice(2)];
            rec.close(`${m} performance_hosmer chisq`, a.chisq, x.chisq, TOL.closedForm);
            rec.close(`${m} performance_hosmer p`, a.p, x.p, TOL.pValue);
          }
        }
      }
    },
  },
];
