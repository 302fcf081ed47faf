/**
 * Descriptive statistics as R computes them: mean, var, sd, median, min/max and quantiles of
 * types 7 (R's default) and 6 (SPSS's HAVERAGE).
 *
 * Sources: R's mean.default (sum / n, then a second pass adding mean(x − mean)), var/sd (two-pass,
 * n − 1), median.default, quantile.default (Hyndman & Fan 1996, types 6 and 7, with R's fuzz
 * 4·ε for type 6).
 *
 * Missing values: every function throws a RangeError naming the variable (see validate.ts).
 */
import { named, requireFinite, requireLength } from './validate.js';

/**
 * Arithmetic mean with R's second-pass correction.
 * @example mean([1, 2, 4]) // 2.3333333333333335
 */
export function mean(x: ArrayLike<number>, label?: string): number {
  const what = named('mean', label);
  requireLength(x, 1, what);
  requireFinite(x, what);
  return meanUnchecked(x);
}

/** mean without the input checks, for callers that already checked. */
export function meanUnchecked(x: ArrayLike<number>): number {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  s /= n;
  let t = 0;
  for (let i = 0; i < n; i++) t += x[i] - s;
  return s + t / n;
}

/**
 * Sample variance (denominator n − 1), two-pass as R's var.
 * @example variance([1, 2, 4]) // 2.3333333333333335
 */
export function variance(x: ArrayLike<number>, label?: string): number {
  const what = named('variance', label);
  requireLength(x, 2, what, 'the sample variance needs two values');
  requireFinite(x, what);
  return varianceUnchecked(x);
}

/** variance without the input checks. */
export function varianceUnchecked(x: ArrayLike<number>): number {
  const n = x.length;
  const m = meanUnchecked(x);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    s += d * d;
  }
  return s / (n - 1);
}

/** Sample standard deviation √var, as R's sd. */
export function sd(x: ArrayLike<number>, label?: string): number {
  return Math.sqrt(variance(x, label));
}

/** A sorted Float64Array copy of x (after the finite check). */
export function sortedCopy(x: ArrayLike<number>, label?: string): Float64Array {
  requireFinite(x, named('sort', label));
  return Float64Array.from(x).sort();
}

/**
 * Median as R's median: the middle value, or the mean of the two middle values.
 * @example median([3, 1, 4, 1]) // 2
 */
export function median(x: ArrayLike<number>, label?: string): number {
  const what = named('median', label);
  requireLength(x, 1, what);
  requireFinite(x, what);
  return medianSorted(Float64Array.from(x).sort());
}

/** Median of an already sorted array. */
export function medianSorted(s: ArrayLike<number>): number {
  const n = s.length;
  const half = (n + 1) >> 1;
  if (n % 2 === 1) return s[half - 1];
  return (s[half - 1] + s[half]) / 2;
}

export type QuantileType = 6 | 7;

/**
 * Sample quantiles as R's quantile(x, probs, type): type 7 (R's default, linear interpolation
 * between order statistics at 1 + (n−1)p) or type 6 (SPSS, at p(n+1)).
 * @example quantile([1, 2, 3, 4], [0.25], 7) // [1.75]
 */
export function quantile(x: ArrayLike<number>, probs: ArrayLike<number>, type: QuantileType = 7, label?: string): Float64Array {
  const what = named(`quantile (type ${type})`, label);
  requireLength(x, 1, what);
  requireFinite(x, what);
  return quantileSorted(Float64Array.from(x).sort(), probs, type);
}

/** quantile of an already sorted, finite array. */
export function quantileSorted(s: ArrayLike<number>, probs: ArrayLike<number>, type: QuantileType = 7): Float64Array {
  const n = s.length;
  const out = new Float64Array(probs.length);
  const eps = 100 * 2.220446049250313e-16;
  for (let k = 0; k < probs.length; k++) {
    const p0 = probs[k];
    if (!(p0 >= -eps && p0 <= 1 + eps)) throw new RangeError(`quantile: probability ${p0} is outside [0, 1]`);
    const p = Math.max(0, Math.min(1, p0));
    if (type === 7) {
      const index = 1 + Math.max(n - 1, 0) * p;
      const lo = Math.floor(index);
      const hi = Math.ceil(index);
      let q = s[lo - 1];
      if (index > lo && s[hi - 1] !== q) {
        const h = index - lo;
        q = (1 - h) * q + h * s[hi - 1];
      }
      out[k] = q;
    } else {
      // type 6: a = b = 0, nppm = p (n + 1)
      const fuzz = 4 * 2.220446049250313e-16;
      const nppm = p * (n + 1);
      const j = Math.floor(nppm + fuzz);
      let h = nppm - j;
      if (Math.abs(h) < fuzz) h = 0;
      // R extends x as c(x[1], x[1], x, x[n], x[n]) and reads x[j+2], x[j+3]
      const lowV = s[Math.min(Math.max(j, 1), n) - 1];
      const highV = s[Math.min(Math.max(j + 1, 1), n) - 1];
      let q = lowV;
      if (h === 1) q = highV;
      else if (h > 0 && h < 1 && lowV !== highV) q = (1 - h) * lowV + h * highV;
      out[k] = q;
    }
  }
  return out;
}

export interface Summary {
  n: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
  median: number;
  q1Type7: number;
  q3Type7: number;
  q1Type6: number;
  q3Type6: number;
}

/** n, mean, sd, min/max, median and quartiles of types 7 and 6 (the baseline table's summary). */
export function summarize(x: ArrayLike<number>, label?: string): Summary {
  const what = named('summary', label);
  requireLength(x, 2, what, 'a standard deviation needs two values');
  requireFinite(x, what);
  const s = Float64Array.from(x).sort();
  const q7 = quantileSorted(s, [0.25, 0.75], 7);
  const q6 = quantileSorted(s, [0.25, 0.75], 6);
  return {
    n: s.length,
    mean: meanUnchecked(x),
    sd: Math.sqrt(varianceUnchecked(x)),
    min: s[0],
    max: s[s.length - 1],
    median: medianSorted(s),
    q1Type7: q7[0],
    q3Type7: q7[1],
    q1Type6: q6[0],
    q3Type6: q6[1],
  };
}
