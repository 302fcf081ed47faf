/**
 * Cubic B-spline interpolation as scipy.ndimage.map_coordinates(order=3, mode='constant') does it
 * (SciPy 1.10, the version PyRadiomics' references were made with):
 * - prefilter: spline_filter over numpy axes 0, 1, 2 (z, y, x) in that order, in float64, each line
 *   through the exact recursive filter of Unser et al. (1991) with the single pole
 *   z = sqrt(3) - 2, gain (1 - z)(1 - 1/z), and the whole-sample-symmetric ("mirror") initial
 *   conditions that SciPy uses for mode 'constant'; axes of length 1 are left alone;
 * - sampling: a point whose coordinate along any axis is < 0 or > len - 1 gets cval; otherwise the
 *   4 x 4 x 4 coefficients from floor(c) - 1 are weighted by the cubic B-spline, and taps beyond
 *   the edge are mirrored (d c b | a b c d | c b a), as ni_interpolation.c maps them.
 * Sources: SciPy ni_splines.c / ni_interpolation.c (behaviour), M. Unser, A. Aldroubi, M. Eden,
 * "Fast B-spline transforms for continuous image representation and interpolation", IEEE PAMI 13(3), 1991.
 */
import type { Vec3 } from '../image/volume.js';
import type { WeightedRowsKernel } from './weighted-rows-simd.js';

/** The cubic B-spline's prefilter pole, sqrt(3) - 2 (Unser 1991; SciPy's constant). */
export const CUBIC_POLE = -0.267949192431122706472553658494127633;

/**
 * The 4 cubic B-spline weights of the taps floor(x) - 1 .. floor(x) + 2 for a sample at x
 * (SciPy's get_spline_interpolation_weights, order 3: the last weight is 1 minus the others).
 */
export function cubicWeights(x: number, out: Float64Array | number[], offset = 0): void {
  const y = x - Math.floor(x);
  const z = 1 - y;
  const w1 = (y * y * (y - 2) * 3 + 4) / 6;
  const w2 = (z * z * (z - 2) * 3 + 4) / 6;
  const w0 = (z * z * z) / 6;
  out[offset] = w0;
  out[offset + 1] = w1;
  out[offset + 2] = w2;
  out[offset + 3] = 1 - w0 - w1 - w2;
}

/** An integer index mapped into [0, len) by whole-sample mirroring (SciPy's mode 'mirror'). */
export function mirrorIndex(idx: number, len: number): number {
  if (len <= 1) return 0;
  const s2 = 2 * len - 2;
  if (idx < 0) {
    idx = s2 * Math.floor(-idx / s2) + idx;
    return idx <= 1 - len ? idx + s2 : -idx;
  }
  if (idx >= len) {
    idx -= s2 * Math.floor(idx / s2);
    if (idx >= len) idx = s2 - idx;
  }
  return idx;
}

/** The prefilter's gain, (1 - z)(1 - 1/z) = 6 (SciPy multiplies every sample by it first). */
const GAIN = 1.0 * ((1.0 - CUBIC_POLE) * (1.0 - 1.0 / CUBIC_POLE));

/**
 * How much one pass can enlarge the largest magnitude on a line: the sum of |h| over the direct
 * B-spline filter's impulse response h[k] = sqrt(3) z^|k| is 3 (Unser 1991); with mirror boundaries
 * the pass is that filter on the mirrored line. 3.01 leaves room for rounding.
 */
const PASS_GROWTH = 3.01;

/**
 * Where the causal initial sum may stop. Its terms z^i (c_i + z^(n-1) c_(n-1-i)) shrink
 * geometrically; once a bound on every remaining term is below a quarter ulp of the partial sum
 * (|sum| 2^-55 <= ulp / 4), adding them cannot change it (round to nearest), so the result is
 * the full sum's to the last bit. `scaledBound` bounds |gain * c| on the lines.
 */
function initTailNegligible(zi: number, zn1: number, scaledBound: number, partial: number): boolean {
  return Math.abs(zi) * ((1 + Math.abs(zn1)) * scaledBound * 1.001) < Math.abs(partial) * 2 ** -55;
}

/**
 * Filter `width` interleaved lines in place: element i of line j is c[base + j + i * stride],
 * i < n. Processing the lines side by side keeps memory access contiguous for the z and y axes;
 * each line sees exactly the operations of SciPy's per-line filter (the gain is applied where
 * SciPy's scaled sample is read, which gives the same numbers). `bound`: a bound on |c| on these
 * lines. (Each step is its own function so that V8 optimises each loop with its own type feedback.)
 */
function filterLines(
  c: Float64Array, base: number, n: number, stride: number, width: number, acc: Float64Array, bound: number, stop = 0, k: WeightedRowsKernel | null = null,
): void {
  if (n <= 1) return;
  const z = CUBIC_POLE;
  causalInitMirror(c, base, n, stride, width, acc, z, GAIN, bound * GAIN, k);
  if (k) {
    // the same loops over the lines, element by element in the SIMD kernel (weighted-rows-simd.ts)
    const cb = c.byteOffset;
    for (let i = 1; i < n; i++) k.fns.scaleAdd(cb + 8 * (base + i * stride), cb + 8 * (base + (i - 1) * stride), width, GAIN, z);
    anticausalLast(c, base, n, stride, width, z);
    for (let i = n - 2; i >= stop; i--) k.fns.zDiff(cb + 8 * (base + i * stride), cb + 8 * (base + (i + 1) * stride), width, z);
    return;
  }
  causalLines(c, base, n, stride, width, z, GAIN);
  anticausalLines(c, base, n, stride, width, z, stop);
}

/**
 * The causal initial value with mirror boundaries: SciPy's sum over the whole line, of the scaled
 * samples, stopped where the rest cannot change it (initTailNegligible, checked for every line).
 */
function causalInitMirror(
  c: Float64Array, base: number, n: number, stride: number, width: number, acc: Float64Array, z: number, gain: number, scaledBound: number,
  k: WeightedRowsKernel | null,
): void {
  const last = base + (n - 1) * stride;
  const zn1 = Math.pow(z, n - 1);
  for (let j = 0; j < width; j++) acc[j] = c[base + j] * gain + zn1 * (c[last + j] * gain);
  let zi = z;
  for (let i = 1; i < n - 1; i++) {
    // (checked at i = 1 too, so that the check has run before V8 optimises the loop for short lines)
    if ((i === 1 || ((i & 7) === 0 && i >= 24)) && initTailNegligible(zi, zn1, scaledBound, minAbs(acc, width))) break;
    const o = base + i * stride;
    const r = base + (n - 1 - i) * stride;
    if (k) k.fns.initTerm(acc.byteOffset, c.byteOffset + 8 * o, c.byteOffset + 8 * r, width, zi, gain, zn1);
    else for (let j = 0; j < width; j++) acc[j] += zi * (c[o + j] * gain + zn1 * (c[r + j] * gain));
    zi *= z;
  }
  const denom = 1 - zn1 * zn1;
  for (let j = 0; j < width; j++) c[base + j] = acc[j] / denom;
}

/** The least |a[j]|, j < n (NaN if any is NaN: the shortcut is then not taken). */
function minAbs(a: Float64Array, n: number): number {
  let m = Infinity;
  for (let j = 0; j < n; j++) m = Math.min(m, Math.abs(a[j]));
  return m;
}

/** The causal recursion on the scaled samples (element 0 holds the initial value). */
function causalLines(c: Float64Array, base: number, n: number, stride: number, width: number, z: number, gain: number): void {
  for (let i = 1; i < n; i++) {
    const o = base + i * stride;
    const p = o - stride;
    for (let j = 0; j < width; j++) c[o + j] = c[o + j] * gain + z * c[p + j];
  }
}

/** The anticausal initial value (the last element of each line). */
function anticausalLast(c: Float64Array, base: number, n: number, stride: number, width: number, z: number): void {
  const last = base + (n - 1) * stride;
  const prev = last - stride;
  const zz1 = z * z - 1;
  for (let j = 0; j < width; j++) c[last + j] = ((z * c[prev + j] + c[last + j]) * z) / zz1;
}

/** The anticausal initial value and recursion, down to element `stop` (the ones below are not read later). */
function anticausalLines(c: Float64Array, base: number, n: number, stride: number, width: number, z: number, stop: number): void {
  anticausalLast(c, base, n, stride, width, z);
  for (let i = n - 2; i >= stop; i--) {
    const o = base + i * stride;
    const q = o + stride;
    for (let j = 0; j < width; j++) c[o + j] = z * (c[q + j] - c[o + j]);
  }
}

/**
 * filterLines for one contiguous line (the x axis): the same operations, scalar, each recursion
 * carrying its last value in a register.
 */
function filterLine(c: Float64Array, base: number, n: number, bound: number, stop = 0): void {
  if (n <= 1) return;
  const z = CUBIC_POLE;
  const gain = GAIN;
  const last = base + n - 1;
  const zn1 = Math.pow(z, n - 1);
  let prev = lineInit(c, base, n, bound * gain, zn1) / (1 - zn1 * zn1);
  c[base] = prev;
  for (let i = base + 1; i <= last; i++) {
    prev = c[i] * gain + z * prev;
    c[i] = prev;
  }
  let next = ((z * c[last - 1] + c[last]) * z) / (z * z - 1);
  c[last] = next;
  for (let i = last - 1; i >= base + stop; i--) {
    next = z * (next - c[i]);
    c[i] = next;
  }
}

/** The causal initial value of the line at `base` (before the division by 1 - z^(2(n-1))): filterLine's and filterLinePair's. */
function lineInit(c: Float64Array, base: number, n: number, scaledBound: number, zn1: number): number {
  const z = CUBIC_POLE, gain = GAIN, last = base + n - 1;
  let c0 = c[base] * gain + zn1 * (c[last] * gain);
  let zi = z;
  for (let i = 1; i < n - 1; i++) {
    if ((i === 1 || ((i & 7) === 0 && i >= 24)) && initTailNegligible(zi, zn1, scaledBound, c0)) break;
    c0 += zi * (c[base + i] * gain + zn1 * (c[last - i] * gain));
    zi *= z;
  }
  return c0;
}

/**
 * filterLine on two lines of n at once, each with exactly filterLine's operations: the recursions
 * of the two are independent, so their steps overlap instead of each waiting for the last.
 */
function filterLinePair(c: Float64Array, a: number, b: number, n: number, bound: number, stop: number): void {
  if (n <= 1) return;
  const z = CUBIC_POLE;
  const gain = GAIN;
  const zn1 = Math.pow(z, n - 1);
  const scaledBound = bound * gain;
  const denom = 1 - zn1 * zn1;
  let pa = lineInit(c, a, n, scaledBound, zn1) / denom;
  let pb = lineInit(c, b, n, scaledBound, zn1) / denom;
  c[a] = pa;
  c[b] = pb;
  for (let i = 1; i < n; i++) {
    pa = c[a + i] * gain + z * pa;
    c[a + i] = pa;
    pb = c[b + i] * gain + z * pb;
    c[b + i] = pb;
  }
  const zz1 = z * z - 1;
  let na = ((z * c[a + n - 2] + c[a + n - 1]) * z) / zz1;
  let nb = ((z * c[b + n - 2] + c[b + n - 1]) * z) / zz1;
  c[a + n - 1] = na;
  c[b + n - 1] = nb;
  for (let i = n - 2; i >= stop; i--) {
    na = z * (na - c[a + i]);
    c[a + i] = na;
    nb = z * (nb - c[b + i]);
    c[b + i] = nb;
  }
}

/** An inclusive index range along one axis. */
export interface IndexRange { lo: number; hi: number }

/**
 * How far beyond the region the prefilter reads. Each recursive pass forgets its start with the
 * pole's powers, |z|^40 = 1.3e-23: a window edge 40 voxels away shifts a coefficient by less than
 * 1.3e-23 times the largest image value there, far below rounding unless the image holds values
 * 10^7 times larger than the ROI's. Where the window reaches the image edge, SciPy's mirror
 * boundary applies exactly.
 */
export const SPLINE_MARGIN = 40;

/** Spline coefficients of a window of the volume: window voxel (i, j, k) is volume voxel lo + (i, j, k). */
export interface CoefficientWindow {
  coef: Float64Array;
  lo: Vec3;
  size: Vec3;
}

/**
 * Cubic B-spline coefficients (SciPy's spline_filter(order=3), mirror boundaries, numpy axes z, y,
 * x in turn) valid inside `region` (x, y, z index ranges), computed over the region plus `margin`
 * voxels on each side (clipped to the volume): each pass filters whole window lines, and only
 * where a later pass reads (its anticausal recursion stops at the region's start along its axis;
 * coefficients outside the region are not final). With the whole volume as region this is
 * SciPy's filter itself.
 */
export function cubicSplineWindow(
  data: ArrayLike<number>,
  size: Vec3,
  region: readonly [IndexRange, IndexRange, IndexRange],
  margin = SPLINE_MARGIN,
  into?: SplineWorkArrays,
): CoefficientWindow {
  const { lo, size: wsize } = splineWindowBox(size, region, margin);
  const [nx, ny] = size;
  const [wx, wy, wz] = wsize;
  const wxy = wx * wy;
  const c = into ? into.coef : new Float64Array(wxy * wz);
  const k = into ? into.kernel : null;
  let bound = 0;
  for (let k = 0; k < wz; k++) {
    for (let j = 0; j < wy; j++) bound = copyRow(data, ((lo[2] + k) * ny + lo[1] + j) * nx + lo[0], c, (k * wy + j) * wx, wx, bound);
  }
  const acc = into ? into.acc : new Float64Array(Math.max(wxy, 1));
  // numpy axis 0 (z): every column of the window
  filterLines(c, 0, wz, wxy, wxy, acc, bound, region[2].lo - lo[2], k);
  // numpy axis 1 (y): the slices a later pass reads
  const z0 = region[2].lo - lo[2], z1 = region[2].hi - lo[2];
  const y0 = region[1].lo - lo[1], y1 = region[1].hi - lo[1];
  bound *= PASS_GROWTH;
  for (let s = z0; s <= z1; s++) filterLines(c, s * wxy, wy, wx, wx, acc, bound, y0, k);
  // numpy axis 2 (x): the rows a later read needs
  bound *= PASS_GROWTH;
  const x0 = region[0].lo - lo[0];
  for (let s = z0; s <= z1; s++) {
    let j = y0;
    for (; j + 1 <= y1; j += 2) filterLinePair(c, s * wxy + j * wx, s * wxy + (j + 1) * wx, wx, bound, x0);
    if (j <= y1) filterLine(c, s * wxy + j * wx, wx, bound, x0);
  }
  return { coef: c, lo, size: wsize };
}

/** The window cubicSplineWindow filters: the region plus `margin` voxels per side, clipped to the volume. */
export function splineWindowBox(size: Vec3, region: readonly [IndexRange, IndexRange, IndexRange], margin = SPLINE_MARGIN): { lo: Vec3; size: Vec3 } {
  const lo: Vec3 = [0, 0, 0], wsize: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    lo[a] = Math.max(0, region[a].lo - margin);
    wsize[a] = Math.min(size[a] - 1, region[a].hi + margin) - lo[a] + 1;
  }
  return { lo, size: wsize };
}

/**
 * Where cubicSplineWindow may work: `coef` (the window's size, every element written before it is
 * read) and `acc` (at least one window slice); with `kernel`, both in its memory, the loops across
 * lines run there.
 */
export interface SplineWorkArrays {
  coef: Float64Array;
  acc: Float64Array;
  kernel: WeightedRowsKernel | null;
}

/** Copies a row, returning max(bound, the largest |value| copied); NaN in the data gives NaN. */
function copyRow(data: ArrayLike<number>, src: number, c: Float64Array, dst: number, n: number, bound: number): number {
  for (let i = 0; i < n; i++) {
    const v = data[src + i];
    c[dst + i] = v;
    bound = Math.max(bound, Math.abs(v));
  }
  return bound;
}

/** Cubic B-spline coefficients of the whole volume (x fastest), exactly SciPy's spline_filter(order=3). */
export function cubicSplineCoefficients(data: ArrayLike<number>, size: Vec3): Float64Array {
  const all = (n: number): IndexRange => ({ lo: 0, hi: n - 1 });
  return cubicSplineWindow(data, size, [all(size[0]), all(size[1]), all(size[2])], 0).coef;
}
