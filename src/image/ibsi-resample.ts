/**
 * Resampling as IBSI 1 defines it (reference manual, section 2.4 "Interpolation"), for radnomo's
 * IBSI mode; PyRadiomics' own resampling (grid from the ROI's first voxel corner, nearest-neighbour
 * mask) is in ./preprocess/resample.ts.
 *
 * - Grid: "align grid centres" (IBSI 3WE3). On each axis the new grid has
 *   n' = ceil(n s / s') voxels and the same centre as the original grid, so the new voxel j sits
 *   at the original continuous index (n - 1) / 2 + (j - (n' - 1) / 2) s' / s. A requested spacing
 *   of 0 keeps the axis as it is (PyRadiomics' convention; IBSI's 2D interpolation).
 * - Intensities: linear (trilinear, or bilinear when an axis is kept) or nearest neighbour; points
 *   beyond the outermost voxel centres take the edge value. Integer-valued images (CT in HU, the
 *   usual case) are rounded to integers afterwards (IBSI "intensity rounding", 68QD).
 * - ROI: the 0/1 mask is interpolated the same way and kept where the fraction is >= 0.5
 *   (IBSI "ROI mask partial volume", E8H9, threshold 0.5).
 * Shared with PyRadiomics' path: the grid type and ITK's index -> physical point arithmetic
 * (./preprocess/geometry.ts). Not shared, because the definitions differ: the grid, the sampling
 * beyond the outer voxel centres (ITK: 0 outside [-0.5, n - 0.5)), the mask interpolation.
 */
import type { Vec3, Volume } from './volume.js';
import { continuousIndexToPoint, gridMatrices, type Grid } from './preprocess/geometry.js';

export interface IbsiResampleOptions {
  /** New spacing per axis (x, y, z) in mm; 0 keeps that axis. */
  spacing: [number, number, number];
  interpolation: 'linear' | 'nearest';
  /** Round interpolated intensities to integers (IBSI: for integer-valued modalities). */
  round: boolean;
  /** Partial-volume threshold of the interpolated mask. */
  maskThreshold?: number;
}

/** Per axis: the two source indices and the weight of the second, for every new voxel. */
interface AxisSamples {
  i0: Int32Array;
  i1: Int32Array;
  w: Float64Array;
  n: number;
  /** original continuous index of the first new voxel */
  first: number;
  spacing: number;
}

function axisSamples(n: number, spacing: number, newSpacing: number, interpolation: 'linear' | 'nearest'): AxisSamples {
  const keep = newSpacing === 0 || newSpacing === spacing;
  const s = keep ? spacing : newSpacing;
  const m = keep ? n : Math.ceil((n * spacing) / s - 1e-9);
  const step = s / spacing;
  const first = (n - 1) / 2 - ((m - 1) / 2) * step;
  const i0 = new Int32Array(m), i1 = new Int32Array(m), w = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const c = Math.min(Math.max(keep ? j : first + j * step, 0), n - 1);
    if (interpolation === 'nearest') {
      i0[j] = i1[j] = Math.min(Math.floor(c + 0.5), n - 1);
      continue;
    }
    const lo = Math.floor(c);
    i0[j] = lo;
    i1[j] = Math.min(lo + 1, n - 1);
    w[j] = c - lo;
  }
  return { i0, i1, w, n: m, first: keep ? 0 : first, spacing: s };
}

/** Separable interpolation of `src` (x fastest) onto the sampled axes. */
function interpolate(src: ArrayLike<number>, size: Vec3, ax: AxisSamples[]): Float64Array {
  const [nx, ny] = size;
  const [X, Y, Z] = ax;
  const out = new Float64Array(X.n * Y.n * Z.n);
  let o = 0;
  for (let k = 0; k < Z.n; k++) {
    const z0 = Z.i0[k] * nx * ny, z1 = Z.i1[k] * nx * ny, wz = Z.w[k];
    for (let j = 0; j < Y.n; j++) {
      const y0 = Y.i0[j] * nx, y1 = Y.i1[j] * nx, wy = Y.w[j];
      const a00 = z0 + y0, a01 = z0 + y1, a10 = z1 + y0, a11 = z1 + y1;
      for (let i = 0; i < X.n; i++, o++) {
        const x0 = X.i0[i], x1 = X.i1[i], wx = X.w[i];
        const c00 = src[a00 + x0] + (src[a00 + x1] - src[a00 + x0]) * wx;
        const c01 = src[a01 + x0] + (src[a01 + x1] - src[a01 + x0]) * wx;
        const c10 = src[a10 + x0] + (src[a10 + x1] - src[a10 + x0]) * wx;
        const c11 = src[a11 + x0] + (src[a11 + x1] - src[a11 + x0]) * wx;
        const c0 = c00 + (c01 - c00) * wy;
        const c1 = c10 + (c11 - c10) * wy;
        out[o] = c0 + (c1 - c0) * wz;
      }
    }
  }
  return out;
}

/** Whether every voxel holds an integer value. */
export function isIntegerValued(data: ArrayLike<number>): boolean {
  for (let i = 0; i < data.length; i++) if (!Number.isInteger(data[i])) return false;
  return true;
}

/** Image and 0/1 ROI (same grid) onto IBSI's centre-aligned grid. */
export function ibsiResample(
  image: Volume, roi: Volume<Uint8Array>, options: IbsiResampleOptions,
): { image: Volume<Float64Array>; roi: Volume<Uint8Array> } {
  const ax = [0, 1, 2].map((a) => axisSamples(image.size[a], image.spacing[a], options.spacing[a], options.interpolation));
  const values = interpolate(image.data, image.size, ax);
  if (options.round) for (let i = 0; i < values.length; i++) values[i] = Math.round(values[i]);
  const fraction = interpolate(roi.data, roi.size, ax);
  const threshold = options.maskThreshold ?? 0.5;
  const mask = new Uint8Array(fraction.length);
  for (let i = 0; i < mask.length; i++) mask[i] = fraction[i] >= threshold ? 1 : 0;
  // new origin: the physical point of the first new voxel centre (ITK's index -> point arithmetic)
  const grid: Grid = {
    size: [ax[0].n, ax[1].n, ax[2].n],
    spacing: [ax[0].spacing, ax[1].spacing, ax[2].spacing],
    origin: continuousIndexToPoint(gridMatrices(image), [ax[0].first, ax[1].first, ax[2].first]),
    direction: Float64Array.from(image.direction),
  };
  return {
    image: { ...grid, data: values, pixelType: 'float64' },
    roi: { ...grid, direction: Float64Array.from(grid.direction), data: mask, pixelType: 'uint8' },
  };
}
