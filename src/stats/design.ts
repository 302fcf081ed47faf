/**
 * Design matrices for regression models with named terms, as R's model.matrix builds them
 * with treatment contrasts: an intercept column "(Intercept)", one column per numeric term
 * (named after the term), and for a factor one 0/1 column per non-reference level, named
 * term + level ("etiologyHCV"), the reference level being the first of `levels`.
 *
 * @example
 *   const d = buildDesign([{ name: 'alb', values: [40, 35] },
 *                          { name: 'sex', values: ['F', 'M'], levels: ['F', 'M'] }]);
 *   d.columnNames; // ['(Intercept)', 'alb', 'sexM']
 */

export interface NumericTerm {
  name: string;
  values: ArrayLike<number>;
}

export interface FactorTerm {
  name: string;
  values: ArrayLike<string>;
  /** All levels; the first is the reference (treatment contrasts). */
  levels: readonly string[];
}

export type Term = NumericTerm | FactorTerm;

export function isFactorTerm(t: Term): t is FactorTerm {
  return (t as FactorTerm).levels !== undefined;
}

export interface Design {
  n: number;
  p: number;
  /** Column-major n×p matrix. */
  x: Float64Array;
  columnNames: string[];
  /** Index into termNames for every column; -1 for the intercept. */
  termOfColumn: number[];
  termNames: string[];
  /** Whether a term is a factor (its columns form one block in Wald tests and GVIF). */
  termIsFactor: boolean[];
  hasIntercept: boolean;
  /** Optional labels of the rows (patient ids) used in error messages. */
  rowLabels?: readonly string[];
}

/** Names a row for an error message: its label when given, else its 1-based number. */
export function rowName(i: number, labels?: readonly string[]): string {
  return labels && labels[i] !== undefined ? `row ${i + 1} (${labels[i]})` : `row ${i + 1}`;
}

/**
 * Builds the design matrix. Throws a clear error for a missing or non-finite value (naming
 * the term and row), a factor value outside its levels, terms of unequal length, or a
 * duplicate term name.
 */
export function buildDesign(
  terms: readonly Term[],
  opts: { intercept?: boolean; rowLabels?: readonly string[]; n?: number } = {},
): Design {
  const intercept = opts.intercept ?? true;
  const n = terms.length ? terms[0].values.length : (opts.n ?? 0);
  if (!terms.length && opts.n === undefined) throw new Error('buildDesign: no terms and no row count given');
  const seen = new Set<string>();
  const columnNames: string[] = [];
  const termOfColumn: number[] = [];
  const cols: Float64Array[] = [];
  if (intercept) {
    columnNames.push('(Intercept)');
    termOfColumn.push(-1);
    cols.push(new Float64Array(n).fill(1));
  }
  terms.forEach((t, ti) => {
    if (seen.has(t.name)) throw new Error(`model term '${t.name}' is given twice`);
    seen.add(t.name);
    if (t.values.length !== n) {
      throw new Error(`model term '${t.name}' has ${t.values.length} values but the first term has ${n}`);
    }
    if (isFactorTerm(t)) {
      if (t.levels.length < 2) throw new Error(`factor '${t.name}' needs at least 2 levels (has ${t.levels.length})`);
      const index = new Map<string, number>();
      t.levels.forEach((l, k) => index.set(l, k));
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const v = t.values[i];
        const k = v === undefined || v === null ? undefined : index.get(String(v));
        if (k === undefined) {
          throw new Error(
            `factor '${t.name}', ${rowName(i, opts.rowLabels)}: value ${v === '' || v == null ? '(missing)' : JSON.stringify(v)} ` +
              `is not one of its levels ${JSON.stringify(t.levels)}; remove the row or fix the value`,
          );
        }
        codes[i] = k;
      }
      for (let k = 1; k < t.levels.length; k++) {
        const c = new Float64Array(n);
        for (let i = 0; i < n; i++) c[i] = codes[i] === k ? 1 : 0;
        cols.push(c);
        columnNames.push(t.name + t.levels[k]);
        termOfColumn.push(ti);
      }
    } else {
      const c = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = t.values[i];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new Error(
            `variable '${t.name}', ${rowName(i, opts.rowLabels)}: value is ${v === undefined || v === null || Number.isNaN(v) ? 'missing' : String(v)}; ` +
              'remove the row or impute the value before fitting',
          );
        }
        c[i] = v;
      }
      cols.push(c);
      columnNames.push(t.name);
      termOfColumn.push(ti);
    }
  });
  const p = cols.length;
  const x = new Float64Array(n * p);
  cols.forEach((c, j) => x.set(c, j * n));
  return {
    n,
    p,
    x,
    columnNames,
    termOfColumn,
    termNames: terms.map((t) => t.name),
    termIsFactor: terms.map(isFactorTerm),
    hasIntercept: intercept,
    rowLabels: opts.rowLabels,
  };
}

/** The rows `rows` of a design (for bootstrap and cross-validation refits). */
export function designRows(d: Design, rows: ArrayLike<number>): Design {
  const m = rows.length;
  const x = new Float64Array(m * d.p);
  for (let j = 0; j < d.p; j++) {
    const src = j * d.n;
    const dst = j * m;
    for (let i = 0; i < m; i++) x[dst + i] = d.x[src + rows[i]];
  }
  return {
    ...d,
    n: m,
    x,
    rowLabels: d.rowLabels ? Array.from(rows as ArrayLike<number>, (r) => d.rowLabels![r]) : undefined,
  };
}

/** Linear predictor x·β for every row. */
export function linearPredictor(d: Design, beta: ArrayLike<number>, offset?: ArrayLike<number>): Float64Array {
  const eta = new Float64Array(d.n);
  if (offset) for (let i = 0; i < d.n; i++) eta[i] = offset[i];
  for (let j = 0; j < d.p; j++) {
    const b = beta[j];
    if (b === 0) continue;
    const c = j * d.n;
    for (let i = 0; i < d.n; i++) eta[i] += d.x[c + i] * b;
  }
  return eta;
}

/** The design restricted to the columns `cols` (in that order). */
export function designColumns(d: Design, cols: readonly number[]): Design {
  const x = new Float64Array(d.n * cols.length);
  cols.forEach((c, k) => x.set(d.x.subarray(c * d.n, (c + 1) * d.n), k * d.n));
  return {
    ...d,
    p: cols.length,
    x,
    columnNames: cols.map((c) => d.columnNames[c]),
    termOfColumn: cols.map((c) => d.termOfColumn[c]),
    hasIntercept: cols.some((c) => d.termOfColumn[c] === -1),
  };
}
