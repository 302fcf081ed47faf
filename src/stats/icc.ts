/**
 * Intraclass correlation coefficients, the six Shrout-Fleiss / McGraw-Wong forms with F tests
 * and 95% confidence bounds, as psych::ICC(x, lmer = FALSE).
 *
 * Mean squares of the two-way layout (n subjects × k raters, no missing cells):
 * MSR (subjects), MSC (raters), MSE (residual), MSW = (SSC + SSE)/(n(k − 1)) (within subjects).
 * - ICC1  = (MSR − MSW)/(MSR + (k−1)MSW)              Shrout-Fleiss ICC(1,1), McGraw-Wong ICC(1)
 * - ICC2  = (MSR − MSE)/(MSR + (k−1)MSE + k(MSC − MSE)/n)  ICC(2,1) = ICC(A,1), absolute agreement
 * - ICC3  = (MSR − MSE)/(MSR + (k−1)MSE)              ICC(3,1) = ICC(C,1), consistency
 * - ICC1k = (MSR − MSW)/MSR, ICC2k = (MSR − MSE)/(MSR + (MSC − MSE)/n), ICC3k = (MSR − MSE)/MSR
 * F tests: F = MSR/MSW on (n−1, n(k−1)) for ICC1/ICC1k, F = MSR/MSE on (n−1, (n−1)(k−1))
 * otherwise. Bounds: Shrout & Fleiss (1979) F-based intervals; for ICC2 the Satterthwaite-type
 * df v of McGraw & Wong (1996) as psych computes them.
 *
 * Perfect agreement (MSE = 0, or MSW = 0) gives F = ∞ and p = 0; the bounds then take their
 * limit 1 where psych would print NaN.
 *
 * Sources: Shrout & Fleiss (1979), Psychol. Bull. 86, 420–428; McGraw & Wong (1996), Psychol.
 * Methods 1, 30–46; psych::ICC 2.2.9 (the formulas of its bounds and its p = 1 − P(F ≤ f)).
 */
import { pf, qf } from './distributions.js';

/** F quantiles by (p, df1, df2): a feature table repeats the same integer df for every feature. */
const qfCache = new Map<string, number>();
function qfCached(p: number, df1: number, df2: number): number {
  const key = `${p},${df1},${df2}`;
  let v = qfCache.get(key);
  if (v === undefined) {
    v = qf(p, df1, df2);
    if (qfCache.size > 256) qfCache.clear();
    qfCache.set(key, v);
  }
  return v;
}

export type IccType = 'ICC1' | 'ICC2' | 'ICC3' | 'ICC1k' | 'ICC2k' | 'ICC3k';

export interface IccRow {
  type: IccType;
  icc: number;
  F: number;
  df1: number;
  df2: number;
  p: number;
  lower: number;
  upper: number;
}

export interface IccResult {
  /** the six forms in psych's order ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k */
  rows: IccRow[];
  /** the same rows by name */
  byType: Record<IccType, IccRow>;
  meanSquares: { MSR: number; MSC: number; MSE: number; MSW: number };
  nSubjects: number;
  nRaters: number;
}

/**
 * ICCs of a subjects × raters matrix given as one array per rater (all equally long).
 * Throws on missing values (psych stops too), fewer than 2 subjects or raters, and when every
 * rating is the same (all mean squares 0: the ICC is undefined).
 * @example icc([[9, 6, 8, 7, 10, 6, 5, 8], [10, 7, 9, 9, 11, 6, 7, 10]]).byType.ICC2.icc // 0.7320574
 */
export function icc(raters: ArrayLike<number>[], label?: string, alpha = 0.05): IccResult {
  const what = label ? `ICC (${label})` : 'ICC';
  const k = raters.length;
  if (k < 2) throw new RangeError(`${what}: ${k} rater(s); at least 2 are needed`);
  const n = raters[0].length;
  if (n < 2) throw new RangeError(`${what}: ${n} subject(s); at least 2 are needed`);
  for (let j = 0; j < k; j++) {
    if (raters[j].length !== n) throw new RangeError(`${what}: rater ${j + 1} has ${raters[j].length} ratings, rater 1 has ${n}`);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(raters[j][i])) {
        throw new RangeError(`${what}: rating of subject ${i + 1} by rater ${j + 1} is ${Number.isNaN(raters[j][i]) ? 'missing' : raters[j][i]}; every subject needs every rating (remove incomplete subjects first)`);
      }
    }
  }
  // grand, row (subject) and column (rater) means
  const rowMean = new Float64Array(n);
  const colMean = new Float64Array(k);
  let gm = 0;
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      s += raters[j][i];
      rowMean[i] += raters[j][i];
    }
    colMean[j] = s / n;
    gm += s;
  }
  gm /= n * k;
  for (let i = 0; i < n; i++) rowMean[i] /= k;
  let ssr = 0;
  for (let i = 0; i < n; i++) ssr += (rowMean[i] - gm) ** 2;
  ssr *= k;
  let ssc = 0;
  for (let j = 0; j < k; j++) ssc += (colMean[j] - gm) ** 2;
  ssc *= n;
  let sse = 0;
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) sse += (raters[j][i] - rowMean[i] - colMean[j] + gm) ** 2;
  const MSR = ssr / (n - 1);
  const MSC = ssc / (k - 1);
  const MSE = sse / ((n - 1) * (k - 1));
  const MSW = (ssc + sse) / (n * (k - 1));
  if (MSR === 0 && MSW === 0) throw new RangeError(`${what}: every rating is identical; the ICC is undefined`);

  const ICC1 = (MSR - MSW) / (MSR + (k - 1) * MSW);
  const ICC2 = (MSR - MSE) / (MSR + (k - 1) * MSE + (k * (MSC - MSE)) / n);
  const ICC3 = (MSR - MSE) / (MSR + (k - 1) * MSE);
  const ICC1k = (MSR - MSW) / MSR;
  const ICC2k = (MSR - MSE) / (MSR + (MSC - MSE) / n);
  const ICC3k = (MSR - MSE) / MSR;

  const F11 = MSR / MSW;
  const df11n = n - 1;
  const df11d = n * (k - 1);
  const p11 = pf(F11, df11n, df11d, false);
  const F21 = MSR / MSE;
  const df21n = n - 1;
  const df21d = (n - 1) * (k - 1);
  const p21 = pf(F21, df21n, df21d, false);

  const q = 1 - alpha / 2;
  const F1L = F11 / qfCached(q, df11n, df11d);
  const F1U = F11 * qfCached(q, df11d, df11n);
  const F3L = F21 / qfCached(q, df21n, df21d);
  const F3U = F21 * qfCached(q, df21d, df21n);
  // ICC2 bounds (McGraw & Wong 1996, case 2A), with psych's degrees of freedom v
  const Fj = MSC / MSE;
  const vn = (k - 1) * (n - 1) * (k * ICC2 * Fj + n * (1 + (k - 1) * ICC2) - k * ICC2) ** 2;
  const vd = (n - 1) * k * k * ICC2 * ICC2 * Fj * Fj + (n * (1 + (k - 1) * ICC2) - k * ICC2) ** 2;
  // perfect consistency (MSE = 0) makes Fj infinite; v then tends to k − 1
  const v = Number.isFinite(Fj) ? vn / vd : k - 1;
  const F2U = qf(q, n - 1, v);
  const F2L = qf(q, v, n - 1);
  const L2 = (n * (MSR - F2U * MSE)) / (F2U * (k * MSC + (k * n - k - n) * MSE) + n * MSR);
  const U2 = (n * (F2L * MSR - MSE)) / (k * MSC + (k * n - k - n) * MSE + n * F2L * MSR);

  const rows: IccRow[] = [
    { type: 'ICC1', icc: ICC1, F: F11, df1: df11n, df2: df11d, p: p11, lower: (F1L - 1) / (F1L + (k - 1)), upper: (F1U - 1) / (F1U + k - 1) },
    { type: 'ICC2', icc: ICC2, F: F21, df1: df21n, df2: df21d, p: p21, lower: L2, upper: U2 },
    { type: 'ICC3', icc: ICC3, F: F21, df1: df21n, df2: df21d, p: p21, lower: (F3L - 1) / (F3L + k - 1), upper: (F3U - 1) / (F3U + k - 1) },
    { type: 'ICC1k', icc: ICC1k, F: F11, df1: df11n, df2: df11d, p: p11, lower: 1 - 1 / F1L, upper: 1 - 1 / F1U },
    { type: 'ICC2k', icc: ICC2k, F: F21, df1: df21n, df2: df21d, p: p21, lower: (L2 * k) / (1 + L2 * (k - 1)), upper: (U2 * k) / (1 + U2 * (k - 1)) },
    { type: 'ICC3k', icc: ICC3k, F: F21, df1: df21n, df2: df21d, p: p21, lower: 1 - 1 / F3L, upper: 1 - 1 / F3U },
  ];
  // an infinite F (MSE = 0 or MSW = 0: perfect agreement) gives ∞/∞ in a bound; its limit is 1
  for (const r of rows) {
    if (Number.isNaN(r.lower)) r.lower = 1;
    if (Number.isNaN(r.upper)) r.upper = 1;
  }
  const byType = Object.fromEntries(rows.map((r) => [r.type, r])) as Record<IccType, IccRow>;
  return { rows, byType, meanSquares: { MSR, MSC, MSE, MSW }, nSubjects: n, nRaters: k };
}
