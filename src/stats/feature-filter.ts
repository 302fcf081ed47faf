/**
 * Steps 1–3 of the feature-selection chain as reference/stats pins them (selection.json.rules):
 * 1. ICC: keep features with ICC2 = ICC(2,1) = ICC(A,1) ≥ 0.75 between the two observers.
 * 2. Univariate filter on the training set: if Shapiro-Wilk p > 0.05 in both classes, the
 *    one-way ANOVA p (= Student t²), otherwise the Mann-Whitney p with R's default (exact iff no
 *    ties and both classes < 50); keep p < 0.05.
 * 3. Redundancy: visit the step-2 features by ascending step-2 p (ties in input order); keep a
 *    feature unless |Spearman ρ| > 0.90 with an already kept one; the drop log records the
 *    first kept partner (in visiting order) that caused each drop.
 * Steps 4–5 (random forest, LASSO) live with the models.
 *
 * Documented rules for bad input (R's chain would stop with an error instead):
 * - a missing (NaN) feature value is an error naming the feature: impute or drop it first;
 * - a feature whose ratings are all identical has no ICC: it fails step 1 (icc = null);
 * - a feature that is constant on the training set fails step 2 (p = null, test "constant");
 * - a feature constant within one class has no Shapiro-Wilk p: the normality gate is not met,
 *   so the Mann-Whitney p is used.
 */
import { oneWayAnova, type AnovaResult } from './anova.js';
import { meanUnchecked, varianceUnchecked } from './descriptives.js';
import { icc, type IccResult, type IccType } from './icc.js';
import { mannWhitney, type MannWhitneyResult } from './mann-whitney.js';
import { shapiroWilk, type ShapiroResult } from './shapiro.js';
import { averageRanks } from './ranks.js';
import { requireFinite } from './validate.js';

// ------------------------------------------------------------------ step 1 ----

export interface IccFilterResult {
  /** kept feature names, in input order */
  kept: string[];
  /** per feature: the ICC result, or null when the ratings are all identical */
  icc: (IccResult | null)[];
}

/**
 * Step 1: the ICC filter. observer1[j] and observer2[j] are feature j's ratings of the same
 * subjects in the same order.
 */
export function iccFilter(
  names: readonly string[],
  observer1: readonly ArrayLike<number>[],
  observer2: readonly ArrayLike<number>[],
  threshold = 0.75,
  form: IccType = 'ICC2',
): IccFilterResult {
  const kept: string[] = [];
  const results: (IccResult | null)[] = [];
  names.forEach((name, j) => {
    requireFinite(observer1[j], `ICC, feature '${name}', observer 1`);
    requireFinite(observer2[j], `ICC, feature '${name}', observer 2`);
    let r: IccResult | null = null;
    if (!allEqual(observer1[j], observer2[j])) r = icc([observer1[j], observer2[j]], name);
    results.push(r);
    if (r && r.byType[form].icc >= threshold) kept.push(name);
  });
  return { kept, icc: results };
}

function allEqual(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const v = a[0];
  for (let i = 0; i < a.length; i++) if (a[i] !== v) return false;
  for (let i = 0; i < b.length; i++) if (b[i] !== v) return false;
  return true;
}

// ------------------------------------------------------------------ step 2 ----

export type FilterTest = 'anova' | 'mann_whitney_r_default' | 'constant';

export interface FeatureTest {
  name: string;
  meanEr: number;
  sdEr: number;
  meanNonEr: number;
  sdNonEr: number;
  /** null when the class is constant (no Shapiro-Wilk p) */
  shapiroEr: ShapiroResult | null;
  shapiroNonEr: ShapiroResult | null;
  normalBoth: boolean;
  /** null for a feature constant on the training set */
  anova: AnovaResult | null;
  mannWhitney: MannWhitneyResult | null;
  filterTest: FilterTest;
  /** the step-2 p, null for a constant feature */
  filterP: number | null;
}

function shapiroOrNull(x: ArrayLike<number>, name: string): ShapiroResult | null {
  for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return shapiroWilk(x, name);
  return null;
}

/**
 * The training-set tests of one feature: values of the event class (er = 1) and of the
 * non-event class (er = 0).
 */
export function featureTest(name: string, er: ArrayLike<number>, nonEr: ArrayLike<number>): FeatureTest {
  requireFinite(er, `feature '${name}', class 1`);
  requireFinite(nonEr, `feature '${name}', class 0`);
  if (er.length < 3 || nonEr.length < 3) {
    throw new RangeError(`feature '${name}': class sizes ${er.length} and ${nonEr.length}; the tests need at least 3 subjects per class`);
  }
  const base = {
    name,
    meanEr: meanUnchecked(er),
    sdEr: Math.sqrt(varianceUnchecked(er)),
    meanNonEr: meanUnchecked(nonEr),
    sdNonEr: Math.sqrt(varianceUnchecked(nonEr)),
  };
  const v0 = er[0];
  let constant = true;
  for (let i = 0; i < er.length && constant; i++) if (er[i] !== v0) constant = false;
  for (let i = 0; i < nonEr.length && constant; i++) if (nonEr[i] !== v0) constant = false;
  if (constant) {
    return { ...base, shapiroEr: null, shapiroNonEr: null, normalBoth: false, anova: null, mannWhitney: null, filterTest: 'constant', filterP: null };
  }
  const s1 = shapiroOrNull(er, `${name}, class 1`);
  const s0 = shapiroOrNull(nonEr, `${name}, class 0`);
  const normal = s1 !== null && s0 !== null && s1.p > 0.05 && s0.p > 0.05;
  const anova = oneWayAnovaOrNull([er, nonEr], name);
  const mw = mannWhitney(er, nonEr, name);
  const useAnova = normal && anova !== null;
  return {
    ...base,
    shapiroEr: s1,
    shapiroNonEr: s0,
    normalBoth: normal,
    anova,
    mannWhitney: mw,
    filterTest: useAnova ? 'anova' : 'mann_whitney_r_default',
    filterP: useAnova ? anova.p : mw.pRDefault,
  };
}

/** ANOVA, or null when both classes are internally constant (F undefined). */
function oneWayAnovaOrNull(groups: ArrayLike<number>[], name: string): AnovaResult | null {
  try {
    return oneWayAnova(groups, name);
  } catch (e) {
    if (e instanceof RangeError && /within-group variance 0/.test(e.message)) return null;
    throw e;
  }
}

export interface Step2Result {
  kept: string[];
  /** step-2 p per tested feature (null: constant) */
  p: Record<string, number | null>;
  alternatives: {
    /** ANOVA p < α and Mann-Whitney (R default) p < α */
    anovaAndMw: string[];
    /** ANOVA p < α or Mann-Whitney p < α */
    anovaOrMw: string[];
    /** the rule with the Mann-Whitney normal approximation (continuity correction) */
    ruleWithMwNormalApprox: string[];
  };
}

/** Step 2 over already computed feature tests (input order is kept). */
export function filterStep(tests: readonly FeatureTest[], alpha = 0.05): Step2Result {
  const lt = (v: number | null | undefined): boolean => v !== null && v !== undefined && v < alpha;
  const p: Record<string, number | null> = {};
  for (const t of tests) p[t.name] = t.filterP;
  return {
    kept: tests.filter((t) => lt(t.filterP)).map((t) => t.name),
    p,
    alternatives: {
      anovaAndMw: tests.filter((t) => lt(t.anova?.p) && lt(t.mannWhitney?.pRDefault)).map((t) => t.name),
      anovaOrMw: tests.filter((t) => lt(t.anova?.p) || lt(t.mannWhitney?.pRDefault)).map((t) => t.name),
      ruleWithMwNormalApprox: tests
        .filter((t) => lt(t.normalBoth && t.anova ? t.anova.p : t.mannWhitney?.pNormalContinuity))
        .map((t) => t.name),
    },
  };
}

// ------------------------------------------------------------------ step 3 ----

export interface SpearmanDrop {
  feature: string;
  droppedBecauseOf: string;
  rho: number;
}

export interface Step3Result {
  visitOrder: string[];
  /** kept features in input order */
  kept: string[];
  dropped: SpearmanDrop[];
}

/**
 * Step 3: Spearman redundancy removal. names are the step-2 features in input (CSV) order,
 * p their step-2 p-values, columns their training-set values.
 */
export function spearmanRedundancy(
  names: readonly string[],
  p: readonly number[],
  columns: readonly ArrayLike<number>[],
  threshold = 0.9,
): Step3Result {
  const m = names.length;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
  // centred ranks once per feature
  const ranks: Float64Array[] = [];
  const norms = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    requireFinite(columns[j], `Spearman, feature '${names[j]}'`);
    const r = averageRanks(columns[j]);
    const mean = meanUnchecked(r);
    let ss = 0;
    for (let i = 0; i < r.length; i++) {
      r[i] -= mean;
      ss += r[i] * r[i];
    }
    if (ss === 0) throw new RangeError(`Spearman, feature '${names[j]}' is constant on the training set; it cannot pass step 2`);
    ranks.push(r);
    norms[j] = Math.sqrt(ss);
  }
  const rho = (a: number, b: number): number => {
    const ra = ranks[a];
    const rb = ranks[b];
    let s = 0;
    for (let i = 0; i < ra.length; i++) s += ra[i] * rb[i];
    return Math.max(-1, Math.min(1, s / (norms[a] * norms[b])));
  };
  const kept: number[] = [];
  const dropped: SpearmanDrop[] = [];
  for (const f of order) {
    let partner = -1;
    let r = 0;
    for (const k of kept) {
      r = rho(f, k);
      if (Math.abs(r) > threshold) {
        partner = k;
        break;
      }
    }
    if (partner < 0) kept.push(f);
    else dropped.push({ feature: names[f], droppedBecauseOf: names[partner], rho: r });
  }
  const keptSet = new Set(kept);
  return {
    visitOrder: order.map((i) => names[i]),
    kept: names.filter((_, i) => keptSet.has(i)),
    dropped,
  };
}

// --------------------------------------------------------------- steps 1–3 ----

export interface SelectionInput {
  /** feature names in CSV order */
  names: string[];
  /** training-set values per feature */
  train: ArrayLike<number>[];
  /** training-set outcome, 0/1, aligned with train */
  y: ArrayLike<number>;
  /** observer-1 and observer-2 ratings per feature (the ICC subjects) */
  observer1: ArrayLike<number>[];
  observer2: ArrayLike<number>[];
  iccThreshold?: number;
  alpha?: number;
  rhoThreshold?: number;
}

export interface SelectionSteps1to3 {
  step1: string[];
  icc: (IccResult | null)[];
  /** tests of the step-1 features */
  tests: FeatureTest[];
  step2: Step2Result;
  step3: Step3Result;
}

/** Runs steps 1–3 on one feature table. */
export function selectionSteps1to3(input: SelectionInput): SelectionSteps1to3 {
  const { names, train, y } = input;
  const s1 = iccFilter(names, input.observer1, input.observer2, input.iccThreshold ?? 0.75);
  const idx = new Map(names.map((n, j) => [n, j]));
  const tests = s1.kept.map((name) => {
    const col = train[idx.get(name)!];
    const er: number[] = [];
    const non: number[] = [];
    for (let i = 0; i < y.length; i++) {
      if (y[i] === 1) er.push(col[i]);
      else if (y[i] === 0) non.push(col[i]);
      else throw new RangeError(`selection: outcome value ${y[i]} at training row ${i + 1}; it must be 0 or 1`);
    }
    return featureTest(name, er, non);
  });
  const step2 = filterStep(tests, input.alpha ?? 0.05);
  const step3 = spearmanRedundancy(
    step2.kept,
    step2.kept.map((n) => step2.p[n] as number),
    step2.kept.map((n) => train[idx.get(n)!]),
    input.rhoThreshold ?? 0.9,
  );
  return { step1: s1.kept, icc: s1.icc, tests, step2, step3 };
}
