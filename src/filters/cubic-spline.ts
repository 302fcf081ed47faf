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
 * Cubic B-spline coefficients of a volume (x fastest), SciPy's spline_filter(order=3) with mirror
 * boundaries. Only the coefficients with z in `zRange` and y in `yRange` are complete (the later
 * passes are skipped elsewhere: each pass needs whole lines only where a later pass reads); pass
 * the full ranges to get all of them.
 */
export function cubicSplineCoefficients(
  data: ArrayLike<number>,
  size: Vec3,
  zRange: IndexRange = { lo: 0, hi: size[2] - 1 },
  yRange: IndexRange = { lo: 0, hi: size[1] - 1 },
): Float64Array {
  const [nx, ny, nz] = size;
  const nxy = nx * ny;
  const c = new Float64Array(nx * ny * nz);
  for (let i = 0; i < c.length; i++) c[i] = data[i];
  const acc = new Float64Array(Math.max(nxy, 1));
  // numpy axis 0 (z): every column
  filterLines(c, 0, nz, nxy, nxy, acc);
  // numpy axis 1 (y): the slices a later pass reads
  for (let zz = zRange.lo; zz <= zRange.hi; zz++) filterLines(c, zz * nxy, ny, nx, nx, acc);
  // numpy axis 2 (x): the rows a later read needs
  for (let zz = zRange.lo; zz <= zRange.hi; zz++) {
    for (let yy = yRange.lo; yy <= yRange.hi; yy++) filterLine(c, zz * nxy + yy * nx, nx);
  }
  return c;
}
