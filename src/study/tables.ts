/**
 * Study tables read from CSV: the clinical table and feature tables (radnomo's or PyRadiomics'
 * output), each keyed by a patient id column. Duplicate or missing ids are errors naming the file,
 * the id and its lines; feature columns are the numeric columns (PyRadiomics' `diagnostics_*`,
 * `Image`, `Mask` and other text columns are left out, and said so).
 */
import { readFileSync } from 'node:fs';
import { parseCsv, type CsvTable } from '../stats/csv.js';
import { someOf } from './text-list.js';

/** One feature table: values per column, aligned with `ids`. NaN marks a missing value. */
export interface FeatureTable {
  /** File (or description) the values came from. */
  source: string;
  ids: string[];
  columns: string[];
  values: Float64Array[];
  /** Notes for the study's warnings (skipped text columns, ...). */
  notes: string[];
  /** Patients whose row could not be produced (failed extraction), with the reason. */
  failures?: { id: string; reason: string }[];
}

const cache = new Map<string, CsvTable>();

/** Reads a CSV file once per process run (several sequences may share a file). */
export function readCsvFile(path: string, label = path): CsvTable {
  const hit = cache.get(path);
  if (hit) return hit;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`${label}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the path in the study file`);
  }
  const table = parseCsv(text, label);
  cache.set(path, table);
  return table;
}

/** Forget cached tables (tests that rewrite files between runs). */
export function clearTableCache(): void {
  cache.clear();
}

/**
 * The id column as strings; an empty id or an id that appears twice is an error naming the
 * file, the id and the lines (line 1 is the header).
 */
export function idColumn(table: CsvTable, idName: string): string[] {
  const k = table.columns.indexOf(idName);
  if (k < 0) {
    throw new Error(`${table.source}: no id column '${idName}' (columns: ${someOf(table.columns, 12)}); set \`id:\` in the study file`);
  }
  const ids: string[] = [];
  const seen = new Map<string, number>();
  const dups: string[] = [];
  table.rows.forEach((r, i) => {
    const v = r[k];
    if (v === null || v.trim() === '') throw new Error(`${table.source}: line ${i + 2} has no id in column '${idName}'; every row needs a patient id`);
    const id = v.trim();
    const first = seen.get(id);
    if (first !== undefined) dups.push(`'${id}' on lines ${first + 2} and ${i + 2}`);
    else seen.set(id, i);
    ids.push(id);
  });
  if (dups.length) {
    throw new Error(`${table.source}: duplicate patient ids: ${dups.slice(0, 5).join('; ')}${dups.length > 5 ? ` (and ${dups.length - 5} more)` : ''}; each patient must appear once`);
  }
  return ids;
}

/** A cell as a number: NaN for missing / nan / NA, ±Infinity for inf; undefined when it is text. */
export function parseNumber(s: string | null): number | undefined {
  if (s === null) return NaN;
  const t = s.trim();
  if (t === '' || t === 'NA' || t === 'nan' || t === 'NaN') return NaN;
  if (t === 'inf' || t === 'Inf' || t === '+inf') return Infinity;
  if (t === '-inf' || t === '-Inf') return -Infinity;
  const v = Number(t);
  return Number.isNaN(v) ? undefined : v;
}

export interface FeatureColumnRule {
  id: string;
  /** Explicit feature columns (every one must exist and be numeric). */
  columns?: readonly string[];
  /** Columns never taken as features. */
  exclude?: readonly string[];
  /** Keep only the rows whose cells equal these values (a table of several sequences). */
  where?: Readonly<Record<string, string>>;
}

/** The rows of a table whose cells equal the given values (e.g. {sequence: 't1'}). */
export function filterRows(table: CsvTable, where: Readonly<Record<string, string>>): CsvTable {
  const tests = Object.entries(where).map(([c, v]) => {
    const k = table.columns.indexOf(c);
    if (k < 0) throw new Error(`${table.source}: no column '${c}' (named in \`where\`)`);
    return [k, v] as const;
  });
  const rows = table.rows.filter((r) => tests.every(([k, v]) => (r[k] ?? '').trim() === v));
  if (!rows.length) throw new Error(`${table.source}: no row has ${Object.entries(where).map(([c, v]) => `${c} = '${v}'`).join(' and ')}`);
  return { ...table, rows, source: `${table.source} [${Object.entries(where).map(([c, v]) => `${c}=${v}`).join(', ')}]` };
}

/**
 * The feature table of a CSV: explicit `columns`, or every column but the id, the excluded ones,
 * `diagnostics_*` and the columns holding text.
 */
export function featureTableFromCsv(csv: CsvTable, rule: FeatureColumnRule): FeatureTable {
  const table = rule.where ? filterRows(csv, rule.where) : csv;
  const ids = idColumn(table, rule.id);
  const notes: string[] = [];
  const excluded = new Set([rule.id, ...(rule.exclude ?? []), ...Object.keys(rule.where ?? {})]);
  let candidates: string[];
  if (rule.columns) {
    for (const c of rule.columns) {
      if (!table.columns.includes(c)) throw new Error(`${table.source}: no feature column '${c}' (listed in the study file's \`columns\`)`);
    }
    candidates = [...rule.columns];
  } else {
    candidates = table.columns.filter((c) => !excluded.has(c) && !c.startsWith('diagnostics_'));
  }
  const columns: string[] = [];
  const values: Float64Array[] = [];
  const textColumns: string[] = [];
  for (const c of candidates) {
    const k = table.columns.indexOf(c);
    const col = new Float64Array(table.rows.length);
    let text: { line: number; value: string } | null = null;
    for (let i = 0; i < table.rows.length && !text; i++) {
      const v = parseNumber(table.rows[i][k]);
      if (v === undefined) text = { line: i + 2, value: table.rows[i][k] as string };
      else col[i] = v;
    }
    if (text) {
      if (rule.columns) throw new Error(`${table.source}: line ${text.line}, column '${c}': '${text.value}' is not a number; a feature column holds numbers (empty or nan for missing)`);
      textColumns.push(c);
      continue;
    }
    columns.push(c);
    values.push(col);
  }
  if (textColumns.length) {
    notes.push(`${table.source}: ${textColumns.length} column(s) holding text are not features: ${someOf(textColumns, 6)}`);
  }
  if (!columns.length) throw new Error(`${table.source}: no numeric feature column found; check the file or list the feature \`columns\` in the study file`);
  return { source: table.source, ids, columns, values, notes };
}
