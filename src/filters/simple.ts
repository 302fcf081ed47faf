/**
 * Voxel-wise intensity image types of PyRadiomics (radiomics/imageoperations.py), each rescaled to
 * the range of the original image, computed in float64 as PyRadiomics does (im.astype('float64')):
 *
 * - square (getSquareImage):          f(x) = (c x)^2,                          c = 1 / sqrt(max|x|)
 * - squareroot (getSquareRootImage):  f(x) = sqrt(c x) for x > 0, -sqrt(-c x) for x < 0,  c = max|x|
 * - logarithm (getLogarithmImage):    f(x) = log(x + 1) for x > 0, -log(1 - x) for x < 0, then
 *                                     scaled by max|x| / max|f|
 * - exponential (getExponentialImage): f(x) = exp(c x),                         c = log(max|x|) / max|x|
 *
 * As in PyRadiomics, an image whose voxels are all 0 gives non-finite values (division by zero).
 */
import type { ImageFilter } from './types.js';
import type { Volume } from '../image/volume.js';
import { withData } from '../image/volume.js';

function maxAbs(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    if (a > m || Number.isNaN(a)) m = a;
  }
  return m;
}

/** PyRadiomics getSquareImage. */
export function squareImageData(image: Volume): Volume<Float64Array> {
  const x = image.data;
  const coeff = 1 / Math.sqrt(maxAbs(x));
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const t = coeff * x[i];
    out[i] = t * t;
  }
  return withData(image, out);
}

/** PyRadiomics getSquareRootImage. */
export function squareRootImageData(image: Volume): Volume<Float64Array> {
  const x = image.data;
  const coeff = maxAbs(x);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = v > 0 ? Math.sqrt(v * coeff) : v < 0 ? -Math.sqrt(-v * coeff) : v;
  }
  return withData(image, out);
}

/** PyRadiomics getLogarithmImage. */
export function logarithmImageData(image: Volume): Volume<Float64Array> {
  const x = image.data;
  const imMax = maxAbs(x);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = v > 0 ? Math.log(v + 1) : v < 0 ? -Math.log(-(v - 1)) : v;
  }
  const scale = imMax / maxAbs(out);
  for (let i = 0; i < out.length; i++) out[i] = out[i] * scale;
  return withData(image, out);
}

/** PyRadiomics getExponentialImage. */
export function exponentialImageData(image: Volume): Volume<Float64Array> {
  const x = image.data;
  const imMax = maxAbs(x);
  const coeff = Math.log(imMax) / imMax;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.exp(coeff * x[i]);
  return withData(image, out);
}

function single(name: string, f: (image: Volume) => Volume): ImageFilter {
  return function* (image, _mask, settings) {
    yield { name, image: f(image), settings };
  };
}

export const squareImage = single('square', squareImageData);
export const squareRootImage = single('squareroot', squareRootImageData);
export const logarithmImage = single('logarithm', logarithmImageData);
export const exponentialImage = single('exponential', exponentialImageData);
