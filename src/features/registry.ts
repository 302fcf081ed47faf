/**
 * The feature classes by PyRadiomics name. PYRADIOMICS_CLASS_NAMES is PyRadiomics' own order
 * (radiomics.getFeatureClasses: the package's modules in name order), which is the order of an
 * extraction without a params file.
 */
import type { FeatureClass } from './types.js';
import { firstorderClass } from './firstorder.js';
import { shapeClass } from './shape.js';
import { shape2DClass } from './shape2d.js';
import { glcmClass } from './texture/glcm.js';
import { gldmClass } from './texture/gldm.js';
import { glrlmClass } from './texture/glrlm.js';
import { glszmClass } from './texture/glszm.js';
import { ngtdmClass } from './texture/ngtdm.js';

export const PYRADIOMICS_CLASS_NAMES: readonly string[] = [
  'firstorder', 'glcm', 'gldm', 'glrlm', 'glszm', 'ngtdm', 'shape', 'shape2D',
];

/** Shape classes describe the ROI only: computed once on the original image, before any filter. */
export const SHAPE_CLASS_NAMES: readonly string[] = ['shape', 'shape2D'];

export const featureClasses: ReadonlyMap<string, FeatureClass> = new Map(
  [firstorderClass, glcmClass, gldmClass, glrlmClass, glszmClass, ngtdmClass, shapeClass, shape2DClass].map((c) => [c.name, c]),
);
