/**
 * Inversion of a monotone distribution function: safeguarded Newton iteration inside a bracket
 * that shrinks with every evaluation (Newton where it stays inside the bracket, bisection
 * otherwise; Press et al., Numerical Recipes, "rtsafe"). Used by the quantile functions, which
 * therefore agree with R's to the accuracy of the distribution functions themselves.
 */

const EPS = 2.220446049250313e-16;

/**
 * Solve f(x) = target on (lo, hi) for f increasing, given a starting point and the derivative.
 * lo and hi may be infinite; the bracket is found by expanding from x0 (doubling the step on the
 * real line, doubling/halving x when lo = 0).
 */
export function solveIncreasing(
  f: (x: number) => number,
  df: (x: number) => number,
  target: number,
  lo: number,
  hi: number,
  x0: number,
): number {
  let a = lo;
  let b = hi;
  let x = x0;
  if (!(x > a && x < b)) x = Number.isFinite(a) && Number.isFinite(b) ? (a + b) / 2 : Number.isFinite(a) ? a + 1 : Number.isFinite(b) ? b - 1 : 0;
  const positive = a === 0;
  // bracket: move x until f changes side of the target
  let fx = f(x) - target;
  if (fx === 0) return x;
  if (fx < 0) {
    a = x;
    let step = positive ? x : Math.max(1, Math.abs(x));
    for (let i = 0; i < 2100 && !Number.isFinite(b); i++) {
      const xn = positive ? x * 2 : x + step;
      step *= 2;
      const fn = f(xn) - target;
      if (fn === 0) return xn;
      if (fn > 0) b = xn;
      else {
        a = xn;
        x = xn;
        fx = fn;
      }
      if (!Number.isFinite(xn)) break;
    }
  } else {
    b = x;
    let step = Math.max(1, Math.abs(x));
    for (let i = 0; i < 2100 && (positive ? a === lo && !(a > 0) : !Number.isFinite(a)); i++) {
      const xn = positive ? x / 2 : x - step;
      step *= 2;
      const fn = f(xn) - target;
      if (fn === 0) return xn;
      if (fn < 0) {
        a = xn;
        break;
      }
      b = xn;
      x = xn;
      fx = fn;
      if (positive && xn < 1e-300) break;
    }
  }
  // x is one end of the bracket [a, b]; iterate
  for (let iter = 0; iter < 400; iter++) {
    let xn = NaN;
    const d = df(x);
    if (d > 0 && Number.isFinite(d)) xn = x - fx / d;
    if (!(xn > a && xn < b)) {
      xn = a > 0 && b / a > 4 ? Math.sqrt(a * b) : a + (b - a) / 2;
    }
    if (xn === x || Math.abs(xn - x) <= 2 * EPS * Math.abs(xn)) return xn;
    x = xn;
    fx = f(x) - target;
    if (fx === 0) return x;
    if (fx < 0) a = x;
    else b = x;
    if (b - a <= 2 * EPS * Math.max(Math.abs(a), Math.abs(b))) return a + (b - a) / 2;
  }
  return x;
}
