/**
 * What PyRadiomics' RadiomicsFeatureExtractor.execute does before its loop over image types
 * (featureextractor.py: loadImage, checkMask, resegmentMask), in the same order:
 *  1. the mask is taken as getMask does (UInt32, label present); radnomo's largestSlice, when
 *     set, then keeps the label's largest axial cross-section (as if that were the mask file);
 *  2. diagnostics of the image and mask as loaded;
 *  3. normalize (z-score over the whole image, * normalizeScale, removeOutliers; with B-spline
 *     resampling next, applied to the voxels the resampling reads, as it reads them);
 *  4. resampling to resampledPixelSpacing (grid = ROI bounding box + padDistance) with its
 *     diagnostics, or else, with preCrop, checkMask and a crop to the ROI + padDistance;
 *  5. checkMask (geometry, correctMask, minimumROIDimensions, minimumROISize) -> bounding box;
 *  6. resegmentation when resegmentRange is set, checked again.
 */
import type { Volume } from '../volume.js';
import { roiExtent, roiWithExtent, type RoiExtent } from './mask.js';
import { maskHash as uint32MaskHash } from '../hash.js';
import { largestSliceOfScan } from './largest-slice.js';
import { normalizationMap, normalizeImage } from './normalize.js';
import { interpolatorKind, resampleCase, resampledGrid } from './resample.js';
import { inputRegion } from './resample-filter.js';
import type { IndexBox, ValueMap } from './bspline.js';
import { checkMask, type BoundingBox, type CaseNames } from './mask-check.js';
import { cropToBoundingBox } from './crop.js';
import { resegmentMask } from './resegment.js';
import { imageDiagnostics, maskDiagnostics, type Diagnostic } from './diagnostics.js';
import { voxelStats, type VoxelStats } from './voxel-stats.js';
import { PreprocessError } from './errors.js';

/**
 * The settings preprocessing reads; src/features/settings.ts's Settings has all of them with
 * PyRadiomics' defaults.
 */
export interface PreprocessSettings {
  label: number;
  minimumROIDimensions: number;
  minimumROISize: number | null;
  geometryTolerance: number | null;
  correctMask: boolean;
  additionalInfo: boolean;
  normalize: boolean;
  normalizeScale: number;
  removeOutliers: number | null;
  resampledPixelSpacing: [number, number, number] | null;
  interpolator: string | number | null;
  preCrop: boolean;
  padDistance: number;
  resegmentRange: number[] | null;
  resegmentMode: 'absolute' | 'relative' | 'sigma';
  resegmentShape: boolean;
  largestSlice: boolean;
}

export interface PreparedCase {
  /** The image in SimpleITK's pixel type at this point: float64 once normalized, else as read. */
  image: Volume;
  /** ROI (1) on the image grid after checkMask (and correctMask), before resegmentation. */
  roi: Volume<Uint8Array>;
  /** ROI for first order and texture classes: `roi` resegmented when resegmentRange is set. */
  mask: Volume<Uint8Array>;
  /** ROI for the shape class: the resegmented one only when resegmentShape is set. */
  shapeMask: Volume<Uint8Array>;
  /** checkMask's bounding box of `mask`: [xmin, xmax, ymin, ymax, zmin, zmax], inclusive. */
  boundingBox: BoundingBox;
  /** diagnostics_Image-*, diagnostics_Mask-* rows as PyRadiomics writes them ([] without additionalInfo). */
  diagnostics: Diagnostic[];
  /** What PyRadiomics logs as warnings (mask corrected, flat image normalised), one sentence each. */
  warnings: string[];
}

/** Runs a step and may time it (the extractor's timings); the default just runs it. */
export type StepTimer = <T>(step: string, f: () => T) => T;

const untimed: StepTimer = (_step, f) => f();

export function prepareCase(
  image: Volume, mask: Volume, settings: PreprocessSettings, names: CaseNames = {}, time: StepTimer = untimed,
): PreparedCase {
  const maskName = names.mask ?? 'mask';
  const label = settings.label;
  const info = settings.additionalInfo;
  const diagnostics: Diagnostic[] = [];
  const warnings: string[] = [];
  if (image.size.some((n) => n < 1) || mask.size.some((n) => n < 1)) {
    throw new PreprocessError('bad-setting', `${names.image ?? 'image'}: an empty image or mask cannot be analysed.`);
  }

  // 1. getMask (+ largestSlice), with the ROI's extent from the same pass
  const scan = time('mask', () => {
    const full = roiWithExtent(mask, label, maskName);
    return settings.largestSlice ? largestSliceOfScan(full, maskName) : full;
  });
  let roi = scan.roi;
  /** The extent of `roi` while it is known (cleared when roi changes). */
  let extent: RoiExtent | undefined = scan.extent;

  // the original image's voxel statistics, read once for the diagnostics and the normalisation
  let stats: VoxelStats | undefined;
  const originalStats = (): VoxelStats => (stats ??= voxelStats(image.data));

  // 2. diagnostics as loaded
  if (info) {
    time('diagnostics', () => {
      // With largestSlice: the hash PyRadiomics would report for the largest-slice mask saved as a
      // file (the label's value on the kept voxels, 0 elsewhere, as UInt32).
      const maskHash = settings.largestSlice
        ? uint32MaskHash({ data: label === 1 ? roi.data : Uint32Array.from(roi.data, (x) => x * label) })
        : uint32MaskHash(mask);
      diagnostics.push(...imageDiagnostics(image, 'original', originalStats()));
      diagnostics.push(...maskDiagnostics(roi, 'original', null, maskHash, extent));
    });
  }

  // 3. normalize (when the image is resampled next, only the voxels the resampling reads)
  const resampling = settings.interpolator !== null && settings.interpolator !== undefined && settings.resampledPixelSpacing !== null
    ? { resampledPixelSpacing: settings.resampledPixelSpacing!, interpolator: interpolatorKind(settings.interpolator!), padDistance: settings.padDistance }
    : null;
  let img: Volume = image;
  /** With B-spline resampling next, normalisation is applied as the resampling reads the image. */
  let normalization: ValueMap | undefined;
  if (settings.normalize) {
    time('normalize', () => {
      if (isConstant(image.data)) {
        warnings.push(`${names.image ?? 'image'}: every voxel has the same value, so normalize divides by a standard deviation of 0 (the image becomes NaN, as in SimpleITK).`);
      }
      const options = { scale: settings.normalizeScale, removeOutliers: settings.removeOutliers };
      let region: IndexBox | undefined;
      if (resampling) {
        const target = resampledGrid(image, roi, resampling, names, extent);
        if (target.interpolate && resampling.interpolator === 'bspline') {
          normalization = normalizationMap(image, options, originalStats());
          return;
        }
        if (target.interpolate) region = inputRegion(image, target.grid, resampling.interpolator);
      }
      img = normalizeImage(image, options, region, originalStats());
    });
  }

  // 4. resample, or pre-crop
  const checkSettings = {
    minimumROIDimensions: settings.minimumROIDimensions,
    minimumROISize: settings.minimumROISize,
    geometryTolerance: settings.geometryTolerance,
    correctMask: settings.correctMask,
  };
  if (resampling) {
    const resampled = time('resample', () => resampleCase(img, roi, resampling, names, extent, normalization));
    img = resampled.image;
    roi = resampled.mask;
    extent = time('checkMask', () => roiExtent(roi));
    if (info) {
      time('diagnostics', () => {
        diagnostics.push(...imageDiagnostics(img, 'interpolated'));
        diagnostics.push(...maskDiagnostics(roi, 'interpolated', img, undefined, extent));
      });
    }
  } else if (settings.preCrop) {
    time('checkMask', () => {
      const pre = checkMask(img, roi, checkSettings, names, extent);
      if (pre.correctedMask) roi = pre.correctedMask;
      const cropped = cropToBoundingBox(img, roi, pre.boundingBox, settings.padDistance);
      img = cropped.image;
      roi = cropped.mask;
      extent = undefined;
    });
  }

  // 5. checkMask
  let checked = time('checkMask', () => checkMask(img, roi, checkSettings, names, extent));
  if (checked.correctedMask) {
    roi = checked.correctedMask;
    warnings.push(`${maskName}: the mask's grid differs from the image's; the mask was resampled onto the image grid (correctMask).`);
    if (info) time('diagnostics', () => diagnostics.push(...maskDiagnostics(roi, 'corrected', img)));
  }

  // 6. resegmentation
  let featureMask = roi;
  if (settings.resegmentRange !== null && settings.resegmentRange !== undefined) {
    time('resegment', () => {
      featureMask = resegmentMask(img, roi, { resegmentRange: settings.resegmentRange!, resegmentMode: settings.resegmentMode }, maskName);
      checked = checkMask(img, featureMask, checkSettings, names);
    });
    if (info) time('diagnostics', () => diagnostics.push(...maskDiagnostics(featureMask, 'resegmented', img)));
  }

  return {
    image: img,
    roi,
    mask: featureMask,
    shapeMask: settings.resegmentShape ? featureMask : roi,
    boundingBox: checked.boundingBox,
    diagnostics,
    warnings,
  };
}

function isConstant(d: ArrayLike<number>): boolean {
  for (let i = 1; i < d.length; i++) if (d[i] !== d[0]) return false;
  return true;
}
