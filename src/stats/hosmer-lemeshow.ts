/**
 * Hosmer-Lemeshow goodness-of-fit test with ResourceSelection::hoslem.test's grouping (also
 * performance::performance_hosmer's): breaks = unique(quantile(p, seq(0, 1, 1/g))) with R's
 * type-7 quantiles, bins right-closed with the lowest break included (cut(..., include.lowest =
 * TRUE)), χ² = Σ over bins and both outcomes (O − E)²/E, df = g − 2 (not reduced when breaks
 * collapse), p = P(χ²_df > χ²).
 *
 * Empty bins (tied predictions collapse breaks) make R's χ² NaN (0/0): `chisq` and `p` are then
 * null, and `chisqEmptyGroupsDropped` / `pEmptyGroupsDropped` sum over the non-empty bins only
 * (reference/stats README, caveat 15).
 *
 * Sources: Hosmer & Lemeshow (1980); ResourceSelection::hoslem.test 0.3-5; R's quantile type 7,
 * seq(0, 1, by = 1/g) (= i·(1/g), capped at 1), cut() labels (formatC(breaks, digits = 3),
 * more digits until unique).
 */
import { pchisq } from './distributions.js';
import { quantileSorted } from './descriptives.js';
import { formatG } from './format-g.js';
import { requireBinary, requireFinite } from './validate.js';

export interface HlGroup {
  /** R's cut() label, e.g. "[0.1,0.19]" or "(0.19,0.2]" */
  group: string;
  n: number;
  observed1: number;
  expected1: number;
  observed0: number;
  expected0: number;
}

export interface HosmerLemeshowResult {
  /** null when a bin is empty (R: NaN) */
  chisq: number | null;
  df: number;
  p: number | null;
  g: number;
  nGroupsNonempty: number;
  chisqEmptyGroupsDropped: number;
  pEmptyGroupsDropped: number;
  breaks: number[];
  groups: HlGroup[];
}

/** R's cut() labels for right-closed bins with include.lowest (3 significant digits, more if needed). */
function cutLabels(breaks: number[]): string[] {
  let nb: string[] = [];
  for (let dig = 3; dig <= 12; dig++) {
    nb = breaks.map((b) => formatG(0 + b, dig));
    let unique = true;
    for (let i = 1; i < nb.length; i++) if (nb[i] === nb[i - 1]) unique = false;
    if (unique) break;
  }
  const labels: string[] = [];
  for (let i = 1; i < nb.length; i++) labels.push(`(${nb[i - 1]},${nb[i]}]`);
  if (labels.length > 0) labels[0] = `[${labels[0].slice(1)}`;
  return labels;
}

/**
 * Hosmer-Lemeshow test of predicted probabilities p against 0/1 outcomes y with g groups.
 * Throws on missing values, a non-binary outcome, or predictions that are all equal (no bins).
 */
export function hosmerLemeshow(y: ArrayLike<number>, p: ArrayLike<number>, g = 10, label?: string): HosmerLemeshowResult {
  const what = label ? `Hosmer-Lemeshow (${label})` : 'Hosmer-Lemeshow';
  if (y.length !== p.length) throw new RangeError(`${what}: ${y.length} outcomes but ${p.length} predictions`);
  requireFinite(p, `${what}, predictions`);
  requireBinary(y, `${what}, outcome`);
  if (!Number.isInteger(g) || g < 3) throw new RangeError(`${what}: g = ${g}; at least 3 groups are needed (df = g − 2)`);
  const n = p.length;
  const sorted = Float64Array.from(p).sort();
  const probs: number[] = [];
  const by = 1 / g;
  for (let i = 0; i <= g; i++) probs.push(Math.min(i * by, 1));
  const q = quantileSorted(sorted, probs, 7);
  const breaks: number[] = [];
  for (const v of q) if (!breaks.includes(v)) breaks.push(v);
  if (breaks.length < 2) throw new RangeError(`${what}: all ${n} predictions are equal (${breaks[0]}); there is nothing to group`);
  const nb = breaks.length - 1;
  const cnt = new Float64Array(nb);
  const o1 = new Float64Array(nb);
  const e1 = new Float64Array(nb);
  for (let i = 0; i < n; i++) {
    const v = p[i];
    // bin k (0-based): breaks[k] < v ≤ breaks[k+1]; v = breaks[0] goes to bin 0
    let lo = 0;
    let hi = nb;
    while (hi - lo >= 2) {
      const mid = (hi + lo) >> 1;
      if (v > breaks[mid]) lo = mid;
      else hi = mid;
    }
    cnt[lo]++;
    o1[lo] += y[i];
    e1[lo] += v;
  }
  const labels = cutLabels(breaks);
  const groups: HlGroup[] = [];
  let chisq = 0;
  let chisqNe = 0;
  let nonEmpty = 0;
  for (let k = 0; k < nb; k++) {
    const o0 = cnt[k] - o1[k];
    const e0 = cnt[k] - e1[k];
    const term = (o1[k] - e1[k]) ** 2 / e1[k] + (o0 - e0) ** 2 / e0;
    chisq += term;
    if (cnt[k] > 0) {
      nonEmpty++;
      chisqNe += term;
    }
    groups.push({ group: labels[k], n: cnt[k], observed1: o1[k], expected1: e1[k], observed0: o0, expected0: e0 });
  }
  const df = g - 2;
  const ok = Number.isFinite(chisq);
  return {
    chisq: ok ? chisq : null,
    df,
    p: ok ? pchisq(chisq, df, false) : null,
    g,
    nGroupsNonempty: nonEmpty,
    chisqEmptyGroupsDropped: chisqNe,
    pEmptyGroupsDropped: pchisq(chisqNe, df, false),
    breaks,
    groups,
  };
}
