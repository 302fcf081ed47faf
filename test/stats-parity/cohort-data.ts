/**
 * The cohort CSV files of a reference cohort, read once per cohort with our CSV reader: the
 * feature columns (meta.json's list, CSV order), training rows and outcome, and the two
 * observers' values for the ICC subjects (observer 1 = the main CSV's rows of the observer-2 ids).
 */
import { readFileSync } from 'node:fs';
import { numericColumn, parseCsv, stringColumn, type CsvTable } from '../../src/stats/csv.js';
import type { CohortRef } from './context.js';
import { list } from './compare.js';

export interface CohortData {
  table: CsvTable;
  features: string[];
  /** indices of training rows in the CSV */
  trainRows: number[];
  /** outcome of the training rows */
  yTrain: Float64Array;
  /** training values per feature (CSV order) */
  train: Float64Array[];
  /** ICC subjects: observer 1 and observer 2 values per feature */
  observer1: Float64Array[];
  observer2: Float64Array[];
}

const cache = new Map<string, CohortData>();

export function cohortData(ref: CohortRef): CohortData {
  const hit = cache.get(ref.dataCsv);
  if (hit) return hit;
  const table = parseCsv(readFileSync(ref.dataCsv, 'utf8'), ref.dataCsv);
  const obs = parseCsv(readFileSync(ref.observer2Csv, 'utf8'), ref.observer2Csv);
  const features = list<string>(ref.out('meta').feature_columns);
  const split = stringColumn(table, 'split');
  const trainRows = split.map((s, i) => (s === 'train' ? i : -1)).filter((i) => i >= 0);
  const er = numericColumn(table, 'er');
  const ids = stringColumn(table, 'id');
  const obsIds = stringColumn(obs, 'id');
  const match = obsIds.map((id) => {
    const k = ids.indexOf(id);
    if (k < 0) throw new Error(`${ref.observer2Csv}: id ${id} is not in ${ref.dataCsv}`);
    return k;
  });
  const data: CohortData = {
    table,
    features,
    trainRows,
    yTrain: Float64Array.from(trainRows, (i) => er[i]),
    train: features.map((f) => {
      const c = numericColumn(table, f);
      return Float64Array.from(trainRows, (i) => c[i]);
    }),
    observer1: features.map((f) => {
      const c = numericColumn(table, f);
      return Float64Array.from(match, (i) => c[i]);
    }),
    observer2: features.map((f) => numericColumn(obs, f)),
  };
  cache.set(ref.dataCsv, data);
  return data;
}
