/**
 * Small dense linear algebra on Float64Array for the model fits (logistic IRLS, Firth, VIF,
 * Wald tests). Matrices are column-major: element (i, j) of an n×p matrix is a[j * n + i].
 * Sizes here are tiny (p ≤ a few dozen), so clarity wins over blocking; all accumulation is
 * float64. Nothing throws on rounding noise: a factorisation that fails reports it, and the
 * caller names the model term that caused it.
 */

/** Result of a Householder QR of an n×p matrix (n ≥ p), as LINPACK dqrdc stores it. */
export interface QR {
  n: number;
  p: number;
  /** Householder vectors below the diagonal, R on and above (column-major n×p). */
  qr: Float64Array;
  /** Scalars of the Householder reflections. */
  tau: Float64Array;
  /**
   * Column j is (numerically) a linear combination of earlier columns: |R_jj| is below
   * tol × the column's norm. Such a column makes the fit unidentifiable.
   */
  deficient: number[];
}

/**
 * Householder QR without pivoting (Golub & Van Loan, Matrix Computations, 4th ed., Alg. 5.2.1).
 * Rank deficiency is detected, not repaired: a column whose remaining norm after projecting
 * out the earlier columns is below `tol` times its original norm is listed in `deficient`
 * (R's lm uses tol = 1e-7 in dqrdc2 for the same purpose).
 */
export function qrDecompose(a: Float64Array, n: number, p: number, tol = 1e-7): QR {
  if (n < p) throw new Error(`qrDecompose: ${n} rows < ${p} columns`);
  const qr = Float64Array.from(a.subarray(0, n * p));
  const tau = new Float64Array(p);
  const deficient: number[] = [];
  for (let j = 0; j < p; j++) {
    const cj = j * n;
    let orig = 0;
    for (let i = 0; i < n; i++) orig += a[cj + i] * a[cj + i];
    orig = Math.sqrt(orig);
    let norm = 0;
    for (let i = j; i < n; i++) norm += qr[cj + i] * qr[cj + i];
    norm = Math.sqrt(norm);
    if (norm <= tol * orig || norm === 0) {
      deficient.push(j);
      tau[j] = 0;
      continue;
    }
    const alpha = qr[cj + j] > 0 ? -norm : norm;
    const v0 = qr[cj + j] - alpha;
    // v = (x_j - alpha e_j) / v0, so v_j = 1; tau = -v0 / alpha
    for (let i = j + 1; i < n; i++) qr[cj + i] /= v0;
    tau[j] = -v0 / alpha;
    qr[cj + j] = alpha;
    for (let k = j + 1; k < p; k++) {
      const ck = k * n;
      let s = qr[ck + j];
      for (let i = j + 1; i < n; i++) s += qr[cj + i] * qr[ck + i];
      s *= tau[j];
      qr[ck + j] -= s;
      for (let i = j + 1; i < n; i++) qr[ck + i] -= s * qr[cj + i];
    }
  }
  return { n, p, qr, tau, deficient };
}

/** Applies Qᵀ to a vector of length n in place. */
export function qrQtMultiply(f: QR, b: Float64Array): void {
  const { n, p, qr, tau } = f;
  for (let j = 0; j < p; j++) {
    if (tau[j] === 0) continue;
    const cj = j * n;
    let s = b[j];
    for (let i = j + 1; i < n; i++) s += qr[cj + i] * b[i];
    s *= tau[j];
    b[j] -= s;
    for (let i = j + 1; i < n; i++) b[i] -= s * qr[cj + i];
  }
}

/** Least-squares solution of min ‖a x − b‖ from a full-rank QR. */
export function qrSolve(f: QR, b: ArrayLike<number>): Float64Array {
  if (f.deficient.length) throw new Error('qrSolve: matrix is rank deficient');
  const { n, p, qr } = f;
  const qtb = Float64Array.from(b as ArrayLike<number>);
  if (qtb.length !== n) throw new Error('qrSolve: length mismatch');
  qrQtMultiply(f, qtb);
  const x = new Float64Array(p);
  for (let j = p - 1; j >= 0; j--) {
    let s = qtb[j];
    for (let k = j + 1; k < p; k++) s -= qr[k * n + j] * x[k];
    x[j] = s / qr[j * n + j];
  }
  return x;
}

/** (RᵀR)⁻¹ = (aᵀa)⁻¹ from the R factor of a full-rank QR (R's chol2inv). Column-major p×p. */
export function qrUnscaledCovariance(f: QR): Float64Array {
  const { n, p, qr } = f;
  // Rinv upper triangular
  const rinv = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    rinv[j * p + j] = 1 / qr[j * n + j];
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += qr[k * n + i] * rinv[j * p + k];
      rinv[j * p + i] = -s / qr[i * n + i];
    }
  }
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let s = 0;
      for (let k = j; k < p; k++) s += rinv[k * p + i] * rinv[k * p + j];
      out[j * p + i] = s;
      out[i * p + j] = s;
    }
  }
  return out;
}

/**
 * Cholesky factor L (lower, column-major p×p) of a symmetric matrix, or null when the matrix
 * is not numerically positive definite (a pivot ≤ tol × the largest diagonal entry).
 */
export function cholesky(a: ArrayLike<number>, p: number, tol = 1e-13): Float64Array | null {
  const l = new Float64Array(p * p);
  let maxDiag = 0;
  for (let j = 0; j < p; j++) maxDiag = Math.max(maxDiag, Math.abs(a[j * p + j]));
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j];
    for (let k = 0; k < j; k++) d -= l[k * p + j] * l[k * p + j];
    if (!(d > tol * maxDiag)) return null;
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[j * p + i];
      for (let k = 0; k < j; k++) s -= l[k * p + i] * l[k * p + j];
      l[j * p + i] = s / ljj;
    }
  }
  return l;
}

/** Solves (L Lᵀ) x = b for a Cholesky factor L. */
export function choleskySolve(l: Float64Array, p: number, b: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(b as ArrayLike<number>);
  for (let i = 0; i < p; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= l[k * p + i] * x[k];
    x[i] = s / l[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < p; k++) s -= l[i * p + k] * x[k];
    x[i] = s / l[i * p + i];
  }
  return x;
}

/** Inverse of a symmetric positive-definite matrix, or null when it is not positive definite. */
export function spdInverse(a: ArrayLike<number>, p: number): Float64Array | null {
  const l = cholesky(a, p);
  if (!l) return null;
  const out = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    out.set(choleskySolve(l, p, e), j * p);
  }
  return out;
}

/** log-determinant of a symmetric positive-definite matrix, or NaN when it is not positive definite. */
export function spdLogDet(a: ArrayLike<number>, p: number): number {
  if (p === 0) return 0;
  const l = cholesky(a, p, 0);
  if (!l) return NaN;
  let s = 0;
  for (let j = 0; j < p; j++) s += Math.log(l[j * p + j]);
  return 2 * s;
}

/** The square submatrix of a (p×p, column-major) on the given rows/columns. */
export function submatrix(a: ArrayLike<number>, p: number, idx: readonly number[]): Float64Array {
  const k = idx.length;
  const out = new Float64Array(k * k);
  for (let c = 0; c < k; c++) for (let r = 0; r < k; r++) out[c * k + r] = a[idx[c] * p + idx[r]];
  return out;
}

/** Quadratic form bᵀ A⁻¹ b for symmetric positive-definite A (p×p); NaN when A is singular. */
export function quadFormInverse(a: ArrayLike<number>, p: number, b: ArrayLike<number>): number {
  const l = cholesky(a, p, 0);
  if (!l) return NaN;
  const x = choleskySolve(l, p, b);
  let s = 0;
  for (let i = 0; i < p; i++) s += b[i] * x[i];
  return s;
}
