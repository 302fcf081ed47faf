/**
 * Index <-> physical conversions with ITK's exact arithmetic (itk::ImageBase, ITK 5.3), so that
 * resampling grids and "inside the image" decisions fall on the same side as in SimpleITK.
 *
 * ITK keeps M = D * diag(spacing) and its inverse. The three conversions associate their sums
 * differently, and a point exactly on a voxel border can only be placed as ITK places it when
 * the order is the same:
 * - TransformIndexToPhysicalPoint: p = origin; p += M[r][0] i0; p += M[r][1] i1; p += M[r][2] i2
 * - TransformContinuousIndexToPhysicalPoint: s = M[r][0] i0 + M[r][1] i1 + M[r][2] i2; p = s + origin
 * - TransformPhysicalPointToContinuousIndex: v = p - origin; i = Minv * v
 */
import type { Vec3, Volume } from '../volume.js';

/** The geometry of a voxel grid (a Volume without its voxels). */
export interface Grid {
  size: Vec3;
  spacing: Vec3;
  origin: Vec3;
  /** 3x3 direction cosines, row-major; column c is the direction of axis c. */
  direction: Float64Array;
}

export function gridOf(v: Grid): Grid {
  return {
    size: [v.size[0], v.size[1], v.size[2]],
    spacing: [v.spacing[0], v.spacing[1], v.spacing[2]],
    origin: [v.origin[0], v.origin[1], v.origin[2]],
    direction: Float64Array.from(v.direction),
  };
}

/** The matrices ITK caches for a grid: M = D * diag(spacing) and M^-1. */
export interface GridMatrices {
  origin: Vec3;
  m: Float64Array;
  inv: Float64Array;
}

/**
 * M = D * diag(spacing) (exact: each entry is one product) and its inverse as
 * diag(1/spacing) * D^-1. ITK inverts M by SVD; for the axis-aligned directions of nearly all
 * scans both give exactly 1/spacing, and for oblique ones they differ in the last bit only.
 */
export function gridMatrices(g: Grid): GridMatrices {
  const d = g.direction;
  const s = g.spacing;
  const m = new Float64Array(9);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) m[r * 3 + c] = d[r * 3 + c] * s[c];
  const dinv = inverse3(d);
  const inv = new Float64Array(9);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) inv[r * 3 + c] = dinv[r * 3 + c] / s[r];
  return { origin: [g.origin[0], g.origin[1], g.origin[2]], m, inv };
}

/** Inverse of a row-major 3x3 matrix by its adjugate (exact for signed permutation matrices). */
export function inverse3(a: ArrayLike<number>): Float64Array {
  const c00 = a[4] * a[8] - a[5] * a[7];
  const c01 = a[5] * a[6] - a[3] * a[8];
  const c02 = a[3] * a[7] - a[4] * a[6];
  const det = a[0] * c00 + a[1] * c01 + a[2] * c02;
  if (det === 0 || !Number.isFinite(det)) throw new Error('the direction matrix of the image is singular');
  return Float64Array.from([
    c00 / det, (a[2] * a[7] - a[1] * a[8]) / det, (a[1] * a[5] - a[2] * a[4]) / det,
    c01 / det, (a[0] * a[8] - a[2] * a[6]) / det, (a[2] * a[3] - a[0] * a[5]) / det,
    c02 / det, (a[1] * a[6] - a[0] * a[7]) / det, (a[0] * a[4] - a[1] * a[3]) / det,
  ]);
}

/** itk::ImageBase::TransformIndexToPhysicalPoint (integer index). */
export function indexToPoint(g: GridMatrices, i0: number, i1: number, i2: number, out: Float64Array | number[]): void {
  const m = g.m;
  for (let r = 0; r < 3; r++) {
    let p = g.origin[r];
    p += m[r * 3] * i0;
    p += m[r * 3 + 1] * i1;
    p += m[r * 3 + 2] * i2;
    out[r] = p;
  }
}

/** itk::ImageBase::TransformContinuousIndexToPhysicalPoint. */
export function continuousIndexToPoint(g: GridMatrices, index: ArrayLike<number>): Vec3 {
  const m = g.m;
  const out: Vec3 = [0, 0, 0];
  for (let r = 0; r < 3; r++) {
    let s = 0;
    s += m[r * 3] * index[0];
    s += m[r * 3 + 1] * index[1];
    s += m[r * 3 + 2] * index[2];
    out[r] = s + g.origin[r];
  }
  return out;
}

/** itk::ImageBase::TransformPhysicalPointToContinuousIndex. */
export function pointToContinuousIndex(g: GridMatrices, p: ArrayLike<number>, out: Float64Array | number[]): void {
  const v0 = p[0] - g.origin[0];
  const v1 = p[1] - g.origin[1];
  const v2 = p[2] - g.origin[2];
  const inv = g.inv;
  for (let r = 0; r < 3; r++) {
    let s = 0;
    s += inv[r * 3] * v0;
    s += inv[r * 3 + 1] * v1;
    s += inv[r * 3 + 2] * v2;
    out[r] = s;
  }
}

/** Same grid (size, spacing, origin, direction all identical)? */
export function sameGrid(a: Grid, b: Grid): boolean {
  for (let i = 0; i < 3; i++) {
    if (a.size[i] !== b.size[i] || a.spacing[i] !== b.spacing[i] || a.origin[i] !== b.origin[i]) return false;
  }
  for (let i = 0; i < 9; i++) if (a.direction[i] !== b.direction[i]) return false;
  return true;
}

/** Human-readable geometry for error messages. */
export function describeGrid(g: Grid): string {
  const f = (v: ArrayLike<number>) => `(${Array.from(v, (x) => String(x)).join(', ')})`;
  return `size ${f(g.size)}, spacing ${f(g.spacing)}, origin ${f(g.origin)}, direction ${f(g.direction)}`;
}

/** A Volume's grid, for functions that take either. */
export function volumeGrid(v: Volume): Grid {
  return { size: v.size, spacing: v.spacing, origin: v.origin, direction: v.direction };
}
