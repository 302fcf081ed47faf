/** The image itself (PyRadiomics imageoperations.getOriginalImage): one derived image named 'original'. */
import type { ImageFilter } from './types.js';

export const originalImage: ImageFilter = function* (image, _mask, settings) {
  yield { name: 'original', image, settings };
};
