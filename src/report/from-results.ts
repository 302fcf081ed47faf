/**
 * ReportData from the study's outputs: results.json (docs/results.schema.json) and model.json
 * (the frozen nomogram; the calculator computes with its numbers). Labels come from the study:
 * sequence labels, variable labels, the outcome's label.
 */
import type { Results } from '../study/results-schema.js';
import { parseParams, resolveSettings } from '../features/params.js';
import type { ChecklistFacts } from './checklist.js';
import type { MethodsInput } from './methods.js';
import type { ReportData } from './report-data.js';
import type {
  BaselineComparison, CalculatorModel, CalibrationPanel, DcaPanel, DelongRow, FunnelRow, IccSummaryRow,
  Metrics, NomogramInput, OddsRatioRow, PerformanceRow, RocPanel, Table1Input, Table2Input,
} from './types.js';

/** The part of model.json the report reads (src/study/model-file.ts has the whole file). */
export interface ModelJsonForReport {
  format: 'radnomo-model';
  outcome: { column: string; label: string };
  radiomics: { model: string; sequences: { name: string; label: string; extraction: { params_text: string; params_format: 'yaml' | 'json'; params_source: string } | null }[] };
  nomogram: {
    intercept: number;
    coefficients: Record<string, number>;
    sc: number;
    maxscale: number;
    scale_axes: { variable: string; coefficient: number; min_xbeta: number; values: number[] }[];
    threshold: number | '-Inf' | 'Inf';
  };
}

export interface ReportContext {
  /** radnomo's version and the Node.js version that render the report */
  software: { name: string; version: string; node: string };
  /** a banner for synthetic data (the demo) */
  notice?: string;
}

const SPLITS = [['train', 'Training cohort'], ['validation', 'Validation cohort']] as const;
const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const num = (v: number | null | undefined): number => (v === null || v === undefined ? NaN : v);

/** Model labels: a single-sequence model is named by its sequence, a combination by its name and sequences. */
export function modelLabels(results: Results): Record<string, string> {
  const seq = new Map(results.study.sequences.map((s) => [s.name, s.label]));
  const out: Record<string, string> = { clinical: 'Clinical', nomogram: 'Nomogram' };
  for (const m of results.study.models) {
    out[m.name] = m.sequences.length === 1 ? seq.get(m.sequences[0]) ?? m.name : `${m.name} (${m.sequences.map((s) => seq.get(s) ?? s).join(' + ')})`;
  }
  return out;
}

/** A model's short name: its sequence's label for a one-sequence model, else its own name. */
function shortLabel(results: Results, model: string): string {
  const m = results.study.models.find((x) => x.name === model);
  if (m && m.sequences.length === 1) return results.study.sequences.find((s) => s.name === m.sequences[0])?.label ?? model;
  return model;
}

function variableLabels(results: Results): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of results.baseline) for (const v of b.variables) out[v.variable] = capitalise(v.label);
  for (const a of results.nomogram.scale.axes) out[a.variable] = capitalise(a.label);
  return out;
}

function table1(results: Results, outcomeLabel: string): Table1Input | undefined {
  const pick = (name: string) => results.baseline.find((b) => b.name === name);
  const blocks = [pick('outcome_all'), pick('train_vs_validation')].filter((b): b is Results['baseline'][number] => !!b);
  if (!blocks.length) return undefined;
  const variables = new Map<string, string>();
  const comparisons: BaselineComparison[] = blocks.map((b) => {
    const rows: BaselineComparison['rows'] = {};
    for (const v of b.variables) {
      variables.set(v.variable, capitalise(v.label));
      if (v.kind === 'continuous') {
        const s = (g: number) => ({ n: v.summary[g].n, mean: v.summary[g].mean, sd: v.summary[g].sd, median: v.summary[g].median, q1: v.summary[g].q1, q3: v.summary[g].q3 });
        rows[v.variable] = { kind: 'continuous', summaries: [s(0), s(1)], test: v.test === 't_student' ? 't' : 'mann_whitney', p: v.p };
      } else {
        rows[v.variable] = {
          kind: 'categorical',
          levels: v.levels.map((l, i) => ({ level: l, counts: [v.counts[i][0], v.counts[i][1]], percent: [v.col_percent[i][0], v.col_percent[i][1]] })),
          test: 'chisq',
          p: v.p,
        };
      }
    }
    const labels: [string, string] = b.name === 'train_vs_validation' ? ['Training', 'Validation'] : [capitalise(outcomeLabel), `No ${outcomeLabel}`];
    return { groupLabels: labels, n: [b.n[0], b.n[1]], rows };
  });
  return { variables: [...variables].map(([name, label]) => ({ name, label })), comparisons };
}

function orRows(model: Results['models']['nomogram'], labels: Record<string, string>): OddsRatioRow[] {
  return model.terms
    .filter((t) => t.term !== '(Intercept)')
    .map((t) => {
      // factor columns are variable + level: label them "Variable: level"
      const v = model.variables.find((x) => t.term.startsWith(x)) ?? t.term;
      const label = v === t.term ? labels[v] ?? v : `${labels[v] ?? v}: ${t.term.slice(v.length)}`;
      const profile = t.or_profile_low !== null && t.or_profile_high !== null;
      return { term: t.term, label, or: num(t.or), lower: num(profile ? t.or_profile_low : t.or_low), upper: num(profile ? t.or_profile_high : t.or_high), p: num(t.p) };
    });
}

function table2(results: Results, labels: Record<string, string>): Table2Input | undefined {
  const c = results.clinical;
  if (!c.univariable.length) return undefined;
  const uni = c.univariable.flatMap((u) => orRows(u.model, labels));
  const multi = c.multivariable ? orRows(c.multivariable, labels) : [];
  const anyProfile = c.univariable.some((u) => u.model.terms.some((t) => t.or_profile_low !== null));
  const first = c.univariable[0].model;
  return { univariable: uni, multivariable: multi, ciKind: anyProfile ? 'profile likelihood' : 'Wald', n: first.n, events: first.events };
}

function iccRows(results: Results): IccSummaryRow[] {
  const rules = (results.study.settings as { selection?: { icc?: { form?: string; threshold?: number } } }).selection?.icc ?? {};
  const form = rules.form ?? 'ICC2';
  const threshold = rules.threshold ?? 0.75;
  return results.study.sequences
    .filter((s) => s.second_reader)
    .map((s) => {
      const f = results.features.filter((x) => x.sequence === s.name);
      const kept = f.filter((x) => x.kept_icc && x.icc !== null).map((x) => x.icc!);
      const readers = results.cohort.second_reader.find((r) => r.sequence === s.name)?.ids.length ?? 0;
      return { sequence: s.name, label: s.label, form, threshold, extracted: f.length, kept: f.filter((x) => x.kept_icc).length, min: kept.length ? Math.min(...kept) : null, max: kept.length ? Math.max(...kept) : null, readers };
    });
}

function funnel(results: Results, labels: Record<string, string>): FunnelRow[] {
  return results.selection.models.map((m) => ({
    model: m.model,
    label: labels[m.model] ?? m.model,
    steps: [
      ['Features', m.counts.step0], ['ICC', m.counts.step1_icc], ['Test', m.counts.step2_test], ['Spearman', m.counts.step3_spearman],
      ['Forest', m.counts.step4_forest], ['LASSO', m.counts.step5_lasso],
    ].map(([step, n]) => ({ step: step as string, n: n as number })),
  }));
}

function metrics(s: Results['performance'][number]['train']): Metrics {
  return { auc: num(s.auc), aucLower: num(s.auc_low), aucUpper: num(s.auc_high), accuracy: num(s.accuracy), sensitivity: num(s.sensitivity), specificity: num(s.specificity) };
}

function rocPanels(results: Results, models: string[], labels: Record<string, string>): RocPanel[] {
  return SPLITS.map(([split, title]) => ({
    title,
    series: models.flatMap((m) => {
      const p = results.performance.find((x) => x.model === m);
      if (!p) return [];
      const s = p[split];
      return [{ label: labels[m] ?? m, fpr: s.roc.specificity.map((v) => 1 - num(v)), tpr: s.roc.sensitivity.map(num), auc: num(s.auc), aucLower: num(s.auc_low), aucUpper: num(s.auc_high) }];
    }),
  }));
}

function calibrationPanels(results: Results): CalibrationPanel[] {
  return SPLITS.map(([split, title]) => {
    const c = results.calibration.find((x) => x.model === 'nomogram' && x.split === split);
    const perf = results.performance.find((x) => x.model === 'nomogram')?.[split];
    if (!c) throw new Error(`results.json: no calibration of the nomogram on the ${split} split`);
    const hl = c.hosmer_lemeshow ? { chisq: c.hosmer_lemeshow.chisq, df: c.hosmer_lemeshow.df, p: c.hosmer_lemeshow.p } : undefined;
    if (c.bootstrap) {
      return {
        title, predicted: c.bootstrap.predy, apparent: c.bootstrap.apparent.map(num), biasCorrected: c.bootstrap.corrected.map(num),
        bootstrapRepetitions: c.bootstrap.n_ok, meanAbsoluteError: c.bootstrap.mean_abs_error ?? undefined, hosmerLemeshow: hl, n: perf?.n,
      };
    }
    return { title, predicted: c.apparent?.predy ?? [], apparent: (c.apparent?.calibrated ?? []).map(num), hosmerLemeshow: hl, n: perf?.n };
  });
}

function dcaPanels(results: Results, labels: Record<string, string>): DcaPanel[] {
  const d = results.decision_curves;
  const order = ['nomogram', 'clinical', ...d.models.filter((m) => m !== 'nomogram' && m !== 'clinical')];
  return d.splits.map((s) => ({
    title: s.split === 'train' ? 'Training cohort' : 'Validation cohort',
    thresholds: d.thresholds,
    prevalence: s.prevalence,
    models: order.flatMap((m) => {
      const c = s.curves.find((x) => x.model === m);
      return c ? [{ label: labels[m] ?? m, netBenefit: c.nb }] : [];
    }),
    treatAll: s.treat_all,
  }));
}

function nomogramInput(results: Results, labels: Record<string, string>, outcomeLabel: string): NomogramInput {
  const s = results.nomogram.scale;
  return {
    title: 'Nomogram',
    maxscale: s.maxscale,
    axes: s.axes.map((a) => ({
      name: a.variable,
      label: a.variable === 'radscore' ? `Rad-score (${shortLabel(results, results.nomogram.radscore_model)})` : capitalise(a.label),
      values: a.values, points: a.points,
      // a two-level categorical predictor enters as its 0/1 indicator: its axis shows the level names
      discrete: !!a.level_labels, valueLabels: a.level_labels ?? undefined,
    })),
    totalPointsAxis: s.total_points_axis,
    lpAxis: s.lp_axis,
    riskAxis: s.risk_axis,
    riskLabel: `Risk of ${outcomeLabel}`,
  };
}

function calculatorModel(results: Results, model: ModelJsonForReport, nomogram: NomogramInput, outcomeLabel: string): CalculatorModel {
  const n = model.nomogram;
  const scaleAxes = results.nomogram.scale.axes;
  const predictors = n.scale_axes.map((a) => {
    const ax = scaleAxes.find((x) => x.variable === a.variable);
    if (!ax) throw new Error(`model.json and results.json disagree: nomogram variable '${a.variable}' is not in results.json's nomogram scale`);
    const integer = a.values.every(Number.isInteger);
    // rms uses a predictor's unique training values as its axis when it has at most 10 of them
    // (then the axis runs exactly from the training minimum to the maximum); otherwise pretty()
    // ticks, which for a continuous rad-score can also be integers (-12, -10, ... 6): those stay a
    // number input.
    const uniqueValuesAxis = integer && a.values.length <= 10
      && a.values[0] === ax.training_min && a.values[a.values.length - 1] === ax.training_max;
    const choices = ax.level_labels || uniqueValuesAxis ? a.values : undefined;
    const mid = (ax.training_min + ax.training_max) / 2;
    const value = choices ? choices[0] : Number(mid.toPrecision(3));
    return {
      name: a.variable,
      label: nomogram.axes.find((x) => x.name === a.variable)?.label ?? a.variable,
      coefficient: n.coefficients[a.variable] ?? a.coefficient,
      minXbeta: a.min_xbeta,
      min: ax.training_min,
      max: ax.training_max,
      step: uniqueValuesAxis ? 1 : 0.01,
      value,
      choices,
      choiceLabels: ax.level_labels ?? undefined,
    };
  });
  const cut = typeof n.threshold === 'number' ? n.threshold : null;
  return {
    outcomeLabel,
    intercept: n.intercept,
    predictors,
    sc: n.sc,
    maxscale: n.maxscale,
    totalMax: Math.max(...results.nomogram.scale.total_points_axis),
    bands: cut === null
      ? { cutoffs: [], labels: ['–'], note: 'No risk bands: the training Youden cut-off is infinite.' }
      : { cutoffs: [cut], labels: ['Low risk', 'High risk'], note: `High risk from p = ${cut.toFixed(3)}, the nomogram's Youden cut-off in the training cohort (applied unchanged to new patients).` },
  };
}

function extractionOf(model: ModelJsonForReport, results: Results): MethodsInput['extraction'] {
  const seq = model.radiomics.sequences.find((s) => s.extraction);
  if (!seq?.extraction) return undefined;
  const params = parseParams(seq.extraction.params_text, seq.extraction.params_source, seq.extraction.params_format);
  const st = resolveSettings(params.settings);
  const counts = [...new Set(results.study.sequences.map((s) => s.n_features))];
  return {
    preset: seq.extraction.params_source,
    featuresPerSequence: counts.length === 1 ? counts[0] : null,
    resampledSpacing: st.resampledPixelSpacing ?? undefined,
    normalize: st.normalize,
    largestSlice: st.largestSlice,
    binWidth: st.binWidth,
    imageTypes: params.imageTypes.map((t) => t.name),
  };
}

/** Builds the report's data from results.json and model.json. */
export function reportDataFromResults(results: Results, model: ModelJsonForReport, ctx: ReportContext): ReportData {
  const outcomeLabel = results.study.outcome.label;
  const labels = modelLabels(results);
  const vlabels = variableLabels(results);
  const best = results.best_model.model;
  const radModel = results.nomogram.radscore_model;
  const c = results.cohort;
  const settings = results.study.settings as {
    selection?: { test?: { rule?: string; alpha?: number }; spearman?: { threshold?: number }; forest?: { top_k?: number | null }; lasso?: { folds?: { k?: number }; rule?: string } };
    evaluation?: { calibration?: { bootstrap?: number; hl_groups?: number; seed?: number } };
    nomogram?: { clinical?: { rule?: string; multivariable_alpha?: number } };
  };
  const sel = settings.selection ?? {};
  const cal = settings.evaluation?.calibration ?? {};
  const nomogram = nomogramInput(results, labels, outcomeLabel);
  const rad = results.radiomics_models.find((m) => m.model === radModel);
  const iccs = iccRows(results);
  const icc = iccs[0];
  const totalFeatures = results.features.length;
  const seqLabels = results.study.sequences.map((s) => s.label);
  const curveModels = ['nomogram', 'clinical', radModel];
  const methods: MethodsInput = {
    software: ctx.software,
    patients: {
      n: c.n, events: c.events, outcomeLabel, train: c.splits.train.n, trainEvents: c.splits.train.events,
      validation: c.splits.validation.n, validationEvents: c.splits.validation.events, splitRule: `(${c.split_rule})`,
    },
    sequences: seqLabels,
    extraction: extractionOf(model, results),
    icc: icc ? { form: icc.form, threshold: icc.threshold, readers: icc.readers } : undefined,
    selection: {
      test: sel.test?.rule === 'normality_gated' || !sel.test?.rule ? 'ANOVA or the Mann-Whitney U test (by Shapiro-Wilk normality)' : sel.test.rule.replace(/_/g, ' '),
      alpha: sel.test?.alpha ?? 0.05,
      spearman: sel.spearman?.threshold ?? 0.9,
      forestTopK: results.selection.rf_top_k,
      lassoFolds: sel.lasso?.folds?.k ?? 10,
      lassoRule: sel.lasso?.rule ?? 'lambda.min',
    },
    models: results.study.models.map((m) => ({ label: labels[m.name], sequences: m.sequences.map((s) => results.study.sequences.find((x) => x.name === s)?.label ?? s) })),
    bestModel: labels[best] ?? best,
    clinical: { rule: settings.nomogram?.clinical?.rule ?? 'multivariable', alpha: results.clinical.multivariable_alpha, selected: results.clinical.selected.map((v) => vlabels[v] ?? v) },
    nomogramPredictors: results.nomogram.variables.map((v) => (v === 'radscore' ? `the ${labels[radModel] ?? radModel} rad-score` : vlabels[v] ?? v)),
    statistics: { calibrationBootstrap: cal.bootstrap ?? 0, hlGroups: cal.hl_groups ?? 10, dcaRange: [results.decision_curves.thresholds[0], results.decision_curves.thresholds[results.decision_curves.thresholds.length - 1]], seed: results.provenance.seeds.split ?? undefined },
  };
  const table3: PerformanceRow[] = results.performance.map((p) => ({
    model: p.model, label: labels[p.model] ?? p.model, nFeatures: p.n_features, train: metrics(p.train), validation: metrics(p.validation), best: p.model === best,
  }));
  const delong: DelongRow[] = results.delong_tests.map((d) => ({
    set: d.split === 'train' ? 'Training' : 'Validation', first: labels[d.model1] ?? d.model1, second: labels[d.model2] ?? d.model2, auc1: d.auc1, auc2: d.auc2, z: num(d.z), p: num(d.p),
  }));
  const checklist: ChecklistFacts = {
    secondReader: icc ? { patients: icc.readers, form: icc.form, threshold: icc.threshold } : null,
    featureReduction: true,
    clinicalInModel: results.clinical.selected.length > 0,
    cutoff: true,
    discriminationCi: true,
    resampling: [`${sel.lasso?.folds?.k ?? 10}-fold cross-validation (LASSO)`, ...(cal.bootstrap ? [`${cal.bootstrap} bootstrap resamples (calibration)`] : [])],
    calibration: { hosmerLemeshow: true, bootstrap: cal.bootstrap ?? 0 },
    validation: 'split',
    decisionCurve: true,
    n: c.n,
    events: c.events,
    predictors: results.nomogram.variables.length,
    candidateFeatures: totalFeatures,
    missingData: c.excluded.length ? `${c.excluded.length} patient(s) excluded: ${[...new Set(c.excluded.map((e) => e.reason))].join('; ')}.` : 'No patient was excluded for missing data.',
    software: `${ctx.software.name} ${ctx.software.version}`,
    seed: results.provenance.seeds.split ?? undefined,
  };
  return {
    title: results.study.name ?? `Radiomics nomogram for ${outcomeLabel}`,
    subtitle: `${c.n} patients (${c.events} with ${outcomeLabel}); ${seqLabels.join(', ')}; nomogram on the ${labels[radModel] ?? radModel} rad-score${results.clinical.selected.length ? ` and ${results.clinical.selected.map((v) => vlabels[v] ?? v).join(', ')}` : ''}. ${ctx.software.name} ${ctx.software.version}.`,
    notice: ctx.notice,
    methods,
    table1: table1(results, outcomeLabel),
    table2: table2(results, vlabels),
    icc: iccs,
    funnel: funnel(results, labels),
    table3,
    delong,
    coefficients: rad ? { title: `Radiomics model ${labels[radModel] ?? radModel}`, features: rad.radscore.coefficients.map((x) => ({ name: x.feature, coefficient: x.coef })) } : undefined,
    nomogram,
    roc: rocPanels(results, curveModels.filter((m, i) => curveModels.indexOf(m) === i), labels),
    calibration: calibrationPanels(results),
    dca: dcaPanels(results, labels),
    calculator: calculatorModel(results, model, nomogram, outcomeLabel),
    checklist,
  };
}
