/**
 * calibration.json, val_prob: rms::val.prob statistics of the three models' predictions on the
 * training and validation sets, recomputed from radnomo's own predictions (model-chain.ts).
 * Intercept and Slope come from rms's loosely converged recalibration fit (eps = 0.025), which
 * is reproduced step for step; on the training set they are within ~1e-8 of 0 and 1, so they
 * are compared with an absolute tolerance.
 */
import { TOL } from '../compare.js';
import type { ParityCheck } from '../context.js';
import { valProb } from '../../../src/stats/val-prob.js';
import { modelChain } from '../model-chain.js';

export const checks: ParityCheck[] = [
  {
    family: 'calibration: rms val.prob',
    cohort(ref, rec) {
      const V = ref.out('calibration').val_prob;
      const c = modelChain(ref);
      for (const [set, rows] of [
        ['train', c.train],
        ['validation', c.validation],
      ] as const) {
        const y = Float64Array.from(rows, (i) => c.er[i]);
        for (const m of ['p_clinical', 'p_radiomics', 'p_nomogram'] as const) {
          const r = V[set][m];
          const s = valProb(Float64Array.from(rows, (i) => c.pred[m][i]), y);
          const l = `${set} ${m}`;
          const pairs: [string, number, number][] = [
            ['Dxy', s.Dxy, r.Dxy],
            ['C (ROC)', s.C, r['C (ROC)']],
            ['R2', s.R2, r.R2],
            ['D', s.D, r.D],
            ['D:Chi-sq', s.DChisq, r['D:Chi-sq']],
            ['Q', s.Q, r.Q],
            ['Brier', s.Brier, r.Brier],
            ['Emax', s.Emax, r.Emax],
            ['E90', s.E90, r.E90],
            ['Eavg', s.Eavg, r.Eavg],
            ['S:z', s.Sz, r['S:z']],
            ['S:p', s.Sp, r['S:p']],
          ];
          for (const [k, a, e] of pairs) rec.close(`${l} ${k}`, a, e, { rel: 1e-9, abs: 1e-12 });
          // U:Chi-sq is a difference of two deviances of ~70: 1e-12 absolute is rounding
          rec.close(`${l} U:Chi-sq`, s.UChisq, r['U:Chi-sq'], { rel: 1e-9, abs: 1e-11 });
          rec.close(`${l} U`, s.U, r.U, { rel: 1e-9, abs: 1e-12 });
          rec.close(`${l} U:p`, s.Up, r['U:p'], { rel: 1e-9, abs: 1e-12 });
          rec.close(`${l} D:p (NA in rms)`, s.Dp, r['D:p'], TOL.pValue);
          rec.close(`${l} Intercept`, s.Intercept, r.Intercept, { rel: 1e-7, abs: 1e-12 });
          rec.close(`${l} Slope`, s.Slope, r.Slope, { rel: 1e-9, abs: 1e-12 });
        }
      }
    },
  },
];
