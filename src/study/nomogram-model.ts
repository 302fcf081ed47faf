/**
 * The nomogram of the study: the logistic model outcome ~ radscore + clinical variables (fitted
 * on the training set) drawn as rms draws it (nomogram(fit, fun = plogis, lp = TRUE), maxscale
 * 100), with both axis choices of the reference harness: rms's default axes (unique training
 * values if ≤ 10, else pretty(range, 10)) and observed-range axes (training min and max). The
 * study file's `nomogram.axes` picks the scale used for every patient's points.
 *
 * Predictors are numeric (the rad-score and numeric clinical variables), as in the paper and
 * the harness; a two-level categorical variable enters as the 0/1 indicator of its second level
 * (rms's axis of a binary factor: the reference level at 0 points).
 */
import { nomogramScale, nomogramScore, totalPointsToLinearPredictor, type NomogramScale } from '../stats/nomogram.js';
import type { NomogramScaleJson } from './results-schema.js';

export interface NomogramPredictorInput {
  name: string;
  label: string;
  coefficient: number;
  /** training values */
  values: Float64Array;
  /** a two-level categorical variable: its levels (reference first), entered as the 0/1 indicator of the second */
  levels?: string[];
}

export interface StudyNomogram {
  scale: NomogramScale;
  mode: 'default' | 'observed_range';
  json: NomogramScaleJson;
}

/** Both scales of a fitted nomogram model. */
export function nomogramScales(
  intercept: number,
  predictors: readonly NomogramPredictorInput[],
  trainingLp: Float64Array,
  opts: { maxscale: number; funAt: number[] },
): { default: StudyNomogram; observed_range: StudyNomogram } {
  const make = (mode: 'default' | 'observed_range'): StudyNomogram => {
    const scale = nomogramScale(
      intercept,
      predictors.map((p) => ({ name: p.name, coefficient: p.coefficient, values: p.values })),
      { mode: mode === 'default' ? 'default' : 'observedRange', maxscale: opts.maxscale, funAt: opts.funAt, trainingLinearPredictor: trainingLp },
    );
    return { scale, mode, json: scaleJson(scale, predictors) };
  };
  return { default: make('default'), observed_range: make('observed_range') };
}

function range(v: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of v) {
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  return [lo, hi];
}

/** The scale as results.json holds it. */
export function scaleJson(s: NomogramScale, predictors: readonly NomogramPredictorInput[]): NomogramScaleJson {
  const totals: { total_points: number; lp: number; probability: number }[] = [];
  for (let t = 0; t <= 300; t += 10) {
    const lp = totalPointsToLinearPredictor(s, t);
    totals.push({ total_points: t, lp, probability: 1 / (1 + Math.exp(-lp)) });
  }
  return {
    sc: s.sc,
    maxscale: s.maxscale,
    intercept: s.intercept,
    intercept_plus_sum_min: s.interceptPlusSumMin,
    axes: s.axes.map((a, j) => {
      const [lo, hi] = range(predictors[j].values);
      return {
        variable: a.name,
        label: predictors[j].label,
        coefficient: s.coefficients[a.name],
        values: a.values,
        points: a.points,
        min_xbeta: a.minXbeta,
        max_xbeta: a.maxXbeta,
        training_min: lo,
        training_max: hi,
        level_labels: predictors[j].levels ? a.values.map((v) => predictors[j].levels![v]) : null,
      };
    }),
    total_points_axis: s.totalPointsAxis,
    lp_axis: { lp: s.lpAxis.lp, points: s.lpAxis.points },
    risk_axis: { probability: s.riskAxis.probability, points: s.riskAxis.points },
    probability_to_total_points: s.probabilityToTotalPoints.map((r) => ({ probability: r.probability, total_points: r.totalPoints })),
    total_points_to_probability: totals,
  };
}

/** Total points of each patient (predictor values by name, aligned arrays). */
export function patientPoints(scale: NomogramScale, values: Record<string, ArrayLike<number>>, n: number): Float64Array {
  const out = new Float64Array(n);
  const x: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    for (const a of scale.axes) x[a.name] = values[a.name][i];
    out[i] = nomogramScore(scale, x).totalPoints;
  }
  return out;
}
