/**
 * The contract between the extractor and the feature classes.
 *
 * The extractor prepares, per image type, the image cropped to the ROI's bounding box (as
 * PyRadiomics' cropToTumorMask) and the ROI mask on that grid, discretises once, and hands the
 * same FeatureInput to every class. A class returns its enabled features in PyRadiomics' order
 * under PyRadiomics' short names ('ClusterShade'); the extractor adds the prefix
 * ('original_glcm_ClusterShade').
 */
import type { Vec3 } from '../image/volume.js';
import type { Settings } from './settings.js';

export interface FeatureInput {
  /** Voxel values of the cropped image, x fastest (float64 whatever the file held). */
  image: Float64Array;
  /** 1 inside the ROI (after resegmentation), 0 outside; same grid as image. */
  mask: Uint8Array;
  /** The ROI before resegmentation (PyRadiomics' shape classes use it when resegmentShape is false). */
  morphologicalMask: Uint8Array;
  size: Vec3;
  spacing: Vec3;
  /**
   * Discretised grey levels (PyRadiomics' binned matrix: bin index 1..N inside the ROI, 0 outside),
   * or null for classes that need none (shape).
   */
  binned: Int32Array | null;
  /** Number of bins (largest bin index), PyRadiomics' coefficients['Ng'] before removing empty levels. */
  ng: number;
  settings: Settings;
}

export interface FeatureDef {
  /** PyRadiomics' short name, e.g. 'ClusterShade'. */
  name: string;
  /** Enabled when the class is enabled with no feature list (PyRadiomics: not deprecated). */
  byDefault: boolean;
}

export interface FeatureClass {
  /** PyRadiomics' class name: firstorder, shape, shape2D, glcm, glrlm, glszm, gldm, ngtdm. */
  name: string;
  /** Every feature, in PyRadiomics' output order. */
  features: readonly FeatureDef[];
  /** Compute the requested features; the map's insertion order is the output order. */
  compute(input: FeatureInput, enabled: readonly string[]): Map<string, number>;
}
