/**
 * A batch manifest in PyRadiomics' batch format (pyradiomics docs, "Usage: batch mode"): a CSV
 * with a header, one case per row, the columns `Image` and `Mask` (paths), optionally `Label`
 * (the mask value of the ROI for that case); every other column is an identifier copied to the
 * output as it is written. radnomo also accepts the lower-case headers image, mask, label.
 * Relative paths are resolved against the manifest's folder, as PyRadiomics does.
 *
 * A problem with the manifest as a whole (unreadable, no Image column) is an error; a problem
 * with one row (empty path, bad label, wrong number of fields) is kept on that row, so that the
 * batch reports it as a failed case and goes on.
 *
 * @example
 * const m = readManifest('study/manifest.csv');
 * m.rows[0].image // 'study/images/P001.nii.gz' for a cell 'images/P001.nii.gz'
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { parseCsvRecords, type CsvRecord } from './batch-csv.js';

/** One case of a batch: where its files are, and the manifest's cells as written. */
export interface BatchRow {
  /** Position in the manifest: 1 for the first data row. */
  row: number;
  /** Line of the manifest file where the row starts, for messages. */
  line: number;
  /** Every manifest column of this row, in the manifest's order, as written (Image and Mask included). */
  cells: string[];
  /** The case's name for messages and the errors file: its identifier cells joined by '/', or `row N`. */
  case: string;
  /** Image path, resolved against the manifest's folder. */
  image: string;
  /** Mask path, resolved against the manifest's folder. */
  mask: string;
  /** The manifest's folder (relative paths start there), for messages about missing files. */
  manifestDir: string;
  /** The row's Label, when the manifest has one for it (it overrides the params' label, as in PyRadiomics). */
  label?: number;
  /** Why this row cannot be extracted (a manifest problem); such a row fails without being read. */
  problem?: string;
}

export interface Manifest {
  /** The manifest file, as given. */
  source: string;
  /** Column names in file order. */
  columns: string[];
  rows: BatchRow[];
}

/** Column roles: the accepted spellings of the three special columns. */
const SPECIAL = { image: ['Image', 'image'], mask: ['Mask', 'mask'], label: ['Label', 'label'] } as const;

/** Read a manifest file; relative paths in it start from its folder. */
export function readManifest(path: string): Manifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`${path}: cannot read the manifest (${(e as NodeJS.ErrnoException).code ?? String(e)}); check the path.`);
  }
  return parseManifest(text, path, dirname(path));
}

/** Parse manifest text; `baseDir` is the folder relative paths start from. */
export function parseManifest(text: string, source: string, baseDir: string): Manifest {
  const { records } = parseCsvRecords(text, source);
  if (records.length === 0) throw new Error(`${source}: the manifest is empty; it needs a header line with Image and Mask columns, then one line per case.`);
  return manifestFromRecords(records[0].fields, records.slice(1), source, baseDir);
}

/**
 * A manifest from cells already in memory (a library caller's table): `columns` as a header,
 * `rows` as its lines (line numbers in messages count the header as line 1).
 *
 * @example
 * manifestFromTable(['id', 'Image', 'Mask'], [['P1', 'a.nrrd', 'a_mask.nrrd']], '/data', 'cohort')
 */
export function manifestFromTable(columns: string[], rows: string[][], baseDir: string, source = 'manifest'): Manifest {
  return manifestFromRecords(columns, rows.map((fields, i) => ({ fields, line: i + 2 })), source, baseDir);
}

function manifestFromRecords(columns: string[], records: CsvRecord[], source: string, baseDir: string): Manifest {
  checkHeader(columns, source);
  const find = (names: readonly string[]) => columns.findIndex((c) => names.includes(c));
  const imageAt = find(SPECIAL.image);
  const maskAt = find(SPECIAL.mask);
  const labelAt = find(SPECIAL.label);
  const idAt = columns.map((_, i) => i).filter((i) => i !== imageAt && i !== maskAt && i !== labelAt);

  const rows: BatchRow[] = [];
  for (let r = 0; r < records.length; r++) {
    const { fields, line } = records[r];
    const cells = columns.map((_, i) => fields[i] ?? '');
    const ids = idAt.map((i) => cells[i]).filter((v) => v !== '');
    const row: BatchRow = {
      row: r + 1,
      line,
      cells,
      case: ids.length > 0 ? ids.join('/') : `row ${r + 1}`,
      image: resolvePath(cells[imageAt], baseDir),
      mask: resolvePath(cells[maskAt], baseDir),
      manifestDir: baseDir,
    };
    const at = `${source}:${line}`;
    if (fields.length !== columns.length) {
      row.problem = `${at}: the line has ${fields.length} field(s) but the header has ${columns.length}; fix the line (quote fields that contain commas).`;
    } else if (cells[imageAt].trim() === '' || cells[maskAt].trim() === '') {
      row.problem = `${at}: the ${cells[imageAt].trim() === '' ? columns[imageAt] : columns[maskAt]} cell is empty; give the file's path.`;
    } else if (labelAt >= 0 && cells[labelAt].trim() !== '') {
      const text = cells[labelAt].trim();
      const label = Number(text);
      if (!/^\d+$/.test(text) || !Number.isSafeInteger(label) || label <= 0) {
        row.problem = `${at}: ${columns[labelAt]} '${cells[labelAt]}' is not a label; a label is an integer > 0 (the mask value of the ROI), or empty for the params' label.`;
      } else {
        row.label = label;
      }
    }
    rows.push(row);
  }
  return { source, columns, rows };
}

function resolvePath(cell: string, baseDir: string): string {
  const p = cell.trim();
  return p === '' || isAbsolute(p) ? p : join(baseDir, p);
}

function checkHeader(columns: string[], source: string): void {
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) throw new Error(`${source}:1: the column '${c}' appears twice; give each column its own name.`);
    seen.add(c);
  }
  for (const [role, names] of Object.entries(SPECIAL)) {
    const present = columns.filter((c) => (names as readonly string[]).includes(c));
    if (present.length > 1) {
      throw new Error(`${source}:1: both '${present[0]}' and '${present[1]}' columns; keep one ${role} column.`);
    }
    if (present.length === 0) {
      const near = columns.find((c) => c.trim().toLowerCase() === role);
      if (near !== undefined) {
        throw new Error(`${source}:1: the column '${near}' is not read as the ${role} column; name it ${names[0]} (or ${names[1]}).`);
      }
      if (role !== 'label') {
        throw new Error(`${source}:1: no ${names[0]} column (columns: ${columns.join(', ')}). A manifest has the columns Image and Mask (paths, relative to the manifest's folder), optionally Label, and any identifier columns.`);
      }
    }
  }
  for (const c of columns) {
    if (c.startsWith('diagnostics_')) {
      throw new Error(`${source}:1: the column '${c}' would clash with radnomo's diagnostics columns in the output; rename it.`);
    }
  }
}
