/**
 * DeLong's nonparametric variance of the AUC and the paired test of two correlated AUCs
 * (DeLong, DeLong & Clarke-Pearson 1988, Biometrics 44:837-845), as pROC 1.18 computes them:
 *
 * - placements: V10_i = mean over controls of ψ(case_i, control_j), V01_j = mean over cases of
 *   ψ(case_i, control_j), ψ = 1 if case > control, ½ if equal, 0 otherwise;
 * - var(AUC) = s²(V10)/n₁ + s²(V01)/n₀ with sample variances (var.roc, method "delong");
 * - CI = AUC ± qnorm(0.975)·√var, clipped to [0, 1] (ci.auc);
 * - paired test: z = (AUC₁ − AUC₂)/√(L S Lᵀ), S = S10/n₁ + S01/n₀ the placements' covariance
 *   matrices, L = (1, −1); p = 2·Φ(−|z|) (roc.test, method "delong", paired).
 *
 * Placements are computed by sorting (O(n log n)), not over all pairs.
 */
import { pnorm, qnorm } from './distributions.js';
import { splitByOutcome, aucPairs2, type RocInput } from './roc.js';
import { createRng } from './random.js';

export interface Placements {
  auc: number;
  /** One per case (cases in input order). */
  v10: Float64Array;
  /** One per control (controls in input order). */
  v01: Float64Array;
}

/** Counts of values < x and ≤ x in a sorted array. */
function countBelow(sorted: Float64Array, x: number): [number, number] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  let lo2 = lo;
  let hi2 = sorted.length;
  while (lo2 < hi2) {
    const mid = (lo2 + hi2) >> 1;
    if (sorted[mid] <= x) lo2 = mid + 1;
    else hi2 = mid;
  }
  return [lo, lo2];
}

/** DeLong placements of cases and controls. */
export function delongPlacements(input: RocInput): Placements {
  const { cases, controls } = splitByOutcome(input);
  const sc = Float64Array.from(cases).sort();
  const so = Float64Array.from(controls).sort();
  const n1 = cases.length;
  const n0 = controls.length;
  const v10 = new Float64Array(n1);
  const v01 = new Float64Array(n0);
  for (let i = 0; i < n1; i++) {
    const [lt, le] = countBelow(so, cases[i]);
    v10[i] = (lt + 0.5 * (le - lt)) / n0;
  }
  for (let j = 0; j < n0; j++) {
    const [lt, le] = countBelow(sc, controls[j]);
    // cases greater than control_j, plus half the ties
    v01[j] = (n1 - le + 0.5 * (le - lt)) / n1;
  }
  return { auc: aucPairs2(sc, so) / (2 * n1 * n0), v10, v01 };
}

function sampleVar(v: Float64Array): number {
  const n = v.length;
  if (n < 2) return NaN;
  let m = 0;
  for (let i = 0; i < n; i++) m += v[i];
  m /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (v[i] - m) * (v[i] - m);
  return s / (n - 1);
}

function sampleCov(a: Float64Array, b: Float64Array, ma: number, mb: number): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - ma) * (b[i] - mb);
  return s / (a.length - 1);
}

export interface DelongAuc {
  auc: number;
  variance: number;
  lower: number;
  upper: number;
  nCases: number;
  nControls: number;
}

/** AUC with DeLong's variance and confidence interval (clipped to [0, 1]). */
export function delongAuc(input: RocInput, level = 0.95): DelongAuc {
  const pl = delongPlacements(input);
  const n1 = pl.v10.length;
  const n0 = pl.v01.length;
  const variance = sampleVar(pl.v10) / n1 + sampleVar(pl.v01) / n0;
  const sd = Math.sqrt(variance);
  const a = (1 - level) / 2;
  const lower = Math.min(1, Math.max(0, qnorm(a, pl.auc, sd)));
  const upper = Math.min(1, Math.max(0, qnorm(1 - a, pl.auc, sd)));
  return { auc: pl.auc, variance, lower, upper, nCases: n1, nControls: n0 };
}

export interface DelongTest {
  auc1: number;
  auc2: number;
  /** null when both predictions give identical placements (the difference has no variance). */
  z: number | null;
  p: number | null;
}

/**
 * Paired DeLong test of two scores on the same rows. Identical placements (e.g. identical
 * predictions) have zero variance of the difference: z and p are null, not NaN.
 */
export function delongTest(y: ArrayLike<number>, score1: ArrayLike<number>, score2: ArrayLike<number>, labels?: readonly string[]): DelongTest {
  if (score1.length !== score2.length) throw new Error(`paired DeLong test: scores have ${score1.length} and ${score2.length} values`);
  const a = delongPlacements({ y, score: score1, labels, name: 'score 1' });
  const b = delongPlacements({ y, score: score2, labels, name: 'score 2' });
  const n1 = a.v10.length;
  const n0 = a.v01.length;
  const sx11 = sampleCov(a.v10, a.v10, a.auc, a.auc);
  const sx12 = sampleCov(a.v10, b.v10, a.auc, b.auc);
  const sx22 = sampleCov(b.v10, b.v10, b.auc, b.auc);
  const sy11 = sampleCov(a.v01, a.v01, a.auc, a.auc);
  const sy12 = sampleCov(a.v01, b.v01, a.auc, b.auc);
  const sy22 = sampleCov(b.v01, b.v01, b.auc, b.auc);
  const s11 = sx11 / n1 + sy11 / n0;
  const s12 = sx12 / n1 + sy12 / n0;
  const s22 = sx22 / n1 + sy22 / n0;
  const v = s11 - 2 * s12 + s22;
  let same = true;
  for (let i = 0; i < n1 && same; i++) same = a.v10[i] === b.v10[i];
  for (let j = 0; j < n0 && same; j++) same = a.v01[j] === b.v01[j];
  if (same || !(v > 0)) return { auc1: a.auc, auc2: b.auc, z: null, p: null };
  const z = (a.auc - b.auc) / Math.sqrt(v);
  return { auc1: a.auc, auc2: b.auc, z, p: 2 * pnorm(-Math.abs(z)) };
}

export interface BootstrapAucCi {
  auc: number;
  lower: number;
  median: number;
  upper: number;
  replicates: Float64Array;
}

/**
 * Stratified bootstrap CI of the AUC as pROC's ci.auc(method = "bootstrap",
 * boot.stratified = TRUE): each replicate resamples the controls, then the cases, with
 * replacement (R's sample(x, replace = TRUE), drawn from the project's R-compatible generator, so
 * the same seed gives pROC's replicates), and the limits are type-7 quantiles of the replicate AUCs.
 */
export function bootstrapAucCi(input: RocInput, opts: { B?: number; seed: number; level?: number }): BootstrapAucCi {
  const { cases, controls } = splitByOutcome(input);
  const B = opts.B ?? 2000;
  const level = opts.level ?? 0.95;
  const rng = createRng(opts.seed);
  const n1 = cases.length;
  const n0 = controls.length;
  const reps = new Float64Array(B);
  const bc = new Float64Array(n1);
  const bo = new Float64Array(n0);
  for (let b = 0; b < B; b++) {
    const io = rng.sample(n0, n0, true);
    const ic = rng.sample(n1, n1, true);
    for (let k = 0; k < n0; k++) bo[k] = controls[io[k]];
    for (let k = 0; k < n1; k++) bc[k] = cases[ic[k]];
    bo.sort();
    bc.sort();
    reps[b] = aucPairs2(bc, bo) / (2 * n1 * n0);
  }
  const sorted = Float64Array.from(reps).sort();
  const q = (prob: number) => {
    const index = 1 + (B - 1) * prob;
    const lo = Math.floor(index);
    const h = index - lo;
    return h > 0 && sorted[lo] !== sorted[lo - 1] ? (1 - h) * sorted[lo - 1] + h * sorted[lo] : sorted[lo - 1];
  };
  const a = (1 - level) / 2;
  const auc = aucPairs2(Float64Array.from(cases).sort(), Float64Array.from(controls).sort()) / (2 * n1 * n0);
  return { auc, lower: q(a), median: q(0.5), upper: q(1 - a), replicates: reps };
}
