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
import { memoryOf, simdKernels, type SimdKernels } from './recursive-gaussian-simd.js';
import { anticausalStart, causalStart, laneHeads, laneTails } from './recursive-gaussian-starts.js';

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
  const { n0, n1, n2, n3, d1, d2, d3, d4, m1, m2, m3, m4 } = c;
  causalStart(c, data, 0, 1, out, 0, 1);
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

  const s = scratch;
  anticausalStart(c, data, ln - 1, 1, s, ln - 1, -1);
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
 * Two lines filtered side by side with every recursion in registers: element i of the first line
 * at data[p0 + i * step], of the second at data[p0 + dl + i * step] (dl 0: one line, computed
 * twice). filterLine's operations for each line, in the same order (so the same numbers); the sums
 * causal + anti-causal are left in `out` (same layout) over elements [lo, hi), each added as soon
 * as its anti-causal value is known (no anti-causal array). Two independent recursions let the
 * processor overlap them: one alone waits on its own latency at every step.
 */
export function filterPair(
  out: Float64Array, data: Float64Array, p0: number, dl: number, step: number, ln: number, c: RecursiveCoefficients, lo = 0, hi = ln,
): void {
  const { n0, n1, n2, n3, d1, d2, d3, d4, m1, m2, m3, m4 } = c;
  const q0 = p0 + dl;
  // each line's first four causal values (into out) and last four anti-causal ones (into pairTail)
  // from its border values; one call site each, so that V8 inlines them
  for (let k = 0, f = p0; k < 2; k++, f = q0) {
    causalStart(c, data, f, step, out, f, step);
    anticausalStart(c, data, f + (ln - 1) * step, step, pairTail, 4 * k, 1);
  }
  // causal: the recursion up to hi
  let a1 = data[p0 + 3 * step], a2 = data[p0 + 2 * step], a3 = data[p0 + step];
  let ay1 = out[p0 + 3 * step], ay2 = out[p0 + 2 * step], ay3 = out[p0 + step], ay4 = out[p0];
  let b1 = data[q0 + 3 * step], b2 = data[q0 + 2 * step], b3 = data[q0 + step];
  let by1 = out[q0 + 3 * step], by2 = out[q0 + 2 * step], by3 = out[q0 + step], by4 = out[q0];
  for (let i = 4, p = p0 + 4 * step; i < hi; i++, p += step) {
    const xa = data[p], xb = data[p + dl];
    let ya = xa * n0 + a1 * n1 + a2 * n2 + a3 * n3;
    let yb = xb * n0 + b1 * n1 + b2 * n2 + b3 * n3;
    ya -= ay1 * d1 + ay2 * d2 + ay3 * d3 + ay4 * d4;
    yb -= by1 * d1 + by2 * d2 + by3 * d3 + by4 * d4;
    out[p] = ya; out[p + dl] = yb;
    a3 = a2; a2 = a1; a1 = xa; ay4 = ay3; ay3 = ay2; ay2 = ay1; ay1 = ya;
    b3 = b2; b2 = b1; b1 = xb; by4 = by3; by3 = by2; by2 = by1; by1 = yb;
  }
  // anti-causal: the last four values (added where wanted), then the recursion down to lo, each
  // value added to the causal one at its position
  const e = p0 + (ln - 1) * step, f = e + dl;
  const t = pairTail;
  addTail(out, e, step, ln, lo, hi, t, 0);
  if (dl !== 0) addTail(out, f, step, ln, lo, hi, t, 4);
  let u1 = data[e - 2 * step], u2 = data[e - step], u3 = data[e], z1 = t[3], z2 = t[2], z3 = t[1], z4 = t[0];
  let w1 = data[f - 2 * step], w2 = data[f - step], w3 = data[f], t1 = t[7], t2 = t[6], t3 = t[5], t4 = t[4];
  // element i - 1 from elements i .. i + 3; the sums are wanted below hi
  for (let i = ln - 4, p = p0 + (ln - 4) * step; i > lo; i--, p -= step) {
    const ua = data[p], ub = data[p + dl];
    let za = ua * m1 + u1 * m2 + u2 * m3 + u3 * m4;
    let zb = ub * m1 + w1 * m2 + w2 * m3 + w3 * m4;
    za -= z1 * d1 + z2 * d2 + z3 * d3 + z4 * d4;
    zb -= t1 * d1 + t2 * d2 + t3 * d3 + t4 * d4;
    if (i <= hi) {
      const o = p - step;
      const sa = out[o] + za;
      out[o + dl] += zb;
      out[o] = sa;
    }
    u3 = u2; u2 = u1; u1 = ua; z4 = z3; z3 = z2; z2 = z1; z1 = za;
    w3 = w2; w2 = w1; w1 = ub; t4 = t3; t3 = t2; t2 = t1; t1 = zb;
  }
}

/** filterPair's anti-causal values of the two lines' last four elements (tail rows r = element ln - 1 - r at 0..3 and 4..7). */
const pairTail = new Float64Array(8);

/** The anti-causal values of elements ln - 1 .. ln - 4 (at e, e - step, ...; at t[k], t[k + 1], ...) added to the causal ones inside [lo, hi). */
function addTail(out: Float64Array, e: number, step: number, ln: number, lo: number, hi: number, t: Float64Array, k: number): void {
  if (ln - 1 >= lo && ln - 1 < hi) out[e] += t[k];
  if (ln - 2 >= lo && ln - 2 < hi) out[e - step] += t[k + 1];
  if (ln - 3 >= lo && ln - 3 < hi) out[e - 2 * step] += t[k + 2];
  if (ln - 4 >= lo && ln - 4 < hi) out[e - 3 * step] += t[k + 3];
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
  const simd = useSimd ? simdKernels() : null;
  if (axis === 0 && simd) alongXSimd(simd, input, output, size, c, lines, lo, hi);
  else if (axis === 0) alongX(input, typed, output, size, c, lines, lo, hi);
  else if (simd) acrossRowsSimd(simd, input, typed, output, size, axis, stride, c, lines, lo, hi);
  else acrossRows(input, typed, output, size, axis, stride, c, lines, lo, hi);
}

/** The first and one past the last flagged position ([0, n) without flags); the flags must be one run. */
export function flaggedSpan(flags: Uint8Array | null, n: number): [number, number] {
  if (!flags) return [0, n];
  let lo = 0, hi = n;
  while (lo < n && !flags[lo]) lo++;
  while (hi > lo && !flags[hi - 1]) hi--;
  for (let i = lo; i < hi; i++) {
    if (!flags[i]) throw new Error('recursive Gaussian: the wanted outputs along the filtered axis must be one run');
  }
  return [lo, hi];
}

/** Lines along x: contiguous, two rows at a time (filterPair), each copied in whole. */
function alongX(
  input: ArrayLike<number>, typed: Float64Array | null, output: PassOutput, size: Vec3, c: RecursiveCoefficients,
  lines: readonly [Uint8Array | null, Uint8Array | null, Uint8Array | null] | undefined, lo: number, hi: number,
): void {
  const ln = size[0];
  // the wanted rows' starts, taken two by two
  const starts = wantedRowStarts(size, lines);
  const data = new Float64Array(2 * ln), out = new Float64Array(2 * ln);
  for (let r = 0; r < starts.length; r += 2) {
    const two = r + 1 < starts.length;
    for (let k = 0; k < (two ? 2 : 1); k++) {
      const start = starts[r + k];
      if (typed) data.set(typed.subarray(start, start + ln), k * ln);
      else for (let i = 0; i < ln; i++) data[k * ln + i] = input[start + i];
    }
    filterPair(out, data, 0, two ? ln : 0, 1, ln, c, lo, hi);
    writeRow(output, out, lo, hi, starts[r] + lo);
    if (two) writeRow(output, out, ln + lo, ln + hi, starts[r + 1] + lo);
  }
}

/** The starts of the wanted rows along x (z, then y, increasing). */
function wantedRowStarts(size: Vec3, lines: readonly [Uint8Array | null, Uint8Array | null, Uint8Array | null] | undefined): number[] {
  const [ln, ny, nz] = size;
  const wantY = lines ? lines[1] : null, wantZ = lines ? lines[2] : null;
  const starts: number[] = [];
  for (let z = 0; z < nz; z++) {
    if (wantZ && !wantZ[z]) continue;
    for (let y = 0; y < ny; y++) if (!wantY || wantY[y]) starts.push((z * ny + y) * ln);
  }
  return starts;
}

/**
 * The lines along y or z (axis) filtered as lanes: runs of up to maxW wanted neighbouring x
 * positions, in the order b (the third axis), x; as pairs (start, width) in one array.
 */
export function laneRuns(
  size: Vec3, axis: 1 | 2, lines: readonly [Uint8Array | null, Uint8Array | null, Uint8Array | null] | null | undefined, maxW: number,
): number[] {
  const [nx, ny, nz] = size;
  const nb = axis === 1 ? nz : ny, sb = axis === 1 ? nx * ny : nx;
  const wantX = lines ? lines[0] : null, wantB = lines ? lines[axis === 1 ? 2 : 1] : null;
  const runs: number[] = [];
  for (let b = 0; b < nb; b++) {
    if (wantB && !wantB[b]) continue;
    for (let x0 = 0; x0 < nx;) {
      if (wantX && !wantX[x0]) { x0++; continue; }
      let x1 = x0 + 1;
      while (x1 < nx && x1 - x0 < maxW && (!wantX || wantX[x1])) x1++;
      runs.push(b * sb + x0, x1 - x0);
      x0 = x1;
    }
  }
  return runs;
}

/**
 * The kernels' memory for sets of up to `lanes` lanes of length ln (simdLaneSet's layout: 16
 * doubles of coefficients, then data, out and 4 tail rows), c's coefficients at 0.
 */
function laneSetMemory(k: SimdKernels, ln: number, lanes: number, c: RecursiveCoefficients): Float64Array {
  const mem = memoryOf(k, 8 * (16 + (2 * ln + 4) * lanes));
  const { n0, n1, n2, n3, d1, d2, d3, d4, m1, m2, m3, m4 } = c;
  mem.set([n0, n1, n2, n3, d1, d2, d3, d4, m1, m2, m3, m4], 0);
  return mem;
}

/** Rows along x per SIMD set: their elements interleaved as lanes, within the nearest cache. */
const X_LANES = 16;

/**
 * alongX with the SIMD loops: sets of X_LANES wanted rows transposed into lanes (element i of row
 * l at [i * lanes + l]), filtered as acrossRowsSimd filters its lanes, the sums written back along
 * the rows.
 */
function alongXSimd(
  k: SimdKernels, input: ArrayLike<number>, output: PassOutput, size: Vec3, c: RecursiveCoefficients,
  lines: readonly [Uint8Array | null, Uint8Array | null, Uint8Array | null] | undefined, lo: number, hi: number,
): void {
  const ln = size[0];
  const starts = wantedRowStarts(size, lines);
  const mem = laneSetMemory(k, ln, X_LANES, c);
  const dataI = 16;
  for (let r = 0; r < starts.length; r += X_LANES) {
    const W = Math.min(X_LANES, starts.length - r), Wp = (W + 3) & ~3;
    const outI = dataI + ln * Wp, tailI = outI + ln * Wp;
    for (let l = 0; l < Wp; l++) {
      if (l < W) gather(mem, dataI + l, Wp, input, starts[r + l], ln);
      else for (let i = 0; i < ln; i++) mem[dataI + i * Wp + l] = 0;
    }
    simdLaneSet(k, mem, 0, dataI, outI, tailI, Wp, ln, c, lo, hi);
    for (let l = 0; l < W; l++) {
      if (output instanceof Float32Array) scatterStore(output, starts[r + l], mem, outI + l, Wp, lo, hi);
      else scatterAdd(output.add, output.scale, starts[r + l], mem, outI + l, Wp, lo, hi);
    }
  }
}

/** mem[at + i * step] = src[from + i], i < n (one loop per source type, each monomorphic). */
function gather(mem: Float64Array, at: number, step: number, src: ArrayLike<number>, from: number, n: number): void {
  if (src instanceof Float64Array) gather64(mem, at, step, src, from, n);
  else if (src instanceof Float32Array) gather32(mem, at, step, src, from, n);
  else for (let i = 0; i < n; i++) mem[at + i * step] = src[from + i];
}

function gather64(mem: Float64Array, at: number, step: number, src: Float64Array, from: number, n: number): void {
  for (let i = 0; i < n; i++) mem[at + i * step] = src[from + i];
}

function gather32(mem: Float64Array, at: number, step: number, src: Float32Array, from: number, n: number): void {
  for (let i = 0; i < n; i++) mem[at + i * step] = src[from + i];
}

/** dst[row + i] = mem[at + i * step] rounded to float32, i in [lo, hi) (writeRow's store). */
function scatterStore(dst: Float32Array, row: number, mem: Float64Array, at: number, step: number, lo: number, hi: number): void {
  for (let i = lo; i < hi; i++) dst[row + i] = mem[at + i * step];
}

/** dst[row + i] = dst[row + i] + float32(mem[at + i * step]) * scale, i in [lo, hi) (writeRow's sum). */
function scatterAdd(dst: Float32Array, scale: number, row: number, mem: Float64Array, at: number, step: number, lo: number, hi: number): void {
  for (let i = lo; i < hi; i++) dst[row + i] = dst[row + i] + Math.fround(mem[at + i * step]) * scale;
}

/** Lines along y or z: runs of up to MAX_LANES neighbouring x positions filtered as lanes, two by two (filterPair). */
function acrossRows(
  input: ArrayLike<number>, typed: Float64Array | null, output: PassOutput, size: Vec3, axis: 1 | 2, stride: number,
  c: RecursiveCoefficients, lines: readonly [Uint8Array | null, Uint8Array | null, Uint8Array | null] | undefined, lo: number, hi: number,
): void {
  const ln = size[axis];
  const maxW = Math.min(size[0], MAX_LANES);
  const runs = laneRuns(size, axis, lines, maxW);
  const data = new Float64Array(ln * maxW), out = new Float64Array(ln * maxW);
  for (let r = 0; r < runs.length; r += 2) {
    const base = runs[r], W = runs[r + 1];
    for (let i = 0; i < ln; i++) {
      const from = base + i * stride;
      if (typed) data.set(typed.subarray(from, from + W), i * W);
      else for (let l = 0; l < W; l++) data[i * W + l] = input[from + l];
    }
    // lanes two by two (the last alone when W is odd)
    for (let l = 0; l < W; l += 2) filterPair(out, data, l, l + 1 < W ? 1 : 0, W, ln, c, lo, hi);
    for (let i = lo; i < hi; i++) writeRow(output, out, i * W, i * W + W, base + i * stride);
  }
}

/** Whether the passes along y and z use the WebAssembly SIMD loops when available (tests compare both ways). */
let useSimd = true;
export function setRecursiveGaussianSimd(on: boolean): void {
  useSimd = on;
}

/** Whether WebAssembly SIMD loops are to be used (setRecursiveGaussianSimd). */
export function recursiveGaussianSimdEnabled(): boolean {
  return useSimd;
}

/**
 * acrossRows with the steady-state recursions in WebAssembly SIMD (recursive-gaussian-simd.ts):
 * a set of lanes is copied into the module's memory (padded to a multiple of 4 lanes with zeros),
 * the first four causal values and the last four anti-causal ones are computed in JavaScript
 * (recursive-gaussian-starts.ts), the loops between them there, and the sums written from there
 * (simdLaneSet).
 */
function acrossRowsSimd(
  k: SimdKernels, input: ArrayLike<number>, typed: Float64Array | null, output: PassOutput, size: Vec3, axis: 1 | 2, stride: number,
  c: RecursiveCoefficients, lines: readonly [Uint8Array | null, Uint8Array | null, Uint8Array | null] | undefined, lo: number, hi: number,
): void {
  const ln = size[axis];
  const maxW = Math.min(size[0], MAX_LANES);
  const runs = laneRuns(size, axis, lines, maxW);
  const mem = laneSetMemory(k, ln, (maxW + 3) & ~3, c);
  const dataI = 16;
  for (let r = 0; r < runs.length; r += 2) {
    const base = runs[r], W = runs[r + 1], Wp = (W + 3) & ~3;
    const outI = dataI + ln * Wp, tailI = outI + ln * Wp;
    for (let i = 0; i < ln; i++) {
      const from = base + i * stride, to = dataI + i * Wp;
      if (typed) mem.set(typed.subarray(from, from + W), to);
      else for (let l = 0; l < W; l++) mem[to + l] = input[from + l];
      for (let l = W; l < Wp; l++) mem[to + l] = 0;
    }
    simdLaneSet(k, mem, 0, dataI, outI, tailI, Wp, ln, c, lo, hi);
    for (let i = lo; i < hi; i++) writeRow(output, mem, outI + i * Wp, outI + i * Wp + W, base + i * stride);
  }
}

/**
 * Filters the Wp lanes at mem[dataI ..] (element i of lane l at dataI + i * Wp + l; the
 * coefficients at mem[coefI ..]): sums left at outI over rows [lo, hi); tailI holds 4 rows.
 */
export function simdLaneSet(
  k: SimdKernels, mem: Float64Array, coefI: number, dataI: number, outI: number, tailI: number, Wp: number, ln: number,
  c: RecursiveCoefficients, lo: number, hi: number,
): void {
  laneHeads(mem, dataI, Wp, outI, Wp, Wp, c);
  k.fns.causal(8 * outI, 8 * dataI, 8 * Wp, 8 * Wp, Math.max(0, hi - 4), Wp >> 2, 8 * coefI);
  laneTails(mem, dataI, Wp, tailI, Wp, Wp, ln, c);
  // the last four elements' sums where wanted (the loop below starts at element ln - 5)
  for (let r = 0; r < 4; r++) {
    const i = ln - 1 - r;
    if (i < lo || i >= hi) continue;
    for (let l = 0; l < Wp; l++) mem[outI + i * Wp + l] += mem[tailI + r * Wp + l];
  }
  k.fns.anticausal.out(8 * outI, 8 * dataI, 8 * tailI, 8 * Wp, 8 * Wp, ln, 0, Math.max(0, ln - 4 - lo), Wp >> 2, 8 * coefI, 0, 0);
}

/**
 * For tests: `width` lines (element i of line l at data[i * width + l], width a multiple of 4)
 * through the SIMD loops; the float64 sums over [lo, hi) in the same layout (other rows 0), or null
 * without WebAssembly SIMD.
 */
export function filterLanesSimd(data: Float64Array, width: number, ln: number, c: RecursiveCoefficients, lo = 0, hi = ln): Float64Array | null {
  const k = simdKernels();
  if (!k || width % 4 !== 0) return null;
  const mem = laneSetMemory(k, ln, width, c);
  const dataI = 16, outI = dataI + ln * width, tailI = outI + ln * width;
  mem.set(data.subarray(0, ln * width), dataI);
  simdLaneSet(k, mem, 0, dataI, outI, tailI, width, ln, c, lo, hi);
  const out = new Float64Array(ln * width);
  out.set(mem.subarray(outI + lo * width, outI + hi * width), lo * width);
  return out;
}

/** Lanes per set: rows copied in and out in long pieces, few enough to stay in the nearer caches. */
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
