/**
 * Probability distributions with R's names, argument order and tail conventions:
 * density, distribution and quantile functions for the normal, t, chi-square, F, beta and gamma distributions, plus lgamma, lbeta,
 * choose. Upper tails are computed directly (never as 1 − lower tail), so small p-values keep
 * their relative accuracy.
 *
 * Sources:
 * - pnorm: W. J. Cody (1969), "Rational Chebyshev approximations for the error function",
 *   Math. Comp. 23, 631–637, as in Cody's ANORM (ACM TOMS Algorithm 715, 1993), the algorithm of
 *   R's pnorm. Coefficients are Cody's.
 * - qnorm: M. J. Wichura (1988), Algorithm AS 241 (PPND16), Appl. Statist. 37, 477–484, the
 *   algorithm of R's qnorm (R ≤ 4.2: no further refinement). Coefficients are Wichura's. Its
 *   exact value matters: R's rnorm (Inversion) is qnorm of a uniform (random.ts).
 * - pt, pf, pbeta: regularized incomplete beta; pchisq, pgamma: regularized incomplete gamma
 *   (incomplete.ts). pt(q, n) = ½ I_{n/(n+q²)}(n/2, ½) in the tail, as R's pt.
 * - qt, qchisq, qf, qbeta, qgamma: safeguarded Newton inversion of the distribution function
 *   (root.ts), solved in the smaller tail so 1 − p never loses digits.
 *
 * Accuracy (test/stats/distributions.test.ts, against R 4.2.2): ~1e-14 relative in both tails.
 * Conventions: a NaN argument gives NaN (as R); an invalid parameter (sd < 0, df ≤ 0, p outside
 * [0, 1]) throws a RangeError naming the function and the argument (R would warn and give NaN).
 */
import { incompleteBeta, incompleteGamma } from './incomplete.js';
import { solveIncreasing } from './root.js';
import { LN_SQRT_2PI, dbinomRaw, dpoisRaw, lbeta } from './special.js';

export { lgamma, lbeta, choose, lchoose, gamma } from './special.js';

const EPS = 2.220446049250313e-16;
const DBL_MIN = 2.2250738585072014e-308;
const INV_SQRT_2PI = 0.398942280401432677939946059934;
const SQRT_32 = 5.656854249492380195206754896838;

function check(cond: boolean, fn: string, what: string): void {
  if (!cond) throw new RangeError(`${fn}: ${what}`);
}

function checkProb(p: number, fn: string): void {
  check(Number.isNaN(p) || (p >= 0 && p <= 1), fn, `probability p = ${p} is outside [0, 1]`);
}

// ---------------------------------------------------------------- normal ----

/** Cody's coefficients (ANORM): |x| ≤ 0.66291 */
const CODY_A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const CODY_B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
/** 0.66291 < |x| ≤ √32 */
const CODY_C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const CODY_D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
/** |x| > √32 */
const CODY_P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const CODY_Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];

/**
 * exp(−y²/2)·r without the rounding error of squaring y: y² is split as ys² + (y−ys)(y+ys)
 * with ys = y rounded down to a multiple of 1/16 (Cody).
 */
function gaussTail(y: number, r: number): number {
  const ys = Math.floor(y * 16) / 16;
  const del = (y - ys) * (y + ys);
  return Math.exp(-ys * ys * 0.5) * Math.exp(-del * 0.5) * r;
}

/** Standard normal tail Q(y) = P(Z > y) for y ≥ 0.66291 (Cody), 0 where it underflows. */
function normalUpperTail(y: number): number {
  if (y <= SQRT_32) {
    let num = CODY_C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + CODY_C[i]) * y;
      den = (den + CODY_D[i]) * y;
    }
    return gaussTail(y, (num + CODY_C[7]) / (den + CODY_D[7]));
  }
  if (y >= 37.5193) return 0;
  const xsq = 1 / (y * y);
  let num = CODY_P[5] * xsq;
  let den = xsq;
  for (let i = 0; i < 4; i++) {
    num = (num + CODY_P[i]) * xsq;
    den = (den + CODY_Q[i]) * xsq;
  }
  let r = (xsq * (num + CODY_P[4])) / (den + CODY_Q[4]);
  r = (INV_SQRT_2PI - r) / y;
  const v = gaussTail(y, r);
  return v < DBL_MIN ? 0 : v;
}

/** Standard normal distribution function, lower or upper tail. */
function pnormStd(x: number, lowerTail: boolean): number {
  const y = Math.abs(x);
  if (y <= 0.66291) {
    const xsq = y > EPS * 0.5 ? x * x : 0;
    let num = CODY_A[4] * xsq;
    let den = xsq;
    for (let i = 0; i < 3; i++) {
      num = (num + CODY_A[i]) * xsq;
      den = (den + CODY_B[i]) * xsq;
    }
    const t = (x * (num + CODY_A[3])) / (den + CODY_B[3]);
    return lowerTail ? 0.5 + t : 0.5 - t;
  }
  const tail = normalUpperTail(y);
  // tail is P(Z > |x|); the requested side is the tail or its complement
  const wantTail = (x > 0) !== lowerTail;
  return wantTail ? tail : 1 - tail;
}

/**
 * Normal distribution function, as R's pnorm(q, mean, sd, lower.tail).
 * @example pnorm(1.959963984540054) // 0.975
 */
export function pnorm(q: number, mean = 0, sd = 1, lowerTail = true): number {
  if (Number.isNaN(q) || Number.isNaN(mean) || Number.isNaN(sd)) return NaN;
  check(sd >= 0, 'pnorm', `sd = ${sd} must be >= 0`);
  const x = (q - mean) / sd;
  if (Number.isNaN(x)) return NaN;
  if (!Number.isFinite(x)) return (x < 0) === lowerTail ? 0 : 1;
  return pnormStd(x, lowerTail);
}

/**
 * Normal density, as R's dnorm(x, mean, sd). For |z| ≥ 5 the exponent is split at a multiple of
 * 2^-16 so that exp(−z²/2) keeps full relative accuracy.
 */
export function dnorm(x: number, mean = 0, sd = 1): number {
  if (Number.isNaN(x) || Number.isNaN(mean) || Number.isNaN(sd)) return NaN;
  check(sd >= 0, 'dnorm', `sd = ${sd} must be >= 0`);
  if (sd === 0) return x === mean ? Infinity : 0;
  const z = Math.abs((x - mean) / sd);
  if (!Number.isFinite(z)) return 0;
  if (z < 5) return (INV_SQRT_2PI * Math.exp(-0.5 * z * z)) / sd;
  if (z > 38.6) return 0;
  const z1 = Math.round(z * 65536) / 65536;
  const z2 = z - z1;
  return (INV_SQRT_2PI / sd) * (Math.exp(-0.5 * z1 * z1) * Math.exp((-0.5 * z2 - z1) * z2));
}

/** AS 241 (PPND16) coefficients, |q| ≤ 0.425: numerator, denominator (highest power first). */
const AS241_A = [2509.0809287301226727, 33430.575583588128105, 67265.770927008700853, 45921.953931549871457, 13731.693765509461125, 1971.5909503065514427, 133.14166789178437745, 3.387132872796366608];
const AS241_B = [5226.495278852854561, 28729.085735721942674, 39307.89580009271061, 21213.794301586595867, 5394.1960214247511077, 687.1870074920579083, 42.313330701600911252, 1];
/** r = √(−ln p) ≤ 5 */
const AS241_C = [7.7454501427834140764e-4, 0.0227238449892691845833, 0.24178072517745061177, 1.27045825245236838258, 3.64784832476320460504, 5.7694972214606914055, 4.6303378461565452959, 1.42343711074968357734];
const AS241_D = [1.05075007164441684324e-9, 5.475938084995344946e-4, 0.0151986665636164571966, 0.14810397642748007459, 0.68976733498510000455, 1.6763848301838038494, 2.05319162663775882187, 1];
/** r > 5 */
const AS241_E = [2.01033439929228813265e-7, 2.71155556874348757815e-5, 0.0012426609473880784386, 0.026532189526576123093, 0.29656057182850489123, 1.7848265399172913358, 5.4637849111641143699, 6.6579046435011037772];
const AS241_F = [2.04426310338993978564e-15, 1.4215117583164458887e-7, 1.8463183175100546818e-5, 7.868691311456132591e-4, 0.0148753612908506148525, 0.13692988092273580531, 0.59983220655588793769, 1];

/** Polynomial with coefficients highest power first, by Horner's rule in AS 241's order. */
function horner(c: readonly number[], r: number): number {
  let v = c[0];
  for (let i = 1; i < c.length; i++) v = v * r + c[i];
  return v;
}

/**
 * Normal quantile function, as R's qnorm(p, mean, sd, lower.tail): Wichura's AS 241.
 * @example qnorm(0.975) // 1.959963984540054
 */
export function qnorm(p: number, mean = 0, sd = 1, lowerTail = true): number {
  if (Number.isNaN(p) || Number.isNaN(mean) || Number.isNaN(sd)) return NaN;
  checkProb(p, 'qnorm');
  check(sd >= 0, 'qnorm', `sd = ${sd} must be >= 0`);
  if (p === 0) return lowerTail ? -Infinity : Infinity;
  if (p === 1) return lowerTail ? Infinity : -Infinity;
  if (sd === 0) return mean;
  // R computes the lower-tail probability as 0.5 - p + 0.5 for upper-tail input
  const pLower = lowerTail ? p : 0.5 - p + 0.5;
  const q = pLower - 0.5;
  let val: number;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    val = (q * horner(AS241_A, r)) / horner(AS241_B, r);
  } else {
    // r = min(p, 1 − p), taken from the caller's p where that is the small tail
    let r = q > 0 ? (lowerTail ? 0.5 - p + 0.5 : p) : pLower;
    r = Math.sqrt(-Math.log(r));
    if (r <= 5) {
      r -= 1.6;
      val = horner(AS241_C, r) / horner(AS241_D, r);
    } else {
      r -= 5;
      val = horner(AS241_E, r) / horner(AS241_F, r);
    }
    if (q < 0) val = -val;
  }
  return mean + sd * val;
}

// ----------------------------------------------------------------- gamma ----

/**
 * Gamma distribution function P(X ≤ q), shape and rate, as R's pgamma(q, shape, rate, lower.tail).
 * @example pgamma(2, 3) // 0.3233235838169366
 */
export function pgamma(q: number, shape: number, rate = 1, lowerTail = true): number {
  if (Number.isNaN(q) || Number.isNaN(shape) || Number.isNaN(rate)) return NaN;
  check(shape >= 0, 'pgamma', `shape = ${shape} must be >= 0`);
  check(rate > 0, 'pgamma', `rate = ${rate} must be > 0`);
  const x = q * rate;
  if (shape === 0) return x <= 0 ? (lowerTail ? 0 : 1) : lowerTail ? 1 : 0;
  return incompleteGamma(shape, x, lowerTail);
}

/** Gamma density, as R's dgamma(x, shape, rate). */
export function dgamma(x: number, shape: number, rate = 1): number {
  if (Number.isNaN(x) || Number.isNaN(shape) || Number.isNaN(rate)) return NaN;
  check(shape >= 0, 'dgamma', `shape = ${shape} must be >= 0`);
  check(rate > 0, 'dgamma', `rate = ${rate} must be > 0`);
  if (x < 0) return 0;
  if (shape === 0) return x === 0 ? Infinity : 0;
  if (x === 0) {
    if (shape < 1) return Infinity;
    return shape > 1 ? 0 : rate;
  }
  if (shape < 1) return (dpoisRaw(shape, x * rate) * shape) / x;
  return dpoisRaw(shape - 1, x * rate) * rate;
}

/** Gamma quantile function, as R's qgamma(p, shape, rate, lower.tail). */
export function qgamma(p: number, shape: number, rate = 1, lowerTail = true): number {
  if (Number.isNaN(p) || Number.isNaN(shape) || Number.isNaN(rate)) return NaN;
  checkProb(p, 'qgamma');
  check(shape >= 0, 'qgamma', `shape = ${shape} must be >= 0`);
  check(rate > 0, 'qgamma', `rate = ${rate} must be > 0`);
  if (shape === 0) return 0;
  if (p === 0) return lowerTail ? 0 : Infinity;
  if (p === 1) return lowerTail ? Infinity : 0;
  // Wilson–Hilferty start
  const z = qnorm(p, 0, 1, lowerTail);
  const c = 1 / (9 * shape);
  let x0 = shape * Math.pow(1 - c + z * Math.sqrt(c), 3);
  if (!(x0 > 0) || !Number.isFinite(x0)) x0 = shape < 1 ? Math.pow(lowerTail ? p : 1 - p, 1 / shape) + 1e-300 : shape;
  const x = invertPositive((v) => incompleteGamma(shape, v, true), (v) => incompleteGamma(shape, v, false), (v) => dgamma(v, shape, 1), p, lowerTail, x0);
  return x / rate;
}

// -------------------------------------------------------------- chi-square ----

/** Chi-square distribution function, as R's pchisq(q, df, lower.tail). */
export function pchisq(q: number, df: number, lowerTail = true): number {
  if (Number.isNaN(q) || Number.isNaN(df)) return NaN;
  check(df >= 0, 'pchisq', `df = ${df} must be >= 0`);
  return pgamma(q, df / 2, 0.5, lowerTail);
}

/** Chi-square density, as R's dchisq(x, df). */
export function dchisq(x: number, df: number): number {
  return dgamma(x, df / 2, 0.5);
}

/**
 * Chi-square quantile function, as R's qchisq(p, df, lower.tail).
 * @example qchisq(0.95, 1) // 3.841458820694124
 */
export function qchisq(p: number, df: number, lowerTail = true): number {
  if (Number.isNaN(p) || Number.isNaN(df)) return NaN;
  check(df >= 0, 'qchisq', `df = ${df} must be >= 0`);
  return qgamma(p, df / 2, 0.5, lowerTail);
}

// --------------------------------------------------------------------- t ----

/**
 * Student t distribution function, as R's pt(q, df, lower.tail): the two-sided tail is
 * I_{n/(n+q²)}(n/2, ½) (or 1 − I_{q²/(n+q²)}(½, n/2)), halved.
 * @example pt(-2, 10) // 0.03669401738537018
 */
export function pt(q: number, df: number, lowerTail = true): number {
  if (Number.isNaN(q) || Number.isNaN(df)) return NaN;
  check(df > 0, 'pt', `df = ${df} must be > 0`);
  if (!Number.isFinite(q)) return (q < 0) === lowerTail ? 0 : 1;
  if (df === Infinity) return pnorm(q, 0, 1, lowerTail);
  const q2 = q * q;
  // the two-sided tail P(|T| > |q|), with both beta arguments computed without cancellation
  let xb: number;
  let yb: number;
  if (q2 < df) {
    yb = q2 / (df + q2);
    xb = df / (df + q2);
  } else {
    const r = df / q2;
    xb = r / (1 + r);
    yb = 1 / (1 + r);
  }
  const tail2 = incompleteBeta(xb, yb, df / 2, 0.5, true);
  const tail = tail2 / 2;
  const wantTail = (q > 0) !== lowerTail;
  return wantTail ? tail : 0.5 - tail + 0.5;
}

/**
 * Student t density, as R's dt(x, df):
 * Γ((n+1)/2) / (√(nπ) Γ(n/2)) (1 + x²/n)^{−(n+1)/2} = exp(−lbeta(n/2, ½) − ½ ln n − (n+1)/2 · log1p(x²/n)).
 */
export function dt(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df)) return NaN;
  check(df > 0, 'dt', `df = ${df} must be > 0`);
  if (!Number.isFinite(x)) return 0;
  if (df === Infinity) return dnorm(x);
  return Math.exp(-lbeta(df / 2, 0.5) - 0.5 * Math.log(df) - ((df + 1) / 2) * Math.log1p((x * x) / df));
}

/**
 * Student t quantile function, as R's qt(p, df, lower.tail).
 * @example qt(0.975, 10) // 2.228138851986274
 */
export function qt(p: number, df: number, lowerTail = true): number {
  if (Number.isNaN(p) || Number.isNaN(df)) return NaN;
  checkProb(p, 'qt');
  check(df > 0, 'qt', `df = ${df} must be > 0`);
  if (df === Infinity) return qnorm(p, 0, 1, lowerTail);
  if (p === 0.5) return 0;
  // work with the upper tail u = P(T > t) of the positive quantile t
  const positive = lowerTail ? p > 0.5 : p < 0.5;
  const u = lowerTail ? (p > 0.5 ? 0.5 - p + 0.5 : p) : p < 0.5 ? p : 0.5 - p + 0.5;
  if (u === 0) return positive ? Infinity : -Infinity;
  // Cornish–Fisher start from the normal quantile
  const z = -qnorm(u);
  const g1 = (z * z * z + z) / 4;
  const g2 = (5 * Math.pow(z, 5) + 16 * z * z * z + 3 * z) / 96;
  let t0 = z + g1 / df + g2 / (df * df);
  if (!(t0 > 0) || !Number.isFinite(t0)) t0 = 1;
  const t = solveIncreasing(
    (v) => -ptUpperPositive(v, df),
    (v) => dt(v, df),
    -u,
    0,
    Infinity,
    t0,
  );
  return positive ? t : -t;
}

/** P(T > t) for t ≥ 0. */
function ptUpperPositive(t: number, df: number): number {
  return pt(t, df, false);
}

// ---------------------------------------------------------------------- F ----

/**
 * F distribution function, as R's pf(q, df1, df2, lower.tail), through the incomplete beta with
 * x = df1·q/(df2 + df1·q) and its complement df2/(df2 + df1·q) both computed directly.
 * @example pf(3, 4, 10) // 0.9275614235199015 to ~15 digits
 */
export function pf(q: number, df1: number, df2: number, lowerTail = true): number {
  if (Number.isNaN(q) || Number.isNaN(df1) || Number.isNaN(df2)) return NaN;
  check(df1 > 0, 'pf', `df1 = ${df1} must be > 0`);
  check(df2 > 0, 'pf', `df2 = ${df2} must be > 0`);
  if (q <= 0) return lowerTail ? 0 : 1;
  if (q === Infinity) return lowerTail ? 1 : 0;
  if (df2 === Infinity) {
    if (df1 === Infinity) return (q < 1) === lowerTail ? 0 : q === 1 ? (lowerTail ? 1 : 0) : 1;
    return pchisq(q * df1, df1, lowerTail);
  }
  if (df1 === Infinity) return pchisq(df2 / q, df2, !lowerTail);
  const s = df2 + df1 * q;
  const x = (df1 * q) / s;
  const y = df2 / s;
  return incompleteBeta(x, y, df1 / 2, df2 / 2, lowerTail);
}

/** F density, as R's df(x, df1, df2). */
export function df(x: number, df1: number, df2: number): number {
  if (Number.isNaN(x) || Number.isNaN(df1) || Number.isNaN(df2)) return NaN;
  check(df1 > 0 && df2 > 0, 'df', `degrees of freedom must be > 0 (df1 = ${df1}, df2 = ${df2})`);
  if (x < 0) return 0;
  if (x === 0) return df1 > 2 ? 0 : df1 === 2 ? 1 : Infinity;
  if (!Number.isFinite(df1) || !Number.isFinite(df2)) {
    if (!Number.isFinite(df1) && !Number.isFinite(df2)) return x === 1 ? Infinity : 0;
    if (!Number.isFinite(df2)) return df1 * dgamma(x * df1, df1 / 2, 0.5);
    return (df2 / (x * x)) * dgamma(df2 / x, df2 / 2, 0.5);
  }
  // Loader's form, as R: f = 1/(n+xm), q = n·f, p = xm·f
  const f = 1 / (df2 + x * df1);
  const qq = df2 * f;
  const pp = x * df1 * f;
  if (df1 >= 2) {
    const ff = (df1 * qq) / 2;
    return ff * dbinomRaw((df1 - 2) / 2, (df1 + df2 - 2) / 2, pp, qq);
  }
  const ff = (df1 * df1 * qq) / (2 * pp * (df1 + df2));
  return ff * dbinomRaw(df1 / 2, (df1 + df2) / 2, pp, qq);
}

/**
 * F quantile function, as R's qf(p, df1, df2, lower.tail).
 * @example qf(0.975, 14, 15) // 2.949613...
 */
export function qf(p: number, df1: number, df2: number, lowerTail = true): number {
  if (Number.isNaN(p) || Number.isNaN(df1) || Number.isNaN(df2)) return NaN;
  checkProb(p, 'qf');
  check(df1 > 0, 'qf', `df1 = ${df1} must be > 0`);
  check(df2 > 0, 'qf', `df2 = ${df2} must be > 0`);
  if (p === 0) return lowerTail ? 0 : Infinity;
  if (p === 1) return lowerTail ? Infinity : 0;
  if (df1 <= df2 && df2 > 4e5) {
    if (!Number.isFinite(df1)) return 1;
    return qchisq(p, df1, lowerTail) / df1;
  }
  if (df1 > 4e5) return df2 / qchisq(p, df2, !lowerTail);
  // start from Wilson–Hilferty approximations of the two chi-squares (closed form, cheap)
  const wh = (z: number, nu: number): number => {
    const c = 2 / (9 * nu);
    return Math.max(1e-3, Math.pow(Math.max(0, 1 - c + z * Math.sqrt(c)), 3));
  };
  const x0 = Math.max(1e-3, wh(qnorm(p, 0, 1, lowerTail), df1) / wh(0, df2));
  return invertPositive((v) => pf(v, df1, df2, true), (v) => pf(v, df1, df2, false), (v) => df(v, df1, df2), p, lowerTail, x0);
}

// ------------------------------------------------------------------- beta ----

/** Beta distribution function, as R's pbeta(q, shape1, shape2, lower.tail). */
export function pbeta(q: number, shape1: number, shape2: number, lowerTail = true): number {
  if (Number.isNaN(q) || Number.isNaN(shape1) || Number.isNaN(shape2)) return NaN;
  check(shape1 > 0, 'pbeta', `shape1 = ${shape1} must be > 0`);
  check(shape2 > 0, 'pbeta', `shape2 = ${shape2} must be > 0`);
  if (q <= 0) return lowerTail ? 0 : 1;
  if (q >= 1) return lowerTail ? 1 : 0;
  return incompleteBeta(q, 0.5 - q + 0.5, shape1, shape2, lowerTail);
}

/** Beta density, as R's dbeta(x, shape1, shape2). */
export function dbeta(x: number, shape1: number, shape2: number): number {
  if (Number.isNaN(x) || Number.isNaN(shape1) || Number.isNaN(shape2)) return NaN;
  check(shape1 > 0 && shape2 > 0, 'dbeta', `shapes must be > 0 (shape1 = ${shape1}, shape2 = ${shape2})`);
  if (x < 0 || x > 1) return 0;
  const a = shape1;
  const b = shape2;
  if (x === 0) return a > 1 ? 0 : a < 1 ? Infinity : b;
  if (x === 1) return b > 1 ? 0 : b < 1 ? Infinity : a;
  if (a <= 2 || b <= 2) return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lbeta(a, b));
  return (a + b - 1) * dbinomRaw(a - 1, a + b - 2, x, 1 - x);
}

/** Beta quantile function, as R's qbeta(p, shape1, shape2, lower.tail). */
export function qbeta(p: number, shape1: number, shape2: number, lowerTail = true): number {
  if (Number.isNaN(p) || Number.isNaN(shape1) || Number.isNaN(shape2)) return NaN;
  checkProb(p, 'qbeta');
  check(shape1 > 0 && shape2 > 0, 'qbeta', `shapes must be > 0 (shape1 = ${shape1}, shape2 = ${shape2})`);
  if (p === 0) return lowerTail ? 0 : 1;
  if (p === 1) return lowerTail ? 1 : 0;
  const pLower = lowerTail ? p : 0.5 - p + 0.5;
  const smallLower = lowerTail ? p <= 0.5 : p >= 0.5;
  const target = smallLower ? (lowerTail ? p : 0.5 - p + 0.5) : lowerTail ? 0.5 - p + 0.5 : p;
  const mean = shape1 / (shape1 + shape2);
  const x0 = Math.min(1 - 1e-12, Math.max(1e-12, Number.isFinite(pLower) ? mean : 0.5));
  if (smallLower) {
    return solveIncreasing((v) => pbeta(v, shape1, shape2, true), (v) => dbeta(v, shape1, shape2), target, 0, 1, x0);
  }
  return solveIncreasing((v) => -pbeta(v, shape1, shape2, false), (v) => dbeta(v, shape1, shape2), -target, 0, 1, x0);
}

// ----------------------------------------------------------------- helper ----

/**
 * Inverse of a distribution on (0, ∞) given its two tails and density: solves in the smaller
 * tail (lower with target p, or upper with target 1 − p computed exactly).
 */
function invertPositive(
  lower: (x: number) => number,
  upper: (x: number) => number,
  density: (x: number) => number,
  p: number,
  lowerTail: boolean,
  x0: number,
): number {
  const useLower = lowerTail ? p <= 0.5 : p >= 0.5;
  if (useLower) {
    const target = lowerTail ? p : 0.5 - p + 0.5;
    return solveIncreasing(lower, density, target, 0, Infinity, x0);
  }
  const target = lowerTail ? 0.5 - p + 0.5 : p;
  return solveIncreasing((v) => -upper(v), density, -target, 0, Infinity, x0);
}

/** ln √(2π), re-exported for callers that build log densities. */
export const LOG_SQRT_2PI = LN_SQRT_2PI;
