/**
 * Bootstrap optimism-corrected calibration curve of a logistic model, as rms 6.5's
 * calibrate(fit, method = "boot", B) computes it (calibrate.default + predab.resample):
 *
 * - predy: 50 points from the 5th smallest to the 5th largest fitted probability (seq);
 * - calibration error of a linear predictor lp on outcomes y: the smoother lowess(plogis(lp), y,
 *   iter = 0) read at predy (approx, ties = first; NA outside the data) minus predy;
 * - apparent ("calibrated.orig"): predy + the error of the original fit on its own data;
 * - for b = 1..B: draw n rows with replacement, refit with rms's lrm.fit (Newton, eps = 0.025,
 *   at most 12 iterations; a failed fit is skipped), and take the error of the refit on the
 *   resample ("training") and on the original rows ("test"); at each predy the optimism is the
 *   mean of training − test over the resamples where both are defined;
 * - "calibrated.corrected" = calibrated.orig − optimism.
 * The resamples come from the project's R-compatible generator in the order predab.resample
 * draws them (sample(n, replace = TRUE) per resample), so with the seed R was given the
 * bootstrap rows are R's own.
 */
import { lrmFit } from './lrm-fit.js';
import { lowess } from './lowess.js';
import { approx } from './interpolate.js';
import { seqLength } from './calibration-curve.js';
import { createRng } from './random.js';
import { fitLogistic } from './logistic.js';

export interface CalibrationResult {
  predy: Float64Array;
  calibratedOrig: Float64Array;
  calibratedCorrected: Float64Array;
  optimism: Float64Array;
  /** Resamples requested (rms: attr(cal, "B")). */
  B: number;
  /** Resamples whose refit succeeded (rms reports the others as "Divergence or singularity in k samples"). */
  nBootOk: number;
  /** Per predy, the resamples where the error was defined on both samples. */
  n: Int32Array;
  meanAbsError: number;
  meanSqError: number;
  q90AbsError: number;
}

/** The smooth calibration error at predy of predictions plogis(lp) against y (NaN outside the data). */
export function calibrationError(lp: ArrayLike<number>, y: ArrayLike<number>, predy: Float64Array): Float64Array {
  const cal = smoothCalibration(lp, y, predy);
  return cal.map((c, k) => c - predy[k]);
}

/** lowess(plogis(lp), y, iter = 0) read at predy by approx(ties = first). */
export function smoothCalibration(lp: ArrayLike<number>, y: ArrayLike<number>, predy: Float64Array): Float64Array {
  const p = Float64Array.from(lp, (v) => 1 / (1 + Math.exp(-v)));
  const sm = lowess(p, y, { iter: 0 });
  return approx(sm.x, sm.y, predy, 'first');
}

function quantile7(x: ArrayLike<number>, prob: number): number {
  const s = Float64Array.from(x).sort();
  const index = 1 + (s.length - 1) * prob;
  const lo = Math.floor(index);
  const h = index - lo;
  return h > 0 ? (1 - h) * s[lo - 1] + h * s[lo] : s[lo - 1];
}

/**
 * Bootstrap calibration of the logistic model y ~ x (x column-major n×k, no intercept column;
 * `linearPredictor` = the original fit's). See the file comment.
 */
export function calibrateBootstrap(
  x: Float64Array,
  k: number,
  y: ArrayLike<number>,
  linearPredictor: ArrayLike<number>,
  opts: { B?: number; seed: number },
): CalibrationResult {
  const n = y.length;
  if (n < 11) throw new Error(`calibrate: ${n} rows; at least 11 are needed (predy spans the 5th smallest to the 5th largest prediction)`);
  if (x.length !== n * k) throw new Error(`calibrate: matrix has ${x.length} values, expected ${n}×${k}`);
  const B = opts.B ?? 40;
  const ps = Float64Array.from(linearPredictor, (v) => 1 / (1 + Math.exp(-v))).sort();
  const predy = seqLength(ps[4], ps[n - 5], 50);
  const origCal = smoothCalibration(linearPredictor, y, predy);
  const G = predy.length;
  const trainSum = new Float64Array(G);
  const testSum = new Float64Array(G);
  const num = new Int32Array(G);
  const rng = createRng(opts.seed);
  let ok = 0;
  const xb = new Float64Array(n * k);
  const yb = new Float64Array(n);
  const lpAll = new Float64Array(n);
  const lpTrain = new Float64Array(n);
  for (let b = 0; b < B; b++) {
    const rows = rng.sample(n, n, true);
    for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) xb[j * n + i] = x[j * n + rows[i]];
    for (let i = 0; i < n; i++) yb[i] = y[rows[i]];
    let ones = 0;
    for (let i = 0; i < n; i++) ones += yb[i];
    if (ones === 0 || ones === n) continue; // a one-class resample cannot be fitted (rms: fit error → skipped)
    const f = lrmFit(xb, k, yb);
    if (f.fail) continue;
    ok++;
    for (let i = 0; i < n; i++) {
      let s = f.coefficients[0];
      for (let j = 0; j < k; j++) s += f.coefficients[j + 1] * x[j * n + i];
      lpAll[i] = s;
    }
    for (let i = 0; i < n; i++) lpTrain[i] = lpAll[rows[i]];
    const tr = calibrationError(lpTrain, yb, predy);
    const te = calibrationError(lpAll, y, predy);
    for (let g = 0; g < G; g++) {
      if (Number.isNaN(tr[g]) || Number.isNaN(te[g])) continue;
      trainSum[g] += tr[g];
      testSum[g] += te[g];
      num[g]++;
    }
  }
  const optimism = new Float64Array(G);
  const calibratedOrig = new Float64Array(G);
  const calibratedCorrected = new Float64Array(G);
  const err = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    optimism[g] = trainSum[g] / num[g] - testSum[g] / num[g];
    calibratedOrig[g] = origCal[g];
    calibratedCorrected[g] = calibratedOrig[g] - optimism[g];
    err[g] = Math.abs(calibratedCorrected[g] - predy[g]);
  }
  let mae = 0;
  let mse = 0;
  for (let g = 0; g < G; g++) {
    mae += err[g];
    mse += err[g] * err[g];
  }
  return {
    predy,
    calibratedOrig,
    calibratedCorrected,
    optimism,
    B,
    nBootOk: ok,
    n: num,
    meanAbsError: mae / G,
    meanSqError: mse / G,
    q90AbsError: quantile7(err, 0.9),
  };
}

export interface CalibrationLine {
  /** Intercept of the recalibration y ~ logit(p) (with the slope). */
  intercept: number;
  /** Calibration slope: the coefficient of logit(p) in y ~ logit(p). */
  slope: number;
  /** Calibration-in-the-large: the intercept of y ~ offset(logit(p)). */
  interceptInTheLarge: number;
}

/**
 * Calibration intercept and slope of predicted probabilities by logistic recalibration at the
 * exact maximum-likelihood estimate (Cox 1958, Biometrika 45:562-565; Steyerberg, Clinical
 * Prediction Models, 2nd ed., §15.2): slope and intercept of y ~ logit(p), and the calibration
 * in the large, the intercept of y ~ offset(logit(p)). (rms val.prob reports the first two from
 * its loosely converged lrm.fit; they differ from these in the ~6th digit.)
 */
export function calibrationLine(p: ArrayLike<number>, y: ArrayLike<number>): CalibrationLine {
  const n = p.length;
  const lp = Float64Array.from(p, (v, i) => {
    if (!(v > 0 && v < 1)) throw new Error(`calibration line, row ${i + 1}: prediction ${v} must lie strictly between 0 and 1`);
    return Math.log(v / (1 - v));
  });
  const x = new Float64Array(2 * n);
  x.fill(1, 0, n);
  x.set(lp, n);
  const base = { n, termIsFactor: [false], hasIntercept: true } as const;
  const full = fitLogistic({ ...base, p: 2, x, columnNames: ['(Intercept)', 'logit(p)'], termOfColumn: [-1, 0], termNames: ['logit(p)'], termIsFactor: [false] }, y);
  const large = fitLogistic(
    { ...base, p: 1, x: new Float64Array(n).fill(1), columnNames: ['(Intercept)'], termOfColumn: [-1], termNames: [], termIsFactor: [] },
    y,
    { offset: lp, nullDeviance: false },
  );
  return { intercept: full.coefficients[0], slope: full.coefficients[1], interceptInTheLarge: large.coefficients[0] };
}
