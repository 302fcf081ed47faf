/**
 * The image types radnomo knows, under PyRadiomics' params-file names. The extractor asks this
 * registry for the filter of each enabled image type. Each filter family lives in its own file.
 */
import type { ImageFilter, ImageTypeName } from './types.js';
import { originalImage } from './original.js';
import { lbp2dImage } from './lbp2d.js';
import { lbp3dImage } from './lbp3d.js';

export const imageTypes: Partial<Record<ImageTypeName, ImageFilter>> = {
  Original: originalImage,
  LBP2D: lbp2dImage,
  LBP3D: lbp3dImage,
};
