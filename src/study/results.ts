/**
 * Conversion of the study's internal values into results.json's shapes (results-schema.ts), and
 * the deterministic writing of JSON and CSV: keys in a fixed order, numbers as the shortest text
 * that reads back as the same double, NaN/±Infinity as null. Same inputs, same bytes.
 */
import type { FittedModel } from './models.js';
import type { FittedModelJson, Results } from './results-schema.js';
import type { ModelSelection, SelectionResult } from './selection.js';
import type { LrmStats } from '../stats/lrm-fit.js';

const nn = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

export function lrmJson(s: LrmStats | null) {
  if (!s) return null;
  return { obs: s.obs, model_lr: s.modelLR, df: s.df, p: s.p, c: s.C, dxy: s.Dxy, gamma: s.gamma, tau_a: s.tauA, r2: s.R2, brier: s.brier };
}

/** A fitted logistic model as results.json holds it. */
export function fittedModelJson(m: FittedModel): FittedModelJson {
  const s = m.summary;
  return {
    name: m.name,
    formula: m.formula,
    variables: m.variables,
    n: s.n,
    events: s.events,
    terms: s.coefficients.map((c, j) => ({
      term: c.term,
      coef: c.estimate,
      se: nn(c.se),
      z: nn(c.z),
      p: nn(c.p),
      or: nn(c.or),
      or_low: nn(c.orWaldLower),
      or_high: nn(c.orWaldUpper),
      or_profile_low: m.profile ? nn(Math.exp(m.profile.lower[j])) : null,
      or_profile_high: m.profile ? nn(Math.exp(m.profile.upper[j])) : null,
    })),
    wald: Object.fromEntries(Object.entries(m.wald).map(([k, w]) => [k, { chisq: w.chisq, df: w.df, p: w.p }])),
    deviance: s.deviance,
    null_deviance: s.nullDeviance,
    aic: s.aic,
    lr_chisq: s.lrChisq,
    lr_df: s.lrDf,
    lr_p: s.lrP,
    r2_cox_snell: s.r2CoxSnell,
    r2_nagelkerke: s.r2Nagelkerke,
    converged: s.converged,
    iterations: s.iterations,
    vif: m.vif ? Object.fromEntries(m.vif.map((r) => [r.term, r.gvif])) : null,
    lrm: lrmJson(m.lrm),
    epv: m.epv,
    warnings: m.warnings,
  };
}

function selectionModelJson(m: ModelSelection): Results['selection']['models'][number] {
  const l = m.lasso;
  const coefAt = (idx: number) => {
    const out: Record<string, number> = { '(Intercept)': l!.fit.a0[idx] };
    m.lassoFeatures.forEach((f, j) => (out[f] = l!.fit.beta[idx * l!.fit.p + j]));
    return out;
  };
  const nzAt = (idx: number) => m.lassoFeatures.filter((_, j) => l!.fit.beta[idx * l!.fit.p + j] !== 0);
  return {
    model: m.model,
    sequences: m.sequences,
    counts: {
      step0: m.step0.length,
      step1_icc: m.step1.length,
      step2_test: m.step2.length,
      step3_spearman: m.step3.length,
      step4_forest: m.step4.length,
      step5_lasso: m.step5.length,
    },
    step0: m.step0,
    step1_icc: m.step1,
    step2_test: m.step2,
    step3_spearman: m.step3,
    step3_visit_order: m.visitOrder,
    step3_dropped: m.dropped.map((d) => ({ feature: d.feature, because_of: d.droppedBecauseOf, rho: d.rho })),
    step4_forest: m.step4,
    forest: {
      n_after_spearman: m.forest.nAfterSpearman,
      noop: m.forest.noop,
      applied: m.forest.applied,
      top_k_for_information: m.forest.topKForInformation,
    },
    step5_lasso: m.step5,
    step5_rule: m.step5Rule,
    lasso_kept_none: m.lassoKeptNone,
    lasso: l
      ? {
          features: m.lassoFeatures,
          lambda_max: l.fit.lambdaMax,
          lambda: Array.from(l.lambda),
          cvm: Array.from(l.cvm),
          cvsd: Array.from(l.cvsd),
          nzero: Array.from(l.nzero),
          lambda_min: l.lambdaMin,
          lambda_1se: l.lambda1se,
          index_min: l.indexMin + 1,
          index_1se: l.index1se + 1,
          coef_min: coefAt(l.indexMin),
          coef_1se: coefAt(l.index1se),
          nonzero_min: nzAt(l.indexMin),
          nonzero_1se: nzAt(l.index1se),
        }
      : null,
  };
}

export function selectionJson(sel: SelectionResult, rules: unknown): Results['selection'] {
  return {
    rules: rules as Record<string, unknown>,
    rf_top_k: sel.rfTopK,
    n_models_over_top_k: sel.nModelsOverTopK,
    lambda: sel.lambda,
    models: sel.models.map(selectionModelJson),
  };
}

export function featuresJson(sel: SelectionResult, form: string): Results['features'] {
  return sel.features.map((f) => {
    const row = f.icc ? f.icc.byType[form as keyof typeof f.icc.byType] : null;
    return {
      name: f.name,
      sequence: f.sequence,
      column: f.column,
      icc: row ? nn(row.icc) : null,
      icc_low: row ? nn(row.lower) : null,
      icc_high: row ? nn(row.upper) : null,
      kept_icc: f.keptIcc,
      test: f.test.filterTest,
      p: nn(f.test.filterP),
      shapiro_p_event: f.test.shapiroEr ? nn(f.test.shapiroEr.p) : null,
      shapiro_p_non_event: f.test.shapiroNonEr ? nn(f.test.shapiroNonEr.p) : null,
      anova_p: f.test.anova ? nn(f.test.anova.p) : null,
      mann_whitney_p: f.test.mannWhitney ? nn(f.test.mannWhitney.pRDefault) : null,
      kept_test: f.keptTest,
    };
  });
}

/** JSON text with two-space indentation and a final newline (numbers: shortest round trip). */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/** A CSV field: quoted when it holds a separator, quote or line break. */
function field(v: string | number): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NA';
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV text with a header line; rows of strings and numbers. */
export function csvText(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [header.map(field).join(','), ...rows.map((r) => r.map(field).join(','))].join('\n') + '\n';
}
