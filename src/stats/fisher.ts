/**
 * Fisher's exact test for an r × c table (two-sided), as R's fisher.test(table)$p.value:
 * the sum of the probabilities of all tables with the observed margins whose probability is at
 * most the observed table's, with R's relative tolerance: P(T) ≤ P(obs)·(1 + 1e-7).
 *
 * P(T) = Π rᵢ! Π cⱼ! / (n! Π tᵢⱼ!) (the multivariate hypergeometric law of the cells given the
 * margins). Tables are enumerated column by column, each column's cells bounded by the
 * remaining row totals (for 2 × 2 this is R's dhyper support). R uses the FEXACT network
 * algorithm for r × c, which gives the same sum (Mehta & Patel 1983); plain enumeration is
 * enough for baseline tables and stops with an error beyond `maxTables`.
 *
 * Sources: R stats::fisher.test (relErr = 1 + 10^-7); Agresti (2002), Categorical Data
 * Analysis, §3.5.
 */
import { lgamma } from './special.js';

const REL_ERR = 1 + 1e-7;

export interface FisherOptions {
  /** stop with an error when more tables than this would be enumerated (default 5e6) */
  maxTables?: number;
}

/** Two-sided exact p-value of an r × c table of non-negative integer counts. */
export function fisherExact(table: number[][], opts: FisherOptions = {}, label?: string): number {
  const what = label ? `Fisher's exact test (${label})` : "Fisher's exact test";
  const r = table.length;
  const c = r > 0 ? table[0].length : 0;
  if (r < 2 || c < 2) throw new RangeError(`${what}: the table is ${r} x ${c}; at least 2 x 2 is needed`);
  for (let i = 0; i < r; i++) {
    if (table[i].length !== c) throw new RangeError(`${what}: row ${i + 1} has ${table[i].length} cells, expected ${c}`);
    for (let j = 0; j < c; j++) {
      const v = table[i][j];
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`${what}: cell [${i + 1}, ${j + 1}] is ${v}; counts must be non-negative integers`);
    }
  }
  // drop empty rows and columns (they carry no information; R drops them too)
  const rows = table.filter((row) => row.some((v) => v > 0));
  const keepCols: number[] = [];
  for (let j = 0; j < c; j++) if (rows.some((row) => row[j] > 0)) keepCols.push(j);
  const t = rows.map((row) => keepCols.map((j) => row[j]));
  const R = t.length;
  const C = keepCols.length;
  if (R < 2 || C < 2) return 1;
  const rs = t.map((row) => row.reduce((a, b) => a + b, 0));
  const cs = keepCols.map((_, j) => t.reduce((a, row) => a + row[j], 0));
  const n = rs.reduce((a, b) => a + b, 0);

  // log P(T) = K − Σ ln tᵢⱼ!  with K = Σ ln rᵢ! + Σ ln cⱼ! − ln n!
  const lfact = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) lfact[k] = lgamma(k + 1);
  let K = -lfact[n];
  for (const v of rs) K += lfact[v];
  for (const v of cs) K += lfact[v];
  let lobs = K;
  for (const row of t) for (const v of row) lobs -= lfact[v];

  const maxTables = opts.maxTables ?? 5e6;
  let count = 0;
  let p = 0;
  const remaining = rs.slice();
  const cell = new Int32Array(R);
  // enumerate columns 0..C−2 freely (within the remaining row totals); the last column is forced
  const visitColumn = (j: number, partial: number): void => {
    if (j === C - 1) {
      let lp = partial;
      for (let i = 0; i < R; i++) lp -= lfact[remaining[i]];
      count++;
      if (count > maxTables) {
        throw new RangeError(`${what}: more than ${maxTables} tables with these margins; the table is too large for exact enumeration`);
      }
      // compare on the probability scale relative to the observed table, as R's relErr
      const ratio = Math.exp(lp - lobs);
      if (ratio <= REL_ERR) p += Math.exp(lp);
      return;
    }
    fillCell(j, 0, cs[j], partial);
  };
  // distribute column j's total over rows i.. with the later rows' capacity as the bound
  const fillCell = (j: number, i: number, left: number, partial: number): void => {
    if (i === R - 1) {
      if (left > remaining[i]) return;
      cell[i] = left;
      remaining[i] -= left;
      visitColumn(j + 1, partial - lfact[left]);
      remaining[i] += left;
      return;
    }
    let capLater = 0;
    for (let k = i + 1; k < R; k++) capLater += remaining[k];
    const lo = Math.max(0, left - capLater);
    const hi = Math.min(left, remaining[i]);
    for (let v = lo; v <= hi; v++) {
      cell[i] = v;
      remaining[i] -= v;
      fillCell(j, i + 1, left - v, partial - lfact[v]);
      remaining[i] += v;
    }
  };
  visitColumn(0, K);
  return Math.min(1, p);
}
