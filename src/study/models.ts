/**
 * The study's logistic models, all fitted on the training set (R's glm, ε = 1e-14):
 * - clinical screening: a univariable fit per candidate variable with its overall Wald test
 *   (all columns of a factor together), the multivariable fit on the variables with univariable
 *   p < α₁, and the nomogram's clinical variables: those with multivariable overall Wald p < α₂
 *   (reference/stats README, pinned rule 10), or the study file's explicit list;
 * - each radiomics model: the unpenalised logistic regression on its step-5 features; its linear
 *   predictor is the rad-score (rule 6), p = plogis(rad-score);
 * - the clinical model (outcome ~ clinical variables) and the nomogram model (outcome ~ rad-score
 *   of the chosen radiomics model + clinical variables).
 * Every fit reports its coefficients with Wald (and, if asked, profile-likelihood) odds-ratio
 * limits, VIF, rms lrm statistics and the events per variable, with a warning under `epv_min`.
 */
import { buildDesign, linearPredictor, type Design, type Term } from '../stats/design.js';
import { binomialDeviance, fitLogistic, summarizeLogistic, SeparationError, type LogisticFit, type LogisticSummary } from '../stats/logistic.js';
import { fitFirth } from '../stats/firth.js';
import { spdInverse } from '../stats/linalg.js';
import { pnorm } from '../stats/distributions.js';
import { profileConfint, type ProfileInterval } from '../stats/profile-ci.js';
import { vif, type VifRow } from '../stats/vif.js';
import { lrmFit, type LrmStats } from '../stats/lrm-fit.js';
import { termWaldTests, type WaldTest } from '../stats/wald.js';
import { pchisq } from '../stats/distributions.js';
import { trainingLevels, type Cohort } from './cohort.js';
import { someOf } from './text-list.js';

export interface FittedModel {
  name: string;
  formula: string;
  variables: string[];
  fit: LogisticFit;
  summary: LogisticSummary;
  profile: ProfileInterval | null;
  vif: VifRow[] | null;
  lrm: LrmStats | null;
  /** overall Wald test per variable */
  wald: Record<string, WaldTest>;
  /** min(events, non-events) / number of non-intercept coefficients */
  epv: number;
  warnings: string[];
}

export interface FitOptions {
  profile: boolean;
  epvMin: number;
  outcome: string;
  rowLabels?: readonly string[];
  /** throw on separation (radiomics models) or report it and go on (screening) */
  onSeparation?: 'throw' | 'report';
  /** what a separated model becomes when onSeparation is 'throw': an error (R's glm has no estimate) or Firth's fit */
  separation?: 'error' | 'firth';
  /** what the model's predictors were chosen from, for the events-per-variable warning: coefficients, and how to name them */
  candidates?: Candidates;
}

/** The candidates of a model's predictors: their number of coefficients, and a phrase naming them. */
export interface Candidates {
  count: number;
  text: string;
}

/**
 * Firth's penalised fit (Firth 1993; stats/firth.ts) in the shape of a glm fit, for a model whose
 * maximum-likelihood estimate does not exist: covariance (XᵀWX)⁻¹ at the estimate, Wald z and p,
 * deviance −2·log L (unpenalised) at the estimate.
 */
function firthAsLogisticFit(design: Design, y: Float64Array, name: string, withProfile: boolean): { fit: LogisticFit; profile: ProfileInterval | null } {
  let f: ReturnType<typeof fitFirth>;
  try {
    f = fitFirth(design, y, { profile: withProfile ? 'all' : false });
  } catch (e) {
    throw new Error(`model '${name}': the outcome is separated and Firth's penalised fit failed too (${(e as Error).message}); keep fewer features or variables`);
  }
  const { n, p, x } = design;
  const eta = linearPredictor(design, f.coefficients);
  const mu = eta.map((e) => 1 / (1 + Math.exp(-e)));
  const info = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += x[a * n + i] * x[b * n + i] * mu[i] * (1 - mu[i]);
      info[a * p + b] = sum;
      info[b * p + a] = sum;
    }
  }
  const covariance = spdInverse(info, p) ?? new Float64Array(p * p).fill(NaN);
  const z = f.coefficients.map((b, j) => b / f.se[j]);
  const deviance = binomialDeviance(y, mu);
  const ybar = y.reduce((s, v) => s + v, 0) / n;
  const ll = -deviance / 2;
  return {
    fit: {
      design,
      y,
      coefficients: f.coefficients,
      covariance,
      se: f.se,
      z,
      p: z.map((v) => 2 * pnorm(-Math.abs(v))),
      linearPredictor: eta,
      fitted: mu,
      deviance,
      nullDeviance: binomialDeviance(y, new Float64Array(n).fill(ybar)),
      aic: deviance + 2 * p,
      logLik: ll,
      iterations: f.iterations,
      converged: f.converged,
      fittedZeroOrOne: false,
      warnings: [`the outcome is separated: Firth's penalised likelihood estimates${withProfile ? ' (profile penalised-likelihood limits)' : ''} instead of glm's`],
    },
    profile: withProfile ? { lower: f.lower, upper: f.upper, warnings: [] } : null,
  };
}

/** A variable's term over the given rows (cohort row indices); a factor's levels are those of the training set. */
export function variableTerm(cohort: Cohort, name: string, rows: readonly number[]): Term {
  const v = cohort.variables.get(name);
  if (!v) throw new Error(`unknown clinical variable '${name}'`);
  if (v.type === 'categorical') return { name, values: rows.map((k) => v.text![k]), levels: trainingLevels(cohort, v) };
  return { name, values: Float64Array.from(rows, (k) => v.numeric![k]) };
}

/**
 * Why a clinical variable cannot be a predictor of a model that scores every patient (the
 * clinical model, the nomogram), or null: a single level in the training set (constant there),
 * or patients (of the validation set) with a level that no training patient has, whom the model
 * could not score.
 */
export function unusablePredictor(cohort: Cohort, name: string): string | null {
  const v = cohort.variables.get(name)!;
  if (v.type !== 'categorical') return null;
  const kept = trainingLevels(cohort, v);
  if (kept.length < 2) return `every training patient has the level '${kept[0]}' (the variable is constant there)`;
  const carriers = cohort.ids.filter((_, k) => !kept.includes(v.text![k]));
  if (!carriers.length) return null;
  const levels = [...new Set(cohort.ids.map((_, k) => v.text![k]).filter((l) => !kept.includes(l)))];
  return (
    `validation patient(s) ${someOf(carriers, 10)} have the level(s) ` +
    `${levels.map((l) => `'${l}'`).join(', ')}, which no training patient has, so a model with it could not score them`
  );
}

/** Fits outcome ~ terms on the training rows and gathers everything the results report. */
export function fitModel(name: string, terms: Term[], y: Float64Array, opts: FitOptions): FittedModel {
  const design = buildDesign(terms, { rowLabels: opts.rowLabels, n: y.length });
  let fit: LogisticFit;
  let profile: ProfileInterval | null = null;
  try {
    fit = fitLogistic(design, y, { epsilon: 1e-14, maxit: 100, onSeparation: opts.onSeparation ?? 'throw' });
  } catch (e) {
    if (!(e instanceof SeparationError)) throw new Error(`model '${name}' (${opts.outcome} ~ ${terms.map((t) => t.name).join(' + ')}): ${(e as Error).message}`);
    if (opts.separation !== 'firth') {
      throw new Error(
        `model '${name}': the training outcome is ${e.separation.kind === 'complete' ? 'completely' : 'quasi-completely'} separated by ` +
          `${someOf(e.separation.infiniteColumns.map((c) => `'${c}'`), 6)} ` +
          `(${e.separation.separatedRows.length} of ${design.n} rows predicted perfectly): its maximum-likelihood estimates are infinite. ` +
          'Set `evaluation: separation: firth` (Firth\'s penalised fit), or keep fewer features (selection.lasso.rule: lambda.1se).',
      );
    }
    ({ fit, profile } = firthAsLogisticFit(design, Float64Array.from(y), name, opts.profile));
  }
  const summary = summarizeLogistic(fit);
  const warnings = [...fit.warnings];
  if (opts.profile && !profile) {
    try {
      profile = profileConfint(fit);
      if (profile.warnings.length) warnings.push(...new Set(profile.warnings.map((w) => `profile CI: ${w}`)));
    } catch (e) {
      warnings.push(`profile CI not available: ${(e as Error).message}`);
    }
  }
  let vifRows: VifRow[] | null = null;
  if (terms.length >= 2) {
    try {
      vifRows = vif(fit);
    } catch (e) {
      warnings.push(`VIF not available: ${(e as Error).message}`);
    }
  }
  let lrm: LrmStats | null = null;
  const d = fit.design;
  const l = lrmFit(Float64Array.from(d.x.subarray(d.n, d.n * d.p)), d.p - 1, fit.y, { eps: 1e-12, maxit: 50 });
  if (!l.fail) lrm = l.stats;
  const events = summary.events;
  const k = d.p - 1;
  const epv = Math.min(events, y.length - events) / Math.max(k, 1);
  if (epv < opts.epvMin) {
    const fewer = Math.min(events, y.length - events);
    const c = opts.candidates;
    warnings.push(
      `${k} coefficient(s) on ${fewer} ${events <= y.length - events ? 'events' : 'non-events'} of the training set: ` +
        `${epv.toFixed(1)} events per variable (< ${opts.epvMin})` +
        (c ? `, chosen from ${c.text}: ${(fewer / Math.max(c.count, 1)).toFixed(2)} events per candidate coefficient` : '') +
        '; the model is likely overfitted and its training performance optimistic',
    );
  }
  return {
    name,
    formula: `${opts.outcome} ~ ${terms.map((t) => t.name).join(' + ')}`,
    variables: terms.map((t) => t.name),
    fit,
    summary,
    profile,
    vif: vifRows,
    lrm,
    wald: termWaldTests(fit),
    epv,
    warnings,
  };
}

export interface UnivariableResult {
  variable: string;
  model: FittedModel;
  wald: WaldTest;
  lrtP: number;
}

export interface ClinicalSelection {
  candidates: string[];
  univariable: UnivariableResult[];
  selectedUnivariable: string[];
  multivariable: FittedModel | null;
  rule: 'multivariable' | 'list';
  /** the nomogram's (and the clinical model's) clinical variables */
  selected: string[];
  /** what `selected` was chosen from: the screened candidates, or the study file's list */
  selectedFrom: Candidates;
  warnings: string[];
}

/** Univariable screening, the multivariable model, and the nomogram's clinical variables. */
export function selectClinical(
  cohort: Cohort,
  spec: { rule: 'multivariable' | 'list'; candidates?: string[]; univariable_alpha: number; multivariable_alpha: number; variables?: string[] },
  opts: FitOptions,
): ClinicalSelection {
  const rows = cohort.train;
  const y = Float64Array.from(rows, (k) => cohort.y[k]);
  const labels = rows.map((k) => cohort.ids[k]);
  const candidates = spec.candidates ?? [...cohort.variables.keys()];
  const warnings: string[] = [];
  const univariable: UnivariableResult[] = [];
  const screen: FitOptions = { ...opts, onSeparation: 'report', epvMin: 0, rowLabels: labels };
  for (const v of candidates) {
    const cv = cohort.variables.get(v)!;
    const levels = cv.type === 'categorical' ? trainingLevels(cohort, cv) : null;
    if (levels && levels.length < 2) {
      warnings.push(`clinical variable '${v}' is not screened: every training patient has the level '${levels[0]}' (the variable is constant there)`);
      continue;
    }
    const m = fitModel(v, [variableTerm(cohort, v, rows)], y, screen);
    const wald = m.wald[v];
    univariable.push({ variable: v, model: m, wald, lrtP: pchisq(m.fit.nullDeviance - m.fit.deviance, wald.df, false) });
  }
  // candidates counted in coefficients (a factor has one per non-reference level), as events per variable counts them
  const coefficients = (vs: readonly string[]) =>
    vs.reduce((n, v) => {
      const cv = cohort.variables.get(v)!;
      return n + (cv.type === 'categorical' ? trainingLevels(cohort, cv).length - 1 : 1);
    }, 0);
  const screened = univariable.map((u) => u.variable);
  const nScreened = coefficients(screened);
  const screenedFrom: Candidates = {
    count: nScreened,
    text: `${screened.length} screened clinical variable(s)${nScreened !== screened.length ? ` (${nScreened} coefficients)` : ''}`,
  };
  const selectedUnivariable = univariable.filter((u) => u.wald.p < spec.univariable_alpha).map((u) => u.variable);
  let multivariable: FittedModel | null = null;
  if (selectedUnivariable.length) {
    multivariable = fitModel('multivariable', selectedUnivariable.map((v) => variableTerm(cohort, v, rows)), y, { ...screen, epvMin: opts.epvMin, candidates: screenedFrom });
    for (const w of multivariable.warnings) warnings.push(`multivariable clinical model: ${w}`);
  }
  const chosen =
    spec.rule === 'list' ? [...spec.variables!] : multivariable ? selectedUnivariable.filter((v) => multivariable!.wald[v].p < spec.multivariable_alpha) : [];
  if (spec.rule === 'multivariable' && !chosen.length) {
    warnings.push(
      `no clinical variable passed univariable p < ${spec.univariable_alpha} and multivariable p < ${spec.multivariable_alpha}; ` +
        'the study has no clinical model and the nomogram holds the rad-score only',
    );
  }
  const selected = chosen.filter((v) => {
    const why = unusablePredictor(cohort, v);
    if (why) warnings.push(`clinical variable '${v}' is left out of the clinical model and the nomogram: ${why}`);
    return !why;
  });
  const selectedFrom: Candidates =
    spec.rule === 'list' ? { count: coefficients(spec.variables!), text: `the ${spec.variables!.length} variable(s) listed in the study file` } : screenedFrom;
  return { candidates, univariable, selectedUnivariable, multivariable, rule: spec.rule, selected, selectedFrom, warnings };
}

export interface RadiomicsModel {
  model: string;
  sequences: string[];
  features: string[];
  fitted: FittedModel;
  /** intercept and coefficients of the rad-score (the glm's) */
  intercept: number;
  coefficients: number[];
  /** rad-score of every cohort patient */
  radscore: Float64Array;
  /** training range per feature [min, max] */
  trainingRange: [number, number][];
}

/**
 * The unpenalised logistic regression on a model's step-5 features and its rad-score
 * (intercept + Σ coef·feature, summed as R's X %*% b + intercept).
 */
export function fitRadiomicsModel(
  cohort: Cohort,
  model: string,
  sequences: string[],
  features: string[],
  values: Map<string, Float64Array>,
  opts: FitOptions,
): RadiomicsModel {
  const rows = cohort.train;
  const y = Float64Array.from(rows, (k) => cohort.y[k]);
  const terms: Term[] = features.map((f) => ({ name: f, values: Float64Array.from(rows, (k) => values.get(f)![k]) }));
  const fitted = fitModel(model, terms, y, { ...opts, rowLabels: rows.map((k) => cohort.ids[k]), onSeparation: 'throw' });
  if (!fitted.fit.converged) {
    throw new Error(`radiomics model '${model}': the logistic regression on ${features.join(', ')} did not converge; the rad-score is not defined`);
  }
  const b = fitted.fit.coefficients;
  const radscore = new Float64Array(cohort.ids.length);
  features.forEach((f, j) => {
    const v = values.get(f)!;
    for (let i = 0; i < radscore.length; i++) radscore[i] += v[i] * b[j + 1];
  });
  for (let i = 0; i < radscore.length; i++) radscore[i] += b[0];
  const trainingRange = features.map((f) => {
    const v = values.get(f)!;
    let lo = Infinity;
    let hi = -Infinity;
    for (const k of rows) {
      lo = Math.min(lo, v[k]);
      hi = Math.max(hi, v[k]);
    }
    return [lo, hi] as [number, number];
  });
  return { model, sequences, features, fitted, intercept: b[0], coefficients: Array.from(b.subarray(1)), radscore, trainingRange };
}
