/**
 * Joining the parts of a sharded batch (`radnomo extract --batch ... --shard K/N`) into one
 * output, as if the batch had run in one go: rows sorted by their manifest row
 * (diagnostics_Batch_Row), columns united as extractBatch unites them, so that the merged file is
 * byte-identical to an unsharded run's. Parts made with other settings, or of another manifest, are
 * refused, naming the part and what differs. Each part's `<part>.errors.csv`, when present, is
 * joined into the merged errors list.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseBatchTable, parseErrorsCsv, type BatchCaseError, type BatchTable, type BatchTableRow } from './batch-table.js';
import { settingsDifferences } from './batch-settings.js';

export interface MergeResult {
  table: BatchTable;
  errors: BatchCaseError[];
  /** Manifest rows (between 1 and the last row seen) in no part and in no errors file: a part may be missing. */
  missingRows: number[];
}

/** Merge parts already read (`name` labels each in messages). */
export function mergeBatchTables(parts: { name: string; table: BatchTable; errors?: BatchCaseError[] }[]): MergeResult {
  if (parts.length === 0) throw new Error('merge: give at least one part');
  const first = parts[0];
  let reference: { name: string; row: BatchTableRow } | undefined;
  const byRow = new Map<number, { name: string; row: BatchTableRow }>();
  for (const part of parts) {
    const cols = part.table.manifestColumns;
    if (cols.join('\0') !== first.table.manifestColumns.join('\0')) {
      throw new Error(`${part.name}: its manifest columns (${cols.join(', ')}) differ from those of ${first.name} (${first.table.manifestColumns.join(', ')}); merge parts of one manifest.`);
    }
    for (const row of part.table.rows) {
      if (!reference) reference = { name: part.name, row };
      if (row.settingsHash !== reference.row.settingsHash) {
        const diff = settingsDifferences(reference.row.settingsText, row.settingsText);
        throw new Error(`${part.name} was made with other settings than ${reference.name} (row ${row.row} vs row ${reference.row.row}): `
          + `${diff.join('; ')} (${reference.name} first). Extract every part with the same params, or merge only parts that agree.`);
      }
      const seen = byRow.get(row.row);
      if (seen) {
        throw new Error(`manifest row ${row.row} is in both ${seen.name} and ${part.name}; each case belongs to one part (were two parts made with the same --shard, or one part given twice?).`);
      }
      byRow.set(row.row, { name: part.name, row });
    }
  }
  const rows = [...byRow.values()].map((v) => v.row).sort((a, b) => a.row - b.row);

  const errorByRow = new Map<number, BatchCaseError>();
  for (const part of parts) {
    for (const e of part.errors ?? []) {
      if (!byRow.has(e.row) && !errorByRow.has(e.row)) errorByRow.set(e.row, e);
    }
  }
  const errors = [...errorByRow.values()].sort((a, b) => a.row - b.row);

  const last = Math.max(0, ...rows.map((r) => r.row), ...errors.map((e) => e.row));
  const missingRows: number[] = [];
  for (let r = 1; r <= last; r++) if (!byRow.has(r) && !errorByRow.has(r)) missingRows.push(r);
  return { table: { manifestColumns: first.table.manifestColumns, rows }, errors, missingRows };
}

/** Read and merge part files; each part's `<part>.errors.csv` is read when it exists. */
export function mergeBatchFiles(paths: string[]): MergeResult {
  return mergeBatchTables(paths.map((path) => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new Error(`${path}: cannot read this part (${(e as NodeJS.ErrnoException).code ?? String(e)}); check the path.`);
    }
    const errorsFile = `${path}.errors.csv`;
    return {
      name: path,
      table: parseBatchTable(text, path),
      errors: existsSync(errorsFile) ? parseErrorsCsv(readFileSync(errorsFile, 'utf8'), errorsFile) : undefined,
    };
  }));
}
