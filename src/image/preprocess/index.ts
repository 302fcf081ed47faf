/**
 * PyRadiomics-exact preprocessing: what featureextractor.execute does before its image-type loop
 * (prepareCase), the per-image crop (cropToMask), and the pieces they are made of.
 */
export { prepareCase, type PreparedCase, type PreprocessSettings, type StepTimer } from './prepare.js';
export { cropToBoundingBox, cropToBoundingBox as cropToMask, cropVolume, cropRegion, type BoundingBoxLike } from './crop.js';
export { checkMask, correctMask, checkRoiInsideImage, geometryMismatch, type BoundingBox, type CaseNames, type MaskCheckSettings } from './mask-check.js';
export { normalizeImage, normalizationMap, imageMeanSigma, type NormalizeOptions } from './normalize.js';
export { resampleCase, resampledGrid, interpolatorKind, type ResampleSettings } from './resample.js';
export { resampleOntoGrid, castFunction } from './resample-filter.js';
export { bsplineCoefficients, BSplineEvaluator, type ValueMap } from './bspline.js';
export { makeInterpolator, roundHalfIntegerUp, type InterpolatorKind } from './interpolators.js';
export { largestSliceMask, largestSliceIndex } from './largest-slice.js';
export { resegmentMask, resegmentValues, type ResegmentSettings, type Resegmented } from './resegment.js';
export { castToUint32, binarize, assertLabelPresent, labelsPresent, roiExtent, type RoiExtent } from './mask.js';
export { countConnectedComponents } from './connected-components.js';
export { imageDiagnostics, maskDiagnostics, type Diagnostic } from './diagnostics.js';
export { numpySum } from './numpy-sum.js';
export { pyFloat, pyFloatTuple, pyIntTuple, pyInt, pyRepr, PyFloat } from './python-format.js';
export { sha1Hex } from './sha1.js';
export { PreprocessError, type PreprocessErrorKind } from './errors.js';
export { gridMatrices, indexToPoint, continuousIndexToPoint, pointToContinuousIndex, type Grid } from './geometry.js';
