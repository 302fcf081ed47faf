/**
 * A whole ReportData from R's reference outputs: the multi-sequence study (multiseq_A) for the
 * models, figures and nomogram, cohort_A for Table 1 and Table 2. Lets the page, the
 * calculator and the browser test run on R's numbers.
 */
import type { ReportData } from '../../src/report/report-data.js';
import type { BaselineComparison, CalculatorModel, OddsRatioRow, PerformanceRow, Table1Input } from '../../src/report/types.js';
import * as R from './r-fixtures.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const LABELS: Record<string, string> = { t1: 'T1WI', t2: 'T2WI', ap: 'AP', pvp: 'PVP', dp: 'DP', ce: 'CE-MRI', mp: 'mpMRI' };
const VARIABLES = [
  ['sex', 'Sex'], ['age', 'Age', 'years'], ['etiology', 'Etiology'], ['cirrhosis', 'Cirrhosis'], ['child_pugh', 'Child-Pugh'],
  ['afp', 'AFP', 'ng/mL'], ['alt', 'ALT', 'U/L'], ['ast', 'AST', 'U/L'], ['alb', 'Albumin', 'g/L'], ['tbil', 'Bilirubin', 'µmol/L'],
  ['tumor_number', 'Tumour number'], ['tumor_size', 'Tumour size', 'cm'], ['location', 'Location'],
] as const;

function comparison(block: Json, labels: [string, string]): BaselineComparison {
  const [g1, g2] = block.groups as [string, string];
  const rows: BaselineComparison['rows'] = {};
  for (const [name, c] of Object.entries(block.continuous as Record<string, Json>)) {
    const s = (g: string) => ({ n: c.summary[g].n, mean: c.summary[g].mean, sd: c.summary[g].sd, median: c.summary[g].median, q1: c.summary[g].q1_type7, q3: c.summary[g].q3_type7 });
    rows[name] = { kind: 'continuous', summaries: [s(g1), s(g2)], test: c.reported.test === 't_student' ? 't' : 'mann_whitney', p: c.reported.p };
  }
  for (const [name, c] of Object.entries(block.categorical as Record<string, Json>)) {
    rows[name] = {
      kind: 'categorical',
      levels: (c.levels as string[]).map((l) => ({ level: l, counts: [c.counts[l][g1], c.counts[l][g2]], percent: [c.col_percent[l][g1], c.col_percent[l][g2]] })),
      test: 'chisq',
      p: c.reported.p,
    };
  }
  return { groupLabels: labels, n: [block.n[g1], block.n[g2]], rows };
}

export function table1FromR(): Table1Input {
  const b = R.readOut('cohort_A', 'baseline.json');
  return {
    variables: VARIABLES.map(([name, label, unit]) => ({ name, label, unit })),
    comparisons: [comparison(b.er_all, ['ER', 'Non-ER']), comparison(b.train_vs_validation, ['Training', 'Validation'])],
  };
}

function orRows(fit: Json, labelOf: (term: string) => string): OddsRatioRow[] {
  return fit.coefficients
    .filter((c: Json) => c.term !== '(Intercept)')
    .map((c: Json) => ({ term: c.term, label: labelOf(c.term), or: c.or, lower: c.or_profile_lower, upper: c.or_profile_upper, p: c.p }));
}

export function reportDataFromR(): ReportData {
  const c = 'multiseq_A';
  const t3 = R.readOut(c, 'table3.json');
  const roc = R.readOut(c, 'roc.json');
  const nomJson = R.readOut(c, 'nomogram.json');
  const lc = R.readOut('cohort_A', 'logistic_clinical.json');
  const sel = R.readOut(c, 'selection.json');
  const meta = R.readOut(c, 'meta.json');
  const metrics = (r: Json, at: Json) => ({ auc: r.auc, aucLower: r.auc_lower, aucUpper: r.auc_upper, accuracy: at.accuracy, sensitivity: at.sensitivity, specificity: at.specificity });
  const row = (r: Json, label: string, best: boolean): PerformanceRow => ({
    model: r.model, label, nFeatures: r.n_features, best,
    train: metrics(r.train, r.train.youden_cutoff), validation: metrics(r.validation, r.validation.at_training_cutoff),
  });
  const table3 = [
    ...t3.rows.map((r: Json) => row(r, LABELS[r.model], r.model === t3.best_model.model)),
    row(t3.other_models.clinical, 'Clinical', false),
    row(t3.other_models.nomogram, 'Nomogram', false),
  ];
  const univariable = Object.values(lc.univariate as Record<string, Json>).flatMap((u) => orRows(u, (t) => t));
  const nomogram = R.nomogramFromR(c, { radscore: 'Rad-score (mpMRI)', alb: 'Albumin (g/L)', tumor_number: 'Tumour number' }, ['tumor_number']);
  const nd = nomJson.default;
  const cutoff = roc.train.p_nomogram.youden.threshold;
  const calculator: CalculatorModel = {
    outcomeLabel: 'early recurrence',
    intercept: nomJson.coefficients.Intercept,
    predictors: (nd.R as Json[]).map((r) => {
      const ax = nd.axes[r.variable];
      const discrete = r.variable === 'tumor_number';
      return {
        name: r.variable, label: nomogram.axes.find((a) => a.name === r.variable)!.label, coefficient: nomJson.coefficients[r.variable], minXbeta: r.min_xbeta,
        min: Math.min(...ax.values), max: Math.max(...ax.values), step: discrete ? 1 : 0.01, value: ax.values[Math.floor(ax.values.length / 2)],
        choices: discrete ? ax.values : undefined,
      };
    }),
    sc: nd.sc,
    maxscale: nd.maxscale,
    totalMax: Math.max(...nd.total_points_axis),
    bands: { cutoffs: [cutoff], labels: ['Low risk', 'High risk'], note: `High risk from p = ${cutoff.toFixed(3)}, the nomogram's Youden cut-off in the training cohort.` },
  };
  const iccForms = Object.values(sel.features as Record<string, Json>);
  return {
    title: 'Multi-parametric MRI radiomics nomogram (R reference cohort multiseq_A)',
    subtitle: 'Built from R reference outputs for the tests',
    notice: 'Synthetic data.',
    methods: {
      software: { name: 'radnomo', version: '0.0.0-test', node: '20' },
      patients: { n: meta.n, events: meta.n_er, outcomeLabel: 'early recurrence', train: meta.n_train, trainEvents: meta.n_train_er, validation: meta.n_validation, validationEvents: meta.n_validation_er, splitRule: 'by a stratified 7:3 split' },
      sequences: meta.sequences.map((s: string) => LABELS[s]),
      icc: { form: 'ICC(2,1)', threshold: 0.75, readers: meta.observer2_ids.length },
      selection: { test: 'ANOVA or Mann-Whitney by normality', alpha: 0.05, spearman: 0.9, forestTopK: 25, lassoFolds: 10, lassoRule: 'lambda.min' },
      models: meta.model_order.map((m: string) => ({ label: LABELS[m], sequences: meta.models[m].map((s: string) => LABELS[s]) })),
      bestModel: LABELS[meta.best_model],
      clinical: { rule: 'univariable then multivariable', alpha: 0.05, selected: ['albumin', 'tumour number'] },
      nomogramPredictors: ['the mpMRI rad-score', 'albumin', 'tumour number'],
      statistics: { calibrationBootstrap: 200, hlGroups: 10, dcaRange: [0.01, 0.99] },
    },
    table1: table1FromR(),
    table2: { univariable, multivariable: orRows(lc.multivariate_p05, (t) => t), ciKind: 'profile likelihood', n: lc.multivariate_p05.n, events: lc.multivariate_p05.events },
    icc: meta.sequences.map((s: string) => {
      const f = iccForms.filter((x) => x.sequence === s);
      const kept = f.filter((x) => x.icc2 >= 0.75).map((x) => x.icc2 as number);
      return { sequence: s, label: LABELS[s], form: 'ICC(2,1)', threshold: 0.75, extracted: f.length, kept: kept.length, min: Math.min(...kept), max: Math.max(...kept), readers: meta.observer2_ids.length };
    }),
    funnel: meta.model_order.map((m: string) => {
      const k = sel.models[m].counts;
      return { model: m, label: LABELS[m], steps: [['Extracted', k.step0], ['ICC', k.step1_icc], ['Test', k.step2_filter], ['Spearman', k.step3_spearman], ['Forest', k.step4_rf], ['LASSO', k.step5_lasso]].map(([step, n]) => ({ step: step as string, n: n as number })) };
    }),
    table3,
    delong: Object.values(roc.validation.delong_tests as Record<string, Json>).map((d) => ({ set: 'Validation', first: d.model1, second: d.model2, auc1: d.auc1, auc2: d.auc2, z: d.z, p: d.p })),
    coefficients: R.coefficientsFromR(c, 'mp'),
    nomogram,
    roc: R.rocPanelsFromR(c, [['p_nomogram', 'Nomogram'], ['p_clinical', 'Clinical'], ['p_mp', 'Radiomics (mpMRI)']]),
    calibration: R.calibrationPanelsFromR(c, 'p_nomogram'),
    dca: R.dcaPanelsFromR(c, [['p_nomogram', 'Nomogram'], ['p_clinical', 'Clinical'], ['p_mp', 'Radiomics (mpMRI)']]),
    calculator,
    checklist: {
      secondReader: { patients: 15, form: 'ICC(2,1)', threshold: 0.75 }, featureReduction: true, clinicalInModel: true, cutoff: true, discriminationCi: true,
      resampling: ['10-fold cross-validation (LASSO)', 'bootstrap (calibration)'], calibration: { hosmerLemeshow: true, bootstrap: 200 }, validation: 'split',
      decisionCurve: true, n: 90, events: 38, predictors: 3, candidateFeatures: 148, missingData: 'No missing values.', software: 'radnomo',
    },
  };
}
