/**
 * The image types radnomo knows, under PyRadiomics' params-file names. The extractor asks this
 * registry for the filter of each enabled image type. Each filter family lives in its own file.
 */
import type { DerivedImage, ImageFilter, ImageTypeName } from './types.js';
import type { Volume } from '../image/volume.js';
import type { Settings } from '../features/settings.js';
import { originalImage } from './original.js';
import { lbp2dImage } from './lbp2d.js';
import { lbp3dImage } from './lbp3d.js';
import { logImage } from './log.js';
import { waveletImage } from './wavelet.js';
import { exponentialImage, logarithmImage, squareImage, squareRootImage } from './simple.js';
import { gradientImage } from './gradient.js';
import { settingsForImageType } from './image-type-settings.js';

export const imageTypes: Partial<Record<ImageTypeName, ImageFilter>> = {
  Original: originalImage,
  LBP2D: lbp2dImage,
  LBP3D: lbp3dImage,
  LoG: logImage,
  Wavelet: waveletImage,
  Square: squareImage,
  SquareRoot: squareRootImage,
  Logarithm: logarithmImage,
  Exponential: exponentialImage,
  Gradient: gradientImage,
};

/**
 * The derived images of one enabled image type, with PyRadiomics' per-type settings applied
 * (settingsForImageType: global settings, the type's own honoured keys replacing them).
 */
export function deriveImages(
  type: ImageTypeName,
  image: Volume,
  mask: Volume<Uint8Array>,
  global: Settings,
  custom: Partial<Settings> = {},
): Iterable<DerivedImage> {
  const filter = imageTypes[type];
  if (!filter) {
    const known = Object.keys(imageTypes).join(', ');
    throw new Error(`image type '${type}' is not available (known: ${known}); remove it from imageType in the params file`);
  }
  return filter(image, mask, settingsForImageType(global, custom));
}
