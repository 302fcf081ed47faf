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

/**
 * Filter `width` interleaved lines in place: element i of line j is c[base + j + i * stride],
 * i < n. Processing the lines side by side keeps memory access contiguous for the z and y axes;
 * each line sees exactly the operations of SciPy's per-line filter. (Each step is its own
 * function so that V8 optimises each loop with its own type feedback.)
 */
function filterLines(c: Float64Array, base: number, n: number, stride: number, width: number, acc: Float64Array): void {
  if (n <= 1) return;
  const z = CUBIC_POLE;
  scaleLines(c, base, n, stride, width, 1.0 * ((1.0 - z) * (1.0 - 1.0 / z)));
  causalInitMirror(c, base, n, stride, width, acc, z);
  causalLines(c, base, n, stride, width, z);
  anticausalLines(c, base, n, stride, width, z);
}

function scaleLines(c: Float64Array, base: number, n: number, stride: number, width: number, gain: number): void {
  for (let i = 0; i < n; i++) {
    const o = base + i * stride;
    for (let j = 0; j < width; j++) c[o + j] *= gain;
  }
}

/** The causal initial value with mirror boundaries: a sum over the whole line. */
function causalInitMirror(c: Float64Array, base: number, n: number, stride: number, width: number, acc: Float64Array, z: number): void {
  const last = base + (n - 1) * stride;
  const zn1 = Math.pow(z, n - 1);
  for (let j = 0; j < width; j++) acc[j] = c[base + j] + zn1 * c[last + j];
  let zi = z;
  for (let i = 1; i < n - 1; i++) {
    const o = base + i * stride;
    const r = base + (n - 1 - i) * stride;
    for (let j = 0; j < width; j++) acc[j] += zi * (c[o + j] + zn1 * c[r + j]);
    zi *= z;
  }
  const denom = 1 - zn1 * zn1;
  for (let j = 0; j < width; j++) c[base + j] = acc[j] / denom;
}

function causalLines(c: Float64Array, base: number, n: number, stride: number, width: number, z: number): void {
  for (let i = 1; i < n; i++) {
    const o = base + i * stride;
    const p = o - stride;
    for (let j = 0; j < width; j++) c[o + j] += z * c[p + j];
  }
}

/** The anticausal initial value and recursion. */
function anticausalLines(c: Float64Array, base: number, n: number, stride: number, width: number, z: number): void {
  const last = base + (n - 1) * stride;
  const prev = last - stride;
  const zz1 = z * z - 1;
  for (let j = 0; j < width; j++) c[last + j] = ((z * c[prev + j] + c[last + j]) * z) / zz1;
  for (let i = n - 2; i >= 0; i--) {
    const o = base + i * stride;
    const q = o + stride;
    for (let j = 0; j < width; j++) c[o + j] = z * (c[q + j] - c[o + j]);
  }
}

/** filterLines for one contiguous line (the x axis): the same operations, scalar. */
function filterLine(c: Float64Array, base: number, n: number): void {
  if (n <= 1) return;
  const z = CUBIC_POLE;
  const gain = 1.0 * ((1.0 - z) * (1.0 - 1.0 / z));
  const last = base + n - 1;
  for (let i = base; i <= last; i++) c[i] *= gain;
  const zn1 = Math.pow(z, n - 1);
  let c0 = c[base] + zn1 * c[last];
  let zi = z;
  for (let i = 1; i < n - 1; i++) {
    c0 += zi * (c[base + i] + zn1 * c[last - i]);
    zi *= z;
  }
  c[base] = c0 / (1 - zn1 * zn1);
  for (let i = base + 1; i <= last; i++) c[i] += z * c[i - 1];
  c[last] = ((z * c[last - 1] + c[last]) * z) / (z * z - 1);
  for (let i = last - 1; i >= base; i--) c[i] = z * (c[i + 1] - c[i]);
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
 * where a later pass reads. With the whole volume as region this is SciPy's filter itself.
 */
export function cubicSplineWindow(
  data: ArrayLike<number>,
  size: Vec3,
  region: readonly [IndexRange, IndexRange, IndexRange],
  margin = SPLINE_MARGIN,
): CoefficientWindow {
  const lo: Vec3 = [0, 0, 0], wsize: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    lo[a] = Math.max(0, region[a].lo - margin);
    wsize[a] = Math.min(size[a] - 1, region[a].hi + margin) - lo[a] + 1;
  }
  const [nx, ny] = size;
  const [wx, wy, wz] = wsize;
  const wxy = wx * wy;
  const c = new Float64Array(wxy * wz);
  for (let k = 0; k < wz; k++) {
    for (let j = 0; j < wy; j++) copyRow(data, ((lo[2] + k) * ny + lo[1] + j) * nx + lo[0], c, (k * wy + j) * wx, wx);
  }
  const acc = new Float64Array(Math.max(wxy, 1));
  // numpy axis 0 (z): every column of the window
  filterLines(c, 0, wz, wxy, wxy, acc);
  // numpy axis 1 (y): the slices a later pass reads
  const z0 = region[2].lo - lo[2], z1 = region[2].hi - lo[2];
  const y0 = region[1].lo - lo[1], y1 = region[1].hi - lo[1];
  for (let k = z0; k <= z1; k++) filterLines(c, k * wxy, wy, wx, wx, acc);
  // numpy axis 2 (x): the rows a later read needs
  for (let k = z0; k <= z1; k++) {
    for (let j = y0; j <= y1; j++) filterLine(c, k * wxy + j * wx, wx);
  }
  return { coef: c, lo, size: wsize };
}

function copyRow(data: ArrayLike<number>, src: number, c: Float64Array, dst: number, n: number): void {
  for (let i = 0; i < n; i++) c[dst + i] = data[src + i];
}

/** Cubic B-spline coefficients of the whole volume (x fastest), exactly SciPy's spline_filter(order=3). */
export function cubicSplineCoefficients(data: ArrayLike<number>, size: Vec3): Float64Array {
  const all = (n: number): IndexRange => ({ lo: 0, hi: n - 1 });
  return cubicSplineWindow(data, size, [all(size[0]), all(size[1]), all(size[2])], 0).coef;
}
