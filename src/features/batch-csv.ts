/**
 * CSV records as text, for the batch's manifests, outputs and parts: RFC 4180 fields (double
 * quotes, "" inside quotes, separators and line breaks inside quotes), \n or \r\n line ends, an
 * optional byte-order mark. Every field stays the exact text written (no NA handling, no number
 * parsing), so that a row read back and written again with output.ts's toCsv gives the same bytes.
 *
 * @example
 * parseCsvRecords('Image,Mask\na.nrrd,"b, c.nrrd"\n', 'manifest.csv').records[1].fields
 * // ['a.nrrd', 'b, c.nrrd']
 */

export interface CsvRecord {
  fields: string[];
  /** Line of the file where the record starts (1-based), for messages. */
  line: number;
}

/** Parse CSV text into records; blank lines are skipped. `source` names the file in errors. */
export function parseCsvRecords(text: string, source: string): { records: CsvRecord[] } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 0;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const endRecord = (): void => {
    fields.push(field);
    field = '';
    if (!(fields.length === 1 && fields[0] === '')) records.push({ fields, line: recordLine });
    fields = [];
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
      quoteLine = line;
      i++;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error(`${source}:${quoteLine}: a quoted field is never closed (a '"' is missing); fix the quotes in the file.`);
  if (field !== '' || fields.length > 0) endRecord();
  return { records };
}
