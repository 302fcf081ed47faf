/**
 * Deriche's recursive (IIR) approximation of convolution with a Gaussian and its first and second
 * derivatives, as ITK's itk::RecursiveGaussianImageFilter computes it (the filter behind SimpleITK's
 * LaplacianRecursiveGaussianImageFilter, which PyRadiomics' LoG image type calls).
 *
 * Sources:
 * - R. Deriche, "Recursively implementing the Gaussian and its derivatives", INRIA RR-1893 (1993):
 *   the fourth-order causal + anti-causal recursion and its exponential-series parameters
 *   (a0 = 1.3530, b0 = 1.8151, w0 = 0.6681, l0 = -1.3932; a1 = -0.3531, b1 = 0.0902, w1 = 2.0787,
 *   l1 = -1.3732 for the Gaussian; -0.6724 / -3.4327 / 0.6724 / 0.6100 for the first derivative;
 *   -1.3563 / 5.2318 / 0.3446 / -2.2355 for the second derivative).
 * - G. Farnebäck, C.-F. Westin, "Improving Deriche-style recursive Gaussian filters", J Math
 *   Imaging Vis 26 (2006): normalisation of the coefficients so that the discrete filter has the
 *   exact DC gain / first / second moment, and the anti-causal coefficients from the causal ones.
 * - ITK's documented behaviour (RecursiveGaussianImageFilter, RecursiveSeparableImageFilter):
 *   sigma in physical units divided by the spacing of the filtered axis; the border value is
 *   assumed to extend to infinity on each side (boundary coefficients from the steady state);
 *   "normalize across scale" multiplies the first derivative by sigma and the second by sigma^2;
 *   the recursion runs in double precision on each line and the result is stored in the output
 *   pixel type (float32 here) after every one-dimensional pass.
 */
import type { Vec3 } from '../image/volume.js';

/** The 20 coefficients of one recursive pass (N causal, M anti-causal, D recursive, BN/BM border). */
export interface RecursiveCoefficients {
  n0: number; n1: number; n2: number; n3: number;
  d1: number; d2: number; d3: number; d4: number;
  m1: number; m2: number; m3: number; m4: number;
  bn1: number; bn2: number; bn3: number; bn4: number;
  bm1: number; bm2: number; bm3: number; bm4: number;
}

export type GaussianOrder = 0 | 1 | 2;

/** Deriche's exponential-series parameters (RR-1893, table of the 4th-order fits). */
const W1 = 0.6681, L1 = -1.3932, W2 = 2.0787, L2 = -1.3732;
const A1 = [1.3530, -0.6724, -1.3563];
const B1 = [1.8151, -3.4327, 5.2318];
const A2 = [-0.3531, 0.6724, 0.3446];
const B2 = [0.0902, 0.6100, -2.2355];

interface NTerms { n0: number; n1: number; n2: number; n3: number; sn: number; dn: number; en: number }

/** Numerator coefficients of the causal part for one derivative order, with their 0th/1st/2nd moments. */
function numerator(sigmad: number, a1: number, b1: number, a2: number, b2: number): NTerms {
  const sin1 = Math.sin(W1 / sigmad);
  const sin2 = Math.sin(W2 / sigmad);
  const cos1 = Math.cos(W1 / sigmad);
  const cos2 = Math.cos(W2 / sigmad);
  const exp1 = Math.exp(L1 / sigmad);
  const exp2 = Math.exp(L2 / sigmad);
  const n0 = a1 + a2;
  let n1 = exp2 * (b2 * sin2 - (a2 + 2 * a1) * cos2);
  n1 += exp1 * (b1 * sin1 - (a1 + 2 * a2) * cos1);
  let n2 = (a1 + a2) * cos2 * cos1;
  n2 -= b1 * cos2 * sin1 + b2 * cos1 * sin2;
  n2 *= 2 * exp1 * exp2;
  n2 += a2 * exp1 * exp1 + a1 * exp2 * exp2;
  let n3 = exp2 * exp1 * exp1 * (b2 * sin2 - a2 * cos2);
  n3 += exp1 * exp2 * exp2 * (b1 * sin1 - a1 * cos1);
  return { n0, n1, n2, n3, sn: n0 + n1 + n2 + n3, dn: n1 + 2 * n2 + 3 * n3, en: n1 + 4 * n2 + 9 * n3 };
}

/**
 * Coefficients of one pass along an axis of the given spacing (ITK RecursiveGaussianImageFilter::SetUp).
 * `sigma` is in physical units (mm).
 */
export function recursiveGaussianCoefficients(
  sigma: number,
  spacing: number,
  order: GaussianOrder,
  normalizeAcrossScale: boolean,
): RecursiveCoefficients {
  let direction = 1;
  if (spacing < 0) { direction = -1; spacing = -spacing; }
  if (spacing < 1e-8) throw new Error(`recursive Gaussian: the spacing ${spacing} is too small`);
  if (!(sigma > 0)) throw new Error(`recursive Gaussian: sigma must be greater than 0 (got ${sigma})`);
  const sigmad = sigma / spacing;

  // Denominator (recursive) coefficients, shared by every order.
  const cos1 = Math.cos(W1 / sigmad);
  const cos2 = Math.cos(W2 / sigmad);
  const exp1 = Math.exp(L1 / sigmad);
  const exp2 = Math.exp(L2 / sigmad);
  const d4 = exp1 * exp1 * exp2 * exp2;
  let d3 = -2 * cos1 * exp1 * exp2 * exp2;
  d3 += -2 * cos2 * exp2 * exp1 * exp1;
  let d2 = 4 * cos2 * cos1 * exp1 * exp2;
  d2 += exp1 * exp1 + exp2 * exp2;
  const d1 = -2 * (exp2 * cos2 + exp1 * cos1);
  const sd = 1.0 + d1 + d2 + d3 + d4;
  const dd = d1 + 2 * d2 + 3 * d3 + 4 * d4;
  const ed = d1 + 4 * d2 + 9 * d3 + 16 * d4;

  let n0: number, n1: number, n2: number, n3: number;
  let symmetric: boolean;
  if (order === 0) {
    const t = numerator(sigmad, A1[0], B1[0], A2[0], B2[0]);
    // Unit DC gain of the causal + anti-causal sum.
    const alpha0 = 2 * t.sn / sd - t.n0;
    // ITK scales by (1 / alpha0), not by a division: the last bit differs.
    const k = 1.0 / alpha0;
    n0 = t.n0 * k; n1 = t.n1 * k; n2 = t.n2 * k; n3 = t.n3 * k;
    symmetric = true;
  } else if (order === 1) {
    const scale = normalizeAcrossScale ? sigma : 1.0;
    const t = numerator(sigmad, A1[1], B1[1], A2[1], B2[1]);
    let alpha1 = 2 * (t.sn * dd - t.dn * sd) / (sd * sd);
    alpha1 *= direction;
    n0 = t.n0 * (scale / alpha1); n1 = t.n1 * (scale / alpha1);
    n2 = t.n2 * (scale / alpha1); n3 = t.n3 * (scale / alpha1);
    symmetric = false;
  } else {
    const scale = normalizeAcrossScale ? sigma * sigma : 1.0;
    const t0 = numerator(sigmad, A1[0], B1[0], A2[0], B2[0]);
    const t2 = numerator(sigmad, A1[2], B1[2], A2[2], B2[2]);
    // Mix in the Gaussian so that the second-derivative kernel has zero DC gain.
    const beta = -(2 * t2.sn - sd * t2.n0) / (2 * t0.sn - sd * t0.n0);
    n0 = t2.n0 + beta * t0.n0;
    n1 = t2.n1 + beta * t0.n1;
    n2 = t2.n2 + beta * t0.n2;
    n3 = t2.n3 + beta * t0.n3;
    const sn = t2.sn + beta * t0.sn;
    const dn = t2.dn + beta * t0.dn;
    const en = t2.en + beta * t0.en;
    let alpha2 = en * sd * sd - ed * sn * sd - 2 * dn * dd * sd + 2 * dd * dd * sn;
    alpha2 /= sd * sd * sd;
    n0 *= scale / alpha2; n1 *= scale / alpha2; n2 *= scale / alpha2; n3 *= scale / alpha2;
    symmetric = true;
  }

  let m1: number, m2: number, m3: number, m4: number;
  if (symmetric) {
    m1 = n1 - d1 * n0; m2 = n2 - d2 * n0; m3 = n3 - d3 * n0; m4 = -d4 * n0;
  } else {
    m1 = -(n1 - d1 * n0); m2 = -(n2 - d2 * n0); m3 = -(n3 - d3 * n0); m4 = d4 * n0;
  }
  // Border coefficients: the response of each pass to a constant signal equal to the border value.
  const sN = n0 + n1 + n2 + n3;
  const sM = m1 + m2 + m3 + m4;
  const sD = 1.0 + d1 + d2 + d3 + d4;
  return {
    n0, n1, n2, n3, d1, d2, d3, d4, m1, m2, m3, m4,
    bn1: d1 * sN / sD, bn2: d2 * sN / sD, bn3: d3 * sN / sD, bn4: d4 * sN / sD,
    bm1: d1 * sM / sD, bm2: d2 * sM / sD, bm3: d3 * sM / sD, bm4: d4 * sM / sD,
  };
}

/**
 * One line: causal pass into `out`, anti-causal pass into `scratch`, summed into `out` over
 * [lo, hi). The values beyond each end are taken equal to the end value (ITK's steady-state
 * start). Terms are added in ITK's order so that the double results agree to the last bit. Only
 * outputs in [lo, hi) are wanted: the causal pass stops at hi, the anti-causal one at lo (each
 * recursion runs from its own end, so the values in [lo, hi) are those of the whole line).
 */
export function filterLine(
  out: Float64Array, data: Float64Array, scratch: Float64Array, ln: number, c: RecursiveCoefficients, lo = 0, hi = ln,
): void {
  const { n0, n1, n2, n3, d1, d2, d3, d4, m1, m2, m3, m4, bn1, bn2, bn3, bn4, bm1, bm2, bm3, bm4 } = c;
  const v1 = data[0];
  out[0] = v1 * n0 + v1 * n1 + v1 * n2 + v1 * n3;
  out[1] = data[1] * n0 + v1 * n1 + v1 * n2 + v1 * n3;
  out[2] = data[2] * n0 + data[1] * n1 + v1 * n2 + v1 * n3;
  out[3] = data[3] * n0 + data[2] * n1 + data[1] * n2 + v1 * n3;
  out[0] -= v1 * bn1 + v1 * bn2 + v1 * bn3 + v1 * bn4;
  out[1] -= out[0] * d1 + v1 * bn2 + v1 * bn3 + v1 * bn4;
  out[2] -= out[1] * d1 + out[0] * d2 + v1 * bn3 + v1 * bn4;
  out[3] -= out[2] * d1 + out[1] * d2 + out[0] * d3 + v1 * bn4;
  // Rolling registers instead of re-reading the last inputs and outputs (same operations, same order).
  let x1 = data[3], x2 = data[2], x3 = data[1];
  let y1 = out[3], y2 = out[2], y3 = out[1], y4 = out[0];
  for (let i = 4; i < hi; i++) {
    const x0 = data[i];
    let y0 = x0 * n0 + x1 * n1 + x2 * n2 + x3 * n3;
    y0 -= y1 * d1 + y2 * d2 + y3 * d3 + y4 * d4;
    out[i] = y0;
    x3 = x2; x2 = x1; x1 = x0;
    y4 = y3; y3 = y2; y2 = y1; y1 = y0;
  }

  const v2 = data[ln - 1];
  const s = scratch;
  s[ln - 1] = v2 * m1 + v2 * m2 + v2 * m3 + v2 * m4;
  s[ln - 2] = data[ln - 1] * m1 + v2 * m2 + v2 * m3 + v2 * m4;
  s[ln - 3] = data[ln - 2] * m1 + data[ln - 1] * m2 + v2 * m3 + v2 * m4;
  s[ln - 4] = data[ln - 3] * m1 + data[ln - 2] * m2 + data[ln - 1] * m3 + v2 * m4;
  s[ln - 1] -= v2 * bm1 + v2 * bm2 + v2 * bm3 + v2 * bm4;
  s[ln - 2] -= s[ln - 1] * d1 + v2 * bm2 + v2 * bm3 + v2 * bm4;
  s[ln - 3] -= s[ln - 2] * d1 + s[ln - 1] * d2 + v2 * bm3 + v2 * bm4;
  s[ln - 4] -= s[ln - 3] * d1 + s[ln - 2] * d2 + s[ln - 1] * d3 + v2 * bm4;
  let u1 = data[ln - 3], u2 = data[ln - 2], u3 = data[ln - 1];
  let z1 = s[ln - 4], z2 = s[ln - 3], z3 = s[ln - 2], z4 = s[ln - 1];
  for (let i = ln - 4; i > lo; i--) {
    const u0 = data[i];
    let z0 = u0 * m1 + u1 * m2 + u2 * m3 + u3 * m4;
    z0 -= z1 * d1 + z2 * d2 + z3 * d3 + z4 * d4;
    s[i - 1] = z0;
    u3 = u2; u2 = u1; u1 = u0;
    z4 = z3; z3 = z2; z2 = z1; z1 = z0;
  }
  for (let i = lo; i < hi; i++) out[i] += s[i];
}

/**
 * `width` lines filtered side by side, element i of lane l at [i * width + l]: filterLine's
 * operations for each lane, in the same order (so the same numbers), the sums left in `out` over
 * rows [lo, hi). Along y and z a set of lanes is a run of x positions, so each row of the set is a
 * contiguous piece of an image row, copied in and out whole.
 */
export function filterLanes(
  out: Float64Array, data: Float64Array, scratch: Float64Array, ln: number, width: number, c: RecursiveCoefficients, lo = 0, hi = ln,
): void {
  const { n0, n1, n2, n3, d1, d2, d3, d4, m1, m2, m3, m4, bn1, bn2, bn3, bn4, bm1, bm2, bm3, bm4 } = c;
  const W = width;
  for (let l = 0; l < W; l++) {
    const v1 = data[l], x1 = data[W + l], x2 = data[2 * W + l], x3 = data[3 * W + l];
    let y0 = v1 * n0 + v1 * n1 + v1 * n2 + v1 * n3;
    let y1 = x1 * n0 + v1 * n1 + v1 * n2 + v1 * n3;
    let y2 = x2 * n0 + x1 * n1 + v1 * n2 + v1 * n3;
    let y3 = x3 * n0 + x2 * n1 + x1 * n2 + v1 * n3;
    y0 -= v1 * bn1 + v1 * bn2 + v1 * bn3 + v1 * bn4;
    y1 -= y0 * d1 + v1 * bn2 + v1 * bn3 + v1 * bn4;
    y2 -= y1 * d1 + y0 * d2 + v1 * bn3 + v1 * bn4;
    y3 -= y2 * d1 + y1 * d2 + y0 * d3 + v1 * bn4;
    out[l] = y0; out[W + l] = y1; out[2 * W + l] = y2; out[3 * W + l] = y3;
  }
  for (let i = 4; i < hi; i++) causalRow(out, data, i * W, W, n0, n1, n2, n3, d1, d2, d3, d4);
  const e = (ln - 1) * W;
  const s = scratch;
  for (let l = 0; l < W; l++) {
    const v2 = data[e + l], u1 = data[e - W + l], u2 = data[e - 2 * W + l];
    let z1 = v2 * m1 + v2 * m2 + v2 * m3 + v2 * m4;
    let z2 = v2 * m1 + v2 * m2 + v2 * m3 + v2 * m4;
    let z3 = u1 * m1 + v2 * m2 + v2 * m3 + v2 * m4;
    let z4 = u2 * m1 + u1 * m2 + v2 * m3 + v2 * m4;
    z1 -= v2 * bm1 + v2 * bm2 + v2 * bm3 + v2 * bm4;
    z2 -= z1 * d1 + v2 * bm2 + v2 * bm3 + v2 * bm4;
    z3 -= z2 * d1 + z1 * d2 + v2 * bm3 + v2 * bm4;
    z4 -= z3 * d1 + z2 * d2 + z1 * d3 + v2 * bm4;
    s[e + l] = z1; s[e - W + l] = z2; s[e - 2 * W + l] = z3; s[e - 3 * W + l] = z4;
  }
  for (let i = ln - 4; i > lo; i--) anticausalRow(s, data, i * W, W, m1, m2, m3, m4, d1, d2, d3, d4);
  for (let k = lo * W; k < hi * W; k++) out[k] += s[k];
}

/** Causal step for row i (at r = i * W) of every lane: y_i = sum_k n_k x_(i-k) - sum_k d_k y_(i-k). */
function causalRow(
  out: Float64Array, data: Float64Array, r: number, W: number,
  n0: number, n1: number, n2: number, n3: number, d1: number, d2: number, d3: number, d4: number,
): void {
  const a = r - W, b = a - W, c = b - W, d = c - W;
  for (let l = 0; l < W; l++) {
    let y0 = data[r + l] * n0 + data[a + l] * n1 + data[b + l] * n2 + data[c + l] * n3;
    y0 -= out[a + l] * d1 + out[b + l] * d2 + out[c + l] * d3 + out[d + l] * d4;
    out[r + l] = y0;
  }
}

/** Anti-causal step writing row i - 1 from rows i .. i + 3 (r = i * W). */
function anticausalRow(
  s: Float64Array, data: Float64Array, r: number, W: number,
  m1: number, m2: number, m3: number, m4: number, d1: number, d2: number, d3: number, d4: number,
): void {
  const a = r + W, b = a + W, c = b + W, p = r - W;
  for (let l = 0; l < W; l++) {
    let z0 = data[r + l] * m1 + data[a + l] * m2 + data[b + l] * m3 + data[c + l] * m4;
    z0 -= s[r + l] * d1 + s[a + l] * d2 + s[b + l] * d3 + s[c + l] * d4;
    s[p + l] = z0;
  }
}

/** Where a pass's results go: stored as float32, or added to a float32 sum as acc + float32(v) * scale. */
export type PassOutput = Float32Array | { add: Float32Array; scale: number };

/**
 * Filters every line of `input` along `axis` (0 = x, fastest) and stores the result, rounded to
 * float32 as ITK's float output image holds it, in `output` (which may be `input` itself), or adds
 * it (float32-rounded, times `scale`) to a float32 sum, as the LoG accumulates its terms.
 * Lines shorter than 4 voxels are refused, as ITK refuses them. `lines`: flags per axis (x, y, z)
 * of the lines wanted, by their coordinates along the two other axes; with `lines`, only the
 * outputs whose coordinate along `axis` is flagged too are written (the rest of each line is
 * filtered as far as those need). Absent: every line, every output.
 */
export function recursiveGaussianAlongAxis(
  input: ArrayLike<number>,
  output: PassOutput,
  size: Vec3,
  axis: 0 | 1 | 2,
  c: RecursiveCoefficients,
  lines?: readonly [Uint8Array | null, Uint8Array | null, Uint8Array | null],
): void {
  const [nx, ny] = size;
  const ln = size[axis];
  if (ln < 4) {
    throw new Error(`recursive Gaussian: the image has ${ln} voxel(s) along axis ${axis}; at least 4 are needed`);
  }
  const stride = axis === 0 ? 1 : axis === 1 ? nx : nx * ny;
  const [lo, hi] = flaggedSpan(lines ? lines[axis] : null, ln);
  if (lo >= hi) return;
  const typed = ArrayBuffer.isView(input) ? (input as unknown as Float64Array) : null;
  if (axis === 0) alongX(input, typed, output, size, c, lines, lo, hi);
  else acrossRows(input, typed, output, size, axis, stride, c, lines, lo, hi);
}

/** The first and one past the last flagged position ([0, n) without flags). */
function flaggedSpan(flags: Uint8Array | null, n: number): [number, number] {
  if (!flags) return [0, n];
  let lo = 0, hi = n;
  while (lo < n && !flags[lo]) lo++;
  while (hi > lo && !flags[hi - 1]) hi--;
  for (let i = lo; i < hi; i++) {
    if (!flags[i]) throw new Error('recursive Gaussian: the wanted outputs along the filtered axis must be one run');
  }
  return [lo, hi];
}

/** Lines along x: contiguous, filtered one at a time with the recursions in registers. */
function alongX(
  input: ArrayLike<number>, typed: Float64Array | null, output: PassOutput, size: Vec3, c: RecursiveCoefficients,
  lines: readonly [Uint8Array | null, Uint8Array | null, Uint8Array | null] | undefined, lo: number, hi: number,
): void {
  const [ln, ny, nz] = size;
  const wantY = lines ? lines[1] : null, wantZ = lines ? lines[2] : null;
  const data = new Float64Array(ln), out = new Float64Array(ln), scratch = new Float64Array(ln);
  for (let z = 0; z < nz; z++) {
    if (wantZ && !wantZ[z]) continue;
    for (let y = 0; y < ny; y++) {
      if (wantY && !wantY[y]) continue;
      const start = (z * ny + y) * ln;
      if (typed) data.set(typed.subarray(start, start + ln));
      else for (let i = 0; i < ln; i++) data[i] = input[start + i];
      filterLine(out, data, scratch, ln, c, lo, hi);
      writeRow(output, out, lo, hi, start + lo);
    }
  }
}

/** Lines along y or z: runs of up to MAX_LANES neighbouring x positions filtered as lanes. */
function acrossRows(
  input: ArrayLike<number>, typed: Float64Array | null, output: PassOutput, size: Vec3, axis: 1 | 2, stride: number,
  c: RecursiveCoefficients, lines: readonly [Uint8Array | null, Uint8Array | null, Uint8Array | null] | undefined, lo: number, hi: number,
): void {
  const [nx, ny, nz] = size;
  const ln = size[axis];
  const nb = axis === 1 ? nz : ny, sb = axis === 1 ? nx * ny : nx;
  const wantX = lines ? lines[0] : null, wantB = lines ? lines[axis === 1 ? 2 : 1] : null;
  const maxW = Math.min(nx, MAX_LANES);
  const data = new Float64Array(ln * maxW), out = new Float64Array(ln * maxW), scratch = new Float64Array(ln * maxW);
  for (let b = 0; b < nb; b++) {
    if (wantB && !wantB[b]) continue;
    for (let x0 = 0; x0 < nx;) {
      if (wantX && !wantX[x0]) { x0++; continue; }
      let x1 = x0 + 1;
      while (x1 < nx && x1 - x0 < maxW && (!wantX || wantX[x1])) x1++;
      const W = x1 - x0;
      const base = b * sb + x0;
      for (let i = 0; i < ln; i++) {
        const from = base + i * stride;
        if (typed) data.set(typed.subarray(from, from + W), i * W);
        else for (let l = 0; l < W; l++) data[i * W + l] = input[from + l];
      }
      filterLanes(out, data, scratch, ln, W, c, lo, hi);
      for (let i = lo; i < hi; i++) writeRow(output, out, i * W, i * W + W, base + i * stride);
      x0 = x1;
    }
  }
}

/** Lanes per set: enough to hide the recursion's latency, few enough to stay in the nearer caches. */
const MAX_LANES = 128;

/** Writes (or adds) values[from, to) at output[at ...]. */
function writeRow(output: PassOutput, values: Float64Array, from: number, to: number, at: number): void {
  if (output instanceof Float32Array) {
    // Float32Array.set rounds each double to float32, as the element store does
    output.set(values.subarray(from, to), at);
    return;
  }
  const acc = output.add, scale = output.scale;
  for (let k = from, p = at; k < to; k++, p++) acc[p] = acc[p] + Math.fround(values[k]) * scale;
}
