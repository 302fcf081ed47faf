/**
 * Preprocessing in IBSI mode when the image is resampled: PyRadiomics' steps (src/image/preprocess
 * prepareCase) with IBSI's interpolation in place of PyRadiomics' (src/image/ibsi-resample.ts:
 * grid centres aligned, mask interpolated and kept at a partial volume >= 0.5, integer-valued
 * intensities rounded). Order as IBSI 1's processing chain and PyRadiomics' execute: mask (and
 * largest slice), diagnostics, normalisation, interpolation, mask checks, resegmentation.
 */
import {
  imageDiagnostics, maskDiagnostics, prepareCase, PreprocessError, type CaseNames, type PreparedCase, type StepTimer,
} from '../image/preprocess/index.js';
import { ibsiResample, isIntegerValued } from '../image/ibsi-resample.js';
import type { Volume } from '../image/volume.js';
import type { Settings } from './settings.js';

/** IBSI's interpolation for a PyRadiomics interpolator setting (linear and nearest neighbour). */
function ibsiInterpolation(setting: Settings['interpolator']): 'linear' | 'nearest' {
  if (setting === 'sitkLinear' || setting === 2) return 'linear';
  if (setting === 'sitkNearestNeighbor' || setting === 1) return 'nearest';
  throw new PreprocessError('bad-setting',
    `interpolator ${JSON.stringify(setting)}: with ibsi: true radnomo resamples as IBSI 1 does, with sitkLinear or sitkNearestNeighbor; set one of them.`);
}

export function prepareIbsiCase(image: Volume, mask: Volume, settings: Settings, names: CaseNames, time?: StepTimer): PreparedCase {
  const spacing = settings.resampledPixelSpacing!;
  const interpolation = ibsiInterpolation(settings.interpolator);
  // PyRadiomics' steps before resampling (no ROI-size rule yet: it applies to the resampled ROI)
  const before = prepareCase(image, mask, {
    ...settings, resampledPixelSpacing: null, resegmentRange: null, minimumROIDimensions: 1, minimumROISize: null,
  }, names, time);
  const resampled = ibsiResample(before.image, before.roi, {
    spacing, interpolation, round: isIntegerValued(before.image.data),
  });
  // mask checks and resegmentation on the new grid (the resampled ROI is label 1)
  const after = prepareCase(resampled.image, resampled.roi, {
    ...settings, label: 1, normalize: false, largestSlice: false, resampledPixelSpacing: null,
    correctMask: false, additionalInfo: false,
  }, names, time);
  const diagnostics = settings.additionalInfo ? [
    ...before.diagnostics,
    ...imageDiagnostics(resampled.image, 'interpolated'),
    ...maskDiagnostics(resampled.roi, 'interpolated', resampled.image),
    ...(settings.resegmentRange != null ? maskDiagnostics(after.mask, 'resegmented', resampled.image) : []),
  ] : [];
  return { ...after, diagnostics, warnings: [...before.warnings, ...after.warnings] };
}
