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
  const integerType = a instanceof Int8Array || a instanceof Uint8Array || a instanceof Int16Array
    || a instanceof Uint16Array || a instanceof Int32Array || a instanceof Uint32Array;
  let min = Infinity, max = -Infinity;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
  let integral = 1;
  let i = 0;
  for (; i + 3 < n; i += 4) {
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
  for (; i < n; i++) {
    const w = a[i];
    s0 += w;
    q0 += w * w;
    if (w < min) min = w;
    if (w > max) max = w;
    if (!integerType) integral &= +(Math.floor(w) === w);
  }
  // Math.floor(Infinity) === Infinity: infinities are not integers here
  const finite = Number.isFinite(min) && Number.isFinite(max);
  return { n, min, max, integral: integral === 1 && (finite || n === 0), sum: (s0 + s1) + (s2 + s3), sumOfSquares: (q0 + q1) + (q2 + q3) };
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
