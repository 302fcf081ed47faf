/**
 * The report's inputs: small typed values, one per figure and table, independent of where they
 * come from (the study's results.json, or R's reference outputs in the tests). Every renderer in
 * figures/ and tables/ is a pure function of one of these.
 */

/** One ROC curve: points (1 − specificity, sensitivity), AUC with its DeLong 95% CI. */
export interface RocSeries {
  label: string;
  /** 1 − specificity per threshold */
  fpr: number[];
  /** sensitivity per threshold */
  tpr: number[];
  auc: number;
  aucLower: number;
  aucUpper: number;
}

/** One panel of a multi-panel figure is a cohort: training or validation. */
export interface RocPanel {
  title: string;
  series: RocSeries[];
}

export interface HosmerLemeshowSummary {
  chisq: number | null;
  df: number;
  p: number | null;
}

export interface CalibrationPanel {
  title: string;
  /** predicted probabilities of the curves' grid */
  predicted: number[];
  /** apparent (observed) calibration, lowess of the outcome on the predictions */
  apparent: number[];
  /** bias-corrected calibration by bootstrap (training only) */
  biasCorrected?: number[];
  bootstrapRepetitions?: number;
  meanAbsoluteError?: number;
  hosmerLemeshow?: HosmerLemeshowSummary;
  n?: number;
  /** the patients' predictions, drawn as a rug */
  rug?: number[];
}

export interface NetBenefitCurve {
  label: string;
  netBenefit: number[];
}

export interface DcaPanel {
  title: string;
  thresholds: number[];
  prevalence: number;
  models: NetBenefitCurve[];
  treatAll: number[];
}

export interface CoefficientBar {
  name: string;
  coefficient: number;
}

export interface CoefficientsInput {
  title: string;
  features: CoefficientBar[];
}

/** One predictor's axis: its values and their points (rms nomogram). */
export interface NomogramAxisInput {
  name: string;
  label: string;
  values: number[];
  points: number[];
  /** a categorical predictor: rms alternates its labels above and below */
  discrete: boolean;
  /** tick labels instead of the values (a categorical predictor's level names) */
  valueLabels?: string[];
}

export interface NomogramInput {
  title: string;
  maxscale: number;
  axes: NomogramAxisInput[];
  totalPointsAxis: number[];
  /** linear predictor axis: values and their total points */
  lpAxis?: { lp: number[]; points: number[] };
  /** probability axis: values and their total points */
  riskAxis: { probability: number[]; points: number[] };
  riskLabel: string;
}

/** Table 1: one group's summary of a continuous variable. */
export interface GroupSummary {
  n: number;
  mean: number;
  sd: number;
  median: number;
  q1: number;
  q3: number;
}

export interface BaselineContinuous {
  kind: 'continuous';
  summaries: [GroupSummary, GroupSummary];
  /** the reported test: Student t when both groups pass Shapiro-Wilk, else Mann-Whitney */
  test: 't' | 'mann_whitney';
  p: number;
}

export interface BaselineCategorical {
  kind: 'categorical';
  levels: { level: string; counts: [number, number]; percent: [number, number] }[];
  test: 'chisq' | 'fisher';
  p: number;
}

/** One two-group comparison (ER vs non-ER, or training vs validation). */
export interface BaselineComparison {
  groupLabels: [string, string];
  n: [number, number];
  rows: Record<string, BaselineContinuous | BaselineCategorical>;
}

export interface Table1Input {
  variables: { name: string; label: string; unit?: string }[];
  comparisons: BaselineComparison[];
}

export interface OddsRatioRow {
  term: string;
  label: string;
  or: number;
  lower: number;
  upper: number;
  p: number;
}

export interface Table2Input {
  univariable: OddsRatioRow[];
  multivariable: OddsRatioRow[];
  /** which interval the OR CI is: profile likelihood (R confint) or Wald (SPSS) */
  ciKind: 'profile likelihood' | 'Wald';
  n: number;
  events: number;
}

export interface IccSummaryRow {
  sequence: string;
  label: string;
  form: string;
  threshold: number;
  extracted: number;
  kept: number;
  /** range of the kept features' ICC */
  min: number | null;
  max: number | null;
  readers: number;
}

export interface FunnelRow {
  model: string;
  label: string;
  /** features left after each step, in order */
  steps: { step: string; n: number }[];
}

export interface Metrics {
  auc: number;
  aucLower: number;
  aucUpper: number;
  accuracy: number;
  sensitivity: number;
  specificity: number;
}

export interface PerformanceRow {
  model: string;
  label: string;
  nFeatures: number | null;
  train: Metrics;
  validation: Metrics;
  best?: boolean;
}

export interface DelongRow {
  set: string;
  first: string;
  second: string;
  auc1: number;
  auc2: number;
  z: number;
  p: number;
}

/** One input of the risk calculator: a nomogram predictor. */
export interface CalculatorPredictor {
  name: string;
  label: string;
  coefficient: number;
  /** β·x at the axis's points origin (rms min_xbeta) */
  minXbeta: number;
  min: number;
  max: number;
  step: number;
  /** initial value */
  value: number;
  /** discrete predictors offer their values in a list */
  choices?: number[];
  /** the names shown for the choices (a categorical predictor's levels) */
  choiceLabels?: string[];
}

/** Everything the calculator computes with, from model.json. */
export interface CalculatorModel {
  outcomeLabel: string;
  intercept: number;
  predictors: CalculatorPredictor[];
  /** points per unit of linear predictor */
  sc: number;
  maxscale: number;
  /** the largest value on the total-points axis */
  totalMax: number;
  /** risk bands: probability cut-offs, ascending, and len+1 labels */
  bands: { cutoffs: number[]; labels: string[]; note: string };
}
