/**
 * Shared geometry of the texture matrices: the cropped grid in numpy axis order (z, y, x), which is
 * PyRadiomics' order, and the angle weighting of GLCM and GLRLM.
 */
import type { Vec3 } from '../../image/volume.js';

/** x-fastest grid as numpy sees it: axis 0 = z (stride nx*ny), axis 1 = y (stride nx), axis 2 = x. */
export interface Grid {
  nz: number;
  ny: number;
  nx: number;
  /** Voxel spacing in numpy order (z, y, x). */
  spacingZyx: [number, number, number];
}

export function gridOf(size: Vec3, spacing: Vec3): Grid {
  return { nz: size[2], ny: size[1], nx: size[0], spacingZyx: [spacing[2], spacing[1], spacing[0]] };
}

/** The norm of an angle's physical offset that PyRadiomics' weightingNorm names, or null for no norm. */
function offsetNorm(norm: string, a: ArrayLike<number>, sp: readonly number[]): number | null {
  const d0 = Math.abs(a[0]) * sp[0];
  const d1 = Math.abs(a[1]) * sp[1];
  const d2 = Math.abs(a[2]) * sp[2];
  switch (norm) {
    case 'infinity': return Math.max(d0, d1, d2);
    case 'euclidean': return Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2);
    case 'manhattan': return d0 + d1 + d2;
    default: return null; // 'no_weighting', and unknown names as PyRadiomics treats them: weight 1
  }
}

/**
 * GLCM angle weights (PyRadiomics glcm._calculateMatrix): W = exp(-||d||^2) with ||d|| the chosen
 * norm of the angle's offset in mm (for 'euclidean' the sum of squares itself); 1 for
 * 'no_weighting'.
 */
export function glcmAngleWeight(norm: string, a: ArrayLike<number>, sp: readonly number[]): number {
  if (norm === 'euclidean') {
    const d0 = Math.abs(a[0]) * sp[0];
    const d1 = Math.abs(a[1]) * sp[1];
    const d2 = Math.abs(a[2]) * sp[2];
    return Math.exp(-(d0 * d0 + d1 * d1 + d2 * d2));
  }
  const d = offsetNorm(norm, a, sp);
  return d === null ? 1 : Math.exp(-(d * d));
}

/**
 * GLRLM angle weights (PyRadiomics glrlm._calculateMatrix): the norm itself, not its exponential;
 * 1 for 'no_weighting'.
 */
export function glrlmAngleWeight(norm: string, a: ArrayLike<number>, sp: readonly number[]): number {
  return offsetNorm(norm, a, sp) ?? 1;
}
