/**
 * Evaluation of every model's predictions, training models applied frozen to the validation set
 * (reference/stats README, pinned rules 7, 9, 12):
 * - ROC with pROC's conventions on the probability scale, AUC with DeLong's variance and CI,
 *   the exact-integer Youden cut-off of the training set (ties → smallest threshold), applied
 *   unchanged in validation, and each split's own Youden cut-off;
 * - paired DeLong tests;
 * - Hosmer-Lemeshow for every model and split; apparent lowess calibration, rms val.prob and the
 *   bootstrap-corrected calibration (training) for the models the study file lists;
 * - decision curves (net benefit, p > pt) of the listed models.
 */
import { rocCurve, youden, metricsAt, type ThresholdMetrics } from '../stats/roc.js';
import { delongAuc, delongTest } from '../stats/delong.js';
import { hosmerLemeshow } from '../stats/hosmer-lemeshow.js';
import { apparentCalibrationCurve, brier } from '../stats/calibration-curve.js';
import { valProb } from '../stats/val-prob.js';
import { calibrateBootstrap } from '../stats/calibrate.js';
import { decisionCurve } from '../stats/dca.js';
import type { Cohort } from './cohort.js';
import type { CalibrationJson, PerformanceJson, SplitPerformanceJson } from './results-schema.js';

export type Split = 'train' | 'validation';

export interface Prediction {
  model: string;
  kind: 'radiomics' | 'clinical' | 'nomogram';
  /** probability of every cohort patient */
  p: Float64Array;
  nFeatures: number | null;
  /** for the bootstrap calibration: the model's training design without intercept (column-major) and linear predictor */
  refit?: { x: Float64Array; k: number; lp: Float64Array };
}

type Threshold = number | '-Inf' | 'Inf';

export function thresholdJson(t: number): Threshold {
  return t === Infinity ? 'Inf' : t === -Infinity ? '-Inf' : t;
}

const nullIfNaN = (v: number): number | null => (Number.isFinite(v) ? v : null);

function confusionJson(m: ThresholdMetrics) {
  return {
    threshold: thresholdJson(m.threshold),
    tp: m.tp,
    fp: m.fp,
    tn: m.tn,
    fn: m.fn,
    sensitivity: m.sensitivity,
    specificity: m.specificity,
    accuracy: m.accuracy,
    ppv: nullIfNaN(m.ppv),
    npv: nullIfNaN(m.npv),
    youden_j: m.youdenJ,
  };
}

export function rowsOf(cohort: Cohort, split: Split): number[] {
  return split === 'train' ? cohort.train : cohort.validation;
}

function take(v: ArrayLike<number>, rows: readonly number[]): Float64Array {
  return Float64Array.from(rows, (k) => v[k]);
}

/** ROC analysis of one prediction on one split; `cutoff` = the training Youden threshold (validation). */
function splitPerformance(y: Float64Array, p: Float64Array, labels: string[], name: string, cutoff?: number): SplitPerformanceJson & { cutoffValue: number } {
  const input = { y, score: p, labels, name };
  const curve = rocCurve(input);
  const d = delongAuc(input);
  const own = youden(curve);
  const at = cutoff === undefined ? own.best : metricsAt(input, cutoff);
  const t = at.threshold;
  let events = 0;
  for (let i = 0; i < y.length; i++) events += y[i];
  return {
    n: y.length,
    events,
    auc: curve.auc,
    auc_low: nullIfNaN(d.lower),
    auc_high: nullIfNaN(d.upper),
    auc_var: nullIfNaN(d.variance),
    auc_pairs2: curve.pairs2,
    threshold: thresholdJson(t),
    threshold_linear: Number.isFinite(t) ? Math.log(t / (1 - t)) : null,
    sensitivity: at.sensitivity,
    specificity: at.specificity,
    accuracy: at.accuracy,
    at_threshold: confusionJson(at),
    own_youden: confusionJson(own.best),
    own_youden_ties: own.exactTies.length,
    roc: {
      threshold: Array.from(curve.thresholds, thresholdJson),
      sensitivity: Array.from(curve.sensitivity),
      specificity: Array.from(curve.specificity),
    },
    cutoffValue: t,
  };
}

/** Training and validation ROC analysis of every prediction (Table 3 rows). */
export function evaluatePerformance(cohort: Cohort, preds: readonly Prediction[]): PerformanceJson[] {
  return preds.map((pr) => {
    const tr = cohort.train;
    const va = cohort.validation;
    const name = `p_${pr.model}`;
    const { cutoffValue, ...train } = splitPerformance(take(cohort.y, tr), take(pr.p, tr), tr.map((k) => cohort.ids[k]), name);
    const { cutoffValue: _unused, ...validation } = splitPerformance(take(cohort.y, va), take(pr.p, va), va.map((k) => cohort.ids[k]), name, cutoffValue);
    return { model: pr.model, kind: pr.kind, prediction: name, n_features: pr.nFeatures, train, validation };
  });
}

/**
 * Paired DeLong tests per split: the reference model against each other radiomics model, then
 * nomogram vs clinical, nomogram vs best, best vs clinical (a pair already listed is skipped).
 */
export function delongComparisons(cohort: Cohort, preds: readonly Prediction[], reference: string | null, best: string) {
  const byModel = new Map(preds.map((p) => [p.model, p]));
  const pairs: [string, string][] = [];
  if (reference) for (const p of preds) if (p.kind === 'radiomics' && p.model !== reference) pairs.push([reference, p.model]);
  if (byModel.has('clinical')) pairs.push(['nomogram', 'clinical']);
  pairs.push(['nomogram', best]);
  if (byModel.has('clinical')) pairs.push([best, 'clinical']);
  const seen = new Set<string>();
  const unique = pairs.filter(([a, b]) => {
    const key = `${a} vs ${b}`;
    if (seen.has(key) || a === b) return false;
    seen.add(key);
    return true;
  });
  const out = [];
  for (const split of ['train', 'validation'] as const) {
    const rows = rowsOf(cohort, split);
    const y = take(cohort.y, rows);
    for (const [a, b] of unique) {
      const t = delongTest(y, take(byModel.get(a)!.p, rows), take(byModel.get(b)!.p, rows), rows.map((k) => cohort.ids[k]));
      out.push({ split, model1: a, model2: b, auc1: t.auc1, auc2: t.auc2, z: t.z, p: t.p });
    }
  }
  return out;
}

export interface CalibrationOptions {
  /** models with curves, val.prob and bootstrap */
  detail: Set<string>;
  bootstrap: number;
  seed: number;
  groups: number;
}

/** Calibration of every model on both splits (see the file comment). */
export function calibrationEntries(cohort: Cohort, preds: readonly Prediction[], opts: CalibrationOptions, warnings: string[]): CalibrationJson[] {
  const out: CalibrationJson[] = [];
  for (const pr of preds) {
    for (const split of ['train', 'validation'] as const) {
      const rows = rowsOf(cohort, split);
      const y = take(cohort.y, rows);
      const p = take(pr.p, rows);
      const what = `calibration of '${pr.model}' (${split})`;
      let hl: CalibrationJson['hosmer_lemeshow'] = null;
      try {
        const h = hosmerLemeshow(y, p, opts.groups);
        hl = {
          chisq: h.chisq,
          df: h.df,
          p: h.p,
          g: h.g,
          groups_nonempty: h.nGroupsNonempty,
          chisq_empty_groups_dropped: nullIfNaN(h.chisqEmptyGroupsDropped),
          p_empty_groups_dropped: nullIfNaN(h.pEmptyGroupsDropped),
          groups: h.groups.map((g) => ({ group: g.group, n: g.n, observed_1: g.observed1, expected_1: g.expected1, observed_0: g.observed0, expected_0: g.expected0 })),
        };
      } catch (e) {
        warnings.push(`${what}: Hosmer-Lemeshow not computed: ${(e as Error).message}`);
      }
      let apparent: CalibrationJson['apparent'] = null;
      let vp: CalibrationJson['val_prob'] = null;
      let boot: CalibrationJson['bootstrap'] = null;
      if (opts.detail.has(pr.model)) {
        if (rows.length >= 10) {
          const a = apparentCalibrationCurve(p, y);
          apparent = { predy: Array.from(a.predy), calibrated: Array.from(a.calibrated, nullIfNaN) };
        } else warnings.push(`${what}: ${rows.length} patients; the calibration curve needs at least 10`);
        const v = valProb(p, y, rows.map((k) => cohort.ids[k]));
        vp = {
          dxy: v.Dxy, c: v.C, r2: v.R2, d: v.D, d_chisq: v.DChisq, u: v.U, u_chisq: v.UChisq, u_p: v.Up, q: v.Q,
          brier: v.Brier, intercept: v.Intercept, slope: v.Slope, emax: v.Emax, e90: v.E90, eavg: v.Eavg, s_z: v.Sz, s_p: v.Sp,
        };
        if (split === 'train' && opts.bootstrap > 0 && pr.refit) {
          if (rows.length >= 11) {
            const c = calibrateBootstrap(pr.refit.x, pr.refit.k, y, pr.refit.lp, { B: opts.bootstrap, seed: opts.seed });
            boot = {
              b: opts.bootstrap,
              seed: opts.seed,
              n_ok: c.nBootOk,
              predy: Array.from(c.predy),
              apparent: Array.from(c.calibratedOrig, nullIfNaN),
              corrected: Array.from(c.calibratedCorrected, nullIfNaN),
              optimism: Array.from(c.optimism, nullIfNaN),
              mean_abs_error: nullIfNaN(c.meanAbsError),
              mean_sq_error: nullIfNaN(c.meanSqError),
              q90_abs_error: nullIfNaN(c.q90AbsError),
            };
          } else warnings.push(`${what}: ${rows.length} training patients; the bootstrap calibration needs at least 11`);
        }
      }
      out.push({ model: pr.model, split, brier: brier(p, y), hosmer_lemeshow: hl, apparent, val_prob: vp, bootstrap: boot });
    }
  }
  return out;
}

/** Thresholds from, from + by, ..., to (rounded to 10 decimals, as R's round(seq(...), k) would give them). */
export function thresholdGrid(from: number, to: number, by: number): number[] {
  const n = Math.floor((to - from) / by + 1e-10);
  return Array.from({ length: n + 1 }, (_, k) => Number((from + k * by).toFixed(10)));
}

/** Decision curves of the given models on both splits. */
export function decisionCurves(cohort: Cohort, preds: readonly Prediction[], models: readonly string[], thresholds: number[]) {
  const byModel = new Map(preds.map((p) => [p.model, p]));
  const splits = (['train', 'validation'] as const).map((split) => {
    const rows = rowsOf(cohort, split);
    const y = take(cohort.y, rows);
    let treatAll: number[] = [];
    const curves = models.map((m) => {
      const rowsDca = decisionCurve(y, take(byModel.get(m)!.p, rows), thresholds);
      treatAll = rowsDca.map((r) => r.nbTreatAll);
      return {
        model: m,
        tp: rowsDca.map((r) => r.tp),
        fp: rowsDca.map((r) => r.fp),
        nb: rowsDca.map((r) => r.nb),
        snb: rowsDca.map((r) => r.snb),
        nb_ge: rowsDca.map((r) => r.nbGe),
        interventions_avoided: rowsDca.map((r) => r.interventionsAvoidedPer100),
      };
    });
    const events = y.reduce((a, b) => a + b, 0);
    return { split, n: y.length, prevalence: events / y.length, treat_all: treatAll, curves };
  });
  return { thresholds, models: [...models], rule: 'p > pt' as const, splits };
}
