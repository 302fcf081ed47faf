/**
 * R's pretty(x, n = 5, min.n = n %/% 3, shrink.sml = 0.75, high.u.bias = 1.5,
 * u5.bias = 0.5 + 1.5·high.u.bias, eps.correct = 0, f.min = 2^-20) exactly (R ≥ 4.2 with
 * bounds = TRUE): about n + 1 equally spaced round values (steps of 1, 2 or 5 × 10^k) that
 * cover range(x). rms::nomogram uses pretty(range, n = 10) for its axes, so the nomogram's
 * scale depends on it.
 *
 * The cell is dx/n (or a shrunken |x| when the range is tiny); the unit is the first of
 * {1, 2, 5, 10} × 10^⌊log10 cell⌋ favoured by the biases (2 if 2b − c < h(c − b), then 5 if
 * 5b − c < h5(c − u), then 10 if 10b − c < h(c − u)); ns = ⌊lo/unit + 1e-10⌋,
 * nu = ⌈up/unit − 1e-10⌉, widened until they cover [lo, up] within 1e-10·unit and to at least
 * min.n intervals; the ends are ns·unit and nu·unit unless the data lie (within 1e-10 units)
 * inside them; the values are seq.int(l, u, length.out = k + 1) with |s| < 1e-14·unit set to 0.
 *
 * Sources: R's ?pretty and base::pretty.default (R 4.2.2); Becker, Chambers & Wilks (1988).
 */

const DBL_EPSILON = 2.220446049250313e-16;
const DBL_MIN = 2.2250738585072014e-308;
const DBL_MAX = Number.MAX_VALUE;

export interface PrettyOptions {
  /** desired number of intervals (default 5) */
  n?: number;
  /** minimal number of intervals (default n %/% 3) */
  minN?: number;
  shrinkSml?: number;
  highUBias?: number;
  u5Bias?: number;
  fMin?: number;
}

/**
 * Pretty breakpoints covering the finite values of x.
 * @example pretty([31.8, 49.9], { n: 10 }) // [30, 32, …, 50]
 */
export function pretty(x: ArrayLike<number>, opts: PrettyOptions = {}): number[] {
  let lo = Infinity;
  let up = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > up) up = v;
  }
  if (lo === Infinity) return [];
  const n = opts.n ?? 5;
  const minN = opts.minN ?? Math.trunc(n / 3);
  const shrink = opts.shrinkSml ?? 0.75;
  const h = opts.highUBias ?? 1.5;
  const h5 = opts.u5Bias ?? 0.5 + 1.5 * h;
  const fMin = opts.fMin ?? 2 ** -20;
  if (!(n >= 0) || !Number.isInteger(n)) throw new RangeError(`pretty: n = ${n} must be a non-negative integer`);

  const dx = up - lo;
  let cell: number;
  let iSmall: boolean;
  if (dx === 0 && up === 0) {
    cell = 1;
    iSmall = true;
  } else {
    cell = Math.max(Math.abs(lo), Math.abs(up));
    let U = 1 + (h5 >= 1.5 * h + 0.5 ? 1 / (1 + h) : 1.5 / (1 + h5));
    U *= Math.max(1, n) * DBL_EPSILON;
    iSmall = dx < cell * U * 3;
  }
  if (iSmall) {
    if (cell > 10) cell = 9 + cell / 10;
    cell *= shrink;
    if (minN > 1) cell /= minN;
  } else {
    cell = dx;
    if (Number.isFinite(dx)) {
      if (n > 1) cell /= n;
    } else if (n >= 2) {
      cell = up / n - lo / n;
    }
  }
  let subsmall = fMin * DBL_MIN;
  if (subsmall === 0) subsmall = DBL_MIN;
  if (cell < subsmall) cell = subsmall;
  else if (cell > DBL_MAX / 1.25) cell = DBL_MAX / 1.25;

  // 10^k from its decimal literal: correctly rounded, as glibc's pow gives it
  const base = Number(`1e${Math.floor(Math.log10(cell))}`);
  let unit = base;
  let U: number;
  if ((U = 2 * base) - cell < h * (cell - unit)) {
    unit = U;
    if ((U = 5 * base) - cell < h5 * (cell - unit)) {
      unit = U;
      if ((U = 10 * base) - cell < h * (cell - unit)) unit = U;
    }
  }
  const eps = 1e-10;
  let ns = Math.floor(lo / unit + eps);
  let nu = Math.ceil(up / unit - eps);
  while (ns * unit > lo + eps * unit) ns--;
  while (!Number.isFinite(ns * unit)) ns++;
  while (nu * unit < up - eps * unit) nu++;
  while (!Number.isFinite(nu * unit)) nu--;
  let k = Math.trunc(0.5 + nu - ns);
  let ndiv: number;
  if (k < minN) {
    k = minN - k;
    if (lo === 0 && ns === 0 && up !== 0) nu += k;
    else if (up === 0 && nu === 0 && lo !== 0) ns -= k;
    else if (ns >= 0) {
      nu += Math.trunc(k / 2);
      ns -= Math.trunc(k / 2) + (k % 2);
    } else {
      ns -= Math.trunc(k / 2);
      nu += Math.trunc(k / 2) + (k % 2);
    }
    ndiv = minN;
  } else {
    ndiv = k;
  }
  let l = lo;
  let u = up;
  if (ns * unit < l) l = ns * unit;
  if (nu * unit > u) u = nu * unit;

  // seq.int(l, u, length.out = ndiv + 1)
  const len = ndiv + 1;
  const s: number[] = new Array(len);
  s[0] = l;
  if (len > 1) s[len - 1] = u;
  if (len > 2) {
    const by = (u - l) / (len - 1);
    for (let i = 1; i < len - 1; i++) s[i] = l + i * by;
  }
  if (ndiv > 0) {
    const delta = u / ndiv - l / ndiv; // R: diff(range(l, u) / n)
    for (let i = 0; i < len; i++) if (Math.abs(s[i]) < 1e-14 * delta) s[i] = 0;
  }
  return s;
}
