/**
 * The image types radnomo knows, under PyRadiomics' params-file names. The extractor asks this
 * registry for the filter of each enabled image type. Each filter family lives in its own file.
 */
import type { ImageFilter, ImageTypeName } from './types.js';
import { originalImage } from './original.js';

export const imageTypes: Partial<Record<ImageTypeName, ImageFilter>> = {
  Original: originalImage,
};
