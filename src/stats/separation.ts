/**
 * Detection of (quasi-)complete separation in logistic regression by linear programming.
 *
 * The maximum-likelihood estimate of a logistic model is finite iff no direction β ≠ 0 (with
 * Xβ ≠ 0) satisfies s_i·x_iᵀβ ≥ 0 for every row, s_i = 2y_i − 1 (Albert & Anderson 1984,
 * Biometrika 71:1-10). Following Konis (2007, "Linear programming algorithms for detecting
 * separated data in binary logistic regression models", DPhil thesis, Oxford; the method of R's
 * safeBinaryRegression / detectseparation), we solve
 *     maximise Σ_i s_i x_iᵀβ  subject to  s_i x_iᵀβ ≥ 0 for all i,  −1 ≤ β_j ≤ 1,
 * whose optimum is 0 exactly when the data are not separated. The solver is a dense simplex
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
  // a_i = s_i x_i / scale (row i of the constraint s_i x_iᵀβ ≥ 0)
  const a = (i: number, j: number) => ((y[i] === 1 ? 1 : -1) * x[j * n + i]) / scale[j];
  const nv = 2 * p; // u_j, v_j with β = u − v
  const m = n + nv; // n separation rows, then u_j ≤ 1 and v_j ≤ 1
  const cols = nv + m + 1;
  const T = new Float64Array((m + 1) * cols);
  const rhs = cols - 1;
  for (let i = 0; i < n; i++) {
    const r = i * cols;
    for (let j = 0; j < p; j++) {
      const aij = a(i, j);
      T[r + j] = -aij; // −a_iᵀ(u − v) ≤ 0
      T[r + p + j] = aij;
    }
    T[r + nv + i] = 1;
  }
  for (let k = 0; k < nv; k++) {
    const r = (n + k) * cols;
    T[r + k] = 1;
    T[r + nv + n + k] = 1;
    T[r + rhs] = 1;
  }
  // objective row (last): reduced costs −c for maximisation of cᵀ(u − v), c_j = Σ_i a_ij
  const obj = m * cols;
  for (let j = 0; j < p; j++) {
    let c = 0;
    for (let i = 0; i < n; i++) c += a(i, j);
    T[obj + j] = -c;
    T[obj + p + j] = c;
  }
  const basis = new Int32Array(m);
  for (let r = 0; r < m; r++) basis[r] = nv + r;
  const maxPivots = 50 * (m + cols);
  for (let it = 0; it < maxPivots; it++) {
    // Bland: entering = smallest index with negative reduced cost
    let e = -1;
    for (let j = 0; j < cols - 1; j++) {
      if (T[obj + j] < -TOL) {
        e = j;
        break;
      }
    }
    if (e < 0) break;
    // ratio test, ties -> smallest basis index
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
    if (leave < 0) break; // unbounded cannot happen with the box, but stay safe
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
  const sol = new Float64Array(nv);
  for (let r = 0; r < m; r++) if (basis[r] < nv) sol[basis[r]] = T[r * cols + rhs];
  const beta = new Float64Array(p);
  for (let j = 0; j < p; j++) beta[j] = sol[j] - sol[p + j];
  const objective = T[obj + rhs];
  const separatedRows: number[] = [];
  let allStrict = true;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += a(i, j) * beta[j];
    if (s > 1e-7) separatedRows.push(i);
    else allStrict = false;
  }
  const separated = objective > 1e-7 && separatedRows.length > 0;
  const direction = new Float64Array(p);
  const infiniteColumns: string[] = [];
  if (separated) {
    for (let j = 0; j < p; j++) {
      direction[j] = beta[j] / scale[j];
      if (Math.abs(beta[j]) > 1e-7) infiniteColumns.push(design.columnNames[j]);
    }
  }
  return {
    separated,
    kind: separated ? (allStrict ? 'complete' : 'quasi') : 'none',
    direction,
    infiniteColumns,
    separatedRows: separated ? separatedRows : [],
  };
}
