/**
 * What a PyRadiomics parameter file may contain, key by key, with zod schemas. The keys, types and
 * ranges are PyRadiomics' own (radiomics/schemas/paramSchema.yaml and schemaFuncs.py), so that any
 * file PyRadiomics accepts is accepted unchanged; `ibsi` and `largestSlice` are radnomo's.
 *
 * Values arrive from the YAML reader as numbers (YAML ints), PyFloat (YAML floats, so that an
 * integral float like 25.0 keeps its Python type for the Configuration diagnostics), strings,
 * booleans, null, arrays and objects. As pykwalify does, a 'float' key takes ints, floats and
 * numeric strings (PyYAML reads 1e-06 as a string); an 'int' key takes only ints.
 */
import { z } from 'zod';
import { PyFloat } from '../image/preprocess/python-format.js';

export interface KeyRule {
  schema: z.ZodType;
  /** What the value must be, for error messages: "a number > 0". */
  expect: string;
  /** PyRadiomics accepts null here (pykwalify lets null through; PyRadiomics treats it as "off"). */
  nullable?: boolean;
}

const int = z.number().int();
/** A float per pykwalify: int, float or numeric string, as a number. */
const float = z.union([
  z.number(),
  z.instanceof(PyFloat).transform((f) => f.value),
  z.string().trim().regex(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/).transform(Number),
]).pipe(z.number().refine(Number.isFinite, 'must be finite'));

const floatGt0 = float.pipe(z.number().gt(0));
const floatGe0 = float.pipe(z.number().gte(0));

export const INTERPOLATORS = [
  'sitkNearestNeighbor', 'sitkLinear', 'sitkBSpline', 'sitkGaussian', 'sitkLabelGaussian',
  'sitkHammingWindowedSinc', 'sitkCosineWindowedSinc', 'sitkWelchWindowedSinc',
  'sitkLanczosWindowedSinc', 'sitkBlackmanWindowedSinc',
] as const;

/** Keys of the `setting` block and of each image type's own settings. */
export const SETTING_RULES: Record<string, KeyRule> = {
  minimumROIDimensions: { schema: int.min(1).max(3), expect: 'an integer from 1 to 3' },
  minimumROISize: { schema: int.gt(0), expect: 'an integer > 0 (or null: no check)', nullable: true },
  geometryTolerance: { schema: floatGt0, expect: 'a number > 0', nullable: true },
  correctMask: { schema: z.boolean(), expect: 'true or false' },
  additionalInfo: { schema: z.boolean(), expect: 'true or false' },
  label: { schema: int.gt(0), expect: 'an integer > 0' },
  label_channel: { schema: int.min(0), expect: 'an integer >= 0' },
  binWidth: { schema: floatGt0, expect: 'a number > 0' },
  binCount: { schema: int.gt(0), expect: 'an integer > 0 (or null: use binWidth)', nullable: true },
  normalize: { schema: z.boolean(), expect: 'true or false' },
  normalizeScale: { schema: floatGt0, expect: 'a number > 0' },
  removeOutliers: { schema: floatGt0, expect: 'a number > 0 (or null: keep all)', nullable: true },
  resampledPixelSpacing: {
    schema: z.array(floatGe0).length(3),
    expect: 'a list of 3 numbers >= 0 (x, y, z in mm; 0 keeps that axis), or null: no resampling',
    nullable: true,
  },
  interpolator: {
    schema: z.union([z.enum(INTERPOLATORS), int.min(1).max(10)]),
    expect: `one of ${INTERPOLATORS.join(', ')} (or its SimpleITK number 1-10)`,
    nullable: true,
  },
  padDistance: { schema: int.min(0), expect: 'an integer >= 0' },
  distances: { schema: z.array(int.gt(0)).min(1), expect: 'a list of integers > 0' },
  force2D: { schema: z.boolean(), expect: 'true or false' },
  force2Ddimension: { schema: int.min(0).max(2), expect: '0, 1 or 2' },
  resegmentRange: {
    schema: z.array(float).min(1).max(2),
    expect: 'a list of one or two numbers [lower] or [lower, upper]',
    nullable: true,
  },
  resegmentMode: { schema: z.enum(['absolute', 'relative', 'sigma']), expect: 'absolute, relative or sigma' },
  resegmentShape: { schema: z.boolean(), expect: 'true or false' },
  preCrop: { schema: z.boolean(), expect: 'true or false' },
  sigma: { schema: z.array(floatGt0), expect: 'a list of numbers > 0 (mm)' },
  start_level: { schema: int.min(0), expect: 'an integer >= 0' },
  level: { schema: int.gt(0), expect: 'an integer > 0' },
  wavelet: { schema: z.string().min(1), expect: 'a wavelet name such as coif1, haar, db2' },
  gradientUseSpacing: { schema: z.boolean(), expect: 'true or false' },
  lbp2DRadius: { schema: floatGt0, expect: 'a number > 0' },
  lbp2DSamples: { schema: int.min(1), expect: 'an integer >= 1' },
  lbp2DMethod: { schema: z.enum(['default', 'ror', 'uniform', 'var']), expect: 'default, ror, uniform or var' },
  lbp3DLevels: { schema: int.min(1), expect: 'an integer >= 1' },
  lbp3DIcosphereRadius: { schema: floatGt0, expect: 'a number > 0' },
  lbp3DIcosphereSubdivision: { schema: int.min(0), expect: 'an integer >= 0' },
  voxelArrayShift: { schema: int, expect: 'an integer' },
  symmetricalGLCM: { schema: z.boolean(), expect: 'true or false' },
  weightingNorm: {
    schema: z.enum(['manhattan', 'euclidean', 'infinity', 'no_weighting']),
    expect: 'manhattan, euclidean, infinity or no_weighting (or null: no weighting)',
    nullable: true,
  },
  gldm_a: { schema: int.min(0), expect: 'an integer >= 0' },
  // radnomo's own
  ibsi: { schema: z.boolean(), expect: 'true or false' },
  largestSlice: { schema: z.boolean(), expect: 'true or false' },
};

/** Keys of the `voxelSetting` block (voxel-based extraction; accepted, not used by radnomo). */
export const VOXEL_SETTING_RULES: Record<string, KeyRule> = {
  kernelRadius: { schema: int.gt(0), expect: 'an integer > 0' },
  maskedKernel: { schema: z.boolean(), expect: 'true or false' },
  initValue: { schema: float, expect: 'a number' },
  voxelBatch: { schema: int.gt(0), expect: 'an integer > 0' },
};

/** PyRadiomics' image types (imageoperations.get<Name>Image). */
export const IMAGE_TYPE_NAMES = [
  'Original', 'LoG', 'Wavelet', 'LBP2D', 'LBP3D', 'Square', 'SquareRoot', 'Logarithm', 'Exponential', 'Gradient',
] as const;

/** The four top-level blocks of a params file. */
export const TOP_LEVEL_KEYS = ['imageType', 'featureClass', 'setting', 'voxelSetting'] as const;

/** The setting keys in PyRadiomics' spelling mapped to radnomo's Settings fields where they differ. */
export const SETTING_FIELD: Record<string, string> = { label_channel: 'labelChannel' };
