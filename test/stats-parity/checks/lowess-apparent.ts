/**
 * calibration.json: the apparent calibration curves (apparent_lowess for both sets, and the
 * calibrated.orig column of rms calibrate's table on the training set): predy grid, lowess
 * iter = 0, approx(ties = first). Inputs: the R models' predictions from predictions.csv until
 * the study recomputes them end to end. (The bootstrap-corrected columns are the models' check.)
 */
import { TOL, list } from '../compare.js';
import type { ParityCheck } from '../context.js';
import { apparentCalibrationCurve, brier } from '../../../src/stats/calibration-curve.js';
import { predictionSets } from '../predictions.js';

const MODELS = ['p_clinical', 'p_radiomics', 'p_nomogram'];

export const checks: ParityCheck[] = [
  {
    family: 'apparent calibration (lowess)',
    cohort(ref, rec) {
      const C = ref.out('calibration');
      const sets = predictionSets(ref, MODELS);
      for (const s of ['train', 'validation'] as const) {
        for (const m of MODELS) {
          const a = apparentCalibrationCurve(sets[s].p[m], sets[s].y);
          const r = C.apparent_lowess[s][m];
          rec.closeAll(`${s}/${m} predy`, a.predy, list<number>(r.predy), TOL.json15);
          rec.closeAll(`${s}/${m} calibrated`, a.calibrated, list<number>(r.calibrated), TOL.closedForm);
          rec.close(`${s}/${m} Brier`, brier(sets[s].p[m], sets[s].y), C.val_prob[s][m].Brier, TOL.closedForm);
          if (s === 'train') {
            const tab = list<any>(C.train_bootstrap[m.slice(2)].table);
            rec.closeAll(`${m} calibrate predy`, a.predy, tab.map((t) => t.predy), TOL.json15);
            rec.closeAll(`${m} calibrate calibrated.orig`, a.calibrated, tab.map((t) => t['calibrated.orig']), TOL.closedForm);
          }
        }
      }
    },
  },
];
