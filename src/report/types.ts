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
  /** a categorical or ≤ 10-valued predictor: rms alternates its labels above and below */
  discrete: boolean;
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
