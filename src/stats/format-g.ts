/**
 * C's printf("%.*g", digits, x) as R's formatC(x, digits, format = "g") prints it: `digits`
 * significant digits, scientific notation when the exponent is < −4 or ≥ digits, trailing
 * zeros removed, a two-digit exponent ("1e-05"). Used for R's cut() labels.
 * Exact decimal ties (e.g. 0.125 to 2 digits) round up here and to even in glibc.
 */
export function formatG(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Inf' : '-Inf';
  if (x === 0) return '0';
  const p = Math.max(1, Math.floor(digits));
  const [mant, expStr] = x.toExponential(p - 1).split('e');
  const exp = Number(expStr);
  const strip = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= p) {
    const a = Math.abs(exp);
    return `${strip(mant)}e${exp < 0 ? '-' : '+'}${a < 10 ? '0' : ''}${a}`;
  }
  return strip(x.toFixed(p - 1 - exp));
}
