/**
 * calibration.json, train_bootstrap: rms calibrate(lrm_fit, method = "boot", B = 200) after
 * set.seed(20240611) for the three models. The apparent column (calibrated.orig) is
 * deterministic and compared at 1e-9; the bias-corrected column depends on the bootstrap
 * stream and rms's loosely converged refits: it is compared by shape (mean absolute difference
 * from R's curve below 0.01, error summaries within 20%). The harness's n_boot_ok is
 * attr(cal, "B"), the number of resamples *requested*, so it is compared with the requested B;
 * radnomo's number of successful refits is printed beside it (R reports failed refits only in a
 * message the harness does not keep; test/stats/calibrate-bootstrap.test.ts checks the counts
 * against R's messages on multiseq_A, where 5 and 27 of 200 refits fail).
 * Also apparent_lowess (train and validation predictions).
 */
import { TOL, list, type Recorder } from '../compare.js';
import type { ParityCheck } from '../context.js';
import { calibrateBootstrap, type CalibrationResult } from '../../../src/stats/calibrate.js';
import { apparentCalibrationCurve } from '../../../src/stats/calibration-curve.js';
import { modelChain } from '../model-chain.js';

/**
 * The resample counts of one calibrate run against the harness's n_boot_ok (= the requested B):
 * the requested B must equal it; the successful refits must be between 1 and B and bound every
 * predy's count. Returns the line that reports the successful count.
 */
export function compareResampleCounts(rec: Recorder, label: string, cal: Pick<CalibrationResult, 'B' | 'nBootOk' | 'n'>, nBootOkR: number): string {
  rec.equal(`${label} resamples requested (R's n_boot_ok = attr(cal, "B"))`, cal.B, nBootOkR);
  const bounded = cal.nBootOk >= 1 && cal.nBootOk <= cal.B && Array.from(cal.n).every((v) => v <= cal.nBootOk);
  rec.ok(`${label} successful refits`, bounded, `${cal.nBootOk} of ${cal.B}, per-predy counts ${Math.min(...cal.n)}..${Math.max(...cal.n)}`);
  return `${label}: ${cal.nBootOk} of ${cal.B} bootstrap refits succeeded (per predy ${Math.min(...cal.n)}..${Math.max(...cal.n)})`;
}

export const checks: ParityCheck[] = [
  {
    family: 'calibration: rms calibrate (boot)',
    cohort(ref, rec) {
      const C = ref.out('calibration');
      const c = modelChain(ref);
      const notes: string[] = [];
      for (const m of ['clinical', 'radiomics', 'nomogram'] as const) {
        const R = C.train_bootstrap[m];
        const fit = c.fits[m];
        const d = fit.design;
        const x = Float64Array.from(d.x.subarray(d.n, d.n * d.p));
        const cal = calibrateBootstrap(x, d.p - 1, fit.y, fit.linearPredictor, { B: 200, seed: 20240611 });
        const t = R.table;
        rec.closeAll(`${m} predy`, cal.predy, t.map((r: any) => r.predy), TOL.closedForm);
        rec.closeAll(`${m} calibrated.orig`, cal.calibratedOrig, t.map((r: any) => r['calibrated.orig']), { rel: 1e-9, abs: 1e-12 });
        notes.push(compareResampleCounts(rec, m, cal, R.n_boot_ok));
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
      for (const line of notes) console.log(`      ${line}`);
      for (const [set, rows] of [
        ['train', c.train],
        ['validation', c.validation],
      ] as const) {
        const y = Float64Array.from(rows, (i) => c.er[i]);
        for (const m of ['p_clinical', 'p_radiomics', 'p_nomogram'] as const) {
          const r = C.apparent_lowess[set][m];
          const a = apparentCalibrationCurve(Float64Array.from(rows, (i) => c.pred[m][i]), y);
          rec.closeAll(`apparent_lowess ${set} ${m} predy`, a.predy, list(r.predy), TOL.closedForm);
          rec.closeAll(`apparent_lowess ${set} ${m} calibrated`, a.calibrated, list(r.calibrated), { rel: 1e-9, abs: 1e-12 });
        }
      }
    },
  },
];
