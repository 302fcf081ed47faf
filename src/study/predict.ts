/**
 * `radnomo predict`: scores new patients with a frozen model.json: the rad-score of the
 * nomogram's radiomics model (intercept + Σ coef·feature, as in the study), its probability, the
 * nomogram's points per predictor, total points and probability.
 *
 * Inputs: a clinical CSV (id column + the nomogram's clinical source columns) and the features,
 * either as CSV tables (radnomo's or PyRadiomics' output; a table given as `seq=path` holds one
 * sequence's columns by their own names, or the rows of several sequences told apart by a
 * `sequence` column; a table given as a plain path holds the model's feature names) or as an images manifest (id, sequence, image, mask) extracted with the params stored in
 * the model. A missing feature column or value is an error naming it; a value outside the
 * training range gives a warning (the model extrapolates there).
 */
import type { CsvTable } from '../stats/csv.js';
import { stringColumn } from '../stats/csv.js';
import { filterRows, idColumn, parseNumber, readCsvFile } from './tables.js';
import { paramsFromText, readManifest, sequenceCases, singleCaseBackend, tableFromExtraction, type ExtractionBackend } from './images.js';
import type { ModelFile } from './model-file.js';
import { radnomoVersion } from './provenance.js';
import { extractSources } from './extraction.js';
import { csvText } from './results.js';
import { someOf } from './text-list.js';

export interface PredictOptions {
  clinical: string;
  /** id column of the clinical table (and of plain feature tables) */
  id?: string;
  /** feature tables: `path` or `sequence=path` */
  features?: string[];
  images?: string;
  backend?: ExtractionBackend;
  onProgress?: (message: string) => void;
}

export interface PredictResult {
  header: string[];
  rows: (string | number)[][];
  csv: string;
  warnings: string[];
}

const transform: Record<string, (x: number) => number> = {
  none: (x) => x,
  log10: Math.log10,
  log: Math.log,
  log2: Math.log2,
  sqrt: Math.sqrt,
};

interface Lookup {
  source: string;
  ids: Map<string, number>;
  table: CsvTable;
}

function lookupOf(table: CsvTable, id: string): Lookup {
  const ids = idColumn(table, id);
  return { source: table.source, ids: new Map(ids.map((x, i) => [x, i])), table };
}

/** Scores the clinical table's patients (see the file comment). */
export async function predict(model: ModelFile, opts: PredictOptions): Promise<PredictResult> {
  const idName = opts.id ?? 'id';
  const clinical = readCsvFile(opts.clinical, opts.clinical);
  const ids = idColumn(clinical, idName);
  const warnings: string[] = [];
  const rad = model.radiomics;

  // where each feature comes from: (lookup, column)
  const perSequence = new Map<string, Lookup>();
  const plain: Lookup[] = [];
  if (opts.features?.length && opts.images) throw new Error('give the features as --features tables or as an --images manifest, not both');
  if (!opts.features?.length && !opts.images) throw new Error('give the features: --features F.csv (or sequence=F.csv, repeatable) or --images MANIFEST.csv');
  for (const spec of opts.features ?? []) {
    const eq = spec.indexOf('=');
    const seq = eq > 0 && !spec.slice(0, eq).includes('/') ? spec.slice(0, eq) : null;
    const path = seq ? spec.slice(eq + 1) : spec;
    const csv = readCsvFile(path, path);
    // a table of several sequences (a batch output with a `sequence` column): that sequence's rows
    const lookup = lookupOf(seq && csv.columns.includes('sequence') ? filterRows(csv, { sequence: seq }) : csv, idName);
    if (seq) {
      if (!rad.sequences.some((s) => s.name === seq)) throw new Error(`--features ${spec}: the model has no sequence '${seq}' (its sequences: ${rad.sequences.map((s) => s.name).join(', ')})`);
      perSequence.set(seq, lookup);
    } else plain.push(lookup);
  }
  if (opts.images) {
    const rows = readManifest(opts.images, opts.images);
    const planned = rad.sequences.map((s) => {
      if (!s.extraction) throw new Error(`the model's sequence '${s.name}' was trained on a features table, not on images; give its features with --features ${s.name}=F.csv`);
      const { cases } = sequenceCases(rows, s.name, s.extraction.mask_from, opts.images!);
      return { name: s.name, cases, params: paramsFromText(s.extraction.params_text, s.extraction.params_format, s.extraction.params_source) };
    });
    opts.onProgress?.(`extracting ${planned.map((p) => `${p.name}: ${p.cases.length} cases`).join(', ')}`);
    const outcomes = await extractSources(
      planned.map((p) => ({ key: p.name, cases: p.cases, params: p.params })),
      opts.backend ?? singleCaseBackend,
      { cacheDir: null, version: radnomoVersion() },
    );
    planned.forEach(({ name, cases }, i) => {
      const out = outcomes[i];
      for (const f of out.failures) warnings.push(`${name}, ${f.id}: ${f.reason}`);
      const t = tableFromExtraction(`${opts.images} [${name}]`, cases, out);
      const table: CsvTable = {
        source: t.source,
        columns: ['id', ...t.columns],
        rows: t.ids.map((id, r) => [id, ...t.values.map((v) => String(v[r]))]),
      };
      perSequence.set(name, lookupOf(table, 'id'));
    });
  }
  const featureSource = rad.features.map((f) => {
    const own = perSequence.get(f.sequence);
    if (own) {
      if (!own.table.columns.includes(f.column)) throw new Error(`${own.source}: no column '${f.column}'; the model needs the ${f.sequence} feature '${f.column}'`);
      return { lookup: own, column: f.column };
    }
    for (const l of plain) {
      if (l.table.columns.includes(f.name)) return { lookup: l, column: f.name };
      if (!rad.prefixed_names && l.table.columns.includes(f.column)) return { lookup: l, column: f.column };
    }
    throw new Error(
      `feature '${f.name}' (sequence ${f.sequence}, column ${f.column}) is in none of the feature tables ` +
        `(${[...perSequence.values(), ...plain].map((l) => l.source).join(', ') || 'none given'}); ` +
        (rad.prefixed_names ? `give ${f.sequence}'s table as --features ${f.sequence}=F.csv, or a table with the column '${f.name}'` : 'check the table'),
    );
  });
  const clinCols = model.clinical.map((v) => {
    if (!clinical.columns.includes(v.from)) throw new Error(`${clinical.source}: no column '${v.from}'; the nomogram needs the clinical variable '${v.name}'`);
    return stringColumn(clinical, v.from);
  });

  const outOfRange = new Map<string, string[]>();
  const noteRange = (what: string, id: string, x: number, lo: number, hi: number) => {
    if (x >= lo && x <= hi) return;
    const list = outOfRange.get(what) ?? [];
    list.push(`${id} (${x})`);
    outOfRange.set(what, list);
  };
  const nom = model.nomogram;
  const header = ['id', `radscore_${rad.model}`, `p_${rad.model}`, ...nom.scale_axes.map((a) => `points_${a.variable}`), 'nomogram_points', 'p_nomogram'];
  const rows = ids.map((id, i) => {
    let radscore = 0;
    rad.features.forEach((f, j) => {
      const { lookup, column } = featureSource[j];
      const r = lookup.ids.get(id);
      if (r === undefined) throw new Error(`${lookup.source}: no row for patient '${id}'; every patient of ${clinical.source} needs the model's features`);
      const x = parseNumber(lookup.table.rows[r][lookup.table.columns.indexOf(column)]);
      if (x === undefined || !Number.isFinite(x)) throw new Error(`${lookup.source}: patient '${id}', feature '${column}': value is missing or not a number`);
      noteRange(`feature ${f.name} (training ${f.training_min}..${f.training_max})`, id, x, f.training_min, f.training_max);
      radscore += x * f.coefficient;
    });
    radscore += rad.intercept;
    const values: Record<string, number> = { radscore };
    model.clinical.forEach((v, j) => {
      if (v.type === 'categorical') {
        const cell = (clinCols[j][i] ?? '').trim();
        const k = v.levels!.indexOf(cell);
        if (k < 0) throw new Error(`${clinical.source}: patient '${id}', column '${v.from}': '${cell}' is not one of the levels ${v.levels!.join(', ')}`);
        values[v.name] = k;
        return;
      }
      const raw = parseNumber(clinCols[j][i]);
      if (raw === undefined || !Number.isFinite(raw)) throw new Error(`${clinical.source}: patient '${id}', column '${v.from}': value is missing or not a number`);
      const x = transform[v.transform](raw);
      if (!Number.isFinite(x)) throw new Error(`${clinical.source}: patient '${id}', column '${v.from}': ${v.transform}(${raw}) is not finite`);
      noteRange(`${v.name} (training ${v.training_min}..${v.training_max})`, id, x, v.training_min, v.training_max);
      values[v.name] = x;
    });
    // linear predictor as the study computes it: intercept, then each predictor in order
    let lp = nom.intercept;
    for (const a of nom.scale_axes) lp += values[a.variable] * nom.coefficients[a.variable];
    const points = nom.scale_axes.map((a) => (a.coefficient * values[a.variable] - a.min_xbeta) * nom.sc);
    const total = points.reduce((s, p) => s + p, 0);
    return [id, radscore, 1 / (1 + Math.exp(-radscore)), ...points, total, 1 / (1 + Math.exp(-lp))];
  });
  for (const [what, list] of outOfRange) {
    warnings.push(`${what}: outside the training range for ${list.length} patient(s): ${someOf(list, 5)}; the model extrapolates there`);
  }
  return { header, rows, csv: csvText(header, rows), warnings };
}
