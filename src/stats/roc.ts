/**
 * ROC curves with pROC's conventions (pROC 1.18, roc(levels = c(0, 1), direction = "<")):
 * thresholds are −Inf, the midpoints of the sorted unique scores, and +Inf
 * (roc.utils.thresholds, including its fix for midpoints that round onto a score); a row is
 * called positive iff score ≥ threshold; sensitivity = TP/n₁, specificity = TN/n₀.
 *
 * Youden's cut-off is found in exact integer arithmetic: the score TP·n₀ + TN·n₁ is
 * proportional to se + sp, and ties go to the smallest threshold (pROC's first row). pROC
 * itself compares se + sp in floating point and returns every row equal to the maximum; those
 * rows are listed too (`youdenRowsPROC`) so the two can be compared.
 *
 * The AUC is the Mann-Whitney statistic, computed exactly from `pairs2` = 2·#concordant +
 * #tied (case, control) pairs, an integer, so models can be compared without rounding
 * (`auc_pairs2` of the reference harness).
 */
import { rowName } from './design.js';

export interface RocInput {
  /** 0 = control, 1 = case. */
  y: ArrayLike<number>;
  score: ArrayLike<number>;
  /** Optional row labels for error messages. */
  labels?: readonly string[];
  /** Name of the score in error messages. */
  name?: string;
}

export interface RocCurve {
  nCases: number;
  nControls: number;
  /** Increasing, from −Inf to +Inf. */
  thresholds: Float64Array;
  tp: Int32Array;
  tn: Int32Array;
  sensitivity: Float64Array;
  specificity: Float64Array;
  /** 2·#{case > control} + #{case = control}: an exact integer. */
  pairs2: number;
  auc: number;
}

/** Splits scores into cases and controls after checking them (no NaN, 0/1 outcome, both classes). */
export function splitByOutcome(input: RocInput): { cases: Float64Array; controls: Float64Array } {
  const { y, score } = input;
  const name = input.name ?? 'score';
  if (y.length !== score.length) throw new Error(`${name}: ${score.length} scores but ${y.length} outcomes`);
  const cases: number[] = [];
  const controls: number[] = [];
  for (let i = 0; i < y.length; i++) {
    const s = score[i];
    if (typeof s !== 'number' || Number.isNaN(s)) {
      throw new Error(`${name}, ${rowName(i, input.labels)}: score is missing; remove the row or supply a prediction`);
    }
    if (y[i] === 1) cases.push(s);
    else if (y[i] === 0) controls.push(s);
    else throw new Error(`${name}, ${rowName(i, input.labels)}: outcome ${y[i]} is not 0 or 1`);
  }
  if (!cases.length || !controls.length) {
    throw new Error(`${name}: ROC analysis needs cases and controls; there are ${cases.length} cases and ${controls.length} controls`);
  }
  return { cases: Float64Array.from(cases), controls: Float64Array.from(controls) };
}

/** pROC's thresholds for direction "<": −Inf, midpoints of sorted unique values, +Inf. */
export function rocThresholds(values: ArrayLike<number>): Float64Array {
  const u = Array.from(new Set(Array.from(values as ArrayLike<number>))).sort((a, b) => a - b);
  const m = u.length;
  const t = new Float64Array(m + 1);
  const present = new Set(u);
  for (let k = 0; k <= m; k++) {
    const lo = k === 0 ? -Infinity : u[k - 1];
    const hi = k === m ? Infinity : u[k];
    let v = (lo + hi) / 2;
    if (Math.abs(v) > 1e100 || Number.isNaN(v)) v = lo / 2 + hi / 2;
    // a midpoint that rounds onto the lower value is moved to the upper one (pROC, direction "<")
    if (present.has(v) && k > 0 && v === u[k - 1]) v = k < m ? u[k] : Infinity;
    t[k] = v;
  }
  return t;
}

/** The full ROC curve (see the file comment for the conventions). */
export function rocCurve(input: RocInput): RocCurve {
  const { cases, controls } = splitByOutcome(input);
  const n1 = cases.length;
  const n0 = controls.length;
  const all = new Float64Array(n1 + n0);
  all.set(cases);
  all.set(controls, n1);
  const thresholds = rocThresholds(all);
  const sc = Float64Array.from(cases).sort();
  const so = Float64Array.from(controls).sort();
  const m = thresholds.length;
  const tp = new Int32Array(m);
  const tn = new Int32Array(m);
  const sensitivity = new Float64Array(m);
  const specificity = new Float64Array(m);
  let ic = 0; // cases below threshold
  let io = 0; // controls below threshold
  for (let k = 0; k < m; k++) {
    const t = thresholds[k];
    while (ic < n1 && sc[ic] < t) ic++;
    while (io < n0 && so[io] < t) io++;
    tp[k] = n1 - ic;
    tn[k] = io;
    sensitivity[k] = tp[k] / n1;
    specificity[k] = tn[k] / n0;
  }
  const pairs2 = aucPairs2(sc, so);
  return { nCases: n1, nControls: n0, thresholds, tp, tn, sensitivity, specificity, pairs2, auc: pairs2 / (2 * n1 * n0) };
}

/** 2·#{case > control} + #{case = control} from sorted cases and controls. */
export function aucPairs2(sortedCases: Float64Array, sortedControls: Float64Array): number {
  let s = 0;
  let lo = 0; // controls < x
  let le = 0; // controls <= x
  const n0 = sortedControls.length;
  for (let i = 0; i < sortedCases.length; i++) {
    const x = sortedCases[i];
    while (lo < n0 && sortedControls[lo] < x) lo++;
    if (le < lo) le = lo;
    while (le < n0 && sortedControls[le] <= x) le++;
    s += 2 * lo + (le - lo);
  }
  return s;
}

export interface ThresholdMetrics {
  threshold: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  sensitivity: number;
  specificity: number;
  accuracy: number;
  /** NaN when nothing is called positive. */
  ppv: number;
  /** NaN when nothing is called negative. */
  npv: number;
  /** se + sp − 1 */
  youdenJ: number;
}

/** Confusion matrix and rates at a threshold (positive iff score ≥ threshold). */
export function metricsAt(input: RocInput, threshold: number): ThresholdMetrics {
  const { cases, controls } = splitByOutcome(input);
  let tp = 0;
  let tn = 0;
  for (const c of cases) if (c >= threshold) tp++;
  for (const c of controls) if (c < threshold) tn++;
  return confusion(threshold, tp, tn, cases.length, controls.length);
}

function confusion(threshold: number, tp: number, tn: number, n1: number, n0: number): ThresholdMetrics {
  const fn = n1 - tp;
  const fp = n0 - tn;
  const sensitivity = tp / n1;
  const specificity = tn / n0;
  return {
    threshold,
    tp,
    fp,
    tn,
    fn,
    sensitivity,
    specificity,
    accuracy: (tp + tn) / (n1 + n0),
    ppv: tp + fp > 0 ? tp / (tp + fp) : NaN,
    npv: tn + fn > 0 ? tn / (tn + fn) : NaN,
    youdenJ: sensitivity + specificity - 1,
  };
}

export interface YoudenResult {
  /** The exact optimum: the smallest threshold maximising TP·n₀ + TN·n₁. */
  best: ThresholdMetrics;
  /** Every threshold with the exact maximum score, increasing. */
  exactTies: ThresholdMetrics[];
  /** The rows pROC's coords("best", best.method = "youden") returns (floating se + sp = max). */
  youdenRowsPROC: ThresholdMetrics[];
}

/** Youden's optimal cut-off on a ROC curve (see the file comment). */
export function youden(curve: RocCurve): YoudenResult {
  const n1 = curve.nCases;
  const n0 = curve.nControls;
  let bestScore = -1;
  let bestFloat = -Infinity;
  const m = curve.thresholds.length;
  for (let k = 0; k < m; k++) {
    const s = curve.tp[k] * n0 + curve.tn[k] * n1;
    if (s > bestScore) bestScore = s;
    const f = curve.sensitivity[k] + curve.specificity[k];
    if (f > bestFloat) bestFloat = f;
  }
  const exactTies: ThresholdMetrics[] = [];
  const youdenRowsPROC: ThresholdMetrics[] = [];
  for (let k = 0; k < m; k++) {
    const row = () => confusion(curve.thresholds[k], curve.tp[k], curve.tn[k], n1, n0);
    if (curve.tp[k] * n0 + curve.tn[k] * n1 === bestScore) exactTies.push(row());
    if (curve.sensitivity[k] + curve.specificity[k] === bestFloat) youdenRowsPROC.push(row());
  }
  return { best: exactTies[0], exactTies, youdenRowsPROC };
}
