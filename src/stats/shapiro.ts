/**
 * Shapiro-Wilk normality test as R's shapiro.test: Royston's algorithm AS R94.
 *
 * Sources: J. P. Royston (1995), "Remark AS R94: A remark on Algorithm AS 181: The W-test for
 * normality", Appl. Statist. 44, 547–551 (the coefficient approximations, the polynomial
 * coefficients below and the normalising transformations of W for n ≤ 11 and n ≥ 12);
 * Royston (1992), Statistics and Computing 2, 117–119. n = 3 uses the exact distribution
 * (6/π)(asin √W − asin √¾). The constants are the published ones.
 *
 * W is the squared correlation between the ordered sample and the coefficients; 1 − W is
 * formed as (√(ssa·ssx) − sax)(√(ssa·ssx) + sax)/(ssa·ssx) to keep its digits near W = 1.
 */
import { pnorm, qnorm } from './distributions.js';
import { named, requireFinite } from './validate.js';

const C1 = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
const C2 = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
const C3 = [0.544, -0.39978, 0.025054, -6.714e-4];
const C4 = [1.3822, -0.77857, 0.062767, -0.0020322];
const C5 = [-1.5861, -0.31082, -0.083751, 0.0038915];
const C6 = [-0.4803, -0.082676, 0.0030302];
const G = [-2.273, 0.459];

/** c[0] + c[1] x + c[2] x² + … (AS 181.2's poly), by Horner's rule. */
function poly(c: readonly number[], x: number): number {
  if (c.length === 1) return c[0];
  let p = x * c[c.length - 1];
  for (let j = c.length - 2; j > 0; j--) p = (p + c[j]) * x;
  return c[0] + p;
}

/**
 * The coefficients a[1..n/2] for the upper half of the ordered sample (a[i] pairs with
 * x[n−i] − x[i−1]), AS R94's approximation; they depend on n only and are cached.
 */
function coefficients(n: number): Float64Array {
  const hit = coefCache.get(n);
  if (hit) return hit;
  const nn2 = n >> 1;
  const a = new Float64Array(nn2 + 1);
  if (n === 3) {
    a[1] = 0.70710678;
  } else {
    const an25 = n + 0.25;
    let summ2 = 0;
    for (let i = 1; i <= nn2; i++) {
      a[i] = qnorm((i - 0.375) / an25);
      summ2 += a[i] * a[i];
    }
    summ2 *= 2;
    const ssumm2 = Math.sqrt(summ2);
    const rsn = 1 / Math.sqrt(n);
    const a1 = poly(C1, rsn) - a[1] / ssumm2;
    let i1: number;
    let fac: number;
    if (n > 5) {
      i1 = 3;
      const a2 = -a[2] / ssumm2 + poly(C2, rsn);
      fac = Math.sqrt((summ2 - 2 * (a[1] * a[1]) - 2 * (a[2] * a[2])) / (1 - 2 * (a1 * a1) - 2 * (a2 * a2)));
      a[2] = a2;
    } else {
      i1 = 2;
      fac = Math.sqrt((summ2 - 2 * (a[1] * a[1])) / (1 - 2 * (a1 * a1)));
    }
    a[1] = a1;
    for (let i = i1; i <= nn2; i++) a[i] /= -fac;
  }

  if (coefCache.size > 64) coefCache.clear();
  coefCache.set(n, a);
  return a;
}

const coefCache = new Map<number, Float64Array>();

export interface ShapiroResult {
  /** W statistic */
  w: number;
  /** p-value */
  p: number;
  n: number;
}

/**
 * Shapiro-Wilk W and p for 3 ≤ n ≤ 5000 values.
 * Throws on missing values, n outside [3, 5000] and identical values (as R's shapiro.test).
 * @example shapiroWilk([3.1, 4.7, 2.2, 8.9, 5.5, 6, 1.4, 7.3, 9.8, 4.4, 5.1]) // W 0.9704064, p 0.8906011
 */
export function shapiroWilk(values: ArrayLike<number>, label?: string): ShapiroResult {
  const what = named('Shapiro-Wilk', label);
  requireFinite(values, what);
  const n = values.length;
  if (n < 3 || n > 5000) throw new RangeError(`${what}: sample size ${n}; it must be between 3 and 5000`);
  const x = Float64Array.from(values).sort();
  let range = x[n - 1] - x[0];
  if (range === 0) throw new RangeError(`${what}: all ${n} values are identical; normality cannot be tested on a constant`);
  if (range < 1e-10) {
    // R rescales tiny ranges; W is scale invariant
    for (let i = 0; i < n; i++) x[i] /= range;
    range = x[n - 1] - x[0];
  }

  const a = coefficients(n);

  // W as the squared correlation of x (scaled by its range) with the coefficient vector
  // c_k = −a[k+1] for the lower half, +a[n−k] for the upper half, 0 in the middle
  const coef = (k: number): number => {
    const j = n - 1 - k;
    if (k < j) return -a[k + 1];
    if (k > j) return a[j + 1];
    return 0;
  };
  let sa = 0;
  let sx = 0;
  for (let k = 0; k < n; k++) {
    sa += coef(k);
    sx += x[k] / range;
  }
  sa /= n;
  sx /= n;
  let ssa = 0;
  let ssx = 0;
  let sax = 0;
  for (let k = 0; k < n; k++) {
    const asa = coef(k) - sa;
    const xsx = x[k] / range - sx;
    ssa += asa * asa;
    ssx += xsx * xsx;
    sax += asa * xsx;
  }
  const ssassx = Math.sqrt(ssa * ssx);
  const w1 = ((ssassx - sax) * (ssassx + sax)) / (ssa * ssx);
  const w = 1 - w1;

  if (n === 3) {
    const pi6 = 1.90985931710274; // 6/π
    const stqr = 1.0471975511966; // asin(√¾)
    return { w, p: Math.max(0, pi6 * (Math.asin(Math.sqrt(w)) - stqr)), n };
  }
  let y = Math.log(w1);
  const lxx = Math.log(n);
  let m: number;
  let s: number;
  if (n <= 11) {
    const gamma = poly(G, n);
    if (y >= gamma) return { w, p: 1e-99, n };
    y = -Math.log(gamma - y);
    m = poly(C3, n);
    s = Math.exp(poly(C4, n));
  } else {
    m = poly(C5, lxx);
    s = Math.exp(poly(C6, lxx));
  }
  return { w, p: pnorm(y, m, s, false), n };
}
