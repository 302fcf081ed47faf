/**
 * Validation statistics of predicted probabilities against 0/1 outcomes, exactly as rms 6.5's
 * val.prob(p, y) computes them (Harrell; Spiegelhalter 1986, Stat Med 5:421-433):
 *
 * - with logit = qlogis(p): a "fixed" lrm.fit at intercept 0 / slope 1 on the logit (no
 *   iterations) gives Dxy, C (rms's 5001-bin rank measures), R² and the LR χ² of the
 *   predictions ("D:Chi-sq"); D = (χ² − 1)/n;
 * - the recalibration lrm.fit(logit, y) (rms's Newton steps with eps = 0.025) gives Intercept
 *   and Slope; U:Chi-sq = −2ΣlogL(p) − deviance(recalibrated), U = (U:Chi-sq − 2)/n,
 *   U:p = 1 − pchisq(U:Chi-sq, 2); Q = D − U;
 * - Brier = mean (p − y)²;
 * - the smooth calibration curve lowess(p, y, iter = 0) read at every p (approx, ties = mean)
 *   gives |p − smooth|: Eavg its mean, Emax its maximum, E90 its 0.9 quantile (type 7);
 * - Spiegelhalter z = Σ(y − p)(1 − 2p) / √Σ(1 − 2p)² p(1 − p), p-value 2Φ(−|z|).
 * D:p is NA in rms itself (the fixed fit is given initial values) and is reported as NaN.
 * Predictions of exactly 0 or 1 are left out of the logistic parts, as rms does (with a warning).
 */
import { lrmFit } from './lrm-fit.js';
import { lowess } from './lowess.js';
import { approx } from './interpolate.js';
import { pchisq, pnorm } from './distributions.js';
import { rowName } from './design.js';

export interface ValProbStats {
  Dxy: number;
  C: number;
  R2: number;
  D: number;
  DChisq: number;
  /** NA in rms (NaN here). */
  Dp: number;
  U: number;
  UChisq: number;
  Up: number;
  Q: number;
  Brier: number;
  Intercept: number;
  Slope: number;
  Emax: number;
  E90: number;
  Eavg: number;
  Sz: number;
  Sp: number;
  warnings: string[];
}

/** R's quantile(x, prob, type = 7). */
function quantile7(x: ArrayLike<number>, prob: number): number {
  const s = Float64Array.from(x).sort();
  const n = s.length;
  const index = 1 + (n - 1) * prob;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const qs = s[lo - 1];
  const h = index - lo;
  return index > lo && s[hi - 1] !== qs ? (1 - h) * qs + h * s[hi - 1] : qs;
}

function spiegelhalter(p: ArrayLike<number>, y: ArrayLike<number>): [number, number] {
  let num = 0;
  let den = 0;
  for (let i = 0; i < p.length; i++) {
    num += (y[i] - p[i]) * (1 - 2 * p[i]);
    den += (1 - 2 * p[i]) * (1 - 2 * p[i]) * p[i] * (1 - p[i]);
  }
  const z = num / Math.sqrt(den);
  return [z, 2 * pnorm(-Math.abs(z))];
}

/** rms::val.prob statistics (see the file comment). */
export function valProb(p: ArrayLike<number>, y: ArrayLike<number>, labels?: readonly string[]): ValProbStats {
  const n0 = p.length;
  if (y.length !== n0) throw new Error(`val.prob: ${n0} predictions but ${y.length} outcomes`);
  for (let i = 0; i < n0; i++) {
    if (!(p[i] >= 0 && p[i] <= 1)) throw new Error(`val.prob, ${rowName(i, labels)}: prediction ${p[i]} is missing or outside [0, 1]`);
    if (y[i] !== 0 && y[i] !== 1) throw new Error(`val.prob, ${rowName(i, labels)}: outcome ${y[i]} is not 0 or 1`);
  }
  let ones = 0;
  for (let i = 0; i < n0; i++) ones += y[i];
  if (ones === 0 || ones === n0) throw new Error(`val.prob: all ${n0} outcomes are ${ones ? 1 : 0}; both classes are needed`);
  const warnings: string[] = [];
  const logit = Float64Array.from(p, (v) => Math.log(v / (1 - v)));
  const [sz, sp] = spiegelhalter(p, y);
  const brier = (() => {
    let s = 0;
    for (let i = 0; i < n0; i++) s += (p[i] - y[i]) * (p[i] - y[i]);
    return s / n0;
  })();
  if (new Set(Array.from(p as ArrayLike<number>)).size === 1) {
    // rms's branch for a constant prediction
    const P = ones / n0;
    const intc = Math.log(P / (1 - P));
    const D = -1 / n0;
    let L01 = 0;
    let Lcal = 0;
    for (let i = 0; i < n0; i++) {
      L01 += -2 * (y[i] * logit[i] - Math.log(1 + Math.exp(logit[i])));
      Lcal += -2 * (y[i] * intc - Math.log(1 + Math.exp(intc)));
    }
    const UChisq = L01 - Lcal;
    const U = (UChisq - 1) / n0;
    const e = Math.abs(p[0] - P);
    return {
      Dxy: 0, C: 0.5, R2: 0, D, DChisq: 0, Dp: 1, U, UChisq, Up: 1 - pchisq(UChisq, 1), Q: D - U, Brier: brier,
      Intercept: intc, Slope: 0, Emax: 0, E90: e, Eavg: e, Sz: sz, Sp: sp, warnings,
    };
  }
  const keep: number[] = [];
  for (let i = 0; i < n0; i++) if (Number.isFinite(logit[i])) keep.push(i);
  if (keep.length < n0) warnings.push(`${n0 - keep.length} observations deleted from logistic calibration due to probs. of 0 or 1`);
  const xl = Float64Array.from(keep, (i) => logit[i]);
  const yl = Float64Array.from(keep, (i) => y[i]);
  const fixed = lrmFit(xl, 1, yl, { initial: [0, 1], maxit: 1 });
  const recal = lrmFit(xl, 1, yl);
  if (recal.fail) warnings.push('val.prob: the recalibration fit did not converge');
  const n = fixed.stats.obs;
  const lr = fixed.stats.modelLR;
  const D = (lr - 1) / n;
  let L01 = 0;
  for (let i = 0; i < n0; i++) {
    const v = y[i] * logit[i] - Math.log(1 + Math.exp(logit[i]));
    if (!Number.isNaN(v)) L01 += v; // R: na.rm = TRUE
  }
  L01 *= -2;
  const UChisq = L01 - recal.deviance[1];
  const U = (UChisq - 2) / n;
  const sm = lowess(p, y, { iter: 0 });
  const cal = approx(sm.x, sm.y, p, 'mean');
  const er = Float64Array.from(p, (v, i) => Math.abs(v - cal[i]));
  let eavg = 0;
  let emax = 0;
  for (let i = 0; i < n0; i++) {
    eavg += er[i];
    emax = Math.max(emax, er[i]);
  }
  return {
    Dxy: fixed.stats.Dxy,
    C: fixed.stats.C,
    R2: fixed.stats.R2,
    D,
    DChisq: lr,
    Dp: NaN,
    U,
    UChisq,
    Up: 1 - pchisq(UChisq, 2),
    Q: D - U,
    Brier: brier,
    Intercept: recal.coefficients[0],
    Slope: recal.coefficients[1],
    Emax: emax,
    E90: quantile7(er, 0.9),
    Eavg: eavg / n0,
    Sz: sz,
    Sp: sp,
    warnings,
  };
}
