/**
 * Resegmentation of the ROI by intensity, as PyRadiomics' imageoperations.resegmentMask:
 * resegmentRange holds one threshold (keep voxels >= it) or two (keep voxels in the closed range);
 * resegmentMode says what the numbers mean:
 * - 'absolute': grey values;
 * - 'relative': fractions of the ROI maximum (thresholds = max * t, in sorted order of t);
 * - 'sigma': standard deviations around the ROI mean (thresholds = mean + sd * t, population sd).
 * The result never grows the ROI. Fewer than 2 voxels left is an error, as in PyRadiomics.
 * Whether shape features use the resegmented ROI is the extractor's business (resegmentShape).
 */
import type { Settings } from './settings.js';
import { numpySum } from '../image/preprocess/diagnostics.js';

export interface Resegmented {
  /** 1 inside the resegmented ROI, 0 elsewhere. */
  mask: Uint8Array;
  /** The thresholds applied: [lower] or [lower, upper]. */
  thresholds: number[];
  /** Voxels before and after. */
  before: number;
  after: number;
}

/**
 * @example
 * resegment(Float64Array.from([-5, 10, 20, 400]), Uint8Array.from([1, 1, 1, 1]),
 *   { resegmentRange: [0, 100], resegmentMode: 'absolute' }).mask // [0, 1, 1, 0]
 */
export function resegment(
  image: ArrayLike<number>,
  mask: Uint8Array,
  settings: Pick<Settings, 'resegmentRange' | 'resegmentMode'>,
  source = 'the ROI',
): Resegmented {
  const range = settings.resegmentRange;
  if (range == null) throw new Error(`resegment: resegmentRange is not set (${source})`);
  if (range.length === 0 || range.length > 2) {
    throw new Error(`resegment: resegmentRange must hold 1 or 2 numbers, got ${range.length} (${source}); use [lower] or [lower, upper]`);
  }
  const sorted = [...range].sort((a, b) => a - b);
  const mode = settings.resegmentMode ?? 'absolute';
  let thresholds: number[];
  if (mode === 'absolute') {
    thresholds = sorted;
  } else if (mode === 'relative') {
    let max = -Infinity;
    for (let i = 0; i < mask.length; i++) if (mask[i] && image[i] > max) max = image[i];
    thresholds = sorted.map((t) => max * t);
  } else if (mode === 'sigma') {
    const { mean, sd } = meanAndSd(image, mask);
    thresholds = sorted.map((t) => mean + sd * t);
  } else {
    throw new Error(`resegment: resegmentMode '${String(mode)}' is not one of absolute, relative, sigma (${source})`);
  }
  const out = new Uint8Array(mask.length);
  const lower = thresholds[0];
  const upper = thresholds.length === 2 ? thresholds[1] : Infinity;
  let before = 0;
  let after = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    before++;
    const v = image[i];
    if (v >= lower && v <= upper) {
      out[i] = 1;
      after++;
    }
  }
  if (after <= 1) {
    throw new Error(
      `resegment: the range ${JSON.stringify(range)} (${mode}) keeps ${after} of ${before} voxels of ${source}; ` +
        'at least 2 are needed: widen resegmentRange or check the image intensities',
    );
  }
  return { mask: out, thresholds, before, after };
}

/**
 * Mean and population standard deviation (numpy.mean, numpy.std) of the ROI voxels, summed with
 * numpy's pairwise summation so that thresholds round as PyRadiomics' do.
 */
function meanAndSd(image: ArrayLike<number>, mask: Uint8Array): { mean: number; sd: number } {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) n++;
  const values = new Float64Array(n);
  for (let i = 0, j = 0; i < mask.length; i++) if (mask[i]) values[j++] = image[i];
  const mean = numpySum(values) / n;
  for (let j = 0; j < n; j++) values[j] = (values[j] - mean) * (values[j] - mean);
  return { mean, sd: Math.sqrt(numpySum(values) / n) };
}
