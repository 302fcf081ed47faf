/**
 * The batch output as a table, written and read back: a header, then one line per finished case
 * in manifest order. Columns: the manifest's own (as written), radnomo's batch columns, then the
 * extraction's diagnostics_* and features (PyRadiomics' names and order).
 *
 * Batch columns (what resume and merge read):
 *   diagnostics_Batch_Row           the case's position in the manifest (1 = first data row)
 *   diagnostics_Batch_SettingsHash  SHA-1 of diagnostics_Batch_Settings
 *   diagnostics_Batch_Settings      the settings identity (batch-settings.ts), JSON
 *   diagnostics_Batch_ImageHash     SHA-1 of the image file's bytes (of a DICOM folder's files)
 *   diagnostics_Batch_MaskHash      SHA-1 of the mask file's bytes
 * File hashes rather than PyRadiomics' voxel hashes: they also change when only the header
 * changes (spacing, origin: the features change, the voxel hash does not), and a rerun can check
 * them without decoding the images.
 *
 * When cases have different columns (shape2D skipped for a 3D ROI, a corrected-mask diagnostic),
 * the header is their union in an order that keeps every row's own column order, ties broken by
 * first appearance in manifest order (unionColumns): it depends on the rows and their order only
 * (not on --jobs, not on how a run was interrupted or sharded), and a row read back from the file
 * has its columns in its original order. A case without a column has an empty field there.
 */
import { formatNumber, toCsv } from './output.js';
import type { RowValue } from './extractor.js';
import { parseCsvRecords } from './batch-csv.js';

export const BATCH_COLUMNS = [
  'diagnostics_Batch_Row',
  'diagnostics_Batch_SettingsHash',
  'diagnostics_Batch_Settings',
  'diagnostics_Batch_ImageHash',
  'diagnostics_Batch_MaskHash',
] as const;

/** One finished case of a batch output. */
export interface BatchTableRow {
  /** Position in the manifest (1 = first data row). */
  row: number;
  /** The manifest's cells, as written. */
  cells: string[];
  settingsHash: string;
  settingsText: string;
  imageHash: string;
  maskHash: string;
  /** The extraction's columns (diagnostics, features), in the case's own order. */
  values: Map<string, RowValue>;
}

export interface BatchTable {
  manifestColumns: string[];
  rows: BatchTableRow[];
}

/**
 * The union of the rows' columns, each row's own order kept: a topological order of "column x
 * comes right before column y in some row", ties (and, should rows ever disagree, cycles) broken by
 * first appearance in the rows as given. The result depends on the rows and their order only.
 *
 * @example
 * unionColumns([['a', 'c'], ['a', 'b', 'c']]) // ['a', 'b', 'c']
 */
export function unionColumns(rows: Iterable<Iterable<string>>): string[] {
  const rank = new Map<string, number>();
  const sequences: number[][] = [];
  const seenSequences = new Set<string>();
  for (const keys of rows) {
    const list = [...keys];
    const signature = list.join('\0');
    if (seenSequences.has(signature)) continue; // most rows share one column list
    seenSequences.add(signature);
    for (const k of list) if (!rank.has(k)) rank.set(k, rank.size);
    sequences.push(list.map((k) => rank.get(k)!));
  }
  const names = [...rank.keys()];
  const n = names.length;
  const successors: Set<number>[] = names.map(() => new Set());
  const indegree = new Int32Array(n);
  for (const s of sequences) {
    for (let i = 1; i < s.length; i++) {
      if (!successors[s[i - 1]].has(s[i])) {
        successors[s[i - 1]].add(s[i]);
        indegree[s[i]]++;
      }
    }
  }
  const placed = new Uint8Array(n);
  const out: string[] = [];
  for (let step = 0; step < n; step++) {
    // Columns are numbered by first appearance, so the first free one found has the lowest rank.
    let pick = -1;
    for (let v = 0; v < n && pick < 0; v++) if (!placed[v] && indegree[v] === 0) pick = v;
    for (let v = 0; v < n && pick < 0; v++) if (!placed[v]) pick = v; // a cycle: rows disagree
    placed[pick] = 1;
    out.push(names[pick]);
    for (const w of successors[pick]) indegree[w]--;
  }
  return out;
}

/** The output's text: header and rows, in the order given (manifest order). */
export function batchTableCsv(table: BatchTable): string {
  const columns = [...table.manifestColumns, ...BATCH_COLUMNS, ...unionColumns(table.rows.map((r) => r.values.keys()))];
  const maps = table.rows.map((r) => {
    const m = new Map<string, RowValue>();
    table.manifestColumns.forEach((c, i) => m.set(c, r.cells[i]));
    m.set('diagnostics_Batch_Row', String(r.row));
    m.set('diagnostics_Batch_SettingsHash', r.settingsHash);
    m.set('diagnostics_Batch_Settings', r.settingsText);
    m.set('diagnostics_Batch_ImageHash', r.imageHash);
    m.set('diagnostics_Batch_MaskHash', r.maskHash);
    for (const [k, v] of r.values) m.set(k, v);
    return m;
  });
  return toCsv(maps, columns);
}

/** A field's value as the extractor had it: diagnostics stay text, features become numbers again. */
function parseValue(column: string, text: string): RowValue {
  if (column.startsWith('diagnostics_')) return text;
  if (text === 'nan') return NaN;
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  const x = Number(text);
  return Number.isNaN(x) || formatNumber(x) !== text ? text : x;
}

/**
 * Read a batch output (or a part) back. `source` names it in errors. Throws when the file is not
 * a radnomo batch output (no batch columns).
 */
export function parseBatchTable(text: string, source: string): BatchTable {
  const { records } = parseCsvRecords(text, source);
  if (records.length === 0) throw new Error(`${source}: the file is empty; it is not a radnomo batch output.`);
  const header = records[0].fields;
  const start = header.indexOf(BATCH_COLUMNS[0]);
  if (start < 0 || BATCH_COLUMNS.some((c, i) => header[start + i] !== c)) {
    throw new Error(`${source}: not a radnomo batch output (its header lacks the ${BATCH_COLUMNS.join(', ')} columns). Give a file written by radnomo extract --batch, or another --out.`);
  }
  const manifestColumns = header.slice(0, start);
  const featureStart = start + BATCH_COLUMNS.length;
  const rows: BatchTableRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const { fields, line } = records[r];
    if (fields.length !== header.length) {
      throw new Error(`${source}:${line}: the line has ${fields.length} fields but the header has ${header.length}; the file is damaged (extract again, or remove the line).`);
    }
    const row = Number(fields[start]);
    if (!Number.isSafeInteger(row) || row < 1) throw new Error(`${source}:${line}: diagnostics_Batch_Row '${fields[start]}' is not a row number; the file is damaged.`);
    const values = new Map<string, RowValue>();
    for (let i = featureStart; i < header.length; i++) {
      if (fields[i] !== '') values.set(header[i], parseValue(header[i], fields[i]));
    }
    rows.push({
      row,
      cells: fields.slice(0, start),
      settingsHash: fields[start + 1],
      settingsText: fields[start + 2],
      imageHash: fields[start + 3],
      maskHash: fields[start + 4],
      values,
    });
  }
  return { manifestColumns, rows };
}

/** A case that failed, as the errors file lists it. */
export interface BatchCaseError {
  row: number;
  case: string;
  /** The file at fault, when one is ('' otherwise). */
  file: string;
  message: string;
}

const ERROR_COLUMNS = ['row', 'case', 'file', 'message'];

/** The errors file's text (`<out>.errors.csv`): row, case, file, message, in row order. */
export function errorsCsv(errors: readonly BatchCaseError[]): string {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  return toCsv(sorted.map((e) => new Map<string, RowValue>([['row', String(e.row)], ['case', e.case], ['file', e.file], ['message', e.message]])), ERROR_COLUMNS);
}

/** Read an errors file back. */
export function parseErrorsCsv(text: string, source: string): BatchCaseError[] {
  const { records } = parseCsvRecords(text, source);
  if (records.length === 0 || records[0].fields.join(',') !== ERROR_COLUMNS.join(',')) {
    throw new Error(`${source}: not a radnomo batch errors file (its header is not ${ERROR_COLUMNS.join(',')}).`);
  }
  return records.slice(1).map(({ fields, line }) => {
    const row = Number(fields[0]);
    if (fields.length !== 4 || !Number.isSafeInteger(row)) throw new Error(`${source}:${line}: not a row of a batch errors file; the file is damaged.`);
    return { row, case: fields[1], file: fields[2], message: fields[3] };
  });
}
