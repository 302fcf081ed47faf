/**
 * Grey-level discretisation of the ROI, as PyRadiomics' imageoperations.getBinEdges + binImage,
 * or IBSI's fixed bin size / fixed bin number when settings.ibsi is set.
 *
 * PyRadiomics, fixed bin width W (default): edges are multiples of W, from the largest multiple of
 * W not above the ROI minimum, up to (excluding) max + 2W (numpy.arange); a voxel goes to the bin
 * whose half-open range [lower, upper) holds it (numpy.digitize), so a maximum that is a multiple of
 * W opens a bin of its own. Example from PyRadiomics' docs: values 54..166, W = 25 give bins from
 * 50 to 175 (the code adds one more, empty, edge at 200 than the docs show);
 * X_b = floor(X / W) - floor(min / W) + 1.
 * PyRadiomics, fixed bin count N (binCount set): numpy.histogram's N equal bins between min and max
 * (min - 0.5 .. max + 0.5 for a flat ROI), the top edge raised by 1 so the maximum falls in bin N.
 * IBSI (IBSI reference manual, "Image processing: Intensity discretisation"): FBS X_d = floor((X - X_0) / W) + 1
 * with X_0 the lower bound of an absolute resegmentation range if one is set, else the ROI minimum;
 * FBN X_d = floor(N (X - min) / (max - min)) + 1, and N for X = max.
 *
 * voxelArrayShift does not enter here: PyRadiomics adds it in firstorder only.
 */
import type { Settings } from './settings.js';
import { roiIndex } from './roi-index.js';

export interface Discretized {
  /** Bin index 1..ng inside the ROI, 0 outside; same grid as the image. */
  binned: Int32Array;
  /** Largest bin index in the ROI (PyRadiomics' coefficients['Ng']). */
  ng: number;
  /** Bin edges (length = number of bins + 1); bin b holds [edges[b-1], edges[b]). */
  edges: Float64Array;
}

export interface DiscretizeOptions {
  /**
   * The voxels were float32 in PyRadiomics (e.g. a filtered image): numpy.histogram then makes
   * float32 edges for binCount. Leave unset for integer or float64 images.
   */
  float32Source?: boolean;
  /**
   * Where to write the bins: an array of the mask's length that holds 0 at every voxel outside the
   * ROI (e.g. one that discretize filled before for the same mask: only ROI voxels are written).
   * Saves a fresh array per image when one ROI is discretised for many derived images.
   */
  into?: Int32Array;
  /**
   * The ROI voxels' least and greatest value and whether one is NaN, when the caller found them
   * already (the extractor, in the pass that copies them): in ROI order with `<` and `>`, as
   * discretize would find them.
   */
  range?: RoiRange;
}

/** The least and greatest ROI value (in ROI order: the first of equal ones) and whether one is NaN. */
export interface RoiRange { min: number; max: number; nan: boolean }

/**
 * Discretise the ROI voxels of `image` (mask != 0) with `settings` (binWidth, binCount, ibsi,
 * resegmentRange/resegmentMode for IBSI's FBS lower bound).
 *
 * @example
 * const { binned, ng } = discretize(Float64Array.from([54, 100, 166]), Uint8Array.from([1, 1, 1]), settings);
 * // binWidth 25: edges [50, 75, ..., 200], binned = [1, 3, 5], ng = 5
 */
export function discretize(
  image: ArrayLike<number>,
  mask: Uint8Array,
  settings: Pick<Settings, 'binWidth' | 'binCount' | 'ibsi' | 'resegmentRange' | 'resegmentMode'>,
  options: DiscretizeOptions = {},
): Discretized {
  if (image.length !== mask.length) {
    throw new Error(`discretize: image has ${image.length} voxels but mask has ${mask.length}`);
  }
  // the ROI's positions (kept when the extractor registered the mask: ./roi-index.ts)
  const roi = roiIndex(mask);
  const out = options.into ?? new Int32Array(mask.length);
  if (out.length !== mask.length) throw new Error(`discretize: the output array has ${out.length} voxels but mask has ${mask.length}`);
  const count = roi.length;
  const { min, max, nan } = options.range ?? roiRange(image, roi);
  if (nan) throw new Error('discretize: the ROI holds a NaN voxel; check the image and any filter applied to it');
  if (count === 0) throw new Error('discretize: the ROI is empty (no voxel with mask != 0)');

  const binCount = settings.binCount;
  if (binCount !== null && binCount !== undefined) {
    if (!Number.isInteger(binCount) || binCount < 1) {
      throw new Error(`discretize: binCount must be a positive integer, got ${binCount}`);
    }
    return settings.ibsi
      ? ibsiFixedBinNumber(image, out, roi, min, max, binCount)
      : binWithEdges(image, out, roi, pyradiomicsCountEdges(min, max, binCount, options.float32Source === true));
  }
  const w = settings.binWidth;
  if (!(w > 0) || !Number.isFinite(w)) throw new Error(`discretize: binWidth must be a positive number, got ${w}`);
  if (settings.ibsi) return ibsiFixedBinSize(image, out, roi, ibsiLowerBound(settings, min), max, w);
  return binWithEdges(image, out, roi, pyradiomicsWidthEdges(min, max, w));
}

/** The least and greatest value at the ROI positions, and whether one is NaN. */
function roiRange(image: ArrayLike<number>, roi: Int32Array): RoiRange {
  let min = Infinity, max = -Infinity, nan = false;
  for (let k = 0; k < roi.length; k++) {
    const v = image[roi[k]];
    if (v < min) min = v;
    if (v > max) max = v;
    if (v !== v) nan = true;
  }
  return { min, max, nan };
}

/** Python's float modulo (sign of the divisor), as numpy.remainder. */
function floorMod(a: number, b: number): number {
  let m = a % b;
  if (m !== 0 && (b < 0) !== (m < 0)) m += b;
  return m;
}

/**
 * getBinEdges for binWidth: numpy.arange(min - min % W, max + 2W, W). numpy.arange fills
 * element k as start + k * ((start + W) - start), with ceil((stop - start) / W) elements.
 */
export function pyradiomicsWidthEdges(min: number, max: number, w: number): Float64Array {
  const low = min - floorMod(min, w);
  const high = max + 2 * w;
  const n = Math.ceil((high - low) / w);
  if (n === 1) return Float64Array.from([low - 0.5, low + 0.5]); // PyRadiomics' flat-region guard
  const edges = new Float64Array(n);
  edges[0] = low;
  edges[1] = low + w;
  const delta = edges[1] - low;
  for (let k = 2; k < n; k++) edges[k] = low + k * delta;
  return edges;
}

/**
 * getBinEdges for binCount: numpy.histogram(values, N) edges (numpy.linspace(min, max, N + 1):
 * k * step + min, the last one exactly max; min - 0.5 .. max + 0.5 when min == max), then the top
 * edge + 1.
 */
export function pyradiomicsCountEdges(min: number, max: number, n: number, float32: boolean): Float64Array {
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const edges = new Float64Array(n + 1);
  const delta = last - first;
  const step = delta / n;
  for (let k = 0; k <= n; k++) edges[k] = step === 0 ? (k / n) * delta + first : k * step + first;
  edges[n] = last;
  if (float32) for (let k = 0; k <= n; k++) edges[k] = Math.fround(edges[k]);
  edges[n] += 1;
  if (float32) edges[n] = Math.fround(edges[n]);
  return edges;
}

/**
 * numpy.digitize(values, edges) for the ROI voxels: the number of edges <= value. The edges are
 * evenly spaced but for rounding (and binCount's raised top edge), so the count is guessed from the
 * spacing and then corrected against the edges themselves: the result is exactly the count.
 */
function binWithEdges(image: ArrayLike<number>, binned: Int32Array, roi: Int32Array, edges: Float64Array): Discretized {
  const nEdges = edges.length;
  const e0 = edges[0];
  // a guess of the bin (corrected below), by a multiplication rather than a division
  const perBin = 1 / (edges[1] - edges[0]);
  let ng = 0;
  for (let r = 0; r < roi.length; r++) {
    const i = roi[r];
    const v = image[i];
    let k = Math.floor((v - e0) * perBin) + 1;
    if (!(k >= 0)) k = 0; // also catches NaN guesses
    if (k > nEdges) k = nEdges;
    while (k < nEdges && edges[k] <= v) k++;
    while (k > 0 && edges[k - 1] > v) k--;
    binned[i] = k;
    if (k > ng) ng = k;
  }
  return { binned, ng, edges };
}

/** IBSI FBS lower bound: an absolute resegmentation range's lower threshold, else the ROI minimum. */
function ibsiLowerBound(
  settings: Pick<Settings, 'resegmentRange' | 'resegmentMode'>,
  min: number,
): number {
  const r = settings.resegmentRange;
  if (r && r.length > 0 && (settings.resegmentMode ?? 'absolute') === 'absolute') return Math.min(...r);
  return min;
}

/** IBSI fixed bin size: X_d = floor((X - X_0) / W) + 1. */
function ibsiFixedBinSize(image: ArrayLike<number>, binned: Int32Array, roi: Int32Array, x0: number, max: number, w: number): Discretized {
  let ng = 0;
  for (let r = 0; r < roi.length; r++) {
    const i = roi[r];
    const b = Math.floor((image[i] - x0) / w) + 1;
    binned[i] = b;
    if (b > ng) ng = b;
  }
  const nb = Math.max(ng, Math.floor((max - x0) / w) + 1);
  const edges = new Float64Array(nb + 1);
  for (let k = 0; k <= nb; k++) edges[k] = x0 + k * w;
  return { binned, ng, edges };
}

/** IBSI fixed bin number: X_d = floor(N (X - min) / (max - min)) + 1, N at the maximum; 1 for a flat ROI. */
function ibsiFixedBinNumber(image: ArrayLike<number>, binned: Int32Array, roi: Int32Array, min: number, max: number, n: number): Discretized {
  const range = max - min;
  let ng = 0;
  for (let r = 0; r < roi.length; r++) {
    const i = roi[r];
    const v = image[i];
    const b = range === 0 ? 1 : v >= max ? n : Math.floor((n * (v - min)) / range) + 1;
    binned[i] = b;
    if (b > ng) ng = b;
  }
  const edges = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) edges[k] = min + (range * k) / n;
  return { binned, ng, edges };
}
