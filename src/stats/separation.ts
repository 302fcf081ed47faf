/**
 * Detection of (quasi-)complete separation in logistic regression by linear programming.
 *
 * The maximum-likelihood estimate of a logistic model is finite iff no direction β ≠ 0 (with
 * Xβ ≠ 0) satisfies s_i·x_iᵀβ ≥ 0 for every row, s_i = 2y_i − 1 (Albert & Anderson 1984,
 * Biometrika 71:1-10). Following Konis (2007, "Linear programming algorithms for detecting
 * separated data in binary logistic regression models", DPhil thesis, Oxford; the method of R's
 * safeBinaryRegression / detectseparation), we solve
 *     maximise Σ_i s_i x_iᵀβ  subject to  s_i x_iᵀβ ≥ 0 for all i,  −1 ≤ β_j ≤ 1,
 * whose optimum is 0 exactly when the data are not separated. A second LP, maximise t subject to
 * s_i x_iᵀβ ≥ t and the same box, tells complete separation (t > 0: every row strictly on its
 * side) from quasi-complete separation. The solver is a dense simplex
 * with Bland's rule (the constraints are degenerate at the origin, where Bland's rule avoids
 * cycling); problems here are small (n ≤ a few thousand rows, p ≤ a few dozen columns).
 */
import type { Design } from './design.js';

export interface SeparationResult {
  separated: boolean;
  /** 'complete': every row is strictly on its side; 'quasi': some rows lie on the boundary. */
  kind: 'none' | 'complete' | 'quasi';
  /** A separating direction on the original column scale (zero when not separated). */
  direction: Float64Array;
  /** Columns whose estimates diverge along the separating direction. */
  infiniteColumns: string[];
  /** Rows predicted perfectly (s_i x_iᵀβ > 0) along the direction, 0-based. */
  separatedRows: number[];
}

const TOL = 1e-9;

/**
 * Dense simplex for max cᵀz subject to A z ≤ b, z ≥ 0, with b ≥ 0 (the origin is feasible), by
 * Bland's rule. A is row-major m×k. Returns z and the optimum.
 */
function simplexMax(A: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number): { z: Float64Array; value: number } {
  const cols = k + m + 1;
  const rhs = cols - 1;
  const T = new Float64Array((m + 1) * cols);
  for (let r = 0; r < m; r++) {
    for (let j = 0; j < k; j++) T[r * cols + j] = A[r * k + j];
    T[r * cols + k + r] = 1;
    T[r * cols + rhs] = b[r];
  }
  const obj = m * cols;
  for (let j = 0; j < k; j++) T[obj + j] = -c[j];
  const basis = new Int32Array(m);
  for (let r = 0; r < m; r++) basis[r] = k + r;
  const maxPivots = 50 * (m + cols);
  for (let it = 0; it < maxPivots; it++) {
    let e = -1;
    for (let j = 0; j < cols - 1; j++) {
      if (T[obj + j] < -TOL) {
        e = j;
        break;
      }
    }
    if (e < 0) break;
    let leave = -1;
    let best = Infinity;
    for (let r = 0; r < m; r++) {
      const v = T[r * cols + e];
      if (v > TOL) {
        const ratio = T[r * cols + rhs] / v;
        if (ratio < best - 1e-15 || (Math.abs(ratio - best) <= 1e-15 && basis[r] < basis[leave])) {
          best = ratio;
          leave = r;
        }
      }
    }
    if (leave < 0) break;
    const pr = leave * cols;
    const pv = T[pr + e];
    for (let j = 0; j < cols; j++) T[pr + j] /= pv;
    for (let r = 0; r <= m; r++) {
      if (r === leave) continue;
      const f = T[r * cols + e];
      if (f === 0) continue;
      const rr = r * cols;
      for (let j = 0; j < cols; j++) T[rr + j] -= f * T[pr + j];
    }
    basis[leave] = e;
  }
  const z = new Float64Array(k);
  for (let r = 0; r < m; r++) if (basis[r] < k) z[basis[r]] = T[r * cols + rhs];
  return { z, value: T[obj + rhs] };
}

/** Checks a 0/1 outcome against a design for separation (see the file comment). */
export function detectSeparation(design: Design, y: ArrayLike<number>): SeparationResult {
  const { n, p, x } = design;
  // Scale every column to max |x| = 1 so that the tolerances mean the same for every column.
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(x[j * n + i]));
    scale[j] = m > 0 ? m : 1;
  }
  // a_i = s_i x_i / scale (row i of the constraint s_i x_iᵀβ ≥ 0); β = u − v, u, v ≥ 0
  const a = (i: number, j: number) => ((y[i] === 1 ? 1 : -1) * x[j * n + i]) / scale[j];
  const nv = 2 * p;
  const margin = (beta: Float64Array, i: number) => {
    let s = 0;
    for (let j = 0; j < p; j++) s += a(i, j) * beta[j];
    return s;
  };
  // LP 1: max Σ_i a_iᵀβ, a_iᵀβ ≥ 0, |β_j| ≤ 1 (u_j ≤ 1, v_j ≤ 1)
  const m1 = n + nv;
  const A1 = new Float64Array(m1 * nv);
  const b1 = new Float64Array(m1);
  const c1 = new Float64Array(nv);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      A1[i * nv + j] = -a(i, j);
      A1[i * nv + p + j] = a(i, j);
      c1[j] += a(i, j);
      c1[p + j] -= a(i, j);
    }
  }
  for (let k = 0; k < nv; k++) {
    A1[(n + k) * nv + k] = 1;
    b1[n + k] = 1;
  }
  const lp1 = simplexMax(A1, b1, c1, m1, nv);
  const beta = new Float64Array(p);
  for (let j = 0; j < p; j++) beta[j] = lp1.z[j] - lp1.z[p + j];
  const separatedRows: number[] = [];
  for (let i = 0; i < n; i++) if (margin(beta, i) > 1e-7) separatedRows.push(i);
  const separated = lp1.value > 1e-7 && separatedRows.length > 0;
  if (!separated) {
    return { separated: false, kind: 'none', direction: new Float64Array(p), infiniteColumns: [], separatedRows: [] };
  }
  // LP 2: max t with a_iᵀβ ≥ t for all i, |β_j| ≤ 1, t ≤ 1: complete separation iff t > 0
  const k2 = nv + 1;
  const m2 = n + nv + 1;
  const A2 = new Float64Array(m2 * k2);
  const b2 = new Float64Array(m2);
  const c2 = new Float64Array(k2);
  c2[nv] = 1;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      A2[i * k2 + j] = -a(i, j);
      A2[i * k2 + p + j] = a(i, j);
    }
    A2[i * k2 + nv] = 1;
  }
  for (let k = 0; k < nv; k++) {
    A2[(n + k) * k2 + k] = 1;
    b2[n + k] = 1;
  }
  A2[(n + nv) * k2 + nv] = 1;
  b2[n + nv] = 1;
  const lp2 = simplexMax(A2, b2, c2, m2, k2);
  const complete = lp2.value > 1e-7;
  const dir = new Float64Array(p);
  if (complete) for (let j = 0; j < p; j++) dir[j] = lp2.z[j] - lp2.z[p + j];
  else dir.set(beta);
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (margin(dir, i) > 1e-7) rows.push(i);
  const direction = new Float64Array(p);
  const infiniteColumns: string[] = [];
  for (let j = 0; j < p; j++) {
    direction[j] = dir[j] / scale[j];
    if (Math.abs(dir[j]) > 1e-7 && design.termOfColumn[j] !== -1) infiniteColumns.push(design.columnNames[j]);
  }
  return { separated: true, kind: complete ? 'complete' : 'quasi', direction, infiniteColumns, separatedRows: rows };
}
