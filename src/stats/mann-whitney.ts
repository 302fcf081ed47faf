/**
 * Mann-Whitney U / Wilcoxon rank-sum test as R's wilcox.test(x, y), two-sided.
 *
 * W = U_x = R_x − n_x(n_x+1)/2 = #{x > y} + ½#{x = y} (R's statistic), R_x the rank sum of x
 * with average ranks for ties.
 * - Exact p: the null distribution of U counted exactly (the frequencies R's cwilcox counts),
 *   p = min(1, 2·P(U ≤ W)) if W ≤ n_x n_y / 2, else min(1, 2·P(U ≥ W)).
 * - Normal approximation: z = (W − n_x n_y/2 − CORR)/σ with the tie-corrected
 *   σ² = n_x n_y/12 · [(N + 1) − Σ(t³ − t)/(N(N − 1))] and CORR = sign(W − n_x n_y/2)·½ with
 *   continuity correction, 0 without; p = 2·min(Φ(z), 1 − Φ(z)).
 * - R's default (README caveat 1): exact iff there are no ties and n_x < 50 and n_y < 50,
 *   otherwise the normal approximation with continuity correction.
 *
 * Sources: R stats::wilcox.test.default and pwilcox; Mann & Whitney (1947); the count
 * recurrence f(i, j, k) = f(i−1, j, k−j) + f(i, j−1, k) (the largest of the N values is an x,
 * contributing j to U, or a y, contributing 0), evaluated in place over one (n+1) × (mn+1) table.
 */
import { pnorm } from './distributions.js';
import { averageRanks, tieGroupSizes } from './ranks.js';
import { named, requireFinite } from './validate.js';

export interface MannWhitneyResult {
  /** R's W = U_x */
  W: number;
  Ux: number;
  Uy: number;
  Umin: number;
  nx: number;
  ny: number;
  hasTies: boolean;
  sumRanksX: number;
  sumRanksY: number;
  zNoContinuity: number;
  zContinuity: number;
  /**
   * exact p, null when there are ties (R cannot compute it then) or when n_x·n_y > 10000
   * (beyond R's default use of it, which needs both groups < 50)
   */
  pExact: number | null;
  pNormalContinuity: number;
  pNormalNoContinuity: number;
  /** R's default p (see rDefaultIsExact) */
  pRDefault: number;
  rDefaultIsExact: boolean;
  rDefaultMethod: string;
  /** R's warnings for the default call, e.g. "cannot compute exact p-value with ties" */
  rDefaultWarnings: string[];
}

/**
 * Frequencies of U = 0..nx·ny under H0 for group sizes nx, ny (their sum is C(nx+ny, nx)).
 * All additions of positive numbers, so the relative error stays at a few ulps.
 */
export function wilcoxonCounts(nx: number, ny: number): Float64Array {
  const key = `${Math.min(nx, ny)},${Math.max(nx, ny)}`;
  let counts = countCache.get(key);
  if (!counts) {
    counts = computeCounts(nx, ny);
    if (countCache.size > 64) countCache.clear();
    countCache.set(key, counts);
  }
  return counts;
}

/** Largest n_x·n_y for the exact distribution (the table costs O(n_x² n_y²) additions). */
const EXACT_MAX_PAIRS = 10000;

/** Count tables by group sizes: the feature tests reuse one pair of sizes many times. */
const countCache = new Map<string, Float64Array>();

function computeCounts(nx: number, ny: number): Float64Array {
  if (nx * ny > EXACT_MAX_PAIRS) {
    throw new RangeError(`exact Wilcoxon distribution: group sizes ${nx} x ${ny} exceed the supported 10000 pairs; use the normal approximation`);
  }
  // the distribution is symmetric in the roles of x and y: iterate over the smaller group
  const m = Math.min(nx, ny);
  const n = Math.max(nx, ny);
  const width = m * n + 1;
  // f[j·width + u] = f(i, j, u) for the current i, updated in place for i = 1..m:
  // f(i, j, u) = f(i−1, j, u−j) + f(i, j−1, u); j increasing (f(i, j−1, ·) already new),
  // u decreasing (f(i−1, j, u−j) still old)
  const f = new Float64Array((n + 1) * width);
  for (let j = 0; j <= n; j++) f[j * width] = 1; // i = 0: U = 0 only
  for (let i = 1; i <= m; i++) {
    // j = 0: f(i, 0, u) = [u = 0]
    for (let j = 1; j <= n; j++) {
      const row = j * width;
      const prevRow = row - width;
      for (let u = i * j; u >= 0; u--) {
        const old = u >= j ? f[row + u - j] : 0;
        f[row + u] = old + f[prevRow + u];
      }
    }
  }
  return f.slice(n * width, n * width + width);
}

/** P(U ≤ q) (lower) or P(U > q) (upper) under H0, as R's pwilcox(q, nx, ny, lower.tail). */
export function pwilcox(q: number, nx: number, ny: number, lowerTail = true): number {
  const counts = wilcoxonCounts(nx, ny);
  const mn = nx * ny;
  q = Math.floor(q + 1e-7);
  if (q < 0) return lowerTail ? 0 : 1;
  if (q >= mn) return lowerTail ? 1 : 0;
  let total = 0;
  for (let k = 0; k <= mn; k++) total += counts[k];
  // sum the shorter tail directly
  let s = 0;
  if (q <= mn / 2) {
    for (let k = 0; k <= q; k++) s += counts[k];
    s /= total;
    return lowerTail ? s : 0.5 - s + 0.5;
  }
  for (let k = q + 1; k <= mn; k++) s += counts[k];
  s /= total;
  return lowerTail ? 0.5 - s + 0.5 : s;
}

/**
 * Every variant of the two-sided Mann-Whitney test of x against y.
 * @example mannWhitney([1.1, 2.5, 3.9], [0.2, 0.4, 1.7, 2.0]).W // 10
 */
export function mannWhitney(x: ArrayLike<number>, y: ArrayLike<number>, label?: string): MannWhitneyResult {
  const what = named('Mann-Whitney test', label);
  requireFinite(x, `${what}, group x`);
  requireFinite(y, `${what}, group y`);
  const nx = x.length;
  const ny = y.length;
  if (nx < 1 || ny < 1) throw new RangeError(`${what}: group sizes ${nx} and ${ny}; each group needs at least one value`);
  const all = new Float64Array(nx + ny);
  all.set(Array.from(x), 0);
  all.set(Array.from(y), nx);
  const r = averageRanks(all);
  let rx = 0;
  for (let i = 0; i < nx; i++) rx += r[i];
  let ry = 0;
  for (let i = nx; i < nx + ny; i++) ry += r[i];
  const W = rx - (nx * (nx + 1)) / 2;
  const N = nx + ny;
  const ties = tieGroupSizes(all);
  let tieSum = 0;
  let hasTies = false;
  for (const t of ties) {
    if (t > 1) hasTies = true;
    tieSum += t * t * t - t;
  }
  const sigma = Math.sqrt(((nx * ny) / 12) * (N + 1 - tieSum / (N * (N - 1))));
  const zraw = W - (nx * ny) / 2;
  const zNo = zraw / sigma;
  const zCc = (zraw - Math.sign(zraw) * 0.5) / sigma;
  if (sigma === 0) {
    throw new RangeError(`${what}: all ${N} values are tied; the rank test has no information (R returns NaN)`);
  }
  const p2 = (z: number): number => 2 * Math.min(pnorm(z), pnorm(z, 0, 1, false));
  const pNo = p2(zNo);
  const pCc = p2(zCc);
  let pExact: number | null = null;
  if (!hasTies && nx * ny <= EXACT_MAX_PAIRS) {
    const p = W > (nx * ny) / 2 ? pwilcox(W - 1, nx, ny, false) : pwilcox(W, nx, ny, true);
    pExact = Math.min(2 * p, 1);
  }
  const isExact = !hasTies && nx < 50 && ny < 50;
  const warnings: string[] = [];
  if (hasTies && nx < 50 && ny < 50) warnings.push('cannot compute exact p-value with ties');
  return {
    W,
    Ux: W,
    Uy: nx * ny - W,
    Umin: Math.min(W, nx * ny - W),
    nx,
    ny,
    hasTies,
    sumRanksX: rx,
    sumRanksY: ry,
    zNoContinuity: zNo,
    zContinuity: zCc,
    pExact,
    pNormalContinuity: pCc,
    pNormalNoContinuity: pNo,
    pRDefault: isExact ? (pExact as number) : pCc,
    rDefaultIsExact: isExact,
    rDefaultMethod: isExact ? 'Wilcoxon rank sum exact test' : 'Wilcoxon rank sum test with continuity correction',
    rDefaultWarnings: warnings,
  };
}
