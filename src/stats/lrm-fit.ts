/**
 * Binary logistic regression as rms 6.5's lrm.fit fits it (Fortran LRMFIT, binary case), and
 * the statistics it reports. rms uses it inside val.prob (recalibration intercept and slope)
 * and calibrate (bootstrap refits), where its loose stopping rule shows in the results, so it
 * is reproduced step for step:
 *
 * - start: intercept = logit(ȳ), slopes 0 (or `initial`);
 * - Newton-Raphson on −2 log L for at most maxit − 1 iterations: if −2LL rose, halve the last
 *   step; else take the full Newton step and stop once |Δ(−2LL)| ≤ eps (the change measured
 *   *before* that last step, so one more step is taken); also stop when max|score| < 1e-9;
 *   hitting maxit is a failure (rms: "fail = TRUE", which calibrate/validate skip);
 * - fitted probabilities use plogis clamped to ±30 on the linear predictor.
 *
 * The rank measures are rms's (gcorr): predicted probabilities binned as ⌊5000·p⌋ + 1 (5001
 * bins), pairs of one event and one non-event counted as concordant, discordant or tied by bin;
 * C = (con + tie/2)/(con + dis + tie), Dxy = (con − dis)/(con + dis + tie),
 * Gamma = (con − dis)/(con + dis), Tau-a = (con − dis)/(n(n−1)/2). The binning makes C differ
 * from the exact ROC area when two predictions fall in one bin.
 */
import { cholesky, choleskySolve } from './linalg.js';
import { pchisq } from './distributions.js';

export interface LrmFitOptions {
  /** Starting values (intercept first); when given, P is NA as in rms. */
  initial?: ArrayLike<number>;
  maxit?: number;
  eps?: number;
  offset?: ArrayLike<number>;
  /**
   * false: the fit only (coefficients, deviance, fail, LR and max |score|), for callers that
   * refit many times (calibrate); linearPredictor is then empty, and P, the rank measures, R²
   * and the Brier score are NaN.
   */
  stats?: boolean;
}

export interface LrmStats {
  obs: number;
  maxDeriv: number;
  modelLR: number;
  df: number;
  /** 1 − pchisq(LR, df); NaN when initial values were given (rms). */
  p: number;
  C: number;
  Dxy: number;
  gamma: number;
  tauA: number;
  /** Nagelkerke R². */
  R2: number;
  brier: number;
}

export interface LrmFitResult {
  /** true when rms would report fail = TRUE (divergence, no convergence within maxit, singular). */
  fail: boolean;
  coefficients: Float64Array;
  /** −2 log L of the intercept-only model and of the fit (rms "deviance"). */
  deviance: [number, number];
  linearPredictor: Float64Array;
  stats: LrmStats;
}

/** rms's 5001-bin table of predicted probabilities, reused (cleared after each fit). */
const BINS0 = new Float64Array(5002);
const BINS1 = new Float64Array(5002);

function lprob(bb: number): number {
  return 1 / (1 + Math.exp(-Math.min(Math.max(bb, -30), 30)));
}

/**
 * One fit's data and the score, information and design-row arrays reused across its
 * evaluations (a top-level function rather than a closure per fit: compiled once, no allocation).
 */
interface Eval {
  x: Float64Array;
  k: number;
  n: number;
  y: ArrayLike<number>;
  off: ArrayLike<number> | undefined;
  u: Float64Array;
  v: Float64Array;
  c: Float64Array;
  /** −2 log L at the last evaluation */
  loglik: number;
  /** LRMFIT's divergence flag (a fitted probability of exactly 0 or 1) */
  dvrg: boolean;
}

/** −2 log L, score and information of the fit at b, into e. */
function evaluate(e: Eval, b: Float64Array): Eval {
  const { x, k, n, y, off, u, v, c } = e;
  const nv = k + 1;
  u.fill(0);
  v.fill(0);
  let ll = 0;
  let dvrg = false;
  c[0] = 1;
  for (let i = 0; i < n; i++) {
    let bx = b[0];
    for (let j = 0; j < k; j++) {
      c[j + 1] = x[j * n + i];
      bx += b[j + 1] * c[j + 1];
    }
    const p = lprob(bx + (off ? off[i] : 0));
    const vi = p * (1 - p);
    if (y[i] === 0) {
      if (p >= 1) dvrg = true;
      ll += Math.log(1 - p);
    } else {
      if (p <= 0) dvrg = true;
      ll += Math.log(p);
    }
    const r = y[i] - p;
    for (let a = 0; a < nv; a++) {
      u[a] += r * c[a];
      for (let bb = 0; bb <= a; bb++) v[bb * nv + a] += vi * c[a] * c[bb];
    }
  }
  for (let a = 0; a < nv; a++) for (let bb = 0; bb < a; bb++) v[a * nv + bb] = v[bb * nv + a];
  e.loglik = -2 * ll;
  e.dvrg = dvrg;
  return e;
}

/**
 * Fits `y` (0/1) on the k columns of x (column-major n×k, no intercept column) as rms lrm.fit.
 */
export function lrmFit(x: Float64Array, k: number, y: ArrayLike<number>, opts: LrmFitOptions = {}): LrmFitResult {
  const n = y.length;
  const maxit = opts.maxit ?? 12;
  const eps = opts.eps ?? 0.025;
  const nv = k + 1;
  const off = opts.offset;
  let n1 = 0;
  for (let i = 0; i < n; i++) n1 += y[i];
  const n0 = n - n1;
  const beta = new Float64Array(nv);
  if (opts.initial) for (let j = 0; j < Math.min(nv, opts.initial.length); j++) beta[j] = opts.initial[j];
  else {
    const pp = n1 / n;
    beta[0] = Math.log(pp / (1 - pp));
    if (off) {
      let m = 0;
      for (let i = 0; i < n; i++) m += off[i];
      beta[0] -= m / n;
    }
  }
  const llnull = -2 * ((n1 > 0 ? n1 * Math.log(n1 / n) : 0) + (n0 > 0 ? n0 * Math.log(n0 / n) : 0));

  const work: Eval = { x, k, n, y, off, u: new Float64Array(nv), v: new Float64Array(nv * nv), c: new Float64Array(nv), loglik: 0, dvrg: false };

  let fail = false;
  let oldl = 1e30;
  const deltab = new Float64Array(nv);
  let curstp = 1;
  if (maxit >= 2) {
    let done = false;
    for (let iter = 1; iter <= maxit - 1; iter++) {
      const e = evaluate(work, beta);
      let dmax = 0;
      for (let j = 0; j < nv; j++) dmax = Math.max(dmax, Math.abs(e.u[j]));
      if (dmax < 1e-9 && Math.abs(e.loglik - oldl) < 0.1 * eps) {
        done = true;
        break;
      }
      if (e.loglik > oldl || e.dvrg) {
        if (iter === 1) {
          fail = true;
          done = true;
          break;
        }
        curstp /= 2;
        for (let j = 0; j < nv; j++) beta[j] -= curstp * deltab[j];
        continue;
      }
      curstp = 1;
      const l = cholesky(e.v, nv, 1e-13);
      if (!l) {
        fail = true;
        done = true;
        break;
      }
      deltab.set(choleskySolve(l, nv, e.u));
      for (let j = 0; j < nv; j++) beta[j] += deltab[j];
      if (Math.abs(oldl - e.loglik) <= eps) {
        done = true;
        break;
      }
      oldl = e.loglik;
    }
    if (!done && maxit > 2) fail = true;
  }
  const fin = evaluate(work, beta);
  if (fin.dvrg) fail = true;
  const modelLR = llnull - fin.loglik;
  let maxDeriv = 0;
  for (let j = 0; j < nv; j++) maxDeriv = Math.max(maxDeriv, Math.abs(fin.u[j]));
  if (opts.stats === false) {
    return {
      fail,
      coefficients: beta,
      deviance: [llnull, fin.loglik],
      linearPredictor: new Float64Array(0),
      stats: { obs: n, maxDeriv, modelLR, df: k, p: NaN, C: NaN, Dxy: NaN, gamma: NaN, tauA: NaN, R2: NaN, brier: NaN },
    };
  }
  const r2max = 1 - Math.exp(-llnull / n);
  const p = opts.initial ? NaN : k > 0 ? 1 - pchisq(modelLR, k) : 1;
  const R2 = (1 - Math.exp(-modelLR / n)) / r2max;
  const r = rankMeasures(work, beta, n1);
  const fn = r.con + r.dis + r.tie;
  return {
    fail,
    coefficients: beta,
    deviance: [llnull, fin.loglik],
    linearPredictor: r.lp,
    stats: {
      obs: n,
      maxDeriv,
      modelLR,
      df: k,
      p,
      C: k > 0 ? (r.con + r.tie * 0.5) / fn : 0.5,
      Dxy: k > 0 ? (r.con - r.dis) / fn : 0,
      gamma: k > 0 && r.con + r.dis > 0 ? (r.con - r.dis) / (r.con + r.dis) : 0,
      tauA: k > 0 ? (r.con - r.dis) / ((n * (n - 1)) / 2) : 0,
      R2,
      brier: r.brier / n,
    },
  };
}

/**
 * The linear predictor at beta and rms's rank counts on the 5001-bin table (see the file
 * comment): concordant, discordant and tied event/non-event pairs, and the Brier sum. A function
 * of its own so that the fit loop, which calibrate runs thousands of times, stays small.
 */
function rankMeasures(e: Eval, beta: Float64Array, n1: number): { lp: Float64Array; con: number; dis: number; tie: number; brier: number } {
  const { x, k, n, y, off } = e;
  const lp = new Float64Array(n);
  const bins0 = BINS0;
  const bins1 = BINS1;
  const touched: number[] = [];
  let brier = 0;
  for (let i = 0; i < n; i++) {
    let bx = beta[0];
    for (let j = 0; j < k; j++) bx += beta[j + 1] * x[j * n + i];
    lp[i] = bx;
    const ipp = Math.trunc(5000 * lprob(bx + (off ? off[i] : 0)) + 1);
    (y[i] === 1 ? bins1 : bins0)[ipp] += 1;
    touched.push(ipp);
    const pr = 1 / (1 + Math.exp(-bx));
    brier += (pr - y[i]) * (pr - y[i]);
  }
  let con = 0;
  let dis = 0;
  let tie = 0;
  let above = n1; // events in bins > j
  const used = Array.from(new Set(touched)).sort((a, b) => a - b);
  for (const j of used) {
    above -= bins1[j];
    const kk = bins0[j];
    if (kk > 0) {
      con += kk * above;
      dis += kk * (n1 - above - bins1[j]);
      tie += kk * bins1[j];
    }
  }
  for (const b of touched) {
    bins0[b] = 0;
    bins1[b] = 0;
  }
  return { lp, con, dis, tie, brier };
}
