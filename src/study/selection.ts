/**
 * The feature-selection chain of the paper, per radiomics model, fitted on the training set only
 * (reference/stats README, "Pinned rules" 2-5):
 *
 * 0. pooling: a model's features are its sequences' columns, sequences in the study file's
 *    order, each in its table's column order (the *pooled order*, which breaks every tie);
 * 1. ICC (form and threshold of the study file, ICC(2,1) ≥ 0.75 by default) of each feature
 *    against its own sequence's second reader; a sequence without a second reader keeps all;
 * 2. the univariate test rule on the training set (Shapiro-Wilk p > 0.05 in both classes →
 *    ANOVA p, else R's default Mann-Whitney p; keep p < α), or one of the alternatives;
 * 3. Spearman redundancy: visit by ascending step-2 p (ties pooled order), keep a feature unless
 *    |ρ| > threshold with an already kept one;
 * 4. random forest top k by MeanDecreaseGini: a no-op for models with ≤ k features; with more,
 *    `over_k: apply` keeps the forest's top k, `over_k: disable` (the harness's rule) turns the
 *    step off for every model (`rf_top_k` null) and reports the top-k list for information;
 * 5. LASSO (cv.glmnet, deviance, fixed or seeded folds): the nonzero features at lambda.min (or
 *    lambda.1se). Fallbacks: an empty set → lambda.1se, then lambda.min, then the best-ranked
 *    feature (the first step-4 feature in the step-3 visiting order); one step-4 feature → that
 *    feature, no LASSO; no step-4 feature → the best-ranked step-1 feature (step 0 if step 1 is
 *    empty).
 *
 * ICC and step-2 p depend on the feature only, so they are computed once for every feature.
 */
import { featureTest, iccFilter, spearmanRedundancy, type FeatureTest } from '../stats/feature-filter.js';
import type { IccResult, IccType } from '../stats/icc.js';
import { cvLassoLogistic, nonzeroAt, type LassoCv } from '../stats/lasso-cv.js';
import { topFeaturesByGini, trainForest, rankByGini } from '../stats/forest.js';
import type { Cohort } from './cohort.js';
import type { SelectionSpec } from './config-schema.js';

/** Per pooled feature: where it comes from, its ICC and its training-set test. */
export interface FeatureInfo {
  name: string;
  sequence: string;
  column: string;
  /** null: no second reader, or all ratings identical */
  icc: IccResult | null;
  keptIcc: boolean;
  test: FeatureTest;
  /** the rule's decision */
  keptTest: boolean;
}

export type Step5Rule =
  | 'lambda.min'
  | 'lambda.1se'
  | 'best_ranked_feature'
  | 'single_feature_no_lasso'
  | 'best_ranked_feature_no_feature_reached_lasso';

export interface ModelSelection {
  model: string;
  sequences: string[];
  step0: string[];
  step1: string[];
  step2: string[];
  step3: string[];
  visitOrder: string[];
  dropped: { feature: string; droppedBecauseOf: string; rho: number }[];
  step4: string[];
  forest: {
    nAfterSpearman: number;
    noop: boolean;
    applied: boolean;
    /** the forest's top k when the step was disabled for this model (information only) */
    topKForInformation: string[] | null;
  };
  lasso: LassoCv | null;
  lassoFeatures: string[];
  step5: string[];
  step5Rule: Step5Rule;
  lassoKeptNone: boolean;
}

export interface SelectionResult {
  features: FeatureInfo[];
  byName: Map<string, FeatureInfo>;
  /** k when the forest step is active (or a no-op everywhere), null when disabled */
  rfTopK: number | null;
  nModelsOverTopK: number;
  models: ModelSelection[];
  lambda: number[] | null;
}

/** R's seq(from, to, by) as from + k·by (seq.default), then 10^. */
export function log10Grid(from: number, to: number, by: number): number[] {
  const n = Math.floor((to - from) / by + 1e-10);
  return Array.from({ length: n + 1 }, (_, k) => Math.pow(10, from + k * by));
}

function lambdaOf(spec: SelectionSpec): number[] | null {
  const l = spec.lasso.lambda;
  if (l.log10_grid) return log10Grid(l.log10_grid.from, l.log10_grid.to, l.log10_grid.by);
  if (l.values) return [...l.values];
  return null;
}

function keptByRule(t: FeatureTest, rule: SelectionSpec['test']['rule'], alpha: number): boolean {
  const lt = (v: number | null | undefined) => v !== null && v !== undefined && v < alpha;
  switch (rule) {
    case 'normality_gated':
      return lt(t.filterP);
    case 'anova_and_mann_whitney':
      return lt(t.anova?.p) && lt(t.mannWhitney?.pRDefault);
    case 'anova_or_mann_whitney':
      return lt(t.anova?.p) || lt(t.mannWhitney?.pRDefault);
    case 'normality_gated_mw_normal_approx':
      return lt(t.normalBoth && t.anova ? t.anova.p : t.mannWhitney?.pNormalContinuity);
  }
}

/** ICC and tests of every feature of the cohort (once per feature). */
export function featureStatistics(cohort: Cohort, spec: SelectionSpec, onProgress?: (msg: string) => void): FeatureInfo[] {
  const yTrain = cohort.train.map((k) => cohort.y[k]);
  const out: FeatureInfo[] = [];
  for (const s of cohort.sequences) {
    onProgress?.(`feature statistics: ${s.name} (${s.names.length} features)`);
    let icc: (IccResult | null)[];
    let kept: Set<string>;
    if (s.observer2) {
      const rows = s.observer2.rows;
      const obs1 = s.values.map((v) => Float64Array.from(rows, (k) => v[k]));
      const r = iccFilter(s.names, obs1, s.observer2.values, spec.icc.threshold, spec.icc.form as IccType);
      icc = r.icc;
      kept = new Set(r.kept);
    } else {
      icc = s.names.map(() => null);
      kept = new Set(s.names);
    }
    const ev: number[] = [];
    const non: number[] = [];
    s.names.forEach((name, j) => {
      const v = s.values[j];
      ev.length = 0;
      non.length = 0;
      cohort.train.forEach((k, t) => (yTrain[t] === 1 ? ev : non).push(v[k]));
      const test = featureTest(name, ev, non);
      out.push({
        name,
        sequence: s.name,
        column: s.columns[j],
        icc: icc[j],
        keptIcc: kept.has(name),
        test,
        keptTest: keptByRule(test, spec.test.rule, spec.test.alpha),
      });
    });
  }
  return out;
}

/** Column-major training matrix of the named features. */
function trainingMatrix(cohort: Cohort, names: readonly string[], values: Map<string, Float64Array>): Float64Array {
  const n = cohort.train.length;
  const x = new Float64Array(n * names.length);
  names.forEach((f, j) => {
    const v = values.get(f)!;
    for (let i = 0; i < n; i++) x[j * n + i] = v[cohort.train[i]];
  });
  return x;
}

/**
 * Step 5 from the LASSO's nonzero sets (pinned rule 5): the configured λ's set; if it is empty,
 * lambda.1se, then lambda.min, then the first step-4 feature in the step-3 visiting order.
 */
export function lassoChoice(
  atMin: readonly string[],
  at1se: readonly string[],
  rule: 'lambda.min' | 'lambda.1se',
  step4: readonly string[],
  visitOrder: readonly string[],
): { features: string[]; rule: Step5Rule; keptNone: boolean } {
  const primary = rule === 'lambda.min' ? atMin : at1se;
  if (primary.length) return { features: [...primary], rule, keptNone: false };
  if (at1se.length) return { features: [...at1se], rule: 'lambda.1se', keptNone: true };
  if (atMin.length) return { features: [...atMin], rule: 'lambda.min', keptNone: true };
  const in4 = new Set(step4);
  const first = visitOrder.find((f) => in4.has(f)) ?? step4[0];
  return { features: [first], rule: 'best_ranked_feature', keptNone: true };
}

/** Runs the chain for every model (see the file comment). */
export function selectFeatures(
  cohort: Cohort,
  spec: SelectionSpec,
  models: Record<string, string[]>,
  onProgress?: (msg: string) => void,
): SelectionResult {
  const features = featureStatistics(cohort, spec, onProgress);
  const byName = new Map(features.map((f) => [f.name, f]));
  const values = new Map<string, Float64Array>();
  for (const s of cohort.sequences) s.names.forEach((nm, j) => values.set(nm, s.values[j]));
  const seqOrder = cohort.sequences.map((s) => s.name);
  const n = cohort.train.length;
  const yTrain = Float64Array.from(cohort.train, (k) => cohort.y[k]);
  const trainValues = (f: string) => {
    const v = values.get(f)!;
    return Float64Array.from(cohort.train, (k) => v[k]);
  };
  const pOf = (f: string) => byName.get(f)!.test.filterP;
  /** smallest step-2 p first (null last), ties pooled order */
  const bestRanked = (cands: readonly string[]): string => {
    const pos = new Map(cands.map((c, i) => [c, i]));
    return [...cands].sort((a, b) => {
      const pa = pOf(a);
      const pb = pOf(b);
      if (pa === null && pb === null) return pos.get(a)! - pos.get(b)!;
      if (pa === null) return 1;
      if (pb === null) return -1;
      return pa - pb || pos.get(a)! - pos.get(b)!;
    })[0];
  };

  // steps 0-3
  const partial = Object.entries(models).map(([model, seqs]) => {
    const sequences = seqOrder.filter((s) => seqs.includes(s));
    const step0 = cohort.sequences.filter((s) => sequences.includes(s.name)).flatMap((s) => s.names);
    const step1 = step0.filter((f) => byName.get(f)!.keptIcc);
    const step2 = step1.filter((f) => byName.get(f)!.keptTest);
    onProgress?.(`selection ${model}: ${step0.length} → ICC ${step1.length} → test ${step2.length}`);
    const sp = spearmanRedundancy(
      step2,
      step2.map((f) => (spec.spearman.order === 'column' ? 0 : (pOf(f) as number))),
      step2.map(trainValues),
      spec.spearman.threshold,
    );
    return { model, sequences, step0, step1, step2, sp };
  });

  // step 4: the forest rule over all models
  const k = spec.forest.top_k;
  const over = partial.filter((m) => k !== null && m.sp.kept.length > k).length;
  const rfTopK = k === null ? null : over > 0 && spec.forest.over_k === 'disable' ? null : k;
  const lambda = lambdaOf(spec);

  const result: ModelSelection[] = partial.map((m) => {
    const step3 = m.sp.kept;
    let step4 = step3;
    let applied = false;
    let topKInfo: string[] | null = null;
    if (k !== null && step3.length > k) {
      const x = trainingMatrix(cohort, step3, values);
      if (rfTopK !== null) {
        onProgress?.(`selection ${m.model}: random forest (${spec.forest.trees} trees) on ${step3.length} features`);
        step4 = topFeaturesByGini(step3, x, n, yTrain, { k, seed: spec.forest.seed, ntree: spec.forest.trees });
        applied = true;
      } else {
        const forest = trainForest(x, n, step3.length, yTrain, { seed: spec.forest.seed, ntree: spec.forest.trees, names: step3, permutationImportance: false });
        const top = new Set(rankByGini(forest).slice(0, k));
        topKInfo = step3.filter((_, j) => top.has(j));
      }
    }
    // step 5
    let lasso: LassoCv | null = null;
    let step5: string[];
    let rule: Step5Rule;
    let keptNone = false;
    if (step4.length >= 2) {
      onProgress?.(`selection ${m.model}: LASSO CV on ${step4.length} features`);
      const x = trainingMatrix(cohort, step4, values);
      lasso = cvLassoLogistic(x, n, step4.length, yTrain, {
        lambda: lambda ?? undefined,
        thresh: spec.lasso.thresh,
        maxit: 1e7,
        foldid: cohort.foldid,
        names: step4,
        rowLabels: cohort.train.map((i) => cohort.ids[i]),
      });
      const setAt = (idx: number) => {
        const nz = new Set(nonzeroAt(lasso!.fit, idx));
        return step4.filter((_, j) => nz.has(j));
      };
      const choice = lassoChoice(setAt(lasso.indexMin), setAt(lasso.index1se), spec.lasso.rule, step4, m.sp.visitOrder);
      step5 = choice.features;
      rule = choice.rule;
      keptNone = choice.keptNone;
    } else if (step4.length === 1) {
      step5 = [...step4];
      rule = 'single_feature_no_lasso';
    } else {
      step5 = [bestRanked(m.step1.length ? m.step1 : m.step0)];
      rule = 'best_ranked_feature_no_feature_reached_lasso';
    }
    return {
      model: m.model,
      sequences: m.sequences,
      step0: m.step0,
      step1: m.step1,
      step2: m.step2,
      step3,
      visitOrder: m.sp.visitOrder,
      dropped: m.sp.dropped,
      step4,
      forest: { nAfterSpearman: step3.length, noop: k === null || step3.length <= k, applied, topKForInformation: topKInfo },
      lasso,
      lassoFeatures: lasso ? step4 : [],
      step5,
      step5Rule: rule,
      lassoKeptNone: keptNone,
    };
  });
  return { features, byName, rfTopK, nModelsOverTopK: over, models: result, lambda };
}
