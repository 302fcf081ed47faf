/**
 * Laplacian of Gaussian image type.
 *
 * PyRadiomics (default): imageoperations.getLoGImage applies SimpleITK's
 * LaplacianRecursiveGaussianImageFilter with NormalizeAcrossScale on and sigma in mm, once per
 * sigma, and names the result 'log-sigma-<sigma with . as ->-mm-3D'. It skips the whole image type
 * when any image dimension is below 4 voxels, and a sigma when sigma <= 0 or when some dimension
 * is smaller than ceil(sigma / spacing) + 1 voxels.
 *
 * IBSI (settings.ibsi, or logFilterIbsi): the IBSI 2 reference manual's LoG, a sampled kernel
 * -1/sigma^2 (1/sqrt(2 pi sigma^2))^d (d - r^2/sigma^2) exp(-r^2 / (2 sigma^2)) in voxel units,
 * truncated at floor(truncate * sigma + 0.5) voxels from the centre, convolved with a padded image.
 * The kernel equals sum over axes a of (x_a^2/sigma^4 - 1/sigma^2) prod_b g(x_b), so it is applied
 * exactly as d separable products of 1D kernels.
 */
import { transientRegion, type ImageFilter, type VoxelBox } from './types.js';
import { reusedFloat32 } from '../features/scratch.js';
import type { Vec3, Volume } from '../image/volume.js';
import { voxelCount, withData } from '../image/volume.js';
import { recursiveGaussianAlongAxis, recursiveGaussianCoefficients, recursiveGaussianSimdEnabled } from './recursive-gaussian.js';
import { laplacianRecursiveGaussianSimd } from './log-simd.js';
import { convolveAxis, type Padding } from './separable.js';
import { regionFlags } from './region-flags.js';

/**
 * SimpleITK LaplacianRecursiveGaussianImageFilter (ITK's, with NormalizeAcrossScale on):
 * for each axis d, the second-derivative recursive Gaussian along d followed by the Gaussian along
 * the other axes in increasing order, each pass stored as float32; the three results accumulate
 * in a float32 image as acc + pass * (1 / spacing_d^2). Output: float32, same grid.
 *
 * `region`: only its voxels are wanted. A recursive pass needs whole lines, so a pass filters
 * every line along axes filtered after it and only the region's lines along axes filtered before
 * it, and keeps only the outputs inside the region along its own axis (its causal recursion stops
 * at the region's end, the anti-causal one at its start): the same numbers inside the region, the
 * other voxels left 0. The third pass of each term is added to the sum as it is computed.
 */
export function laplacianRecursiveGaussian(image: Volume, sigma: number, region?: VoxelBox): Volume<Float32Array> {
  // the same passes with the volumes in WebAssembly memory and SIMD loops (log-simd.ts), where available
  // (a transient region: the images, yielded one at a time, in one array reused from call to call)
  const into = transientRegion(region) ? reusedFloat32('log image', voxelCount(image), false) : undefined;
  const simd = recursiveGaussianSimdEnabled() ? laplacianRecursiveGaussianSimd(image, sigma, region, into) : null;
  if (simd) return withData(image, simd);
  const n = voxelCount(image);
  const acc = new Float32Array(n);
  const work = new Float32Array(n);
  const inRegion = region ? regionFlags(region, image.size) : null;
  for (let d = 0 as 0 | 1 | 2; d < 3; d = (d + 1) as 0 | 1 | 2) {
    // this term's passes: along d, then the other axes in increasing order
    const order = [d, ...([0, 1, 2] as const).filter((a) => a !== d)];
    // flags of the lines each pass filters (the region along axes already filtered, all along the
    // others) and of the outputs it keeps (the region along its own axis: the later passes read
    // only lines through the region)
    const done: [Uint8Array | null, Uint8Array | null, Uint8Array | null] = [null, null, null];
    const inv = 1.0 / (image.spacing[d] * image.spacing[d]);
    for (const [k, a] of order.entries()) {
      const coefficients = a === d
        ? recursiveGaussianCoefficients(sigma, image.spacing[d], 2, true)
        : recursiveGaussianCoefficients(sigma, image.spacing[a], 0, true);
      if (inRegion) done[a] = inRegion[a];
      // the last pass adds its float32 result, times 1 / spacing_d^2, to the sum
      const output = k === 2 ? { add: acc, scale: inv } : work;
      recursiveGaussianAlongAxis(a === d ? image.data : work, output, image.size, a, coefficients, inRegion ? done : undefined);
    }
  }
  return withData(image, acc);
}

/** Python's str() of a float, as PyRadiomics puts sigma in the image type name (2 -> '2.0', 1e-05 -> '1e-05'). */
export function pythonFloatString(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`;
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e16)) {
    // Python: shortest repr mantissa, exponent with sign and at least two digits.
    const [mant, exp] = x.toExponential().split('e');
    const e = Number(exp);
    return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return String(x);
}

/**
 * PyRadiomics' name of a LoG image, 'log-sigma-%s-mm-3D' % str(sigma) with '.' -> '-'
 * (imageoperations.getLoGImage): str() of a float sigma 2.0 gives 'log-sigma-2-0-mm-3D', of an int
 * sigma (written `2` in the params file, which YAML and PyRadiomics keep as an int) 'log-sigma-2-mm-3D'.
 */
export function logImageName(sigma: number, writtenAsInt = false): string {
  const text = writtenAsInt && Number.isInteger(sigma) ? String(sigma) : pythonFloatString(sigma);
  return `log-sigma-${text.replace(/\./g, '-')}-mm-3D`;
}

/**
 * What the LoG filter reads besides Settings: how the params file wrote each sigma, true where it
 * was an int (the extractor takes it from the file's raw values). Absent: every sigma a float.
 */
export interface LogSigmaTypes {
  sigmaIsInt?: readonly boolean[];
}

/** Whether PyRadiomics computes this sigma on an image of this size and spacing (getLoGImage's check). */
export function logSigmaFits(sigma: number, size: Vec3, spacing: Vec3): boolean {
  if (!(sigma > 0)) return false;
  for (let a = 0; a < 3; a++) {
    if (size[a] < Math.ceil(sigma / spacing[a]) + 1) return false;
  }
  return true;
}

/**
 * The LoG image type. PyRadiomics skips (with a logged warning) what it cannot compute; so do we,
 * through `warn` (console.warn unless the caller passes its own).
 */
export function makeLogImage(warn: (message: string) => void = (m) => console.warn(m)): ImageFilter {
  return function* (image, _mask, settings, region) {
    const { size, spacing } = image;
    if (Math.min(size[0], size[1], size[2]) < 4) {
      warn(`LoG: image too small to apply the LoG filter (size ${size.join(' x ')}; at least 4 voxels per axis are needed); no LoG image computed`);
      return;
    }
    const isInt = (settings as typeof settings & LogSigmaTypes).sigmaIsInt;
    for (const [i, sigma] of settings.sigma.entries()) {
      if (!(sigma > 0)) {
        warn(`LoG: sigma must be greater than 0 (got ${sigma}); skipped`);
        continue;
      }
      if (!logSigmaFits(sigma, size, spacing)) {
        warn(`LoG: sigma ${sigma} mm needs at least ceil(sigma / spacing) + 1 voxels per axis (spacing ${spacing.join(' x ')}, size ${size.join(' x ')}); skipped`);
        continue;
      }
      const filtered = settings.ibsi
        ? logFilterIbsi(image, sigma, IBSI_LOG_TRUNCATE, IBSI_DEFAULT_PADDING)
        : laplacianRecursiveGaussian(image, sigma, region);
      yield { name: logImageName(sigma, isInt?.[i] ?? false), image: filtered, settings };
    }
  };
}

export const logImage: ImageFilter = makeLogImage();

/** IBSI mode defaults when the LoG runs inside an extraction (IBSI 2 phase 2 configurations use these). */
export const IBSI_LOG_TRUNCATE = 4;
export const IBSI_DEFAULT_PADDING: Padding = 'mirror';

/** 1D Gaussian g(t) = exp(-t^2 / (2 s^2)) / sqrt(2 pi s^2) and its LoG term (t^2/s^4 - 1/s^2) g(t), t = -h..h voxels. */
function logKernels(sigmaVoxels: number, truncate: number): { g: Float64Array; h: Float64Array; half: number } {
  const half = Math.floor(truncate * sigmaVoxels + 0.5);
  const g = new Float64Array(2 * half + 1);
  const h = new Float64Array(2 * half + 1);
  const s2 = sigmaVoxels * sigmaVoxels;
  const norm = 1 / Math.sqrt(2 * Math.PI * s2);
  for (let k = -half; k <= half; k++) {
    const gk = norm * Math.exp(-(k * k) / (2 * s2));
    g[k + half] = gk;
    h[k + half] = (k * k / (s2 * s2) - 1 / s2) * gk;
  }
  return { g, h, half };
}

/**
 * IBSI 2 Laplacian of Gaussian (reference manual, "Laplacian of Gaussian"), sigma in mm, kernel in
 * voxel units (sigma / spacing per axis), truncated at floor(truncate * sigma_voxels + 0.5) voxels.
 * `dims` 3 filters in 3D; 2 filters each axial slice (x, y) on its own (IBSI's 2D filtering).
 * Output float64 on the same grid.
 */
export function logFilterIbsi(
  volume: Volume,
  sigmaMm: number,
  truncate: number,
  padding: Padding,
  dims: 2 | 3 = 3,
): Volume<Float64Array> {
  if (!(sigmaMm > 0)) throw new Error(`LoG (IBSI): sigma must be greater than 0 (got ${sigmaMm})`);
  const n = voxelCount(volume);
  const src = Float64Array.from(volume.data as ArrayLike<number>);
  const axes = (dims === 3 ? [0, 1, 2] : [0, 1]) as (0 | 1 | 2)[];
  const kernels = axes.map((a) => logKernels(sigmaMm / volume.spacing[a], truncate));
  const result = new Float64Array(n);
  const bufA = new Float64Array(n);
  const bufB = new Float64Array(n);
  // Term for axis d: h along d, g along every other axis.
  for (const d of axes) {
    let cur = src;
    let next = bufA;
    for (const a of axes) {
      const k = kernels[axes.indexOf(a)];
      convolveAxis(cur, next, volume.size, a, a === d ? k.h : k.g, k.half, padding);
      cur = next;
      next = cur === bufA ? bufB : bufA;
    }
    for (let i = 0; i < n; i++) result[i] += cur[i];
  }
  return withData(volume, result);
}
