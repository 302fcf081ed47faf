/**
 * The contract of the image filters (PyRadiomics' image types). A filter takes the preprocessed
 * image (after normalisation and resampling, before cropping: PyRadiomics applies filters on the
 * resampled, padded image) and yields one or more derived images, each with PyRadiomics' image
 * type name ('original', 'log-sigma-2-0-mm-3D', 'wavelet-LLH', 'lbp-3D-m1', 'square', ...) and the
 * settings that apply to it (global settings overridden by the image type's own, as PyRadiomics does).
 */
import type { Volume } from '../image/volume.js';
import type { Settings } from '../features/settings.js';

export interface DerivedImage {
  /** PyRadiomics' image type name, the feature-name prefix: 'wavelet-LLH'. */
  name: string;
  /** Voxels in the pixel type SimpleITK would hold at this point (values exactly as PyRadiomics has them). */
  image: Volume;
  /** Settings for this derived image (per-image-type overrides applied). */
  settings: Settings;
}

/** PyRadiomics' image type keys in a params file: Original, LoG, Wavelet, LBP2D, LBP3D, Square, ... */
export type ImageTypeName =
  | 'Original' | 'LoG' | 'Wavelet' | 'LBP2D' | 'LBP3D'
  | 'Square' | 'SquareRoot' | 'Logarithm' | 'Exponential' | 'Gradient';

export type ImageFilter = (
  /** The preprocessed image in SimpleITK's pixel type at that point (int16 stays int16 without normalisation). */
  image: Volume,
  mask: Volume<Uint8Array>,
  settings: Settings,
  /**
   * The box of voxels the caller will read (the extractor: the ROI's bounding box). A filter may
   * then compute only what that box needs and leave other voxels of its images unset (0); the
   * voxels inside are exactly those of filtering the whole image. Absent: the whole image.
   */
  region?: VoxelBox,
) => Iterable<DerivedImage>;

/** A box of voxels: first index (x, y, z) and size per axis. */
export interface VoxelBox {
  lower: readonly [number, number, number];
  size: readonly [number, number, number];
}

/**
 * The region a caller passes with a promise about the derived images' lifetime. `transient`: it
 * reads each derived image before it asks for the next one and keeps none (the extractor copies
 * each into its crop box). A filter may then hand out the same arrays again, for the next image
 * of the call or of a later call (fresh arrays per image were megabytes of garbage per case), and
 * voxels outside the region may hold anything.
 */
export interface ReadRegion extends VoxelBox {
  transient?: boolean;
}

/** Whether the caller promised to read each derived image before asking for the next (ReadRegion). */
export function transientRegion(region: VoxelBox | undefined): boolean {
  return (region as ReadRegion | undefined)?.transient === true;
}
