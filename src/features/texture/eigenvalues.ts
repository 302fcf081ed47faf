/**
 * Eigenvalues of a real, general (non-symmetric) square matrix, for GLCM's MCC (PyRadiomics takes
 * numpy.linalg.eigvals of a matrix that is not symmetric once its epsilon is added).
 *
 * The textbook route (Golub & Van Loan, Matrix Computations, 4th ed.: balancing 7.5.7,
 * Householder reduction to Hessenberg form 7.4.3, Francis implicit double-shift QR 7.5.5 with
 * deflation when a subdiagonal entry is negligible against its diagonal neighbours and
 * exceptional shifts when an eigenvalue is slow to converge). Real pairs of a 2 x 2 block are
 * split stably: with p = (a - d) / 2, z = p + sign(p) sqrt(p^2 + bc), the eigenvalues are d + z and
 * d - bc / z. Cost about 10 n^3 flops.
 */

export interface Eigenvalues {
  re: Float64Array;
  im: Float64Array;
}

/**
 * Eigenvalues of the n x n row-major matrix `a` (which is overwritten). Order is unspecified.
 * @example eigenvalues(Float64Array.from([2, 0, 0, 3]), 2) // re {2, 3}, im {0, 0}
 */
export function eigenvalues(a: Float64Array, n: number): Eigenvalues {
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  if (n === 0) return { re, im };
  balance(a, n);
  toHessenberg(a, n);
  hessenbergQr(a, n, re, im);
  return { re, im };
}

/** Scale rows and columns by powers of 2 (exact) until row and column norms are comparable. */
function balance(a: Float64Array, n: number): void {
  const radix = 2;
  const sq = radix * radix;
  let converged = false;
  while (!converged) {
    converged = true;
    for (let i = 0; i < n; i++) {
      let c = 0;
      let r = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        c += Math.abs(a[j * n + i]);
        r += Math.abs(a[i * n + j]);
      }
      if (c === 0 || r === 0) continue;
      const s = c + r;
      let f = 1;
      let g = r / radix;
      while (c < g) {
        f *= radix;
        c *= sq;
      }
      g = r * radix;
      while (c > g) {
        f /= radix;
        c /= sq;
      }
      if ((c + r) / f < 0.95 * s) {
        converged = false;
        const inv = 1 / f;
        for (let j = 0; j < n; j++) a[i * n + j] *= inv;
        for (let j = 0; j < n; j++) a[j * n + i] *= f;
      }
    }
  }
}

/** Householder similarity transforms that zero everything below the first subdiagonal. */
function toHessenberg(a: Float64Array, n: number): void {
  const v = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    let scale = 0;
    for (let i = k + 1; i < n; i++) scale += Math.abs(a[i * n + k]);
    if (scale === 0) continue;
    let h = 0;
    for (let i = k + 1; i < n; i++) {
      v[i] = a[i * n + k] / scale;
      h += v[i] * v[i];
    }
    const g = v[k + 1] > 0 ? -Math.sqrt(h) : Math.sqrt(h);
    h -= v[k + 1] * g; // = (v^T v) / 2 after the update below
    v[k + 1] -= g;
    // A <- (I - v v^T / h) A on rows k+1..n-1
    for (let j = k; j < n; j++) {
      let f = 0;
      for (let i = k + 1; i < n; i++) f += v[i] * a[i * n + j];
      f /= h;
      for (let i = k + 1; i < n; i++) a[i * n + j] -= f * v[i];
    }
    // A <- A (I - v v^T / h) on columns k+1..n-1
    for (let i = 0; i < n; i++) {
      let f = 0;
      for (let j = k + 1; j < n; j++) f += v[j] * a[i * n + j];
      f /= h;
      for (let j = k + 1; j < n; j++) a[i * n + j] -= f * v[j];
    }
    a[(k + 1) * n + k] = scale * g;
    for (let i = k + 2; i < n; i++) a[i * n + k] = 0;
  }
}

/** Francis double-shift QR on an upper Hessenberg matrix; eigenvalues into re/im. */
function hessenbergQr(h: Float64Array, n: number, re: Float64Array, im: Float64Array): void {
  const eps = Number.EPSILON;
  let norm = 0;
  for (let i = 0; i < n; i++) for (let j = Math.max(i - 1, 0); j < n; j++) norm += Math.abs(h[i * n + j]);
  const H = (i: number, j: number) => h[i * n + j];
  let hi = n - 1;
  let iter = 0;
  let totalIter = 0;
  while (hi >= 0) {
    // look for a negligible subdiagonal entry
    let l = hi;
    while (l > 0) {
      let s = Math.abs(H(l - 1, l - 1)) + Math.abs(H(l, l));
      if (s === 0) s = norm;
      if (Math.abs(H(l, l - 1)) < eps * s) {
        h[l * n + l - 1] = 0;
        break;
      }
      l--;
    }
    if (l === hi) {
      re[hi] = H(hi, hi);
      im[hi] = 0;
      hi--;
      iter = 0;
      continue;
    }
    if (l === hi - 1) {
      twoByTwo(H(hi - 1, hi - 1), H(hi - 1, hi), H(hi, hi - 1), H(hi, hi), re, im, hi - 1);
      hi -= 2;
      iter = 0;
      continue;
    }
    iter++;
    totalIter++;
    if (totalIter > 60 * n) throw new Error(`eigenvalues: QR iteration did not converge for a ${n} x ${n} matrix`);
    // shifts: the trailing 2 x 2 block's eigenvalues, or an exceptional pair when convergence stalls
    let s: number;
    let t: number;
    if (iter % 11 === 10) {
      // ad hoc pair of complex shifts around h(hi, hi) (EISPACK hqr's exceptional shift)
      const w = Math.abs(H(hi, hi - 1)) + Math.abs(H(hi - 1, hi - 2));
      const c = H(hi, hi) + 0.75 * w;
      s = 2 * c;
      t = c * c + 0.4375 * w * w;
    } else {
      const m = hi - 1;
      s = H(m, m) + H(hi, hi);
      t = H(m, m) * H(hi, hi) - H(m, hi) * H(hi, m);
    }
    francisStep(h, n, l, hi, s, t);
  }
}

/** One implicit double-shift step on the active block rows/columns l..hi (eigenvalues only). */
function francisStep(h: Float64Array, n: number, l: number, hi: number, s: number, t: number): void {
  const h00 = h[l * n + l];
  const h10 = h[(l + 1) * n + l];
  let x = h00 * h00 + h[l * n + l + 1] * h10 - s * h00 + t;
  let y = h10 * (h00 + h[(l + 1) * n + l + 1] - s);
  let z = h10 * h[(l + 2) * n + l + 1];
  for (let k = l; k <= hi - 2; k++) {
    // reflector P = I - 2 v v^T / (v^T v) with P [x y z]^T = [alpha 0 0]^T
    const nrm = Math.hypot(x, y, z);
    if (nrm !== 0) {
      const alpha = x > 0 ? -nrm : nrm;
      const v0 = x - alpha, v1 = y, v2 = z;
      const beta = 2 / (v0 * v0 + v1 * v1 + v2 * v2);
      const c0 = Math.max(l, k - 1);
      for (let j = c0; j <= hi; j++) {
        const r0 = k * n + j, r1 = r0 + n, r2 = r1 + n;
        const f = beta * (v0 * h[r0] + v1 * h[r1] + v2 * h[r2]);
        h[r0] -= f * v0;
        h[r1] -= f * v1;
        h[r2] -= f * v2;
      }
      const rEnd = Math.min(k + 3, hi);
      for (let i = l; i <= rEnd; i++) {
        const b = i * n + k;
        const f = beta * (v0 * h[b] + v1 * h[b + 1] + v2 * h[b + 2]);
        h[b] -= f * v0;
        h[b + 1] -= f * v1;
        h[b + 2] -= f * v2;
      }
    }
    x = h[(k + 1) * n + k];
    y = h[(k + 2) * n + k];
    if (k < hi - 2) z = h[(k + 3) * n + k];
  }
  // last 2-element reflector on rows/columns hi-1, hi
  const k = hi - 1;
  const nrm = Math.hypot(x, y);
  if (nrm !== 0) {
    const alpha = x > 0 ? -nrm : nrm;
    const v0 = x - alpha, v1 = y;
    const beta = 2 / (v0 * v0 + v1 * v1);
    for (let j = Math.max(l, k - 1); j <= hi; j++) {
      const r0 = k * n + j, r1 = r0 + n;
      const f = beta * (v0 * h[r0] + v1 * h[r1]);
      h[r0] -= f * v0;
      h[r1] -= f * v1;
    }
    for (let i = l; i <= hi; i++) {
      const b = i * n + k;
      const f = beta * (v0 * h[b] + v1 * h[b + 1]);
      h[b] -= f * v0;
      h[b + 1] -= f * v1;
    }
  }
}

/** Eigenvalues of [[a, b], [c, d]] into re/im at k and k + 1. */
function twoByTwo(a: number, b: number, c: number, d: number, re: Float64Array, im: Float64Array, k: number): void {
  const p = 0.5 * (a - d);
  const bc = b * c;
  const disc = p * p + bc;
  if (disc >= 0) {
    const z = p + (p >= 0 ? Math.sqrt(disc) : -Math.sqrt(disc));
    re[k] = d + z;
    re[k + 1] = z === 0 ? d : d - bc / z;
    im[k] = 0;
    im[k + 1] = 0;
  } else {
    const mid = 0.5 * (a + d);
    const w = Math.sqrt(-disc);
    re[k] = mid;
    re[k + 1] = mid;
    im[k] = w;
    im[k + 1] = -w;
  }
}
