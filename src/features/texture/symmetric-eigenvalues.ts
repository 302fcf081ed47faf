/**
 * Eigenvalues of a real symmetric matrix (for GLCM's MCC): Householder reduction to tridiagonal
 * form, then implicit symmetric QR steps with Wilkinson shifts on the tridiagonal matrix
 * (Golub & Van Loan, Matrix Computations, 4th ed., algorithms 8.3.1 and 8.3.2-8.3.3). About
 * 4/3 n^3 flops for the reduction and O(n^2) for the iteration.
 */

/**
 * Eigenvalues, ascending, of the symmetric n x n row-major matrix `a` (overwritten). Only the
 * lower triangle (with the diagonal) is read.
 * @example symmetricEigenvalues(Float64Array.from([2, 1, 1, 2]), 2) // [1, 3]
 */
export function symmetricEigenvalues(a: Float64Array, n: number): Float64Array {
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(n - 1, 0));
  tridiagonalize(a, n, d, e);
  tridiagonalQr(d, e);
  return d.sort();
}

/**
 * Householder tridiagonalisation working on the lower triangle: diagonal into d, subdiagonal into
 * e. Step k: v, beta with (I - beta v v^T) a(k+1:, k) = alpha e_1; p = beta A22 v;
 * w = p - (beta p.v / 2) v; A22 -= v w^T + w v^T.
 */
function tridiagonalize(a: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  const v = new Float64Array(n);
  const w = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) norm2 += a[i * n + k] * a[i * n + k];
    if (norm2 === 0) continue;
    const x0 = a[(k + 1) * n + k];
    const alpha = x0 > 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    for (let i = k + 1; i < n; i++) v[i] = a[i * n + k];
    v[k + 1] -= alpha;
    let vv = 0;
    for (let i = k + 1; i < n; i++) vv += v[i] * v[i];
    const beta = 2 / vv;
    // p = A22 v from the lower triangle: each stored a_ij (j < i) serves row i and row j
    w.fill(0, k + 1);
    for (let i = k + 1; i < n; i++) {
      const row = i * n;
      const vi = v[i];
      let s = 0;
      for (let j = k + 1; j < i; j++) {
        const aij = a[row + j];
        s += aij * v[j];
        w[j] += aij * vi;
      }
      w[i] += s + a[row + i] * vi;
    }
    let pv = 0;
    for (let i = k + 1; i < n; i++) {
      w[i] *= beta;
      pv += w[i] * v[i];
    }
    const half = (beta * pv) / 2;
    for (let i = k + 1; i < n; i++) w[i] -= half * v[i];
    for (let i = k + 1; i < n; i++) {
      const row = i * n;
      const vi = v[i];
      const wi = w[i];
      for (let j = k + 1; j <= i; j++) a[row + j] -= vi * w[j] + wi * v[j];
    }
    a[(k + 1) * n + k] = alpha;
  }
  for (let i = 0; i < n; i++) d[i] = a[i * n + i];
  for (let i = 0; i < n - 1; i++) e[i] = a[(i + 1) * n + i];
}

/** Eigenvalues of the symmetric tridiagonal matrix (d diagonal, e off-diagonal) into d. */
function tridiagonalQr(d: Float64Array, e: Float64Array): void {
  const n = d.length;
  const eps = Number.EPSILON;
  let m = n - 1;
  let iterations = 0;
  while (m > 0) {
    // deflate from the bottom
    if (Math.abs(e[m - 1]) <= eps * (Math.abs(d[m - 1]) + Math.abs(d[m]))) {
      e[m - 1] = 0;
      m--;
      continue;
    }
    // the unreduced block l..m
    let l = m - 1;
    while (l > 0 && Math.abs(e[l - 1]) > eps * (Math.abs(d[l - 1]) + Math.abs(d[l]))) l--;
    if (l > 0) e[l - 1] = 0;
    if (++iterations > 50 * n) throw new Error(`symmetric eigenvalues: no convergence for a ${n} x ${n} matrix`);
    // Wilkinson shift: the eigenvalue of the trailing 2 x 2 block nearer to d[m]
    const delta = (d[m - 1] - d[m]) / 2;
    const b = e[m - 1];
    const mu = d[m] - (b * b) / (delta + (delta >= 0 ? 1 : -1) * Math.sqrt(delta * delta + b * b));
    // chase the bulge down with Givens rotations G = [c -s; s c]: T <- G^T T G
    let x = d[l] - mu;
    let z = e[l];
    for (let k = l; k < m; k++) {
      const r = Math.sqrt(x * x + z * z); // entries are O(1) here: no overflow guard needed
      const c = r === 0 ? 1 : x / r;
      const s = r === 0 ? 0 : z / r;
      if (k > l) e[k - 1] = r;
      const dk = d[k];
      const ek = e[k];
      const dk1 = d[k + 1];
      d[k] = c * c * dk + 2 * c * s * ek + s * s * dk1;
      d[k + 1] = s * s * dk - 2 * c * s * ek + c * c * dk1;
      e[k] = c * s * (dk1 - dk) + (c * c - s * s) * ek;
      if (k < m - 1) {
        z = s * e[k + 1];
        e[k + 1] *= c;
        x = e[k];
      }
    }
  }
}
