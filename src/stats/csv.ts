/**
 * A small CSV reader for study tables (cohort, clinical and feature files): RFC 4180 fields
 * (double quotes, "" inside quotes, separators and line breaks inside quotes), \n or \r\n line
 * ends, a header row. Empty cells (and R's unquoted NA) are missing values.
 *
 * Numbers are parsed with JavaScript's Number(), which reads the shortest round-trip decimal
 * strings R's write.csv produces (15 significant digits) to the same double as R's read.csv.
 */

export interface CsvTable {
  /** Column names in file order. */
  columns: string[];
  /** Rows as strings; missing cells are null. */
  rows: (string | null)[][];
  /** Where the table came from, for error messages. */
  source: string;
}

/** Parses CSV text into a header and rows of strings (null for empty cells and bare NA). */
export function parseCsv(text: string, source = 'CSV'): CsvTable {
  const records: { cells: (string | null)[]; line: number }[] = [];
  let cells: (string | null)[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // byte-order mark
  const endField = (): void => {
    cells.push(!wasQuoted && (field === '' || field === 'NA') ? null : field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = (): void => {
    endField();
    if (!(cells.length === 1 && cells[0] === null)) records.push({ cells, line: recordLine });
    cells = [];
  };
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      wasQuoted = true;
      i++;
    } else if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      endRecord();
      i += 2;
      line++;
      recordLine = line;
    } else if (c === '\n') {
      endRecord();
      i++;
      line++;
      recordLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error(`${source}: a quoted field opened on line ${recordLine} is never closed; check the quotes in the file`);
  if (field !== '' || wasQuoted || cells.length > 0) endRecord();
  if (records.length === 0) throw new Error(`${source}: the file is empty; a header row with column names is required`);
  const header = records[0].cells.map((h, k) => {
    if (h === null || h === '') throw new Error(`${source}: column ${k + 1} of the header has no name; give every column a name`);
    return h;
  });
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) throw new Error(`${source}: column name '${h}' appears twice in the header; column names must be unique`);
    seen.add(h);
  }
  const rows = records.slice(1).map((r) => {
    if (r.cells.length !== header.length) {
      throw new Error(`${source}: line ${r.line} has ${r.cells.length} fields but the header has ${header.length}; check separators and quotes on that line`);
    }
    return r.cells;
  });
  return { columns: header, rows, source };
}

/** The index of a column, or a clear error naming the file and the column. */
export function columnIndex(table: CsvTable, name: string): number {
  const k = table.columns.indexOf(name);
  if (k < 0) throw new Error(`${table.source}: no column '${name}'; the columns are ${table.columns.join(', ')}`);
  return k;
}

/** A column as strings (null for missing). */
export function stringColumn(table: CsvTable, name: string): (string | null)[] {
  const k = columnIndex(table, name);
  return table.rows.map((r) => r[k]);
}

/**
 * A column as numbers: missing cells become NaN (so callers decide what missing means); a cell
 * that is present but not a number is an error naming the file, the row and the column.
 */
export function numericColumn(table: CsvTable, name: string): Float64Array {
  const k = columnIndex(table, name);
  const out = new Float64Array(table.rows.length);
  for (let i = 0; i < table.rows.length; i++) {
    const s = table.rows[i][k];
    if (s === null) {
      out[i] = NaN;
      continue;
    }
    const t = s.trim();
    const v = t === 'Inf' ? Infinity : t === '-Inf' ? -Infinity : t === 'NaN' ? NaN : t === '' ? NaN : Number(t);
    if (Number.isNaN(v) && t !== 'NaN' && t !== '') {
      throw new Error(`${table.source}: row ${i + 1}, column '${name}': '${s}' is not a number; fix the value or leave the cell empty for missing`);
    }
    out[i] = v;
  }
  return out;
}
