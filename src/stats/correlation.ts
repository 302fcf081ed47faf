/**
 * Pearson and Spearman correlation as R's cor(x, y, method): Spearman is Pearson's correlation
 * of the average ranks (R's rank with ties averaged), never the 1 − 6Σd²/(n(n²−1)) shortcut,
 * which is wrong with ties. The matrix form ranks each column once (cor(X, method =
 * "spearman")).
 *
 * Source: R stats::cor (centred two-pass cross products, the result clamped to [−1, 1]).
 */
import { meanUnchecked } from './descriptives.js';
import { averageRanks } from './ranks.js';
import { named, requireFinite } from './validate.js';

/** Pearson correlation of two equally long, finite vectors (NaN-free; throws if one is constant). */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>, label?: string): number {
  const what = named('Pearson correlation', label);
  checkPair(x, y, what);
  return pearsonUnchecked(x, y, what);
}

function checkPair(x: ArrayLike<number>, y: ArrayLike<number>, what: string): void {
  if (x.length !== y.length) throw new RangeError(`${what}: lengths differ (${x.length} and ${y.length})`);
  if (x.length < 2) throw new RangeError(`${what}: ${x.length} pair(s); at least 2 are needed`);
  requireFinite(x, `${what}, x`);
  requireFinite(y, `${what}, y`);
}

function pearsonUnchecked(x: ArrayLike<number>, y: ArrayLike<number>, what: string): number {
  const n = x.length;
  const mx = meanUnchecked(x);
  const my = meanUnchecked(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) {
    throw new RangeError(`${what}: ${sxx === 0 ? 'x' : 'y'} is constant; the correlation is undefined (R gives NA with a warning)`);
  }
  const r = sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
  return Math.max(-1, Math.min(1, r));
}

/**
 * Spearman's rank correlation (average ranks for ties).
 * @example spearman([1, 2, 2, 3, 4, 4, 4, 5, 6, 7], [2, 1, 3, 3, 5, 4, 6, 6, 8, 7]) // 0.93812095999547
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>, label?: string): number {
  const what = named('Spearman correlation', label);
  checkPair(x, y, what);
  return pearsonUnchecked(averageRanks(x), averageRanks(y), what);
}

/**
 * Spearman correlation matrix of the columns (cor(X, method = "spearman")), row-major p × p.
 * Each column is ranked once; names label errors (a constant column is an error naming it).
 */
export function spearmanMatrix(columns: ArrayLike<number>[], names?: string[]): Float64Array {
  const p = columns.length;
  const n = p > 0 ? columns[0].length : 0;
  const centred: Float64Array[] = [];
  const norms = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const label = names?.[j] ?? `column ${j + 1}`;
    if (columns[j].length !== n) throw new RangeError(`Spearman matrix: ${label} has ${columns[j].length} values, expected ${n}`);
    requireFinite(columns[j], `Spearman matrix, ${label}`);
    const r = averageRanks(columns[j]);
    const m = meanUnchecked(r);
    let ss = 0;
    for (let i = 0; i < n; i++) {
      r[i] -= m;
      ss += r[i] * r[i];
    }
    if (ss === 0) throw new RangeError(`Spearman matrix: ${label} is constant; its correlations are undefined`);
    centred.push(r);
    norms[j] = Math.sqrt(ss);
  }
  const out = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    out[a * p + a] = 1;
    const ca = centred[a];
    for (let b = a + 1; b < p; b++) {
      const cb = centred[b];
      let s = 0;
      for (let i = 0; i < n; i++) s += ca[i] * cb[i];
      const r = Math.max(-1, Math.min(1, s / (norms[a] * norms[b])));
      out[a * p + b] = r;
      out[b * p + a] = r;
    }
  }
  return out;
}
