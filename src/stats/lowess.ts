/**
 * LOWESS scatterplot smoothing exactly as R's lowess(x, y, f, iter, delta) (the clowess
 * routine): points sorted by x (stably), a local linear fit with tricube weights over the
 * ns = max(2, min(n, ⌊f·n + 1e-7⌋)) nearest neighbours, points closer than `delta` to the last
 * fitted one interpolated linearly, and `iter` robustness iterations with bisquare weights of
 * the residuals scaled by 6 × their median absolute value.
 *
 * Details that decide the last digits and that this follows: the window slides right while the
 * next point is closer than the leftmost; weights are 1 within 0.001·h, (1 − (r/h)³)³ up to
 * 0.999·h and 0 beyond, h the distance to the farther end of the window; points tied with the
 * window's far end get weight too; the local slope is used only when √(Σw(x − x̄)²) > 0.001 ×
 * the range of x; tied x values share the fitted value.
 *
 * Sources: W. S. Cleveland (1979), "Robust locally weighted regression and smoothing
 * scatterplots", JASA 74, 829–836; Cleveland (1981), "LOWESS: A program for smoothing
 * scatterplots by robust locally weighted regression", The American Statistician 35, 54; R's
 * ?lowess (f = 2/3, iter = 3, delta = 0.01·diff(range(x))).
 */
import { sortedOrder } from './ranks.js';
import { requireFinite } from './validate.js';

export interface LowessOptions {
  /** smoother span (default 2/3) */
  f?: number;
  /** robustness iterations (default 3; rms calibrate and val.prob use 0) */
  iter?: number;
  /** interpolation distance (default 0.01 × range of x) */
  delta?: number;
}

export interface LowessResult {
  /** x sorted increasingly */
  x: Float64Array;
  /** fitted values at x */
  y: Float64Array;
}

/**
 * The local weighted linear fit at xs over x[nleft..nright] (0-based, inclusive), and points
 * beyond nright that are within the bandwidth. Returns NaN when every weight is 0.
 */
function localFit(
  x: Float64Array,
  y: Float64Array,
  n: number,
  xs: number,
  nleft: number,
  nright: number,
  w: Float64Array,
  robust: boolean,
  rw: Float64Array,
): number {
  const range = x[n - 1] - x[0];
  const h = Math.max(xs - x[nleft], x[nright] - xs);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  let j = nleft;
  while (j < n) {
    w[j] = 0;
    const r = Math.abs(x[j] - xs);
    if (r <= h9) {
      if (r <= h1) w[j] = 1;
      else {
        const q = r / h;
        const c = 1 - q * q * q;
        w[j] = c * c * c;
      }
      if (robust) w[j] *= rw[j];
      a += w[j];
    } else if (x[j] > xs) break;
    j++;
  }
  const nrt = j - 1;
  if (a <= 0) return NaN;
  // The passes below are clowess's (normalise, weighted mean, weighted variance, slope-adjusted
  // weights, weighted sum), fused where one pass only needs the previous one's element: every
  // product and every running sum is formed in the same order, so the result is bit-identical.
  let ys = 0;
  if (h > 0) {
    let mean = 0;
    for (j = nleft; j <= nrt; j++) {
      const wj = w[j] / a;
      w[j] = wj;
      mean += wj * x[j];
    }
    let c = 0;
    for (j = nleft; j <= nrt; j++) {
      const d = x[j] - mean;
      c += w[j] * d * d;
    }
    if (Math.sqrt(c) > 0.001 * range) {
      const b = (xs - mean) / c;
      for (j = nleft; j <= nrt; j++) ys += w[j] * (b * (x[j] - mean) + 1) * y[j];
      return ys;
    }
    for (j = nleft; j <= nrt; j++) ys += w[j] * y[j];
    return ys;
  }
  for (j = nleft; j <= nrt; j++) ys += (w[j] / a) * y[j];
  return ys;
}

/** Work arrays of lowessSorted, each of length ≥ n, for callers that smooth many times (calibrate). */
export interface LowessWork {
  /** robustness weights */
  rw: Float64Array;
  /** residuals, and the local weights while fitting */
  res: Float64Array;
}

/**
 * Smooths on data already sorted by x (the core of R's clowess). `out` and `work`, when given
 * (length ≥ x.length), are used instead of new arrays; the fitted values are returned in `out`.
 */
export function lowessSorted(
  x: Float64Array,
  y: Float64Array,
  f: number,
  nsteps: number,
  delta: number,
  out?: Float64Array,
  work?: LowessWork,
): Float64Array {
  const n = x.length;
  const ys = out ?? new Float64Array(n);
  if (n < 2) {
    if (n === 1) ys[0] = y[0];
    return ys;
  }
  const rw = work ? work.rw : new Float64Array(n);
  const res = work ? work.res : new Float64Array(n);
  const ns = Math.max(2, Math.min(n, Math.floor(f * n + 1e-7)));
  for (let iter = 1; iter <= nsteps + 1; iter++) {
    let nleft = 0;
    let nright = ns - 1;
    let last = -1;
    let i = 0;
    for (;;) {
      if (nright < n - 1) {
        const d1 = x[i] - x[nleft];
        const d2 = x[nright + 1] - x[i];
        if (d1 > d2) {
          nleft++;
          nright++;
          continue;
        }
      }
      const fit = localFit(x, y, n, x[i], nleft, nright, res, iter > 1, rw);
      ys[i] = Number.isNaN(fit) ? y[i] : fit;
      if (last < i - 1) {
        const denom = x[i] - x[last];
        for (let j = last + 1; j < i; j++) {
          const alpha = (x[j] - x[last]) / denom;
          ys[j] = alpha * ys[i] + (1 - alpha) * ys[last];
        }
      }
      last = i;
      const cut = x[last] + delta;
      for (i = last + 1; i < n; i++) {
        if (x[i] > cut) break;
        if (x[i] === x[last]) {
          ys[i] = ys[last];
          last = i;
        }
      }
      i = Math.max(last + 1, i - 1);
      if (last >= n - 1) break;
    }
    if (iter > nsteps) break;
    for (let k = 0; k < n; k++) res[k] = y[k] - ys[k];
    // robustness weights from the residuals' median absolute value
    let sc = 0;
    for (let k = 0; k < n; k++) sc += Math.abs(res[k]);
    sc /= n;
    for (let k = 0; k < n; k++) rw[k] = Math.abs(res[k]);
    const sortedAbs = Float64Array.from(rw).sort();
    const m1 = n >> 1;
    const cmad = n % 2 === 0 ? 3 * (sortedAbs[m1] + sortedAbs[n - m1 - 1]) : 6 * sortedAbs[m1];
    if (cmad < 1e-7 * sc) break;
    const c9 = 0.999 * cmad;
    const c1 = 0.001 * cmad;
    for (let k = 0; k < n; k++) {
      const r = Math.abs(res[k]);
      if (r <= c1) rw[k] = 1;
      else if (r <= c9) {
        const q = r / cmad;
        rw[k] = (1 - q * q) * (1 - q * q);
      } else rw[k] = 0;
    }
  }
  return ys;
}

/**
 * R's lowess(x, y, f = 2/3, iter = 3, delta = 0.01 · diff(range(x))).
 * @example lowess(x, y, { iter: 0 }) // the smoother rms::calibrate and val.prob use
 */
export function lowess(x: ArrayLike<number>, y: ArrayLike<number>, opts: LowessOptions = {}): LowessResult {
  if (x.length !== y.length) throw new RangeError(`lowess: x has ${x.length} values but y has ${y.length}`);
  requireFinite(x, 'lowess, x');
  requireFinite(y, 'lowess, y');
  const f = opts.f ?? 2 / 3;
  const iter = opts.iter ?? 3;
  if (!(f > 0)) throw new RangeError(`lowess: span f = ${f} must be > 0`);
  if (!Number.isInteger(iter) || iter < 0) throw new RangeError(`lowess: iter = ${iter} must be a non-negative integer`);
  const n = x.length;
  const order = sortedOrder(x);
  const xs = new Float64Array(n);
  const yv = new Float64Array(n);
  let mn = Infinity;
  let mx = -Infinity;
  for (let i = 0; i < n; i++) {
    xs[i] = x[order[i]];
    yv[i] = y[order[i]];
    if (x[i] < mn) mn = x[i];
    if (x[i] > mx) mx = x[i];
  }
  const delta = opts.delta ?? 0.01 * (mx - mn);
  return { x: xs, y: lowessSorted(xs, yv, f, iter, delta, new Float64Array(n), { rw: new Float64Array(n), res: new Float64Array(n) }) };
}
