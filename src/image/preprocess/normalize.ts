/**
 * PyRadiomics' normalizeImage (imageoperations.py):
 *   f(x) = s * (x - mu) / sigma        over every voxel of the image, not just the ROI,
 * with outliers clipped to +/- removeOutliers (in units of sigma) before the scale s is applied.
 *
 * As SimpleITK does it: sitk.Normalize is itk::NormalizeImageFilter, whose statistics come from
 * itk::StatisticsImageFilter (compensated sums; sigma is the SAMPLE standard deviation,
 * variance = (sum(x^2) - sum(x)^2 / n) / (n - 1)) and whose output is
 * (x + (-mu)) * (1 / sigma) in NumericTraits<Pixel>::RealType, i.e. float64 for every scalar
 * pixel type. `image *= scale` then multiplies in float64. The result is always float64.
 */
import { withData, type Volume } from '../volume.js';
import type { IndexBox, ValueMap } from './bspline.js';

export interface NormalizeOptions {
  /** normalizeScale (default 1). */
  scale?: number;
  /** removeOutliers: clip at +/- this many standard deviations (null: no clipping). */
  removeOutliers?: number | null;
}

/** Mean and sample standard deviation of all voxels, as itk::StatisticsImageFilter computes them. */
export function imageMeanSigma(data: ArrayLike<number>): { mean: number; sigma: number } {
  const n = data.length;
  const exact = exactIntegerSums(data);
  if (exact) {
    const mean = exact.sum / n;
    return { mean, sigma: Math.sqrt((exact.sq - (exact.sum * exact.sum) / n) / (n - 1)) };
  }
  // Kahan-compensated sums, as itk::CompensatedSummation.
  let sum = 0, sumC = 0, sq = 0, sqC = 0;
  for (let i = 0; i < n; i++) {
    const x = data[i];
    let y = x - sumC;
    let t = sum + y;
    sumC = (t - sum) - y;
    sum = t;
    y = x * x - sqC;
    t = sq + y;
    sqC = (t - sq) - y;
    sq = t;
  }
  const mean = sum / n;
  const variance = (sq - (sum * sum) / n) / (n - 1);
  return { mean, sigma: Math.sqrt(variance) };
}

/**
 * Sum and sum of squares of the voxels when every value is an integer and n * max|x|^2 <= 2^53:
 * then every partial sum, in any order, is an integer below 2^53 and exact, so the compensated
 * sums give these same numbers (their corrections stay 0), which four independent partial sums
 * compute without the compensated chain's latency. Undefined when the values do not qualify
 * (checked in the same pass: non-integer, NaN or infinite values, or too large).
 */
function exactIntegerSums(data: ArrayLike<number>): { sum: number; sq: number } | undefined {
  if (!ArrayBuffer.isView(data)) return undefined;
  const integerType = data instanceof Int8Array || data instanceof Uint8Array || data instanceof Int16Array
    || data instanceof Uint16Array || data instanceof Int32Array || data instanceof Uint32Array;
  const n = data.length;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
  let max = 0;
  let integral = 1;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const a = data[i], b = data[i + 1], c = data[i + 2], d = data[i + 3];
    s0 += a; s1 += b; s2 += c; s3 += d;
    q0 += a * a; q1 += b * b; q2 += c * c; q3 += d * d;
    max = Math.max(max, Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(d));
    if (!integerType) integral &= +(Math.floor(a) === a) & +(Math.floor(b) === b) & +(Math.floor(c) === c) & +(Math.floor(d) === d);
  }
  for (; i < n; i++) {
    const a = data[i];
    s0 += a;
    q0 += a * a;
    max = Math.max(max, Math.abs(a));
    if (!integerType) integral &= +(Math.floor(a) === a);
  }
  // max is NaN when a value is; n * max^2 bounds every partial sum of squares (and of values)
  if (!integral || !(n * max * max <= 2 ** 53)) return undefined;
  return { sum: (s0 + s1) + (s2 + s3), sq: (q0 + q1) + (q2 + q3) };
}

/**
 * normalizeImage's voxel map for `image` (its statistics from every voxel): v = (x + (-mu)) *
 * (1 / sigma), clipped to +/- removeOutliers, times the scale.
 */
export function normalizationMap(image: Volume, options: NormalizeOptions = {}): ValueMap {
  const { mean, sigma } = imageMeanSigma(image.data);
  return { shift: -mean, factor: 1 / sigma, clip: options.removeOutliers ?? null, scale: options.scale ?? 1 };
}

/**
 * normalizeImage: a new float64 volume on the same grid. With `region`, the statistics still come
 * from every voxel but only the voxels of `region` are computed, the others left 0: for a consumer
 * that reads nothing else (resampling onto the ROI's grid reads its neighbourhood only).
 */
export function normalizeImage(image: Volume, options: NormalizeOptions = {}, region?: IndexBox): Volume<Float64Array> {
  const { shift, factor, clip: outliers, scale } = normalizationMap(image, options);
  const src = image.data;
  const out = new Float64Array(src.length);
  const [nx, ny, nz] = image.size;
  const { lower, size } = region ?? { lower: [0, 0, 0], size: [nx, ny, nz] };
  for (let z = lower[2]; z < lower[2] + size[2]; z++) {
    for (let y = lower[1]; y < lower[1] + size[1]; y++) {
      const from = lower[0] + nx * (y + ny * z);
      for (let i = from; i < from + size[0]; i++) {
        let v = (src[i] + shift) * factor;
        if (outliers !== null) {
          if (v > outliers) v = outliers;
          else if (v < -outliers) v = -outliers;
        }
        out[i] = v * scale;
      }
    }
  }
  return withData(image, out);
}
