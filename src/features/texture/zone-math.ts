/**
 * Sums shared by the run, zone and dependence classes (GLRLM, GLSZM, GLDM): marginal sums over grey
 * levels i (values) and a second axis j (run lengths, zone sizes, dependence counts).
 */
const EPS = Number.EPSILON;

/**
 * The columns of an n x width count matrix (row-major) that hold a count, and the matrix without
 * the others (PyRadiomics removes the zone sizes / dependence counts that never occur).
 */
export function nonEmptyColumns(counts: Float64Array, n: number, width: number): { columns: number[]; p: Float64Array } {
  const columns: number[] = [];
  for (let c = 0; c < width; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += counts[i * width + c];
    if (total !== 0) columns.push(c);
  }
  const nc = columns.length;
  const p = new Float64Array(n * nc);
  for (let i = 0; i < n; i++) for (let c = 0; c < nc; c++) p[i * nc + c] = counts[i * width + columns[c]];
  return { columns, p };
}

/** sum v^2 */
export function sumSq(v: Float64Array): number {
  let t = 0;
  for (let k = 0; k < v.length; k++) t += v[k] * v[k];
  return t;
}

/** sum_k v[k] w(values[k]) */
export function weighted(v: Float64Array, values: Float64Array, w: (x: number) => number): number {
  let t = 0;
  for (let k = 0; k < v.length; k++) t += v[k] * w(values[k]);
  return t;
}

/** Variance of `values` under the weights v / total: sum (v/total)(x - mu)^2, mu = sum (v/total) x. */
export function variance(v: Float64Array, total: number, values: Float64Array): number {
  let mu = 0;
  for (let k = 0; k < v.length; k++) mu += (v[k] / total) * values[k];
  let t = 0;
  for (let k = 0; k < v.length; k++) t += (v[k] / total) * (values[k] - mu) ** 2;
  return t;
}

/** sum_ij P(i, j) w(i, j) for an n x m matrix with row values `rows` and column values `cols`. */
export function joint(p: Float64Array, rows: Float64Array, cols: Float64Array, w: (i: number, j: number) => number): number {
  const m = cols.length;
  let t = 0;
  for (let a = 0; a < rows.length; a++) {
    for (let b = 0; b < m; b++) {
      const v = p[a * m + b];
      if (v !== 0) t += v * w(rows[a], cols[b]);
    }
  }
  return t;
}

/** -sum (P / total) log2(P / total + eps) */
export function entropyOf(p: Float64Array, total: number): number {
  let h = 0;
  for (let k = 0; k < p.length; k++) {
    const q = p[k] / total;
    if (q !== 0) h -= q * Math.log2(q + EPS);
  }
  return h;
}

// The weights of `weighted` and `joint` (i: grey level, j: run length, zone size or dependence
// count) as module-level functions, not closures written inside each formula: V8 holds the
// optimised code of a closure made per call only weakly, and compiled these again after each full
// collection.
export const identityOf = (x: number): number => x;
export const squareOf = (x: number): number => x * x;
export const inverseSquareOf = (x: number): number => 1 / (x * x);
/** i^2 j^2 (large j, high grey level). */
export const largeHigh = (i: number, j: number): number => i * i * (j * j);
/** j^2 / i^2. */
export const largeLow = (i: number, j: number): number => (j * j) / (i * i);
/** i^2 / j^2. */
export const smallHigh = (i: number, j: number): number => (i * i) / (j * j);
/** 1 / (i^2 j^2). */
export const smallLow = (i: number, j: number): number => 1 / (i * i * (j * j));
