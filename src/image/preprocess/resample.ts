/**
 * PyRadiomics' resampleImage (imageoperations.py): image and mask onto a new spacing, on a grid
 * that covers only the ROI's bounding box plus padDistance voxels.
 *
 * Grid (all in the mask's geometry, float64 as NumPy does it):
 * - a requested spacing of 0 keeps the mask's spacing on that axis, and so does every axis on
 *   which the ROI is one voxel thick (no resampling across a single slice);
 * - if the image spacing already equals that spacing (np.allclose: |a - b| <= 1e-8 + 1e-5 |b|),
 *   nothing is interpolated: the mask is resampled onto the image grid (nearest neighbour) and
 *   both are cropped to the ROI's bounding box + padDistance (./crop.ts);
 * - otherwise, with r = mask spacing / new spacing, bounding box lower index L and size S:
 *     low  = max(floor((L - 0.5) r - pad), 0)
 *     high = min(ceil((L + S - 0.5) r + pad), ceil(mask size * r) - 1)
 *     size = high - low + 1
 *     origin = mask.TransformContinuousIndexToPhysicalPoint(0.5 (new - old) / old + low / r)
 *   with the mask's direction;
 * - the image is resampled with the chosen interpolator into its own pixel type, the mask with
 *   nearest neighbour (./resample-filter.ts).
 */
import type { Vec3, Volume } from '../volume.js';
import { continuousIndexToPoint, gridMatrices, volumeGrid, type Grid } from './geometry.js';
import { resampleOntoGrid } from './resample-filter.js';
import { checkRoiInsideImage, type CaseNames } from './mask-check.js';
import { roiExtent, type RoiExtent } from './mask.js';
import { cropToBoundingBox } from './crop.js';
import { PreprocessError } from './errors.js';
import type { InterpolatorKind } from './interpolators.js';
import type { ValueMap } from './bspline.js';

export interface ResampleSettings {
  resampledPixelSpacing: [number, number, number];
  interpolator: InterpolatorKind;
  padDistance: number;
}

export interface ResampledCase {
  image: Volume;
  mask: Volume<Uint8Array>;
}

/** The SimpleITK interpolator a PyRadiomics `interpolator` setting names, as one we implement. */
export function interpolatorKind(setting: string | number): InterpolatorKind {
  switch (setting) {
    case 'sitkNearestNeighbor': case 1: return 'nearest';
    case 'sitkLinear': case 2: return 'linear';
    // 3 is sitkBSpline in SimpleITK 1.x; 23 in 2.x (sitkBSpline = sitkBSpline3).
    case 'sitkBSpline': case 'sitkBSpline3': case 3: case 23: return 'bspline';
    default:
      throw new PreprocessError('bad-setting',
        `interpolator ${JSON.stringify(setting)} is not supported; use sitkBSpline (PyRadiomics' default), sitkLinear or sitkNearestNeighbor.`);
  }
}

/** The grid PyRadiomics resamples onto; `resampled` false when the spacing is unchanged. */
export function resampledGrid(
  image: Volume,
  roi: Volume<Uint8Array>,
  settings: Pick<ResampleSettings, 'resampledPixelSpacing' | 'padDistance'>,
  names: CaseNames = {},
  known?: RoiExtent,
): { grid: Grid; spacing: Vec3; interpolate: boolean } {
  const maskSpacing = roi.spacing;
  const extent = checkRoiInsideImage(image, roi, names, known);
  const spacing = [0, 1, 2].map((i) => {
    const requested = settings.resampledPixelSpacing[i];
    const s = requested === 0 ? maskSpacing[i] : requested;
    return extent.upper[i] - extent.lower[i] + 1 !== 1 ? s : maskSpacing[i];
  }) as Vec3;
  const unchanged = [0, 1, 2].every((i) => Math.abs(image.spacing[i] - spacing[i]) <= 1e-8 + 1e-5 * Math.abs(spacing[i]));
  if (unchanged) return { grid: volumeGrid(image), spacing, interpolate: false };

  const pad = settings.padDistance;
  const low: number[] = [], size: number[] = [], originIndex: number[] = [];
  for (let i = 0; i < 3; i++) {
    const ratio = maskSpacing[i] / spacing[i];
    const lower = extent.lower[i];
    const boxSize = extent.upper[i] - extent.lower[i] + 1;
    let lo = Math.floor((lower - 0.5) * ratio - pad);
    let hi = Math.ceil((lower + boxSize - 0.5) * ratio + pad);
    const maxHigh = Math.ceil(roi.size[i] * ratio) - 1;
    if (lo < 0) lo = 0;
    if (hi > maxHigh) hi = maxHigh;
    low.push(lo);
    size.push(hi - lo + 1);
    originIndex.push((0.5 * (spacing[i] - maskSpacing[i])) / maskSpacing[i] + lo / ratio);
  }
  const origin = continuousIndexToPoint(gridMatrices(roi), originIndex);
  return {
    grid: { size: size as Vec3, spacing, origin, direction: Float64Array.from(roi.direction) },
    spacing,
    interpolate: true,
  };
}

/**
 * resampleImage: image and 0/1 mask on the resampled (and cropped) grid; `known`: the extent of
 * `roi`, if known. `map` (B-spline interpolation only): resample the mapped image instead, as
 * float64 (normalisation fused into the resampling: the voxels it reads are mapped as they are read).
 */
export function resampleCase(
  image: Volume, roi: Volume<Uint8Array>, settings: ResampleSettings, names: CaseNames = {}, known?: RoiExtent, map?: ValueMap,
): ResampledCase {
  const { grid, interpolate } = resampledGrid(image, roi, settings, names, known);
  if (map && (!interpolate || settings.interpolator !== 'bspline')) {
    throw new Error('resampleCase: a value map needs B-spline interpolation onto a new grid');
  }
  if (!interpolate) {
    const mask = resampleOntoGrid(roi, grid, 'nearest', 'uint8') as Volume<Uint8Array>;
    const extent = roiExtent(mask);
    if (extent.count === 0) {
      throw new PreprocessError('label-missing',
        `${names.mask ?? 'mask'}: no ROI voxel is left after resampling the mask onto the image grid; check that the mask belongs to this image.`);
    }
    const box = [extent.lower[0], extent.upper[0], extent.lower[1], extent.upper[1], extent.lower[2], extent.upper[2]] as const;
    return cropToBoundingBox(image, mask, box, settings.padDistance);
  }
  return {
    image: map ? resampleOntoGrid(image, grid, 'bspline', 'float64', map) : resampleOntoGrid(image, grid, settings.interpolator, image.pixelType),
    mask: resampleOntoGrid(roi, grid, 'nearest', 'uint8') as Volume<Uint8Array>,
  };
}
