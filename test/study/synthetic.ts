/**
 * Small seeded synthetic cohorts for the study's unit and bad-input tests: an outcome, a 7:3
 * stratified split with CV folds, two clinical variables (albumin lower with the event, tumour
 * number), and per sequence a few features (the first carry signal, one near-duplicate of the
 * first, the rest noise) with a second reader on the first patients. Available as an in-memory
 * Cohort or written as CSV files with a study file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../../src/stats/random.js';
import type { Cohort } from '../../src/study/cohort.js';

export interface SyntheticSpec {
  n: number;
  events: number;
  seed: number;
  /** features per sequence */
  sequences: Record<string, number>;
  /** mean shift of the first `signalFeatures` features with the event (default 1) */
  signal?: number;
  signalFeatures?: number;
  /** second-reader patients (default 10) */
  observer2?: number;
}

export interface SyntheticData {
  ids: string[];
  y: number[];
  split: ('train' | 'validation')[];
  fold: (number | null)[];
  alb: number[];
  tumorNumber: number[];
  /** per sequence: column names, values[column][patient], observer-2 values[column][k] */
  sequences: Record<string, { columns: string[]; values: number[][]; observer2: number[][] }>;
  observer2Ids: string[];
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

export function syntheticData(spec: SyntheticSpec): SyntheticData {
  const rng = createRng(spec.seed);
  const n = spec.n;
  const ids = Array.from({ length: n }, (_, i) => `S${String(i + 1).padStart(3, '0')}`);
  const y = new Array(n).fill(0);
  for (const k of rng.sample(n, spec.events, false)) y[k] = 1;
  const split: ('train' | 'validation')[] = new Array(n).fill('validation');
  const fold: (number | null)[] = new Array(n).fill(null);
  for (const cls of [1, 0]) {
    const members = ids.map((_, i) => i).filter((i) => y[i] === cls);
    const perm = rng.sample(members.length, members.length, false);
    const nTrain = Math.round(members.length * 0.7);
    for (let k = 0; k < nTrain; k++) {
      split[members[perm[k]]] = 'train';
      fold[members[perm[k]]] = (k % 5) + 1;
    }
  }
  const alb = y.map((v) => round(42 - 3 * v + 4 * rng.norm(), 1));
  const tumorNumber = y.map((v) => (rng.unif() < (v ? 0.4 : 0.15) ? (rng.unif() < 0.5 ? 2 : 3) : 1));
  const signal = spec.signal ?? 1;
  const nSignal = spec.signalFeatures ?? 2;
  const m2 = spec.observer2 ?? 10;
  const sequences: SyntheticData['sequences'] = {};
  for (const [s, p] of Object.entries(spec.sequences)) {
    const columns = Array.from({ length: p }, (_, j) => `original_firstorder_F${j + 1}`);
    const values = columns.map((_, j) => y.map((v) => round((j < nSignal ? signal * v : 0) + rng.norm())));
    if (p >= 3) values[2] = values[0].map((v) => round(v + 0.05 * rng.norm())); // a near-duplicate of the first
    const observer2 = values.map((col) => col.slice(0, m2).map((v) => round(v + 0.1 * rng.norm())));
    sequences[s] = { columns, values, observer2 };
  }
  return { ids, y, split, fold, alb, tumorNumber, sequences, observer2Ids: ids.slice(0, m2) };
}

/** The data as an in-memory cohort (names prefixed when there are several sequences). */
export function syntheticCohort(spec: SyntheticSpec): Cohort {
  const d = syntheticData(spec);
  const train = d.ids.map((_, i) => i).filter((i) => d.split[i] === 'train');
  const validation = d.ids.map((_, i) => i).filter((i) => d.split[i] === 'validation');
  const multi = Object.keys(d.sequences).length > 1;
  return {
    ids: d.ids,
    y: Float64Array.from(d.y),
    split: d.split,
    train,
    validation,
    foldid: Int32Array.from(train, (i) => d.fold[i]!),
    variables: new Map([
      ['alb', { name: 'alb', label: 'albumin', type: 'numeric', numeric: Float64Array.from(d.alb), baseline: true }],
      ['tumor_number', { name: 'tumor_number', label: 'tumour number', type: 'numeric', numeric: Float64Array.from(d.tumorNumber), baseline: true }],
    ]),
    sequences: Object.entries(d.sequences).map(([name, s]) => ({
      name,
      label: name,
      columns: s.columns,
      names: s.columns.map((c) => (multi ? `${name}_${c}` : c)),
      values: s.values.map((v) => Float64Array.from(v)),
      observer2: { rows: d.observer2Ids.map((_, k) => k), ids: d.observer2Ids, values: s.observer2.map((v) => Float64Array.from(v)) },
      source: 'features' as const,
    })),
    excluded: [],
    warnings: [],
    outcome: 'er',
  };
}

const csv = (header: string[], rows: (string | number | null)[][]) =>
  [header.join(','), ...rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(','))].join('\n') + '\n';

/**
 * Writes clinical.csv, features_<seq>.csv, observer2_<seq>.csv and study.yaml into dir; `edit`
 * may change the rows before writing (bad-input tests). Returns the study file's path.
 */
export function writeSyntheticStudy(
  dir: string,
  spec: SyntheticSpec,
  opts: { extraYaml?: string; editClinical?: (rows: (string | number | null)[][]) => void; editFeatures?: (seq: string, rows: (string | number | null)[][]) => void } = {},
): string {
  const d = syntheticData(spec);
  const sexRng = createRng(spec.seed + 1);
  const clinical = d.ids.map((id, i) => [id, d.y[i], d.split[i], d.fold[i], d.alb[i], d.tumorNumber[i], sexRng.unif() < 0.7 ? 'M' : 'F'] as (string | number | null)[]);
  opts.editClinical?.(clinical);
  writeFileSync(join(dir, 'clinical.csv'), csv(['id', 'er', 'split', 'cv_fold', 'alb', 'tumor_number', 'sex'], clinical));
  const seqYaml: string[] = [];
  for (const [s, t] of Object.entries(d.sequences)) {
    const rows = d.ids.map((id, i) => [id, ...t.columns.map((_, j) => t.values[j][i])] as (string | number | null)[]);
    opts.editFeatures?.(s, rows);
    writeFileSync(join(dir, `features_${s}.csv`), csv(['id', ...t.columns], rows));
    writeFileSync(join(dir, `observer2_${s}.csv`), csv(['id', ...t.columns], d.observer2Ids.map((id, k) => [id, ...t.columns.map((_, j) => t.observer2[j][k])])));
    seqYaml.push(`  ${s}:\n    features: features_${s}.csv\n    observer2: observer2_${s}.csv`);
  }
  const seqs = Object.keys(d.sequences);
  const text = `version: 1
outcome: er
clinical:
  csv: clinical.csv
  variables:
    alb: numeric
    tumor_number: numeric
    sex: { type: categorical, levels: [F, M] }
split:
  column: split
sequences:
${seqYaml.join('\n')}
selection:
  lasso:
    folds: { column: cv_fold }
models:
${seqs.map((s) => `  m_${s}: [${s}]`).join('\n')}${seqs.length > 1 ? `\n  all: [${seqs.join(', ')}]` : ''}
nomogram:
  clinical: { rule: list, variables: [alb] }
evaluation:
  profile_ci: false
  calibration: { bootstrap: 0 }
${opts.extraYaml ?? ''}`;
  const path = join(dir, 'study.yaml');
  writeFileSync(path, text);
  return path;
}
