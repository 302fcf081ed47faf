/**
 * Bootstrap optimism-corrected validation of a whole modelling procedure, in the manner of
 * rms::validate (predab.resample, method = "boot"; Harrell, Lee & Mark 1996, Stat Med
 * 15:361-387; Efron & Tibshirani 1993 §17.6):
 *
 *   index.orig  = index of the procedure fitted on all rows, evaluated on all rows;
 *   for b = 1..B: fit the procedure on a bootstrap sample (rows drawn with replacement);
 *     training_b = its index on that sample, test_b = its index on all original rows;
 *   optimism = mean_b(training_b − test_b); corrected = index.orig − optimism.
 *
 * The procedure is a function of the training rows that returns a linear-predictor function,
 * so feature selection (tests, LASSO, …) can sit inside the loop. Indexes, from the linear
 * predictor lp and outcome y of a sample:
 *   Dxy = 2·(AUC − ½) (Somers' D, exact concordance), AUC (C index),
 *   R² = Nagelkerke R² of the logistic recalibration y ~ lp, Intercept and Slope of that
 *   recalibration, Brier = mean (plogis(lp) − y)².
 * For an unpenalised logistic fit evaluated on its own sample the recalibration is the identity
 * (intercept 0, slope 1) and R² is the model's own Nagelkerke R², as rms reports. Resamples on
 * which the procedure fails (e.g. separation) are skipped and counted, as rms does; an index that
 * cannot be computed on a resample (NaN) is left out of that index's average only.
 */
import { createRng } from './random.js';
import { aucPairs2 } from './roc.js';
import { fitLogistic } from './logistic.js';
import type { Design } from './design.js';

export type LinearPredictorFn = (rows: Int32Array) => Float64Array;
/** Fits the whole procedure on the given rows (indices into the data, with repeats) and returns its predictor. */
export type ModelProcedure = (trainRows: Int32Array) => LinearPredictorFn;

export const VALIDATION_INDEXES = ['Dxy', 'AUC', 'R2', 'Intercept', 'Slope', 'Brier'] as const;
export type ValidationIndex = (typeof VALIDATION_INDEXES)[number];

export interface ValidationRow {
  index: ValidationIndex;
  original: number;
  training: number;
  test: number;
  optimism: number;
  corrected: number;
  /** Resamples that contributed to this index. */
  n: number;
}

export interface ValidationResult {
  rows: ValidationRow[];
  /** Resamples requested and resamples whose fit failed. */
  B: number;
  failed: number;
}

/** The validation indexes of a linear predictor against a 0/1 outcome. */
export function validationIndexes(lp: ArrayLike<number>, y: ArrayLike<number>): Record<ValidationIndex, number> {
  const cases: number[] = [];
  const controls: number[] = [];
  let brier = 0;
  for (let i = 0; i < y.length; i++) {
    (y[i] === 1 ? cases : controls).push(lp[i]);
    const pr = 1 / (1 + Math.exp(-lp[i]));
    brier += (pr - y[i]) * (pr - y[i]);
  }
  const n1 = cases.length;
  const n0 = controls.length;
  const auc = n1 && n0 ? aucPairs2(Float64Array.from(cases).sort(), Float64Array.from(controls).sort()) / (2 * n1 * n0) : NaN;
  let intercept = NaN;
  let slope = NaN;
  let r2 = NaN;
  if (n1 > 0 && n0 > 0) {
    const n = y.length;
    const x = new Float64Array(2 * n);
    x.fill(1, 0, n);
    for (let i = 0; i < n; i++) x[n + i] = lp[i];
    const d: Design = {
      n,
      p: 2,
      x,
      columnNames: ['(Intercept)', 'lp'],
      termOfColumn: [-1, 0],
      termNames: ['lp'],
      termIsFactor: [false],
      hasIntercept: true,
    };
    try {
      const f = fitLogistic(d, y, { epsilon: 1e-10, maxit: 50 });
      intercept = f.coefficients[0];
      slope = f.coefficients[1];
      const lr = f.nullDeviance - f.deviance;
      r2 = (1 - Math.exp(-lr / n)) / (1 - Math.exp(-f.nullDeviance / n));
    } catch {
      // separated or degenerate recalibration: these indexes are undefined on this sample
    }
  }
  return { Dxy: 2 * (auc - 0.5), AUC: auc, R2: r2, Intercept: intercept, Slope: slope, Brier: brier / y.length };
}

/** Bootstrap validation of `procedure` on n rows with outcome y (see the file comment). */
export function bootstrapValidate(
  procedure: ModelProcedure,
  y: ArrayLike<number>,
  opts: { B?: number; seed: number },
): ValidationResult {
  const n = y.length;
  const B = opts.B ?? 200;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const orig = validationIndexes(procedure(all)(all), y);
  const rng = createRng(opts.seed);
  const sumTrain: Record<string, number> = {};
  const sumTest: Record<string, number> = {};
  const count: Record<string, number> = {};
  for (const k of VALIDATION_INDEXES) {
    sumTrain[k] = 0;
    sumTest[k] = 0;
    count[k] = 0;
  }
  let failed = 0;
  for (let b = 0; b < B; b++) {
    const train = rng.sample(n, n, true);
    let predict: LinearPredictorFn;
    try {
      predict = procedure(train);
    } catch {
      failed++;
      continue;
    }
    const ytr = Float64Array.from(train, (i) => y[i]);
    const tr = validationIndexes(predict(train), ytr);
    const te = validationIndexes(predict(all), y);
    for (const k of VALIDATION_INDEXES) {
      if (Number.isNaN(tr[k]) || Number.isNaN(te[k])) continue;
      sumTrain[k] += tr[k];
      sumTest[k] += te[k];
      count[k]++;
    }
  }
  const rows = VALIDATION_INDEXES.map((k): ValidationRow => {
    const training = sumTrain[k] / count[k];
    const test = sumTest[k] / count[k];
    const optimism = training - test;
    return { index: k, original: orig[k], training, test, optimism, corrected: orig[k] - optimism, n: count[k] };
  });
  return { rows, B, failed };
}
