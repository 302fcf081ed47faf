/**
 * The nomogram scale of a logistic model as rms 6.5 computes it (nomogram(fit, fun = plogis,
 * fun.at, lp = TRUE) with datadist on the training data, maxscale = 100, nint = 10):
 *
 * - axis values per predictor: its sorted unique training values when it has ≤ 10 of them,
 *   else pretty(range of the training values, n = 10) (datadist + value.chk, type.range "full");
 *   `observedRange` instead uses, for predictors with > 10 values, the exact training min/max;
 * - xβ_j over the axis values gives min_j and max_j; sc = maxscale / max_j (max_j − min_j);
 * - points_j(x) = (β_j·x − min_j)·sc; total = Σ points_j;
 *   lp = total/sc + (β₀ + Σ min_j); probability = plogis(lp);
 * - the linear-predictor axis at lp.at = pretty(range of the training linear predictors, 10),
 *   the total-points axis pretty(0 .. max(maxscale, sc·max(lp.at − β₀ − Σ min_j)), 10);
 * - the probability axis at fun.at: the exact positions (qlogis(p) − β₀ − Σ min_j)·sc, and the
 *   positions rms draws, interpolated from 1000 points of plogis over lp.at's range.
 */
import { pretty } from './pretty.js';
import { approx, seqLength } from './interpolate.js';

export interface NomogramPredictor {
  name: string;
  coefficient: number;
  /** Training values (for the axis choice). */
  values: ArrayLike<number>;
}

export interface NomogramAxis {
  name: string;
  values: number[];
  points: number[];
  minXbeta: number;
  maxXbeta: number;
}

export interface NomogramScale {
  sc: number;
  maxscale: number;
  /** β₀ + Σ_j min_j: the linear predictor at 0 total points. */
  interceptPlusSumMin: number;
  intercept: number;
  coefficients: Record<string, number>;
  axes: NomogramAxis[];
  totalPointsAxis: number[];
  lpAxis: { lp: number[]; points: number[] };
  /** fun.at probabilities with rms's interpolated positions (dropped where outside lp.at's range). */
  riskAxis: { probability: number[]; points: number[] };
  /** The exact total points of each fun.at probability. */
  probabilityToTotalPoints: { probability: number; totalPoints: number }[];
}

export const DEFAULT_FUN_AT = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];

/** rms's axis values for one predictor (see the file comment). */
export function nomogramAxisValues(values: ArrayLike<number>, mode: 'default' | 'observedRange' = 'default', nint = 10): number[] {
  const u = Array.from(new Set(Array.from(values as ArrayLike<number>))).sort((a, b) => a - b);
  if (u.some((v) => !Number.isFinite(v))) throw new Error('nomogram: predictor values must be finite');
  if (u.length <= 10) return u;
  if (mode === 'observedRange') return [u[0], u[u.length - 1]];
  return pretty([u[0], u[u.length - 1]], { n: nint });
}

export interface NomogramOptions {
  mode?: 'default' | 'observedRange';
  maxscale?: number;
  nint?: number;
  funAt?: number[];
  /** Training linear predictors (for the lp axis); without them the lp axis spans the points range. */
  trainingLinearPredictor?: ArrayLike<number>;
  /** Axis values given explicitly per predictor name (rms nomogram(fit, x = values)). */
  axisValues?: Record<string, number[]>;
}

/** The nomogram scale (see the file comment). */
export function nomogramScale(intercept: number, predictors: readonly NomogramPredictor[], opts: NomogramOptions = {}): NomogramScale {
  const maxscale = opts.maxscale ?? 100;
  const nint = opts.nint ?? 10;
  const funAt = opts.funAt ?? DEFAULT_FUN_AT;
  if (!predictors.length) throw new Error('nomogram: the model has no predictors');
  const axes: NomogramAxis[] = predictors.map((pr) => {
    if (!Number.isFinite(pr.coefficient)) throw new Error(`nomogram: coefficient of '${pr.name}' is not finite`);
    const values = opts.axisValues?.[pr.name] ?? nomogramAxisValues(pr.values, opts.mode ?? 'default', nint);
    const xb = values.map((v) => pr.coefficient * v);
    return { name: pr.name, values, points: [], minXbeta: Math.min(...xb), maxXbeta: Math.max(...xb) };
  });
  const maxRange = Math.max(...axes.map((a) => a.maxXbeta - a.minXbeta));
  if (!(maxRange > 0)) throw new Error('nomogram: every predictor has a zero coefficient or a single axis value');
  const sc = maxscale / maxRange;
  let sumMin = 0;
  for (const a of axes) sumMin += a.minXbeta;
  const base = intercept + sumMin;
  axes.forEach((a, j) => {
    a.points = a.values.map((v) => (predictors[j].coefficient * v - a.minXbeta) * sc);
  });
  let lpAt: number[];
  if (opts.trainingLinearPredictor && opts.trainingLinearPredictor.length) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < opts.trainingLinearPredictor.length; i++) {
      lo = Math.min(lo, opts.trainingLinearPredictor[i]);
      hi = Math.max(hi, opts.trainingLinearPredictor[i]);
    }
    lpAt = pretty([lo, hi], { n: nint });
  } else {
    lpAt = pretty([base, base + axes.reduce((s, a) => s + (a.maxXbeta - a.minXbeta), 0)], { n: nint });
  }
  const sumMax = axes.length === 1 ? maxscale : Math.max(maxscale, sc * Math.max(...lpAt.map((l) => l - base)));
  const totalPointsAxis = pretty([0, sumMax], { n: nint });
  const xseq = seqLength(Math.min(...lpAt), Math.max(...lpAt), 1000);
  const fu = xseq.map((v) => 1 / (1 + Math.exp(-v)));
  const w = approx(fu, xseq, funAt, 'mean');
  const riskP: number[] = [];
  const riskPts: number[] = [];
  funAt.forEach((p, k) => {
    if (!Number.isNaN(w[k])) {
      riskP.push(p);
      riskPts.push((w[k] - base) * sc);
    }
  });
  const coefficients: Record<string, number> = {};
  predictors.forEach((p) => (coefficients[p.name] = p.coefficient));
  return {
    sc,
    maxscale,
    interceptPlusSumMin: base,
    intercept,
    coefficients,
    axes,
    totalPointsAxis,
    lpAxis: { lp: lpAt, points: lpAt.map((l) => (l - base) * sc) },
    riskAxis: { probability: riskP, points: riskPts },
    probabilityToTotalPoints: funAt.map((p) => ({ probability: p, totalPoints: (Math.log(p / (1 - p)) - base) * sc })),
  };
}

export interface NomogramScore {
  points: Record<string, number>;
  totalPoints: number;
  linearPredictor: number;
  probability: number;
}

/** Points of one patient: per predictor, total, the linear predictor and the probability. */
export function nomogramScore(scale: NomogramScale, x: Record<string, number>): NomogramScore {
  const points: Record<string, number> = {};
  let total = 0;
  for (const a of scale.axes) {
    const v = x[a.name];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`nomogram: value of '${a.name}' is missing`);
    const pt = (scale.coefficients[a.name] * v - a.minXbeta) * scale.sc;
    points[a.name] = pt;
    total += pt;
  }
  const lp = totalPointsToLinearPredictor(scale, total);
  return { points, totalPoints: total, linearPredictor: lp, probability: 1 / (1 + Math.exp(-lp)) };
}

/** lp = total/sc + β₀ + Σ min_j. */
export function totalPointsToLinearPredictor(scale: NomogramScale, total: number): number {
  return total / scale.sc + scale.interceptPlusSumMin;
}
