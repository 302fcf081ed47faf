/**
 * The modelling chain of the reference harness (analyze.R steps 7-9), recomputed with radnomo's
 * code from the cohort CSV for the model parity checks: LASSO CV on the step-4 features →
 * unpenalised logistic rad-score → clinical / radiomics / nomogram models and their predictions
 * for every patient. Cached per cohort, since several check families use it.
 *
 * The step-4 feature list is computed too: steps 1-3 with feature-filter.ts (checked by its
 * own family), step 4 = the random-forest top 25, a no-op with ≤ 25 features (as in the shipped
 * cohorts; with more, radnomo's forest is not R's draw for draw and the list may differ).
 */
import { readFileSync } from 'node:fs';
import { parseCsv, numericColumn, stringColumn } from '../../src/stats/csv.js';
import { cvLassoLogistic, nonzeroAt, type LassoCv } from '../../src/stats/lasso-cv.js';
import { buildDesign, linearPredictor, type Design } from '../../src/stats/design.js';
import { fitLogistic, type LogisticFit } from '../../src/stats/logistic.js';
import type { CohortRef } from './context.js';
import { selectionSteps1to3 } from '../../src/stats/feature-filter.js';
import { topFeaturesByGini } from '../../src/stats/forest.js';
import { cohortData } from './cohort-data.js';

export const LAMBDA_GRID = Array.from({ length: 81 }, (_, k) => Math.pow(10, -0.5 - 0.025 * k));

export interface ModelChain {
  ids: string[];
  split: string[];
  er: Float64Array;
  train: number[];
  validation: number[];
  /** Numeric column by name, all rows. */
  col(name: string): Float64Array;
  /** Column values of the given rows. */
  rowsOf(name: string, rows: number[]): Float64Array;
  step3: string[];
  step4: string[];
  cv: LassoCv;
  step5: string[];
  radiomicsFit: LogisticFit;
  radscore: Float64Array;
  fits: { clinical: LogisticFit; radiomics: LogisticFit; nomogram: LogisticFit };
  /** Predicted probability of every patient under each training model. */
  pred: { p_clinical: Float64Array; p_radiomics: Float64Array; p_nomogram: Float64Array };
  designFor(model: 'clinical' | 'radiomics' | 'nomogram', rows: number[]): Design;
}

const cache = new Map<string, ModelChain>();

export function modelChain(ref: CohortRef): ModelChain {
  const hit = cache.get(ref.dataCsv);
  if (hit) return hit;
  const table = parseCsv(readFileSync(ref.dataCsv, 'utf8'), ref.dataCsv);
  const ids = stringColumn(table, 'id').map(String);
  const split = stringColumn(table, 'split').map(String);
  const er = numericColumn(table, 'er');
  const train: number[] = [];
  const validation: number[] = [];
  split.forEach((s, i) => (s === 'train' ? train : validation).push(i));
  const cols = new Map<string, Float64Array>();
  const col = (name: string) => {
    if (!cols.has(name)) cols.set(name, numericColumn(table, name));
    return cols.get(name)!;
  };
  const rowsOf = (name: string, rows: number[]) => Float64Array.from(rows, (i) => col(name)[i]);
  const ytr = Float64Array.from(train, (i) => er[i]);

  const cd = cohortData(ref);
  const s13 = selectionSteps1to3({ names: cd.features, train: cd.train, y: cd.yTrain, observer1: cd.observer1, observer2: cd.observer2 });
  const step3 = s13.step3.kept;
  const n = train.length;
  const x3 = new Float64Array(n * step3.length);
  step3.forEach((f, j) => x3.set(rowsOf(f, train), j * n));
  const step4 = topFeaturesByGini(step3, x3, n, ytr, { k: 25, seed: 2024 });
  const p = step4.length;
  const x = new Float64Array(n * p);
  step4.forEach((f, j) => x.set(rowsOf(f, train), j * n));
  const cv = cvLassoLogistic(x, n, p, ytr, {
    lambda: LAMBDA_GRID,
    thresh: 1e-14,
    maxit: 1e7,
    foldid: rowsOf('cv_fold', train),
    names: step4,
  });
  const nz = new Set(nonzeroAt(cv.fit, cv.indexMin));
  const step5 = step4.filter((_, j) => nz.has(j));

  const radDesign = (rows: number[]) => buildDesign(step5.map((f) => ({ name: f, values: rowsOf(f, rows) })));
  const radiomicsFit = fitLogistic(radDesign(train), ytr);
  const all = ids.map((_, i) => i);
  const radscore = linearPredictor(radDesign(all), radiomicsFit.coefficients);

  const designFor = (model: 'clinical' | 'radiomics' | 'nomogram', rows: number[]) => {
    const rs = { name: 'radscore', values: Float64Array.from(rows, (i) => radscore[i]) };
    const alb = { name: 'alb', values: rowsOf('alb', rows) };
    const tn = { name: 'tumor_number', values: rowsOf('tumor_number', rows) };
    return buildDesign(model === 'clinical' ? [alb, tn] : model === 'radiomics' ? [rs] : [rs, alb, tn]);
  };
  const fits = {
    clinical: fitLogistic(designFor('clinical', train), ytr),
    radiomics: fitLogistic(designFor('radiomics', train), ytr),
    nomogram: fitLogistic(designFor('nomogram', train), ytr),
  };
  const prob = (m: 'clinical' | 'radiomics' | 'nomogram') => {
    const eta = linearPredictor(designFor(m, all), fits[m].coefficients);
    return eta.map((e) => 1 / (1 + Math.exp(-e)));
  };
  const chain: ModelChain = {
    ids,
    split,
    er,
    train,
    validation,
    col,
    rowsOf,
    step3,
    step4,
    cv,
    step5,
    radiomicsFit,
    radscore,
    fits,
    pred: { p_clinical: prob('clinical'), p_radiomics: prob('radiomics'), p_nomogram: prob('nomogram') },
    designFor,
  };
  cache.set(ref.dataCsv, chain);
  return chain;
}
