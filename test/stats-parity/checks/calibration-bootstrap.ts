/**
 * calibration.json, train_bootstrap: rms calibrate(lrm_fit, method = "boot", B = 200) after
 * set.seed(20240611) for the three models. The apparent column (calibrated.orig) is
 * deterministic and compared at 1e-9; the bias-corrected column depends on the bootstrap
 * stream and rms's loosely converged refits: it is compared by shape (mean absolute difference
 * from R's curve below 0.01, the same number of successful resamples, error summaries within
 * 20%). Also apparent_lowess (train and validation predictions).
 */
import { TOL } from '../compare.js';
import type { ParityCheck } from '../context.js';
import { calibrateBootstrap } from '../../../src/stats/calibrate.js';
import { apparentCalibrationCurve } from '../../../src/stats/calibration-curve.js';
import { modelChain } from '../model-chain.js';
import { asArray } from '../glm-compare.js';

export const checks: ParityCheck[] = [
  {
    family: 'calibration: rms calibrate (boot)',
    cohort(ref, rec) {
      const C = ref.out('calibration');
      const c = modelChain(ref);
      for (const m of ['clinical', 'radiomics', 'nomogram'] as const) {
        const R = C.train_bootstrap[m];
        const fit = c.fits[m];
        const d = fit.design;
        const x = Float64Array.from(d.x.subarray(d.n, d.n * d.p));
        const cal = calibrateBootstrap(x, d.p - 1, fit.y, fit.linearPredictor, { B: 200, seed: 20240611 });
        const t = R.table;
        rec.closeAll(`${m} predy`, cal.predy, t.map((r: any) => r.predy), TOL.closedForm);
        rec.closeAll(`${m} calibrated.orig`, cal.calibratedOrig, t.map((r: any) => r['calibrated.orig']), { rel: 1e-9, abs: 1e-12 });
        rec.equal(`${m} successful resamples`, cal.nBootOk, R.n_boot_ok);
        let mad = 0;
        let maxd = 0;
        t.forEach((r: any, g: number) => {
          const dlt = Math.abs(cal.calibratedCorrected[g] - r['calibrated.corrected']);
          mad += dlt / t.length;
          maxd = Math.max(maxd, dlt);
        });
        rec.ok(`${m} calibrated.corrected shape`, mad < 0.01, `mean |diff| ${mad.toExponential(2)}, max ${maxd.toExponential(2)}`);
        rec.close(`${m} mean_abs_error (loose)`, cal.meanAbsError, R.mean_abs_error, { rel: 0.2 });
        rec.close(`${m} q90_abs_error (loose)`, cal.q90AbsError, R.q90_abs_error, { rel: 0.2 });
      }
      for (const [set, rows] of [
        ['train', c.train],
        ['validation', c.validation],
      ] as const) {
        const y = Float64Array.from(rows, (i) => c.er[i]);
        for (const m of ['p_clinical', 'p_radiomics', 'p_nomogram'] as const) {
          const r = C.apparent_lowess[set][m];
          const a = apparentCalibrationCurve(Float64Array.from(rows, (i) => c.pred[m][i]), y);
          rec.closeAll(`apparent_lowess ${set} ${m} predy`, a.predy, asArray(r.predy), TOL.closedForm);
          rec.closeAll(`apparent_lowess ${set} ${m} calibrated`, a.calibrated, asArray(r.calibrated), { rel: 1e-9, abs: 1e-12 });
        }
      }
    },
  },
];
