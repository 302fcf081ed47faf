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
 * bootstrap rows are R's own. The loop (ResampleAccumulator, CurveWork) performs exactly the
 * floating-point operations of that definition (calibrate-bootstrap.test.ts checks it bit for
 * bit) but reuses its arrays and sorts each resample's predictions from the original rows' order.
 */
import { lrmFit } from './lrm-fit.js';
import { lowess, lowessSorted, type LowessWork } from './lowess.js';
import { approx, approxSorted } from './interpolate.js';
import { seqLength } from './calibration-curve.js';
import { createRng } from './random.js';
import { fitLogistic } from './logistic.js';
import { requireBinary, requireFinite } from './validate.js';

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
 * The calibration curves of the bootstrap loop, computed as smoothCalibration does (same
 * operations, same order, so the same bits) without its per-call allocations and sorts:
 * - the sort of the predictions is stable (ties in row order, as lowess's sortedOrder): a
 *   native numeric sort of the values, then each row placed at its value's first free slot;
 * - a resample's predictions are the original rows' predictions repeated, so their stable order
 *   follows from the original rows' order by a counting sort on tie groups (resample position
 *   breaks ties, as a stable sort of the resample would);
 * - lowess(iter = 0) runs on preallocated arrays, then approx(ties = first) on the tie-collapsed points.
 */
class CurveWork {
  readonly sortedP: Float64Array;
  readonly used: Int32Array;
  readonly order: Int32Array;
  /** tie group of each original row in the current ordering */
  readonly group: Int32Array;
  readonly groupStart: Int32Array;
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly fit: Float64Array;
  readonly ux: Float64Array;
  readonly uy: Float64Array;
  readonly lw: LowessWork;

  constructor(readonly n: number) {
    this.sortedP = new Float64Array(n);
    this.used = new Int32Array(n);
    this.order = new Int32Array(n);
    this.group = new Int32Array(n);
    this.groupStart = new Int32Array(n + 1);
    this.xs = new Float64Array(n);
    this.ys = new Float64Array(n);
    this.fit = new Float64Array(n);
    this.ux = new Float64Array(n);
    this.uy = new Float64Array(n);
    this.lw = { rw: new Float64Array(n), res: new Float64Array(n) };
  }

  /** Stable ascending order of p into `order`, and the tie group of every row into `group`. */
  sortRows(p: Float64Array): void {
    const { n, sortedP, used, order, group } = this;
    sortedP.set(p);
    sortedP.sort();
    used.fill(0);
    for (let i = 0; i < n; i++) {
      const v = p[i];
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sortedP[mid] < v) lo = mid + 1;
        else hi = mid;
      }
      order[lo + used[lo]++] = i;
      group[i] = lo; // the first slot of its value identifies the tie group
    }
  }

  /**
   * Stable ascending order of the resample p[rows[0..n−1]] into `order` (positions in the
   * resample), from the groups that sortRows(p) left.
   */
  sortResample(rows: Int32Array): void {
    const { n, used, order, group, groupStart } = this;
    groupStart.fill(0);
    for (let i = 0; i < n; i++) groupStart[group[rows[i]] + 1]++;
    for (let g = 0; g < n; g++) groupStart[g + 1] += groupStart[g];
    used.fill(0);
    for (let i = 0; i < n; i++) {
      const g = group[rows[i]];
      order[groupStart[g] + used[g]++] = i;
    }
  }

  /**
   * lowess(p, y, iter = 0) read at predy by approx(ties = first), minus predy, over the original
   * rows (rows = null; order from sortRows) or a resample (rows; order from sortResample).
   */
  error(p: Float64Array, y: ArrayLike<number>, rows: Int32Array | null, predy: Float64Array): Float64Array {
    const { n, order, xs, ys, fit, ux, uy } = this;
    for (let k = 0; k < n; k++) {
      const r = rows ? rows[order[k]] : order[k];
      xs[k] = p[r];
      ys[k] = y[r];
    }
    // lowess's delta = 0.01 · diff(range(x))
    lowessSorted(xs, ys, 2 / 3, 0, 0.01 * (xs[n - 1] - xs[0]), fit, this.lw);
    let m = 0;
    for (let k = 0; k < n; k++) {
      if (k > 0 && xs[k] === xs[k - 1]) continue;
      ux[m] = xs[k];
      uy[m] = fit[k];
      m++;
    }
    const cal = approxSorted(ux.subarray(0, m), uy.subarray(0, m), predy);
    for (let g = 0; g < cal.length; g++) cal[g] -= predy[g];
    return cal;
  }
}

/**
 * The bootstrap loop's state and one resample's work (predab.resample's body): refit on the
 * resample, then the calibration error of the refit on the resample ("training") and on the
 * original rows ("test"), summed per predy where both are defined. A class of its own so that
 * the engine compiles this body once, apart from the loop that draws the resamples.
 */
class ResampleAccumulator {
  readonly trainSum: Float64Array;
  readonly testSum: Float64Array;
  readonly num: Int32Array;
  ok = 0;
  private readonly n: number;
  private readonly xb: Float64Array;
  private readonly yb: Float64Array;
  private readonly pAll: Float64Array;
  private readonly work: CurveWork;

  constructor(
    private readonly x: Float64Array,
    private readonly k: number,
    private readonly y: ArrayLike<number>,
    private readonly predy: Float64Array,
  ) {
    const n = y.length;
    this.n = n;
    this.trainSum = new Float64Array(predy.length);
    this.testSum = new Float64Array(predy.length);
    this.num = new Int32Array(predy.length);
    this.xb = new Float64Array(n * k);
    this.yb = new Float64Array(n);
    this.pAll = new Float64Array(n);
    this.work = new CurveWork(n);
  }

  add(rows: Int32Array): void {
    const { x, k, y, n, xb, yb, pAll, work, predy } = this;
    for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) xb[j * n + i] = x[j * n + rows[i]];
    for (let i = 0; i < n; i++) yb[i] = y[rows[i]];
    let ones = 0;
    for (let i = 0; i < n; i++) ones += yb[i];
    if (ones === 0 || ones === n) return; // a one-class resample cannot be fitted (rms: fit error → skipped)
    const f = lrmFit(xb, k, yb, { stats: false });
    if (f.fail) return;
    this.ok++;
    const beta = f.coefficients;
    for (let i = 0; i < n; i++) {
      let s = beta[0];
      for (let j = 0; j < k; j++) s += beta[j + 1] * x[j * n + i];
      pAll[i] = 1 / (1 + Math.exp(-s));
      if (Number.isNaN(pAll[i])) throw new RangeError(`calibrate: a bootstrap refit predicts NaN for row ${i + 1}; its coefficients are not finite`);
    }
    // the test curve on the original rows first: its order gives the resample's ("training") order
    work.sortRows(pAll);
    const te = work.error(pAll, y, null, predy);
    work.sortResample(rows);
    const tr = work.error(pAll, y, rows, predy);
    for (let g = 0; g < predy.length; g++) {
      if (Number.isNaN(tr[g]) || Number.isNaN(te[g])) continue;
      this.trainSum[g] += tr[g];
      this.testSum[g] += te[g];
      this.num[g]++;
    }
  }
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
  requireFinite(x, 'calibrate, predictor matrix');
  requireFinite(linearPredictor, 'calibrate, linear predictor');
  requireBinary(y, 'calibrate, outcome');
  const B = opts.B ?? 40;
  const ps = Float64Array.from(linearPredictor, (v) => 1 / (1 + Math.exp(-v))).sort();
  const predy = seqLength(ps[4], ps[n - 5], 50);
  const origCal = smoothCalibration(linearPredictor, y, predy);
  const G = predy.length;
  const acc = new ResampleAccumulator(x, k, y, predy);
  const rng = createRng(opts.seed);
  for (let b = 0; b < B; b++) acc.add(rng.sample(n, n, true));
  const { trainSum, testSum, num, ok } = acc;
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
