/**
 * PyRadiomics' resegmentMask (imageoperations.py): keep the ROI voxels whose grey value lies in
 * resegmentRange. One threshold: value >= t. Two: t_low <= value <= t_high (sorted). Modes:
 * absolute (the values themselves), relative (fractions of the ROI maximum), sigma (mean + t * SD
 * of the ROI, population SD as np.std). The ROI never grows; at least two voxels must remain.
 * Whether shape features use the resegmented ROI is the extractor's business (resegmentShape).
 */
import { withData, type Volume } from '../volume.js';
import { PreprocessError } from './errors.js';
import { numpySum } from './numpy-sum.js';

export interface ResegmentSettings {
  resegmentRange: number[];
  resegmentMode: 'absolute' | 'relative' | 'sigma';
}

export interface Resegmented {
  /** 1 inside the resegmented ROI, 0 elsewhere. */
  mask: Uint8Array;
  /** The thresholds applied: [lower] or [lower, upper]. */
  thresholds: number[];
  /** ROI voxels before and after. */
  before: number;
  after: number;
}

/** resegmentMask on a grid: the resegmented ROI as a volume (see resegmentValues). */
export function resegmentMask(image: Volume, roi: Volume<Uint8Array>, settings: ResegmentSettings, maskName = 'mask'): Volume<Uint8Array> {
  return withData(roi, resegmentValues(image.data, roi.data, settings, maskName).mask);
}

/**
 * resegmentMask on flat arrays (image and 0/1 ROI of the same length).
 * @example
 * resegmentValues(Float64Array.from([-5, 10, 20, 400]), Uint8Array.from([1, 1, 1, 1]),
 *   { resegmentRange: [0, 100], resegmentMode: 'absolute' }).mask // [0, 1, 1, 0]
 */
export function resegmentValues(img: ArrayLike<number>, m: Uint8Array, settings: ResegmentSettings, maskName = 'mask'): Resegmented {
  const range = settings.resegmentRange;
  if (range.length === 0 || range.length > 2) {
    throw new PreprocessError('bad-setting', `resegmentRange must hold 1 or 2 values, not ${range.length}; use [lower] or [lower, upper].`);
  }
  const sorted = [...range].sort((a, b) => a - b);
  let thresholds: number[];
  if (settings.resegmentMode === 'absolute') {
    thresholds = sorted;
  } else if (settings.resegmentMode === 'relative') {
    let max = -Infinity;
    for (let i = 0; i < m.length; i++) if (m[i] && img[i] > max) max = img[i];
    thresholds = sorted.map((t) => max * t);
  } else if (settings.resegmentMode === 'sigma') {
    // np.mean and np.std of the ROI values, with NumPy's pairwise sums.
    let n = 0;
    for (let i = 0; i < m.length; i++) if (m[i]) n++;
    const values = new Float64Array(n);
    for (let i = 0, j = 0; i < m.length; i++) if (m[i]) values[j++] = img[i];
    const mean = (0 + numpySum(values)) / n;
    for (let j = 0; j < n; j++) values[j] = (values[j] - mean) * (values[j] - mean);
    const sd = Math.sqrt((0 + numpySum(values)) / n);
    thresholds = sorted.map((t) => mean + sd * t);
  } else {
    throw new PreprocessError('bad-setting', `resegmentMode ${JSON.stringify(settings.resegmentMode)} is not one of absolute, relative, sigma.`);
  }
  const out = new Uint8Array(m.length);
  const lower = thresholds[0];
  const upper = thresholds.length === 2 ? thresholds[1] : Infinity;
  let before = 0;
  let after = 0;
  for (let i = 0; i < m.length; i++) {
    if (!m[i]) continue;
    before++;
    const v = img[i];
    if (v >= lower && v <= upper) {
      out[i] = 1;
      after++;
    }
  }
  if (after <= 1) {
    throw new PreprocessError('resegment-empty',
      `${maskName}: resegmentation (range ${JSON.stringify(range)}, mode ${settings.resegmentMode}) kept ${after} of ${before} voxel(s); ` +
      'features need at least 2. Widen resegmentRange or check the image intensities.');
  }
  return { mask: out, thresholds, before, after };
}
