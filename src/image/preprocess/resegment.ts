/**
 * PyRadiomics' resegmentMask (imageoperations.py): keep the ROI voxels whose grey value lies in
 * resegmentRange. One threshold: value >= t. Two: t_low <= value <= t_high (sorted). Modes:
 * absolute (the values themselves), relative (fractions of the ROI maximum), sigma (mean + t * SD
 * of the ROI, population SD as np.std). At least two voxels must remain.
 */
import { withData, type Volume } from '../volume.js';
import { PreprocessError } from './errors.js';
import { numpySum } from './diagnostics.js';

export interface ResegmentSettings {
  resegmentRange: number[];
  resegmentMode: 'absolute' | 'relative' | 'sigma';
}

export function resegmentMask(image: Volume, roi: Volume<Uint8Array>, settings: ResegmentSettings, maskName = 'mask'): Volume<Uint8Array> {
  const range = settings.resegmentRange;
  if (range.length === 0 || range.length > 2) {
    throw new PreprocessError('bad-setting', `resegmentRange must hold 1 or 2 values, not ${range.length}.`);
  }
  const sorted = [...range].sort((a, b) => a - b);
  const img = image.data;
  const m = roi.data;
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
  let kept = 0;
  for (let i = 0; i < m.length; i++) {
    if (!m[i]) continue;
    const v = img[i];
    if (v >= thresholds[0] && (thresholds.length === 1 || v <= thresholds[1])) {
      out[i] = 1;
      kept++;
    }
  }
  if (kept <= 1) {
    throw new PreprocessError('resegment-empty',
      `${maskName}: resegmentation (range ${JSON.stringify(range)}, mode ${settings.resegmentMode}) kept ${kept} voxel(s); ` +
      'features need at least 2. Widen resegmentRange or check the image intensities.');
  }
  return withData(roi, out);
}
