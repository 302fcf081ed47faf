/**
 * Input checks shared by the statistics: every test refuses missing (NaN) or infinite values
 * with an error that names the variable, instead of returning a silent NaN. Callers remove or
 * impute missing values first (R's tests drop NA silently; radnomo makes that a visible step).
 */

/** Throws unless every value is finite, naming `what` and the first offending position. */
export function requireFinite(x: ArrayLike<number>, what: string): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) {
      const kind = Number.isNaN(v) ? 'missing (NaN)' : `infinite (${v})`;
      throw new RangeError(`${what}: value ${i + 1} of ${x.length} is ${kind}; remove or impute missing values before this statistic`);
    }
  }
}

/** Throws unless x has at least `n` values. */
export function requireLength(x: ArrayLike<number>, n: number, what: string, why = ''): void {
  if (x.length < n) throw new RangeError(`${what}: ${x.length} value(s), at least ${n} needed${why ? ` (${why})` : ''}`);
}

/** Throws unless every value is 0 or 1. */
export function requireBinary(y: ArrayLike<number>, what: string): void {
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`${what}: value ${i + 1} is ${y[i]}; the outcome must be coded 0/1`);
  }
}

/** A label for error messages: "what" or "what (label)". */
export function named(what: string, label?: string): string {
  return label ? `${what} (${label})` : what;
}
