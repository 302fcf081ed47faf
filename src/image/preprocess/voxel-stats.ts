/**
 * One pass over an image's voxels for what both the diagnostics (Mean, Minimum, Maximum) and the
 * normalisation statistics (sum and sum of squares) need, so the image is read once for both.
 *
 * The sums are plain float64 sums in four partial sums. They are exact, and then equal to NumPy's
 * pairwise sum (diagnostics) and to ITK's compensated sums (normalisation) whatever the order,
 * when every value is an integer and every partial sum stays an integer of at most 2^53:
 * n * max|x| <= 2^53 for the sum, n * max|x|^2 <= 2^53 for the sum of squares. `integral` says
 * whether the first condition's premise holds (checked for every voxel; NaN and infinities fail it).
 */
import { integerStatsSimd } from './voxel-stats-wasm.js';
import { floatStatsSimd } from './voxel-stats-float.js';

export interface VoxelStats {
  n: number;
  /** Least and greatest value, NaN ignored (Infinity / -Infinity when there is none). */
  min: number;
  max: number;
  /** Whether every value is a finite integer. */
  integral: boolean;
  sum: number;
  sumOfSquares: number;
}

export function voxelStats(a: ArrayLike<number>): VoxelStats {
  const n = a.length;
  if (n >= HISTOGRAM_MIN_VOXELS) {
    const small = smallIntegerStats(a);
    if (small) return small;
    if (a instanceof Int16Array) return histogramStats(a, 32768, 65536);
    if (a instanceof Uint16Array) return histogramStats(a, 0, 65536);
    if (a instanceof Int8Array) return histogramStats(a, 128, 256);
    if (a instanceof Uint8Array) return histogramStats(a, 0, 256);
  }
  return plainStats(a);
}

/**
 * voxelStats of an 8- or 16-bit integer image from ./voxel-stats-wasm.ts's exact integer sums,
 * when both sums are exact (exactSums): they are then the very numbers of the float64 sums below
 * (every partial sum there is exact too). Otherwise (or without WebAssembly SIMD) null, and the
 * counting pass gives the float64 sums as before.
 */
function smallIntegerStats(a: ArrayLike<number>): VoxelStats | null {
  if (!(a instanceof Int16Array || a instanceof Uint16Array || a instanceof Int8Array || a instanceof Uint8Array)) return null;
  const r = integerStatsSimd(a);
  if (!r) return null;
  const s: VoxelStats = { n: a.length, min: r.min, max: r.max, integral: true, sum: r.sum, sumOfSquares: r.sumOfSquares };
  return exactSums(s) ? s : null;
}

/** voxelStats in one plain pass. */
function plainStats(a: ArrayLike<number>): VoxelStats {
  const n = a.length;
  const integerType = a instanceof Int8Array || a instanceof Uint8Array || a instanceof Int16Array
    || a instanceof Uint16Array || a instanceof Int32Array || a instanceof Uint32Array;
  // float32: the same pass in WebAssembly SIMD (./voxel-stats-float.ts, the same numbers)
  const r = (a instanceof Float32Array && n >= FLOAT_SIMD_MIN_VOXELS ? floatStatsSimd(a) : null) ?? plainPass(a, integerType);
  // Math.floor(Infinity) === Infinity: infinities are not integers here
  const finite = Number.isFinite(r.min) && Number.isFinite(r.max);
  return { n, min: r.min, max: r.max, integral: r.integral === 1 && (finite || n === 0), sum: r.sum, sumOfSquares: r.sumOfSquares };
}

/**
 * The pass itself. The n mod 4 leading values come first and nothing but the result follows the
 * main loop: V8 compiles this function while that loop runs (on-stack replacement), and code after
 * the loop that had never run (a tail loop's test) made the compiled code bail out on every call,
 * ~3x slower on a float32 image.
 */
function plainPass(a: ArrayLike<number>, integerType: boolean): { min: number; max: number; integral: number; sum: number; sumOfSquares: number } {
  const n = a.length;
  let min = Infinity, max = -Infinity;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
  let integral = 1;
  let i = 0;
  for (const head = n & 3; i < head; i++) {
    const w = a[i];
    s0 += w;
    q0 += w * w;
    if (w < min) min = w;
    if (w > max) max = w;
    if (!integerType) integral &= +(Math.floor(w) === w);
  }
  for (; i < n; i += 4) {
    const w = a[i], x = a[i + 1], y = a[i + 2], z = a[i + 3];
    s0 += w; s1 += x; s2 += y; s3 += z;
    q0 += w * w; q1 += x * x; q2 += y * y; q3 += z * z;
    if (w < min) min = w;
    if (w > max) max = w;
    if (x < min) min = x;
    if (x > max) max = x;
    if (y < min) min = y;
    if (y > max) max = y;
    if (z < min) min = z;
    if (z > max) max = z;
    if (!integerType) integral &= +(Math.floor(w) === w) & +(Math.floor(x) === x) & +(Math.floor(y) === y) & +(Math.floor(z) === z);
  }
  return { min, max, integral, sum: (s0 + s1) + (s2 + s3), sumOfSquares: (q0 + q1) + (q2 + q3) };
}

/** From this many voxels on, float32 images go through the WebAssembly pass (below, the copy and call cost more than they save). */
const FLOAT_SIMD_MIN_VOXELS = 1024;

/** From this many voxels on, 8- and 16-bit images are counted per value (a 16-bit table costs a 65536-bin scan). */
const HISTOGRAM_MIN_VOXELS = 1 << 16;

/** Four interleaved count tables (reused), so that a run of one value does not wait on its own increments. */
let counts = new Int32Array(0);

/**
 * voxelStats of an 8- or 16-bit integer image from its counts per value (value + offset in
 * [0, bins)): the least and greatest value present, and the sums as sum(count * value) and
 * sum(count * value^2) in ascending value order. Whenever exactSum / exactSums hold, every term
 * and partial sum is an integer of at most n max|x| (resp. n max|x|^2) <= 2^53, so the sums are
 * exact, the numbers the four partial sums give; otherwise they are not used (as there).
 */
function histogramStats(a: Int8Array | Uint8Array | Int16Array | Uint16Array, offset: number, bins: number): VoxelStats {
  const n = a.length;
  if (counts.length < 4 * bins) counts = new Int32Array(4 * bins);
  const c = counts;
  c.fill(0, 0, 4 * bins);
  countValues(a, offset, bins, c);
  return histogramSums(c, n, offset, bins);
}

/**
 * The counts per value (value + offset) in four interleaved tables. The n mod 4 leading values
 * come first and nothing follows the main loop (see plainPass: V8's on-stack-replaced code).
 */
function countValues(a: Int8Array | Uint8Array | Int16Array | Uint16Array, offset: number, bins: number, c: Int32Array): void {
  const n = a.length;
  const o1 = offset + bins, o2 = offset + 2 * bins, o3 = offset + 3 * bins;
  let i = 0;
  for (const head = n & 3; i < head; i++) c[a[i] + offset]++;
  for (; i < n; i += 4) {
    c[a[i] + offset]++;
    c[a[i + 1] + o1]++;
    c[a[i + 2] + o2]++;
    c[a[i + 3] + o3]++;
  }
}

/** histogramStats' extremes and sums from the four tables of counts. */
function histogramSums(c: Int32Array, n: number, offset: number, bins: number): VoxelStats {
  let min = Infinity, max = -Infinity, sum = 0, sumOfSquares = 0;
  for (let b = 0; b < bins; b++) {
    const k = c[b] + c[b + bins] + c[b + 2 * bins] + c[b + 3 * bins];
    if (k === 0) continue;
    const x = b - offset;
    if (x < min) min = x;
    max = x;
    sum += k * x;
    sumOfSquares += k * (x * x);
  }
  return { n, min, max, integral: true, sum, sumOfSquares };
}

/** The largest |value| (NaN when there are no values). */
function maxAbs(s: VoxelStats): number {
  return Math.max(Math.abs(s.min), Math.abs(s.max));
}

/** Whether `sum` is exact (see voxelStats). */
export function exactSum(s: VoxelStats): boolean {
  return s.integral && s.n * maxAbs(s) <= 2 ** 53;
}

/** Whether `sum` and `sumOfSquares` are both exact. */
export function exactSums(s: VoxelStats): boolean {
  const m = maxAbs(s);
  return s.integral && s.n * m * m <= 2 ** 53;
}
