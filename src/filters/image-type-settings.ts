/**
 * Per-image-type settings (the `imageType: {LoG: {sigma: [...], binWidth: 10}}` block of a params
 * file). PyRadiomics' featureextractor.execute builds each image type's settings as the global
 * settings updated with the type's own, and passes them to the filter and to the feature classes
 * of the images it yields, after loading, normalisation, resampling, mask checks and
 * resegmentation have already run on the global settings. So a per-type key acts only where the
 * filter or a feature class reads it: binning (binWidth, binCount), voxelArrayShift, force2D and
 * force2Ddimension, the texture options (distances, symmetricalGLCM, weightingNorm, gldm_a) and
 * the filter parameters. Every other key is ignored per type by PyRadiomics, and here.
 *
 * `label` is read per type by PyRadiomics' feature classes and LBP3D, but the ROI's bounding box,
 * shape and checks keep the global label, so a per-type label gives meaningless values there;
 * radnomo ignores it per type (docs/conformance.md).
 */
import type { Settings } from '../features/settings.js';

/** The settings PyRadiomics honours per image type. */
export const PER_IMAGE_TYPE_KEYS = [
  // discretisation and first order
  'binWidth', 'binCount', 'voxelArrayShift',
  // texture
  'force2D', 'force2Ddimension', 'distances', 'symmetricalGLCM', 'weightingNorm', 'gldm_a',
  // filters
  'sigma', 'start_level', 'level', 'wavelet', 'gradientUseSpacing',
  'lbp2DRadius', 'lbp2DSamples', 'lbp2DMethod', 'lbp3DLevels', 'lbp3DIcosphereRadius', 'lbp3DIcosphereSubdivision',
] as const satisfies readonly (keyof Settings)[];

export type PerImageTypeKey = (typeof PER_IMAGE_TYPE_KEYS)[number];

const HONOURED: ReadonlySet<string> = new Set(PER_IMAGE_TYPE_KEYS);

/**
 * The settings of one image type: `global` with the keys of `custom` that PyRadiomics honours per
 * image type replaced. Example: settingsForImageType(global, { binWidth: 1, resampledPixelSpacing:
 * [2, 2, 2] }) changes binWidth only.
 */
export function settingsForImageType(global: Settings, custom: Partial<Settings>): Settings {
  const out: Settings = { ...global };
  const target = out as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(custom)) {
    if (HONOURED.has(key) && value !== undefined) target[key] = value;
  }
  return out;
}

/** Keys of `custom` that PyRadiomics ignores per image type (for a warning naming them). */
export function ignoredImageTypeKeys(custom: Partial<Settings>): string[] {
  return Object.keys(custom).filter((k) => !HONOURED.has(k));
}
