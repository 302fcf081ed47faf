/**
 * Two-sample t tests as R's t.test(x, y): Student (var.equal = TRUE, pooled variance) and
 * Welch (Satterthwaite degrees of freedom). t = (mean_x − mean_y)/se; two-sided p =
 * 2·pt(−|t|, df); 95% CI = (t ± qt(0.975, df))·se (R's formula).
 *
 * Sources: R stats::t.test.default; Welch (1947), Biometrika 34, 28–35.
 */
import { pt, qt } from './distributions.js';
import { meanUnchecked, varianceUnchecked } from './descriptives.js';
import { named, requireFinite } from './validate.js';

export interface TTestResult {
  t: number;
  df: number;
  p: number;
  /** mean_x − mean_y */
  meanDiff: number;
  se: number;
  ci95: [number, number];
}

function checkGroups(x: ArrayLike<number>, y: ArrayLike<number>, what: string): void {
  requireFinite(x, `${what}, group x`);
  requireFinite(y, `${what}, group y`);
  if (x.length < 2 || y.length < 2) {
    throw new RangeError(`${what}: group sizes ${x.length} and ${y.length}; each group needs at least 2 values`);
  }
}

function finish(mx: number, my: number, se: number, df: number, what: string): TTestResult {
  if (se < 10 * 2.220446049250313e-16 * Math.max(Math.abs(mx), Math.abs(my))) {
    throw new RangeError(`${what}: the data are essentially constant (standard error ${se}); a t test is undefined`);
  }
  const t = (mx - my) / se;
  const q = qt(0.975, df);
  return { t, df, p: 2 * pt(-Math.abs(t), df), meanDiff: mx - my, se, ci95: [(t - q) * se, (t + q) * se] };
}

/**
 * Student's two-sample t test (equal variances), as R's t.test(x, y, var.equal = TRUE).
 * @example studentT([1, 2, 3, 4], [2, 4, 6, 8]).p
 */
export function studentT(x: ArrayLike<number>, y: ArrayLike<number>, label?: string): TTestResult {
  const what = named('Student t test', label);
  checkGroups(x, y, what);
  const nx = x.length;
  const ny = y.length;
  const mx = meanUnchecked(x);
  const my = meanUnchecked(y);
  const df = nx + ny - 2;
  let v = 0;
  v += (nx - 1) * varianceUnchecked(x);
  v += (ny - 1) * varianceUnchecked(y);
  v /= df;
  const se = Math.sqrt(v * (1 / nx + 1 / ny));
  return finish(mx, my, se, df, what);
}

/** Welch's t test (unequal variances), as R's default t.test(x, y). */
export function welchT(x: ArrayLike<number>, y: ArrayLike<number>, label?: string): TTestResult {
  const what = named('Welch t test', label);
  checkGroups(x, y, what);
  const nx = x.length;
  const ny = y.length;
  const mx = meanUnchecked(x);
  const my = meanUnchecked(y);
  const sex = Math.sqrt(varianceUnchecked(x) / nx);
  const sey = Math.sqrt(varianceUnchecked(y) / ny);
  const se = Math.sqrt(sex * sex + sey * sey);
  const df = se ** 4 / (sex ** 4 / (nx - 1) + sey ** 4 / (ny - 1));
  return finish(mx, my, se, df, what);
}
