/**
 * Pearson's chi-square test of independence for an r × c table of counts, as R's
 * chisq.test(table, correct): E = row sum · column sum / n, X² = Σ (O − E)²/E,
 * df = (r − 1)(c − 1), p = P(χ²_df > X²). With correct = TRUE on a 2 × 2 table, Yates'
 * correction X² = Σ (|O − E| − Y)²/E with Y = min(½, min |O − E|) (R applies it only to 2 × 2).
 * R warns "Chi-squared approximation may be incorrect" when any E < 5.
 *
 * Source: R stats::chisq.test.
 */
import { pchisq } from './distributions.js';

export interface ChisqResult {
  chisq: number;
  df: number;
  p: number;
  /** expected counts, row-major r × c */
  expected: number[][];
  minExpected: number;
  nCellsExpectedLt5: number;
  /** R's warnings */
  warnings: string[];
}

function checkTable(table: number[][], what: string): { r: number; c: number } {
  const r = table.length;
  if (r < 2) throw new RangeError(`${what}: the table has ${r} row(s); at least 2 are needed`);
  const c = table[0].length;
  if (c < 2) throw new RangeError(`${what}: the table has ${c} column(s); at least 2 are needed`);
  for (let i = 0; i < r; i++) {
    if (table[i].length !== c) throw new RangeError(`${what}: row ${i + 1} has ${table[i].length} cells, expected ${c}`);
    for (let j = 0; j < c; j++) {
      const v = table[i][j];
      if (!Number.isFinite(v) || v < 0) throw new RangeError(`${what}: cell [${i + 1}, ${j + 1}] is ${v}; counts must be finite and >= 0`);
    }
  }
  return { r, c };
}

/** Pearson chi-square (correct = false) or Yates-corrected on 2 × 2 tables (correct = true). */
export function chisqTest(table: number[][], correct = false, label?: string): ChisqResult {
  const what = label ? `chi-square test (${label})` : 'chi-square test';
  const { r, c } = checkTable(table, what);
  const rs = new Float64Array(r);
  const cs = new Float64Array(c);
  let n = 0;
  for (let i = 0; i < r; i++)
    for (let j = 0; j < c; j++) {
      rs[i] += table[i][j];
      cs[j] += table[i][j];
      n += table[i][j];
    }
  for (let i = 0; i < r; i++) if (rs[i] === 0) throw new RangeError(`${what}: row ${i + 1} is empty (all counts 0); drop empty levels first`);
  for (let j = 0; j < c; j++) if (cs[j] === 0) throw new RangeError(`${what}: column ${j + 1} is empty (all counts 0); drop empty groups first`);
  const expected: number[][] = [];
  let minE = Infinity;
  let lt5 = 0;
  for (let i = 0; i < r; i++) {
    const row: number[] = [];
    for (let j = 0; j < c; j++) {
      const e = (rs[i] * cs[j]) / n;
      row.push(e);
      if (e < minE) minE = e;
      if (e < 5) lt5++;
    }
    expected.push(row);
  }
  let yates = 0;
  if (correct && r === 2 && c === 2) {
    yates = 0.5;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) yates = Math.min(yates, Math.abs(table[i][j] - expected[i][j]));
  }
  let chisq = 0;
  for (let i = 0; i < r; i++)
    for (let j = 0; j < c; j++) {
      const d = correct && r === 2 && c === 2 ? Math.abs(table[i][j] - expected[i][j]) - yates : table[i][j] - expected[i][j];
      chisq += (d * d) / expected[i][j];
    }
  const df = (r - 1) * (c - 1);
  return {
    chisq,
    df,
    p: pchisq(chisq, df, false),
    expected,
    minExpected: minE,
    nCellsExpectedLt5: lt5,
    warnings: lt5 > 0 ? ['Chi-squared approximation may be incorrect'] : [],
  };
}
