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
import type { IndexBox } from './bspline.js';

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
 * Sum and sum of squares of an integer image when plain float64 sums are exact (every partial sum
 * an integer below 2^53: n * 2^(2 bits) small enough); compensated sums then give the same numbers,
 * a latency-bound chain of four additions per voxel slower. Undefined for other images.
 */
function exactIntegerSums(data: ArrayLike<number>): { sum: number; sq: number } | undefined {
  const bits = data instanceof Int8Array || data instanceof Uint8Array ? 8
    : data instanceof Int16Array || data instanceof Uint16Array ? 16 : 0;
  if (bits === 0 || data.length * 2 ** (2 * bits) > Number.MAX_SAFE_INTEGER) return undefined;
  let sum = 0, sq = 0;
  for (let i = 0; i < data.length; i++) {
    const x = data[i];
    sum += x;
    sq += x * x;
  }
  return { sum, sq };
}

/**
 * normalizeImage: a new float64 volume on the same grid. With `region`, the statistics still come
 * from every voxel but only the voxels of `region` are computed, the others left 0: for a consumer
 * that reads nothing else (resampling onto the ROI's grid reads its neighbourhood only).
 */
export function normalizeImage(image: Volume, options: NormalizeOptions = {}, region?: IndexBox): Volume<Float64Array> {
  const scale = options.scale ?? 1;
  const outliers = options.removeOutliers ?? null;
  const src = image.data;
  const { mean, sigma } = imageMeanSigma(src);
  const shift = -mean;
  const factor = 1 / sigma;
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
