/**
 * R's one-dimensional interpolation: `approx` (linear, rule = 1) and `spline` (method "fmm"),
 * including `regularize.values` (sort by x, collapse tied x by a summary of their y).
 * rms (calibrate, val.prob, nomogram) and MASS (confint of a profile) rely on exactly these.
 *
 * Sources: R stats::approx / regularize.values / spline documentation; the "fmm" cubic spline
 * is Forsythe, Malcolm & Moler, Computer Methods for Mathematical Computations (1977), §4.4
 * (end conditions: the third derivative at each end equals that of the cubic through the four
 * end points).
 */

export type Ties = 'mean' | 'first';

/** Sorts (x, y) by x (stably) and collapses tied x values by the mean or the first y. */
export function regularizeValues(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  ties: Ties,
): { x: Float64Array; y: Float64Array } {
  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) idx.push(i);
  idx.sort((a, b) => x[a] - x[b] || a - b);
  const xs: number[] = [];
  const ys: number[] = [];
  let k = 0;
  while (k < idx.length) {
    const xv = x[idx[k]];
    let e = k + 1;
    while (e < idx.length && x[idx[e]] === xv) e++;
    if (ties === 'first' || e - k === 1) ys.push(y[idx[k]]);
    else {
      let s = 0;
      for (let t = k; t < e; t++) s += y[idx[t]];
      ys.push(s / (e - k));
    }
    xs.push(xv);
    k = e;
  }
  return { x: Float64Array.from(xs), y: Float64Array.from(ys) };
}

/**
 * R's approx(x, y, xout, rule = 1, ties): linear interpolation on the regularized points, NaN
 * outside [min x, max x] (R's NA).
 */
export function approx(x: ArrayLike<number>, y: ArrayLike<number>, xout: ArrayLike<number>, ties: Ties = 'mean'): Float64Array {
  const r = regularizeValues(x, y, ties);
  return approxSorted(r.x, r.y, xout);
}

/** Linear interpolation on already regularized (sorted, unique) x (R's approx1, rule = 1). */
export function approxSorted(x: Float64Array, y: Float64Array, xout: ArrayLike<number>): Float64Array {
  const n = x.length;
  const out = new Float64Array(xout.length);
  for (let k = 0; k < xout.length; k++) {
    const v = xout[k];
    if (n === 0 || Number.isNaN(v) || v < x[0] || v > x[n - 1]) {
      out[k] = NaN;
      continue;
    }
    let i = 0;
    let j = n - 1;
    while (i < j - 1) {
      const ij = (i + j) >> 1;
      if (v < x[ij]) j = ij;
      else i = ij;
    }
    if (v === x[j]) out[k] = y[j];
    else if (v === x[i]) out[k] = y[i];
    else out[k] = y[i] + (y[j] - y[i]) * ((v - x[i]) / (x[j] - x[i]));
  }
  return out;
}

/** Coefficients of a cubic spline: s(u) = y_i + b_i d + c_i d² + d_i d³, d = u − x_i. */
export interface SplineCoef {
  x: Float64Array;
  y: Float64Array;
  b: Float64Array;
  c: Float64Array;
  d: Float64Array;
}

/** The Forsythe–Malcolm–Moler cubic spline through sorted, distinct x (R's spline_coef, method "fmm"). */
export function splineFmmCoef(x: Float64Array, y: Float64Array): SplineCoef {
  const n = x.length;
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  const d = new Float64Array(n);
  if (n < 2) return { x, y, b, c, d };
  if (n < 3) {
    const t = (y[1] - y[0]) / (x[1] - x[0]);
    b[0] = t;
    b[1] = t;
    return { x, y, b, c, d };
  }
  const nm1 = n - 1;
  // tridiagonal system: b diagonal, d off-diagonal, c right-hand side
  d[0] = x[1] - x[0];
  c[1] = (y[1] - y[0]) / d[0];
  for (let i = 1; i < nm1; i++) {
    d[i] = x[i + 1] - x[i];
    b[i] = 2 * (d[i - 1] + d[i]);
    c[i + 1] = (y[i + 1] - y[i]) / d[i];
    c[i] = c[i + 1] - c[i];
  }
  // end conditions: third derivatives match divided differences of the end cubics
  b[0] = -d[0];
  b[nm1] = -d[n - 2];
  c[0] = 0;
  c[nm1] = 0;
  if (n > 3) {
    c[0] = c[2] / (x[3] - x[1]) - c[1] / (x[2] - x[0]);
    c[nm1] = c[n - 2] / (x[nm1] - x[n - 3]) - c[n - 3] / (x[n - 2] - x[n - 4]);
    c[0] = (c[0] * d[0] * d[0]) / (x[3] - x[0]);
    c[nm1] = (-c[nm1] * d[n - 2] * d[n - 2]) / (x[nm1] - x[n - 4]);
  }
  // elimination and back substitution
  for (let i = 1; i <= nm1; i++) {
    const t = d[i - 1] / b[i - 1];
    b[i] -= t * d[i - 1];
    c[i] -= t * c[i - 1];
  }
  c[nm1] /= b[nm1];
  for (let i = n - 2; i >= 0; i--) c[i] = (c[i] - d[i] * c[i + 1]) / b[i];
  // polynomial coefficients
  b[nm1] = (y[nm1] - y[n - 2]) / d[n - 2] + d[n - 2] * (c[n - 2] + 2 * c[nm1]);
  for (let i = 0; i < nm1; i++) {
    b[i] = (y[i + 1] - y[i]) / d[i] - d[i] * (c[i + 1] + 2 * c[i]);
    d[i] = (c[i + 1] - c[i]) / d[i];
    c[i] = 3 * c[i];
  }
  c[nm1] = 3 * c[nm1];
  d[nm1] = d[n - 2];
  return { x, y, b, c, d };
}

/** Evaluates a spline at u (R's spline_eval: the cubic of the interval with x_i ≤ u < x_{i+1}). */
export function splineEval(s: SplineCoef, u: ArrayLike<number>): Float64Array {
  const { x, y, b, c, d } = s;
  const n = x.length;
  const out = new Float64Array(u.length);
  let i = 0;
  for (let l = 0; l < u.length; l++) {
    const ul = u[l];
    if (ul < x[i] || (i < n - 1 && x[i + 1] < ul)) {
      i = 0;
      let j = n;
      do {
        const k = (i + j) >> 1;
        if (ul < x[k]) j = k;
        else i = k;
      } while (j > i + 1);
    }
    const dx = ul - x[i];
    out[l] = y[i] + dx * (b[i] + dx * (c[i] + dx * d[i]));
  }
  return out;
}

/** R 4.2's seq.int(from, to, length.out = n): from + i·by with by = (to − from)/(n − 1), the last value = to. */
export function seqLength(from: number, to: number, n: number): Float64Array {
  const out = new Float64Array(n);
  if (n > 0) out[0] = from;
  if (n > 1) out[n - 1] = to;
  if (n > 2) {
    const by = (to - from) / (n - 1);
    for (let i = 1; i < n - 1; i++) out[i] = from + i * by;
  }
  return out;
}

/** R's spline(x, y, n = 3·length(unique x), method = "fmm"): values on an even grid over [min x, max x]. */
export function splineFmm(x: ArrayLike<number>, y: ArrayLike<number>, nOut?: number): { x: Float64Array; y: Float64Array } {
  const r = regularizeValues(x, y, 'mean');
  const n = nOut ?? 3 * r.x.length;
  const xout = seqLength(r.x[0], r.x[r.x.length - 1], n);
  return { x: xout, y: splineEval(splineFmmCoef(r.x, r.y), xout) };
}
