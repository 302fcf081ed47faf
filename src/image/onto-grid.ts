/**
 * Putting a mask that lives on its own grid (a DICOM-SEG cropped to its frames, a Slicer segment
 * with its own extent, a label map) onto an image's grid, by nearest neighbour in physical space:
 * what ITK's ResampleImageFilter does with a NearestNeighborInterpolateImageFunction, an identity
 * transform and default value 0 (index rounded half up; a point is inside when its continuous
 * index lies in [-0.5, size - 0.5)).
 */
import { allocate, invert3, type Vec3, type Volume, type VoxelArray } from './volume.js';

export type Grid = Pick<Volume, 'size' | 'spacing' | 'origin' | 'direction'>;

/** Same grid up to ITK's default tolerance (1e-6 of a voxel for positions, 1e-6 for directions). */
export function sameGrid(a: Grid, b: Grid, tolerance = 1e-6): boolean {
  for (let c = 0; c < 3; c++) {
    if (a.size[c] !== b.size[c]) return false;
    if (Math.abs(a.spacing[c] - b.spacing[c]) > tolerance * a.spacing[c]) return false;
    if (Math.abs(a.origin[c] - b.origin[c]) > tolerance * Math.min(a.spacing[0], a.spacing[1], a.spacing[2])) return false;
  }
  for (let i = 0; i < 9; i++) if (Math.abs(a.direction[i] - b.direction[i]) > tolerance) return false;
  return true;
}

/** Nearest-neighbour copy of `src` onto `grid`; voxels of the grid outside `src` get 0. */
export function ontoGrid<T extends VoxelArray>(src: Volume<T>, grid: Grid): Volume<T> {
  const [nx, ny, nz] = grid.size;
  if (sameGrid(src, grid)) {
    return { ...src, data: src.data.slice() as T, size: [...grid.size] as Vec3, spacing: [...grid.spacing] as Vec3, origin: [...grid.origin] as Vec3, direction: Float64Array.from(grid.direction) };
  }
  // index_src = S_src^-1 D_src^-1 (origin_ref + D_ref S_ref index_ref - origin_src) = A index_ref + b
  const inv = invert3(src.direction);
  const A = new Float64Array(9);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += inv[r * 3 + k] * grid.direction[k * 3 + c];
      A[r * 3 + c] = (s * grid.spacing[c]) / src.spacing[r];
    }
  }
  const o = [grid.origin[0] - src.origin[0], grid.origin[1] - src.origin[1], grid.origin[2] - src.origin[2]];
  const b = [0, 1, 2].map((r) => (inv[r * 3] * o[0] + inv[r * 3 + 1] * o[1] + inv[r * 3 + 2] * o[2]) / src.spacing[r]);
  const out = allocate(src.pixelType, nx * ny * nz) as T;
  const [sx, sy, sz] = src.size;
  const sd = src.data;
  let p = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const x0 = A[1] * j + A[2] * k + b[0];
      const y0 = A[4] * j + A[5] * k + b[1];
      const z0 = A[7] * j + A[8] * k + b[2];
      for (let i = 0; i < nx; i++, p++) {
        // computed afresh per voxel (no running sum) so that rounding does not drift along a row
        const ix = Math.floor(x0 + A[0] * i + 0.5);
        const iy = Math.floor(y0 + A[3] * i + 0.5);
        const iz = Math.floor(z0 + A[6] * i + 0.5);
        if (ix < 0 || iy < 0 || iz < 0 || ix >= sx || iy >= sy || iz >= sz) continue;
        out[p] = sd[ix + sx * (iy + sy * iz)];
      }
    }
  }
  return {
    data: out,
    size: [...grid.size] as Vec3,
    spacing: [...grid.spacing] as Vec3,
    origin: [...grid.origin] as Vec3,
    direction: Float64Array.from(grid.direction),
    pixelType: src.pixelType,
  };
}
