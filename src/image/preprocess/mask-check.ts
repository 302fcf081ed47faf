/**
 * PyRadiomics' mask checks (imageoperations.checkMask, _checkROI, _correctMask), on the 0/1 ROI
 * (`mask == label`).
 *
 * checkMask: the image and the mask must share the grid, as SimpleITK's
 * LabelStatisticsImageFilter requires (same size; origin and spacing within
 * geometryTolerance * image spacing[0], direction entries within geometryTolerance; ITK's
 * default tolerance is 1e-6). Otherwise, with correctMask, the ROI must lie within the image's
 * physical extent (_checkROI, 1e-3 voxel tolerance) and the mask is resampled onto the image
 * grid with nearest neighbour; without it the case fails. Then the ROI must span at least
 * minimumROIDimensions axes with more than one voxel (never a single voxel) and, when
 * minimumROISize is set, hold more than minimumROISize voxels.
 */
import type { Vec3, Volume } from '../volume.js';
import { continuousIndexToPoint, describeGrid, gridMatrices, pointToContinuousIndex, volumeGrid } from './geometry.js';
import { PreprocessError } from './errors.js';
import { roiExtent, type RoiExtent } from './mask.js';
import { resampleOntoGrid } from './resample-filter.js';

/** Bounding box as checkMask returns it: [xmin, xmax, ymin, ymax, zmin, zmax], inclusive. */
export type BoundingBox = [number, number, number, number, number, number];

/** Names for messages: the image and mask files (or whatever identifies the case). */
export interface CaseNames {
  image?: string;
  mask?: string;
}

export interface MaskCheckSettings {
  minimumROIDimensions: number;
  minimumROISize: number | null;
  geometryTolerance: number | null;
  correctMask: boolean;
}

export interface MaskCheckResult {
  boundingBox: BoundingBox;
  /** Voxels in the ROI. */
  count: number;
  /** The mask resampled onto the image grid, when correctMask had to do that; else null. */
  correctedMask: Volume<Uint8Array> | null;
}

const ITK_DEFAULT_TOLERANCE = 1e-6;

/** Why image and mask do not share a grid within the tolerance, or null when they do. */
export function geometryMismatch(image: Volume, mask: Volume, tolerance: number | null): string | null {
  const tol = tolerance ?? ITK_DEFAULT_TOLERANCE;
  const coordinateTol = Math.abs(tol * image.spacing[0]);
  const problems: string[] = [];
  if (image.size.some((n, i) => n !== mask.size[i])) problems.push('size');
  if (image.origin.some((x, i) => !(Math.abs(x - mask.origin[i]) <= coordinateTol))) problems.push('origin');
  if (image.spacing.some((x, i) => !(Math.abs(x - mask.spacing[i]) <= coordinateTol))) problems.push('spacing');
  for (let i = 0; i < 9; i++) {
    if (!(Math.abs(image.direction[i] - mask.direction[i]) <= tol)) {
      problems.push('direction');
      break;
    }
  }
  return problems.length ? problems.join(', ') : null;
}

/**
 * _checkROI: the ROI (with half a voxel around it) must lie inside the image's physical extent,
 * within 1e-3 voxel. Returns the ROI extent in the mask's own grid (`known`, when the caller has it).
 */
export function checkRoiInsideImage(image: Volume, roi: Volume<Uint8Array>, names: CaseNames = {}, known?: RoiExtent): RoiExtent {
  const extent = known ?? roiExtent(roi);
  if (extent.count === 0) {
    throw new PreprocessError('label-missing', `${names.mask ?? 'mask'}: the ROI is empty; check the label and the mask file.`);
  }
  const maskM = gridMatrices(roi);
  const imageM = gridMatrices(image);
  const low = extent.lower.map((x) => x - 0.5);
  const high = extent.lower.map((x, i) => x + (extent.upper[i] - x + 1) - 0.5);
  const a = new Float64Array(3), b = new Float64Array(3);
  pointToContinuousIndex(imageM, continuousIndexToPoint(maskM, low), a);
  pointToContinuousIndex(imageM, continuousIndexToPoint(maskM, high), b);
  const tolerance = 1e-3;
  for (let i = 0; i < 3; i++) {
    const lo = Math.min(a[i], b[i]);
    const hi = Math.max(a[i], b[i]);
    if (lo < -0.5 - tolerance || hi > image.size[i] - 0.5 + tolerance) {
      const f = (v: ArrayLike<number>) => `(${Array.from(v, (x) => x.toFixed(3)).join(', ')})`;
      throw new PreprocessError('roi-outside-image',
        `${names.mask ?? 'mask'}: the ROI extends outside the image ${names.image ?? ''} ` +
        `(ROI corners in image index space ${f(a)} and ${f(b)}; image size (${image.size.join(', ')})). ` +
        'The mask does not belong to this image, or was drawn on a different series: check the pairing.');
    }
  }
  return extent;
}

/** _correctMask: the ROI resampled onto the image grid with nearest neighbour. */
export function correctMask(image: Volume, roi: Volume<Uint8Array>, names: CaseNames = {}, known?: RoiExtent): Volume<Uint8Array> {
  checkRoiInsideImage(image, roi, names, known);
  return resampleOntoGrid(roi, volumeGrid(image), 'nearest', 'uint8') as Volume<Uint8Array>;
}

/**
 * checkMask: bounding box of the ROI on the image grid, and the corrected mask if any. `known`:
 * the extent of `roi` when the caller has it (saves a pass over the grid).
 */
export function checkMask(
  image: Volume,
  roi: Volume<Uint8Array>,
  settings: MaskCheckSettings,
  names: CaseNames = {},
  known?: RoiExtent,
): MaskCheckResult {
  const maskName = names.mask ?? 'mask';
  let correctedMask: Volume<Uint8Array> | null = null;
  let mask = roi;
  const mismatch = geometryMismatch(image, roi, settings.geometryTolerance);
  if (mismatch !== null) {
    if (!settings.correctMask) {
      throw new PreprocessError('geometry-mismatch',
        `${maskName}: the mask's geometry does not match the image ${names.image ?? ''} (${mismatch} ${mismatch.includes(",") ? "differ" : "differs"}` +
        `${settings.geometryTolerance === null ? '' : ` beyond geometryTolerance ${settings.geometryTolerance}`}).\n` +
        `  image: ${describeGrid(image)}\n  mask:  ${describeGrid(roi)}\n` +
        '  Set correctMask: true to resample the mask onto the image grid (nearest neighbour), or, if the ' +
        'difference is only rounding, raise geometryTolerance.');
    }
    correctedMask = correctMask(image, roi, names, known);
    mask = correctedMask;
  }
  const extent = correctedMask || !known ? roiExtent(mask) : known;
  if (extent.count === 0) {
    throw new PreprocessError('label-missing',
      `${maskName}: no ROI voxel is left on the image grid ${correctedMask ? 'after resampling the mask onto it' : ''}; ` +
      'check that the mask belongs to this image.');
  }
  const boundingBox: BoundingBox = [
    extent.lower[0], extent.upper[0], extent.lower[1], extent.upper[1], extent.lower[2], extent.upper[2],
  ];
  checkRoiSize(extent, settings, maskName);
  return { boundingBox, count: extent.count, correctedMask };
}

/** minimumROIDimensions and minimumROISize, with PyRadiomics' rules. */
export function checkRoiSize(extent: RoiExtent, settings: Pick<MaskCheckSettings, 'minimumROIDimensions' | 'minimumROISize'>, maskName: string): void {
  const sizes: Vec3 = [0, 1, 2].map((i) => extent.upper[i] - extent.lower[i] + 1) as Vec3;
  const ndims = sizes.filter((n) => n > 1).length;
  if (ndims === 0) {
    throw new PreprocessError('roi-single-voxel',
      `${maskName}: the ROI is a single voxel; features cannot be computed on one voxel. Check the segmentation.`);
  }
  if (ndims < settings.minimumROIDimensions) {
    throw new PreprocessError('roi-too-few-dimensions',
      `${maskName}: the ROI spans ${ndims} dimension(s) (extent ${sizes.join(' x ')} voxels) but ` +
      `minimumROIDimensions is ${settings.minimumROIDimensions}. Lower minimumROIDimensions (2 allows a single-slice ROI) ` +
      'or check the segmentation.');
  }
  if (settings.minimumROISize !== null && extent.count <= settings.minimumROISize) {
    throw new PreprocessError('roi-too-small',
      `${maskName}: the ROI has ${extent.count} voxels, not more than minimumROISize ${settings.minimumROISize}. ` +
      'Lower minimumROISize or check the segmentation.');
  }
}
