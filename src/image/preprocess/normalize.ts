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

export interface NormalizeOptions {
  /** normalizeScale (default 1). */
  scale?: number;
  /** removeOutliers: clip at +/- this many standard deviations (null: no clipping). */
  removeOutliers?: number | null;
}

/** Mean and sample standard deviation of all voxels, as itk::StatisticsImageFilter computes them. */
export function imageMeanSigma(data: ArrayLike<number>): { mean: number; sigma: number } {
  // Kahan-compensated sums, as itk::CompensatedSummation.
  let sum = 0, sumC = 0, sq = 0, sqC = 0;
  const n = data.length;
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

/** normalizeImage: a new float64 volume on the same grid. */
export function normalizeImage(image: Volume, options: NormalizeOptions = {}): Volume<Float64Array> {
  const scale = options.scale ?? 1;
  const outliers = options.removeOutliers ?? null;
  const src = image.data;
  const { mean, sigma } = imageMeanSigma(src);
  const shift = -mean;
  const factor = 1 / sigma;
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) {
    let v = (src[i] + shift) * factor;
    if (outliers !== null) {
      if (v > outliers) v = outliers;
      else if (v < -outliers) v = -outliers;
    }
    out[i] = v * scale;
  }
  return withData(image, out);
}
