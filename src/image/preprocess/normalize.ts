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
import { exactSums, voxelStats, type VoxelStats } from './voxel-stats.js';

export interface NormalizeOptions {
  /** normalizeScale (default 1). */
  scale?: number;
  /** removeOutliers: clip at +/- this many standard deviations (null: no clipping). */
  removeOutliers?: number | null;
}

/**
 * Mean and sample standard deviation of all voxels, as itk::StatisticsImageFilter computes them.
 * When the plain sums of voxelStats are exact (integer values, n max|x|^2 <= 2^53) they are the
 * compensated sums' numbers (whose corrections then stay 0) and are used as they are.
 * `stats`: voxelStats of `data`, when the caller has them.
 */
export function imageMeanSigma(data: ArrayLike<number>, stats: VoxelStats = voxelStats(data)): { mean: number; sigma: number } {
  const n = data.length;
  if (exactSums(stats)) {
    const mean = stats.sum / n;
    return { mean, sigma: Math.sqrt((stats.sumOfSquares - (stats.sum * stats.sum) / n) / (n - 1)) };
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
 * normalizeImage's voxel map for `image` (its statistics from every voxel): v = (x + (-mu)) *
 * (1 / sigma), clipped to +/- removeOutliers, times the scale.
 */
export function normalizationMap(image: Volume, options: NormalizeOptions = {}, stats?: VoxelStats): ValueMap {
  const { mean, sigma } = imageMeanSigma(image.data, stats);
  return { shift: -mean, factor: 1 / sigma, clip: options.removeOutliers ?? null, scale: options.scale ?? 1 };
}

/**
 * normalizeImage: a new float64 volume on the same grid. With `region`, the statistics still come
 * from every voxel but only the voxels of `region` are computed, the others left 0: for a consumer
 * that reads nothing else (resampling onto the ROI's grid reads its neighbourhood only).
 */
export function normalizeImage(image: Volume, options: NormalizeOptions = {}, region?: IndexBox, stats?: VoxelStats): Volume<Float64Array> {
  const { shift, factor, clip: outliers, scale } = normalizationMap(image, options, stats);
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
