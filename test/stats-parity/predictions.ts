/**
 * out/<cohort>/predictions.csv (the R models' predictions, 15 significant digits) split into the
 * training and validation sets. The calibration, Hosmer-Lemeshow and decision-curve checks use
 * these predictions as their inputs for now; the study's end-to-end run recomputes them from
 * our own models.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { numericColumn, parseCsv, stringColumn } from '../../src/stats/csv.js';
import type { CohortRef } from './context.js';

export interface PredictionSet {
  y: Float64Array;
  /** predictions by column name, e.g. p_clinical */
  p: Record<string, Float64Array>;
}

export function predictionSets(ref: CohortRef, columns: readonly string[]): Record<'train' | 'validation', PredictionSet> {
  const file = join(ref.outDir, 'predictions.csv');
  const t = parseCsv(readFileSync(file, 'utf8'), file);
  const split = stringColumn(t, 'split');
  const er = numericColumn(t, 'er');
  const cols = Object.fromEntries(columns.map((c) => [c, numericColumn(t, c)]));
  const make = (s: string): PredictionSet => {
    const rows = split.map((v, i) => (v === s ? i : -1)).filter((i) => i >= 0);
    return {
      y: Float64Array.from(rows, (i) => er[i]),
      p: Object.fromEntries(columns.map((c) => [c, Float64Array.from(rows, (i) => cols[c][i])])),
    };
  };
  return { train: make('train'), validation: make('validation') };
}
