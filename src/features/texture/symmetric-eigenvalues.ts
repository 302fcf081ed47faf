/**
 * Eigenvalues of a real symmetric matrix (for GLCM's MCC): Householder reduction to tridiagonal
 * form (Golub & Van Loan, Matrix Computations, 4th ed., algorithm 8.3.1), then either implicit
 * symmetric QR steps with Wilkinson shifts for the whole spectrum (algorithms 8.3.2-8.3.3), or
 * bisection on Sturm counts for one eigenvalue (section 8.4.1; W. Kahan, "Accurate eigenvalues
 * of a symmetric tri-diagonal matrix", 1966). About 4/3 n^3 flops for the reduction, O(n^2) for
 * QR, O(n) per bisection step.
 */

import type { HouseholderPass } from './householder-simd.js';

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
 * Householder tridiagonalisation of the symmetric n x n row-major matrix `a` (overwritten; only
 * the lower triangle is read): the diagonal into d[0..n-1], the subdiagonal into e[0..n-2]
 * (tridiagonalizeAt with its own scratch, in JavaScript).
 */
export function tridiagonalize(a: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  tridiagonalizeAt(a, 0, n, new Float64Array(4 * n), 0, d, e, 0, null);
}

/**
 * Householder tridiagonalisation of the symmetric n x n row-major matrix at a[at..] (overwritten;
 * only the lower triangle is read): the diagonal into d[dAt..dAt+n-1], the subdiagonal into
 * e[dAt..dAt+n-2]. x[xAt..xAt+4n-1] is scratch. With `pass` (./householder-simd.ts), a and x must
 * be the same array, a view of the kernel's memory from its byte 0.
 *
 * Step k: v, beta with (I - beta v v^T) a(k+1:, k) = alpha e_1; p = beta A22 v;
 * w = p - (beta p.v / 2) v; A22 -= v w^T + w v^T. The update of step k and the product A22 v of
 * step k + 1 are made in one pass over the matrix (column k + 1, which v of step k + 1 comes from,
 * is updated first): passLanes, or the kernel's pass doing the same operations in the same order
 * (two columns per SIMD instruction, two rows at a time), so both give the same numbers. Each
 * row's sum a(i, j) v_j is taken in two parts (every other column), as two SIMD lanes do: a
 * different order from one running sum, equally backward stable (Golub & Van Loan 8.3.1).
 */
export function tridiagonalizeAt(
  a: Float64Array, at: number, n: number, x: Float64Array, xAt: number, d: Float64Array, e: Float64Array, dAt: number,
  pass: HouseholderPass | null,
): void {
  if (n <= 2) {
    // already tridiagonal
    for (let i = 0; i < n; i++) d[dAt + i] = a[at + i * n + i];
    if (n === 2) e[dAt] = a[at + 2];
    return;
  }
  // v, w of the pending update (applied to rows and columns >= k at step k); vn, wn of this step:
  // element offsets in x of element 0 (entries k + 1.. are written at step k before they are read)
  let v = xAt, w = xAt + n, vn = xAt + 2 * n, wn = xAt + 3 * n;
  let pending = false;
  for (let k = 0; k < n - 2; k++) {
    // column k below the diagonal into vn and its squared norm, in one pass; when an update is
    // pending, column k (rows >= k) gets it first
    let norm2 = 0;
    if (pending) {
      const wk = x[w + k], vk = x[v + k];
      a[at + k * n + k] -= x[v + k] * wk + x[w + k] * vk;
      for (let i = k + 1; i < n; i++) {
        const c = a[at + i * n + k] - (x[v + i] * wk + x[w + i] * vk);
        a[at + i * n + k] = c;
        x[vn + i] = c;
        norm2 += c * c;
      }
    } else {
      for (let i = k + 1; i < n; i++) {
        const c = a[at + i * n + k];
        x[vn + i] = c;
        norm2 += c * c;
      }
    }
    if (norm2 === 0) {
      // no reflection at this step: the pending update goes to the rest of the matrix now
      if (pending) applyUpdate(a, at, n, k + 1, x, v, w);
      pending = false;
      continue;
    }
    const x0 = a[at + (k + 1) * n + k];
    const alpha = x0 > 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    x[vn + k + 1] -= alpha;
    let vv = 0;
    for (let i = k + 1; i < n; i++) vv += x[vn + i] * x[vn + i];
    const beta = 2 / vv;
    x.fill(0, wn + k + 1, wn + n);
    // no pending update: a zero one (a_ij - (0 * 0 + 0 * 0) is a_ij)
    if (!pending) {
      x.fill(0, v + k + 1, v + n);
      x.fill(0, w + k + 1, w + n);
    }
    if (pass) pass(8 * at, n, k, 8 * v, 8 * w, 8 * vn, 8 * wn);
    else passLanes(a, at, n, k, x, v, w, vn, wn);
    let pv = 0;
    for (let i = k + 1; i < n; i++) {
      x[wn + i] *= beta;
      pv += x[wn + i] * x[vn + i];
    }
    const half = (beta * pv) / 2;
    for (let i = k + 1; i < n; i++) x[wn + i] -= half * x[vn + i];
    a[at + (k + 1) * n + k] = alpha;
    // this step's update is now the pending one
    const tv = v, tw = w;
    v = vn;
    w = wn;
    vn = tv;
    wn = tw;
    pending = true;
  }
  if (pending) applyUpdate(a, at, n, n - 2, x, v, w);
  for (let i = 0; i < n; i++) d[dAt + i] = a[at + i * n + i];
  for (let i = 0; i < n - 1; i++) e[dAt + i] = a[at + (i + 1) * n + i];
}

/**
 * The fused pass of step k on rows and columns k+1.. (lower triangle), row by row: for j < i,
 * a_ij -= v_i w_j + w_i v_j, wn_j += a_ij vn_i, and the row's sum of a_ij vn_j in two parts
 * (columns j - k - 1 even, odd; each ascending); then a_ii likewise and
 * wn_i += (even + odd) + a_ii vn_i. Vectors: element i of v is x[v + i], and so on.
 */
function passLanes(a: Float64Array, at: number, n: number, k: number, x: Float64Array, v: number, w: number, vn: number, wn: number): void {
  for (let i = k + 1; i < n; i++) {
    const row = at + i * n;
    const ui = x[v + i], zi = x[w + i], xi = x[vn + i];
    let even = 0, odd = 0;
    let j = k + 1;
    for (; j + 1 < i; j += 2) {
      const a0 = a[row + j] - (ui * x[w + j] + zi * x[v + j]);
      a[row + j] = a0;
      even += a0 * x[vn + j];
      x[wn + j] += a0 * xi;
      const a1 = a[row + j + 1] - (ui * x[w + j + 1] + zi * x[v + j + 1]);
      a[row + j + 1] = a1;
      odd += a1 * x[vn + j + 1];
      x[wn + j + 1] += a1 * xi;
    }
    if (j < i) {
      const a0 = a[row + j] - (ui * x[w + j] + zi * x[v + j]);
      a[row + j] = a0;
      even += a0 * x[vn + j];
      x[wn + j] += a0 * xi;
    }
    const aii = a[row + i] - (ui * x[w + i] + zi * x[v + i]);
    a[row + i] = aii;
    x[wn + i] += even + odd + aii * xi;
  }
}

/** A(from:, from:) -= v w^T + w v^T on the lower triangle (vectors at offsets v, w of x). */
function applyUpdate(a: Float64Array, at: number, n: number, from: number, x: Float64Array, v: number, w: number): void {
  for (let i = from; i < n; i++) {
    const row = at + i * n;
    const vi = x[v + i];
    const wi = x[w + i];
    for (let j = from; j <= i; j++) a[row + j] -= vi * x[w + j] + wi * x[v + j];
  }
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

/**
 * The k-th smallest eigenvalue (k = 0..n-1) of the symmetric tridiagonal matrix with diagonal
 * d[0..n-1] and off-diagonal e[0..n-2] (zeros allowed: a block-diagonal matrix), by bisection on
 * Sturm counts (LAPACK dstebz / dlaebz with abstol 0). The interval [lo, hi] starts as
 * Gershgorin's, widened, and keeps count(lo) <= k < count(hi), count(x) being the number of
 * eigenvalues <= x; it is halved until lo and hi are adjacent doubles, and hi is returned.
 * Convergence is guaranteed: each step halves the interval's length (to within rounding) and
 * doubles are at least 2^-1074 apart, so it ends within ~2100 steps, usually 50-60 (far from
 * 0). Accuracy: the count is exact for a matrix within a few ulps, relatively, of each entry of
 * (d, e) (Kahan 1966; Demmel, Applied Numerical Linear Algebra, section 5.3.4), so the result is
 * within a small multiple of eps max|T| of the eigenvalue, as for QR. `near`: a value the
 * eigenvalue is likely close to (a bracket around it is tried first); the result is the same.
 */
export function tridiagonalEigenvalue(d: Float64Array, e: Float64Array, n: number, k: number, near?: number): number {
  let lo = Infinity, hi = -Infinity;
  let e2max = 0;
  for (let i = 0; i < n; i++) {
    const r = (i > 0 ? Math.abs(e[i - 1]) : 0) + (i < n - 1 ? Math.abs(e[i]) : 0);
    if (d[i] - r < lo) lo = d[i] - r;
    if (d[i] + r > hi) hi = d[i] + r;
    if (i < n - 1 && e[i] * e[i] > e2max) e2max = e[i] * e[i];
  }
  // as dstebz: the smallest pivot magnitude allowed, so that e^2 / q cannot overflow
  const pivmin = Math.max(MIN_NORMAL, MIN_NORMAL * e2max);
  const margin = 2 * Number.EPSILON * n * Math.max(Math.abs(lo), Math.abs(hi)) + 2 * pivmin;
  lo -= margin;
  hi += margin;
  if (near !== undefined) {
    // a likely value: counts at near -+ 2^-20 and near - 2^-40 |near| (one pass), and the bracket
    // narrowed to the pair of them, or to one end, that keeps count(lo) <= k < count(hi): the
    // same invariant, hence (below) the same result, in fewer steps when the guess is good
    const x1 = near - 2 ** -20 * Math.abs(near), x2 = near - 2 ** -40 * Math.abs(near), x3 = near + 2 ** -40 * Math.abs(near);
    if (lo < x1 && x1 < x2 && x2 < x3 && x3 < hi) {
      const first = firstAbove(d, e, n, x1, x2, x3, pivmin, k);
      if (first === 1) hi = x1;
      else if (first === 2) { lo = x1; hi = x2; }
      else if (first === 3) { lo = x2; hi = x3; }
      else lo = x3;
    }
  }
  // quadrisection while the quarter points are distinct: three counts per pass over the matrix
  // (independent recurrences, so their divisions overlap), two bits of the interval per pass
  // instead of one. The count is monotone in x (Demmel, Dhillon & Ren, "On the correctness of
  // some bisection-like parallel eigenvalue algorithms in floating point arithmetic", 1995:
  // the serial recurrence in IEEE arithmetic), so count(x) > k exactly from one double x on, and
  // any bracketing that ends with adjacent lo, hi ends at that x: plain bisection's result.
  for (;;) {
    const mid = lo + (hi - lo) / 2;
    const m1 = lo + (mid - lo) / 2;
    const m3 = mid + (hi - mid) / 2;
    if (!(lo < m1 && m1 < mid && mid < m3 && m3 < hi)) break;
    const first = firstAbove(d, e, n, m1, mid, m3, pivmin, k);
    if (first === 1) hi = m1;
    else if (first === 2) { lo = m1; hi = mid; }
    else if (first === 3) { lo = mid; hi = m3; }
    else lo = m3;
  }
  for (;;) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) return hi;
    if (sturmCount(d, e, n, mid, pivmin) > k) hi = mid;
    else lo = mid;
  }
}

const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * Which of x1 < x2 < x3 is the first with sturmCount > k (1, 2, 3; 0 for none): the three
 * recurrences of sturmCount run side by side, each step of each as sturmCount takes it.
 */
function firstAbove(
  d: Float64Array, e: Float64Array, n: number, x1: number, x2: number, x3: number, pivmin: number, k: number,
): number {
  let c1 = 0, c2 = 0, c3 = 0;
  let q1 = d[0] - x1, q2 = d[0] - x2, q3 = d[0] - x3;
  for (let i = 0; ; ) {
    const ei = i < n - 1 ? e[i] : 0;
    if (ei !== 0) {
      if (Math.abs(q1) < pivmin) q1 = -pivmin;
      if (Math.abs(q2) < pivmin) q2 = -pivmin;
      if (Math.abs(q3) < pivmin) q3 = -pivmin;
    }
    if (q1 <= 0) c1++;
    if (q2 <= 0) c2++;
    if (q3 <= 0) c3++;
    if (++i === n) break;
    const di = d[i];
    if (ei === 0) {
      q1 = di - x1;
      q2 = di - x2;
      q3 = di - x3;
    } else {
      const e2 = ei * ei;
      q1 = di - x1 - e2 / q1;
      q2 = di - x2 - e2 / q2;
      q3 = di - x3 - e2 / q3;
    }
  }
  return c1 > k ? 1 : c2 > k ? 2 : c3 > k ? 3 : 0;
}

/**
 * The number of eigenvalues <= x of the symmetric tridiagonal matrix (d, e): the pivots <= 0 of
 * the LDL^T factorisation of T - x I, q_i = (d_i - x) - e_{i-1}^2 / q_{i-1}. A pivot that divides
 * next (e_i != 0) and is smaller than pivmin in magnitude is taken as -pivmin (LAPACK dlaebz);
 * where e_i = 0 the matrix splits and the next pivot is d_{i+1} - x, exact in sign.
 */
function sturmCount(d: Float64Array, e: Float64Array, n: number, x: number, pivmin: number): number {
  let count = 0;
  let q = d[0] - x;
  for (let i = 0; ; ) {
    const ei = i < n - 1 ? e[i] : 0;
    if (ei !== 0 && Math.abs(q) < pivmin) q = -pivmin;
    if (q <= 0) count++;
    if (++i === n) return count;
    q = ei === 0 ? d[i] - x : d[i] - x - (ei * ei) / q;
  }
}
