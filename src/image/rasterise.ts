/**
 * Closed planar polygons (RTSTRUCT contours, in physical mm) onto an image grid. Each polygon is
 * mapped into the grid's continuous index space (ITK's physical -> index transform) and put on the
 * slice nearest to its plane; a voxel is inside when its centre is inside by the even-odd rule,
 * taken over all polygons of the slice together, so that a contour drawn inside another is a hole
 * (the usual reading of DICOM RT "inner contours"). Along each row the crossings of the polygon
 * edges with the row are sorted and the voxel centres between pairs are filled; an edge counts for
 * rows j with min(y1,y2) <= j < max(y1,y2) and a centre on a crossing counts as inside on the left
 * of a span and outside on the right, so that shared edges are never filled twice.
 */
import { invert3 } from './volume.js';
import type { Grid } from './onto-grid.js';

export interface RasterResult {
  mask: Uint8Array;
  /** Polygons whose plane falls outside the grid's slices. */
  outside: number;
  /** Polygons not parallel to the grid's slices (their k index varies by more than `planeTolerance`). */
  tilted: number;
  /** Largest distance (in slices) between a polygon's plane and the slice centre it was put on. */
  maxPlaneOffset: number;
}

/** Rasterises closed polygons (flat arrays x,y,z,x,y,z,... in mm) onto `grid`. */
export function rasterisePolygons(polygons: Float64Array[], grid: Grid, planeTolerance = 0.1): RasterResult {
  const [nx, ny, nz] = grid.size;
  const mask = new Uint8Array(nx * ny * nz);
  const inv = invert3(grid.direction);
  const bySlice = new Map<number, Float64Array[]>();
  let outside = 0;
  let tilted = 0;
  let maxPlaneOffset = 0;
  for (const poly of polygons) {
    const m = Math.floor(poly.length / 3);
    if (m < 3) continue;
    // xy holds the polygon in (i, j) index units
    const xy = new Float64Array(2 * m);
    let kMin = Infinity;
    let kMax = -Infinity;
    let kSum = 0;
    for (let p = 0; p < m; p++) {
      const x = poly[3 * p] - grid.origin[0];
      const y = poly[3 * p + 1] - grid.origin[1];
      const z = poly[3 * p + 2] - grid.origin[2];
      xy[2 * p] = (inv[0] * x + inv[1] * y + inv[2] * z) / grid.spacing[0];
      xy[2 * p + 1] = (inv[3] * x + inv[4] * y + inv[5] * z) / grid.spacing[1];
      const k = (inv[6] * x + inv[7] * y + inv[8] * z) / grid.spacing[2];
      kMin = Math.min(kMin, k);
      kMax = Math.max(kMax, k);
      kSum += k;
    }
    if (kMax - kMin > planeTolerance) { tilted++; continue; }
    const kc = kSum / m;
    const slice = Math.round(kc);
    if (slice < 0 || slice >= nz) { outside++; continue; }
    maxPlaneOffset = Math.max(maxPlaneOffset, Math.abs(kc - slice));
    const list = bySlice.get(slice);
    if (list) list.push(xy);
    else bySlice.set(slice, [xy]);
  }
  const crossings: number[] = [];
  for (const [k, polys] of bySlice) {
    let yMin = Infinity;
    let yMax = -Infinity;
    for (const xy of polys) {
      for (let p = 1; p < xy.length; p += 2) { yMin = Math.min(yMin, xy[p]); yMax = Math.max(yMax, xy[p]); }
    }
    const j0 = Math.max(0, Math.ceil(yMin));
    const j1 = Math.min(ny - 1, Math.floor(yMax));
    for (let j = j0; j <= j1; j++) {
      crossings.length = 0;
      for (const xy of polys) {
        const m = xy.length / 2;
        for (let a = 0, b = m - 1; a < m; b = a++) {
          const ya = xy[2 * a + 1];
          const yb = xy[2 * b + 1];
          if ((ya <= j) === (yb <= j)) continue;
          const xa = xy[2 * a];
          const xb = xy[2 * b];
          crossings.push(xa + ((j - ya) * (xb - xa)) / (yb - ya));
        }
      }
      crossings.sort((u, v) => u - v);
      const row = nx * (j + ny * k);
      for (let c = 0; c + 1 < crossings.length; c += 2) {
        const from = Math.max(0, Math.ceil(crossings[c]));
        const to = Math.min(nx - 1, Math.ceil(crossings[c + 1]) - 1);
        for (let i = from; i <= to; i++) mask[row + i] = 1;
      }
    }
  }
  return { mask, outside, tilted, maxPlaneOffset };
}
