/**
 * Eigenvalues of a real symmetric matrix (for GLCM's MCC): Householder reduction to tridiagonal
 * form (Golub & Van Loan, Matrix Computations, 4th ed., algorithm 8.3.1), then either implicit
 * symmetric QR steps with Wilkinson shifts for the whole spectrum (algorithms 8.3.2-8.3.3), or
 * bisection on Sturm counts for one eigenvalue (section 8.4.1; W. Kahan, "Accurate eigenvalues
 * of a symmetric tri-diagonal matrix", 1966). About 4/3 n^3 flops for the reduction, O(n^2) for
 * QR, O(n) per bisection step.
 */

import { reusedFloat64 } from '../scratch.js';

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
 * the lower triangle is read): the diagonal into d[0..n-1], the subdiagonal into e[0..n-2].
 * Step k: v, beta with (I - beta v v^T) a(k+1:, k) = alpha e_1; p = beta A22 v;
 * w = p - (beta p.v / 2) v; A22 -= v w^T + w v^T.
 *
 * The update of step k and the product A22 v of step k + 1 are made in one pass over the matrix
 * (column k + 1, which v of step k + 1 comes from, is updated first), four rows at a time: the same
 * operations on the same numbers, in the same order, as a pass for each, row by row (bit for bit
 * the same result), about 2.5 times as fast.
 */
export function tridiagonalize(a: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  if (n <= 2) {
    // already tridiagonal
    for (let i = 0; i < n; i++) d[i] = a[i * n + i];
    if (n === 2) e[0] = a[2];
    return;
  }
  // v, w of the pending update (applied to rows and columns >= k at step k); vn, wn of this step
  // (reused scratch: entries k + 1.. are written at step k before they are read)
  let v = reusedFloat64('tridiagonalize v', n, false);
  let w = reusedFloat64('tridiagonalize w', n, false);
  let vn = reusedFloat64('tridiagonalize vn', n, false);
  let wn = reusedFloat64('tridiagonalize wn', n, false);
  let pending = false;
  for (let k = 0; k < n - 2; k++) {
    if (pending) {
      // column k (rows >= k) gets the pending update before v is taken from it
      const wk = w[k], vk = v[k];
      for (let i = k; i < n; i++) a[i * n + k] -= v[i] * wk + w[i] * vk;
    }
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) norm2 += a[i * n + k] * a[i * n + k];
    if (norm2 === 0) {
      // no reflection at this step: the pending update goes to the rest of the matrix now
      if (pending) applyUpdate(a, n, k + 1, v, w);
      pending = false;
      continue;
    }
    const x0 = a[(k + 1) * n + k];
    const alpha = x0 > 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    for (let i = k + 1; i < n; i++) vn[i] = a[i * n + k];
    vn[k + 1] -= alpha;
    let vv = 0;
    for (let i = k + 1; i < n; i++) vv += vn[i] * vn[i];
    const beta = 2 / vv;
    // p = A22 vn from the lower triangle (each stored a_ij, j < i, serves rows i and j), the
    // pending update applied to each a_ij as it is read
    wn.fill(0, k + 1);
    if (!pending) {
      for (let i = k + 1; i < n; i++) {
        const row = i * n;
        const vi = vn[i];
        let s = 0;
        for (let j = k + 1; j < i; j++) {
          const aij = a[row + j];
          s += aij * vn[j];
          wn[j] += aij * vi;
        }
        wn[i] += s + a[row + i] * vi;
      }
    } else {
      let i = k + 1;
      // four rows at a time: v[j], w[j], vn[j] loaded once for them, wn[j] updated once (the rows'
      // terms in row order, as row by row); then the 4 x 4 triangle they leave, row by row
      for (; i + 3 < n; i += 4) {
        const r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
        const vi0 = vn[i], vi1 = vn[i + 1], vi2 = vn[i + 2], vi3 = vn[i + 3];
        const u0 = v[i], z0 = w[i], u1 = v[i + 1], z1 = w[i + 1];
        const u2 = v[i + 2], z2 = w[i + 2], u3 = v[i + 3], z3 = w[i + 3];
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let j = k + 1; j < i; j++) {
          const vj = v[j], wj = w[j], xj = vn[j];
          const a0 = a[r0 + j] - (u0 * wj + z0 * vj);
          const a1 = a[r1 + j] - (u1 * wj + z1 * vj);
          const a2 = a[r2 + j] - (u2 * wj + z2 * vj);
          const a3 = a[r3 + j] - (u3 * wj + z3 * vj);
          a[r0 + j] = a0;
          a[r1 + j] = a1;
          a[r2 + j] = a2;
          a[r3 + j] = a3;
          s0 += a0 * xj;
          s1 += a1 * xj;
          s2 += a2 * xj;
          s3 += a3 * xj;
          wn[j] = wn[j] + a0 * vi0 + a1 * vi1 + a2 * vi2 + a3 * vi3;
        }
        // the 4 x 4 triangle written out, updateRowFrom's operations row by row (deliberate: four
        // updateRowFrom calls, with their short loops, made tridiagonalize ~10% slower at n = 33)
        const c1 = i + 1, c2 = i + 2, c3 = i + 3;
        // row i
        const a00 = a[r0 + i] - (u0 * w[i] + z0 * v[i]);
        a[r0 + i] = a00;
        wn[i] += s0 + a00 * vi0;
        // row i + 1
        const a10 = a[r1 + i] - (u1 * w[i] + z1 * v[i]);
        a[r1 + i] = a10;
        s1 += a10 * vn[i];
        wn[i] += a10 * vi1;
        const a11 = a[r1 + c1] - (u1 * w[c1] + z1 * v[c1]);
        a[r1 + c1] = a11;
        wn[c1] += s1 + a11 * vi1;
        // row i + 2
        const a20 = a[r2 + i] - (u2 * w[i] + z2 * v[i]);
        a[r2 + i] = a20;
        s2 += a20 * vn[i];
        wn[i] += a20 * vi2;
        const a21 = a[r2 + c1] - (u2 * w[c1] + z2 * v[c1]);
        a[r2 + c1] = a21;
        s2 += a21 * vn[c1];
        wn[c1] += a21 * vi2;
        const a22 = a[r2 + c2] - (u2 * w[c2] + z2 * v[c2]);
        a[r2 + c2] = a22;
        wn[c2] += s2 + a22 * vi2;
        // row i + 3
        const a30 = a[r3 + i] - (u3 * w[i] + z3 * v[i]);
        a[r3 + i] = a30;
        s3 += a30 * vn[i];
        wn[i] += a30 * vi3;
        const a31 = a[r3 + c1] - (u3 * w[c1] + z3 * v[c1]);
        a[r3 + c1] = a31;
        s3 += a31 * vn[c1];
        wn[c1] += a31 * vi3;
        const a32 = a[r3 + c2] - (u3 * w[c2] + z3 * v[c2]);
        a[r3 + c2] = a32;
        s3 += a32 * vn[c2];
        wn[c2] += a32 * vi3;
        const a33 = a[r3 + c3] - (u3 * w[c3] + z3 * v[c3]);
        a[r3 + c3] = a33;
        wn[c3] += s3 + a33 * vi3;
      }
      // then two rows at a time, as above (deliberate: the 1-3 rows left one by one cost ~4% at n = 33-100)
      for (; i + 1 < n; i += 2) {
        const r0 = i * n, r1 = r0 + n;
        const vi0 = vn[i], vi1 = vn[i + 1];
        const u0 = v[i], z0 = w[i], u1 = v[i + 1], z1 = w[i + 1];
        let s0 = 0, s1 = 0;
        for (let j = k + 1; j < i; j++) {
          const vj = v[j], wj = w[j], xj = vn[j];
          const a0 = a[r0 + j] - (u0 * wj + z0 * vj);
          const a1 = a[r1 + j] - (u1 * wj + z1 * vj);
          a[r0 + j] = a0;
          a[r1 + j] = a1;
          s0 += a0 * xj;
          s1 += a1 * xj;
          wn[j] = wn[j] + a0 * vi0 + a1 * vi1;
        }
        // the 2 x 2 triangle, row by row
        updateRowFrom(a, n, i, i, s0, v, w, vn, wn);
        updateRowFrom(a, n, i + 1, i, s1, v, w, vn, wn);
      }
      for (; i < n; i++) updateRowFrom(a, n, i, k + 1, 0, v, w, vn, wn);
    }
    let pv = 0;
    for (let i = k + 1; i < n; i++) {
      wn[i] *= beta;
      pv += wn[i] * vn[i];
    }
    const half = (beta * pv) / 2;
    for (let i = k + 1; i < n; i++) wn[i] -= half * vn[i];
    a[(k + 1) * n + k] = alpha;
    // this step's update is now the pending one
    const tv = v, tw = w;
    v = vn;
    w = wn;
    vn = tv;
    wn = tw;
    pending = true;
  }
  if (pending) applyUpdate(a, n, Math.max(n - 2, 0), v, w);
  for (let i = 0; i < n; i++) d[i] = a[i * n + i];
  for (let i = 0; i < n - 1; i++) e[i] = a[(i + 1) * n + i];
}

/**
 * Row r of the fused pass from column j0 to the diagonal: a(r, j) -= v_r w_j + w_r v_j; s (the
 * row's sum a(r, j) vn_j over the columns before j0) += a(r, j) vn_j; wn_j += a(r, j) vn_r; then
 * wn_r += s + a(r, r) vn_r. The rows of a block end here, one after the other, after their
 * common columns.
 */
function updateRowFrom(
  a: Float64Array, n: number, r: number, j0: number, s: number, v: Float64Array, w: Float64Array, vn: Float64Array, wn: Float64Array,
): void {
  const row = r * n;
  const vi = vn[r], ui = v[r], zi = w[r];
  for (let j = j0; j < r; j++) {
    const aij = a[row + j] - (ui * w[j] + zi * v[j]);
    a[row + j] = aij;
    s += aij * vn[j];
    wn[j] += aij * vi;
  }
  const aii = a[row + r] - (ui * w[r] + zi * v[r]);
  a[row + r] = aii;
  wn[r] += s + aii * vi;
}

/** A(from:, from:) -= v w^T + w v^T on the lower triangle. */
function applyUpdate(a: Float64Array, n: number, from: number, v: Float64Array, w: Float64Array): void {
  for (let i = from; i < n; i++) {
    const row = i * n;
    const vi = v[i];
    const wi = w[i];
    for (let j = from; j <= i; j++) a[row + j] -= vi * w[j] + wi * v[j];
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
 * within a small multiple of eps max|T| of the eigenvalue, as for QR.
 */
export function tridiagonalEigenvalue(d: Float64Array, e: Float64Array, n: number, k: number): number {
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
