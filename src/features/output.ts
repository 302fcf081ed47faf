/**
 * Writing extraction rows: CSV (a header, then one line per row) or JSON (one object per row).
 * Numbers are written as the shortest text that reads back as the same float64 (ECMAScript
 * Number::toString), NaN as 'nan' in CSV (as PyRadiomics' CSV and pandas) and null in JSON.
 * Files are written whole or not at all: to a temporary file beside the target, then renamed.
 */
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type OutputValue = number | string;
export type OutputRow = ReadonlyMap<string, OutputValue>;

/** Shortest round-trip text of a number; nan / inf / -inf for the non-finite ones. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return String(x);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The columns of several rows: the first row's order, then any new column in order of appearance. */
export function columnsOf(rows: readonly OutputRow[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of r.keys()) seen.add(k);
  return [...seen];
}

/** CSV text (RFC 4180 quoting, '\n' line ends) with a header line; a missing value is an empty field. */
export function toCsv(rows: readonly OutputRow[], columns: readonly string[] = columnsOf(rows)): string {
  const lines = [columns.map(csvField).join(',')];
  for (const r of rows) {
    lines.push(columns.map((c) => {
      const v = r.get(c);
      return v === undefined ? '' : csvField(typeof v === 'number' ? formatNumber(v) : v);
    }).join(','));
  }
  return lines.join('\n') + '\n';
}

/** JSON text of one row (an object), or of several (an array of objects); non-finite numbers become null. */
export function toJson(rows: readonly OutputRow[]): string {
  const objects = rows.map((r) => {
    const parts: string[] = [];
    for (const [k, v] of r) {
      const value = typeof v === 'number' ? (Number.isFinite(v) ? formatNumber(v) : 'null') : JSON.stringify(v);
      parts.push(`  ${JSON.stringify(k)}: ${value}`);
    }
    return `{\n${parts.join(',\n')}\n}`;
  });
  return (objects.length === 1 ? objects[0] : `[\n${objects.join(',\n')}\n]`) + '\n';
}

/** Write text to `path` atomically: a temporary file in the same folder, then rename over the target. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* nothing to clean */ }
    throw new Error(`${path}: cannot write the output (${(e as NodeJS.ErrnoException).code ?? String(e)}); check that the folder exists and is writable.`);
  }
}
