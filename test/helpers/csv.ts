/**
 * CSV text as rows of fields, for tests that read reference tables (PyRadiomics' baseline and
 * output tables, IBSI reference values) and the CSV files radnomo writes: RFC 4180 quoting
 * (fields may hold commas, line breaks and doubled quotes), \n, \r\n or \r line ends. Every field
 * stays text; no header handling. (src/stats/csv.ts is the library's reader, with missing values
 * and column checks.)
 *
 * @example
 * parseCsv('a,"b, c"\r\n1,2\r\n') // [['a', 'b, c'], ['1', '2']]
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      rows.push(row); row = [];
    } else field += c;
  }
  if (field.length > 0 || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}
