/**
 * Grey Level Size Zone Matrix as PyRadiomics computes it (radiomics/src/cmatrices.c
 * calculate_glszm / fill_glszm, then radiomics/glszm.py): a zone is a connected set of ROI voxels
 * of one grey level, connected through the neighbour offsets of generateAngles(distance 1, both
 * directions, force2D), i.e. 26-connectivity in 3D and 8-connectivity within slices with force2D;
 * P(i, j) counts zones of level i and size j. Rows of absent levels and zone sizes that never occur
 * are removed.
 */
import { generateAngles, force2DAxis } from '../angles.js';
import type { Settings } from '../settings.js';
import type { Vec3 } from '../../image/volume.js';
import { gridOf } from './grid.js';
import { stepOf } from './padded.js';
import { textureGrid, type TextureGrid } from './shared.js';

export interface GlszmMatrix {
  /** Number of present grey levels (rows). */
  n: number;
  /** Present grey levels' values, ascending. */
  levels: Float64Array;
  /** Zone sizes kept (columns), ascending. */
  sizes: Float64Array;
  /** Counts, n x sizes.length: P[i * ns + j]. */
  p: Float64Array;
}

/**
 * The GLSZM of a discretised ROI (binned: 1..N inside, 0 outside). `shared`: the labelled grid
 * (./shared.ts) when the caller has it.
 *
 * Zones by union-find instead of a flood fill: in raster order each ROI voxel is joined with its
 * same-level neighbours one step back along the offsets of one direction (half the
 * neighbourhood; the other half joins it when the later voxel comes), roots by path halving. The
 * zones, a partition of the ROI, are the flood fill's; only the order they are found in differs,
 * which the counts do not keep.
 */
export function glszmMatrix(
  binned: Int32Array,
  size: Vec3,
  settings: Pick<Settings, 'force2D' | 'force2Ddimension'>,
  shared?: TextureGrid,
): GlszmMatrix {
  const grid = gridOf(size, [1, 1, 1]);
  const t = shared ?? textureGrid(binned, size, 1);
  const n = t.levels.length;
  const angles = generateAngles([grid.nz, grid.ny, grid.nx], [1], false, force2DAxis(settings));
  const g = t.grid;
  const na = angles.count;
  // one-direction offsets have positive index steps: i - step is a voxel visited before i
  const steps = new Int32Array(na);
  for (let a = 0; a < na; a++) steps[a] = stepOf(g, angles.offsets[3 * a], angles.offsets[3 * a + 1], angles.offsets[3 * a + 2]);
  const { bins, roi } = g;
  // parent pointers as ROI positions (r), through the grid index -> position map
  const position = new Int32Array(bins.length);
  const parent = new Int32Array(roi.length);
  const find = (r: number): number => {
    while (parent[r] !== r) {
      parent[r] = parent[parent[r]];
      r = parent[r];
    }
    return r;
  };
  for (let r = 0; r < roi.length; r++) {
    const i = roi[r];
    position[i] = r;
    parent[r] = r;
    const label = bins[i];
    for (let a = 0; a < na; a++) {
      const j = i - steps[a];
      if (bins[j] !== label) continue;
      const rootA = find(position[j]);
      const rootB = find(r);
      if (rootA !== rootB) {
        // the smaller position becomes the root: roots stay the first voxel of their zone
        if (rootA < rootB) parent[rootB] = rootA;
        else parent[rootA] = rootB;
      }
    }
  }
  const zoneSize = new Int32Array(roi.length);
  for (let r = 0; r < roi.length; r++) zoneSize[find(r)]++;
  let maxSize = 0;
  for (let r = 0; r < roi.length; r++) if (zoneSize[r] > maxSize) maxSize = zoneSize[r];

  const counts = new Float64Array(n * maxSize);
  for (let r = 0; r < roi.length; r++) {
    if (zoneSize[r] > 0) counts[(bins[roi[r]] - 1) * maxSize + zoneSize[r] - 1]++;
  }
  const present: number[] = [];
  for (let c = 0; c < maxSize; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += counts[i * maxSize + c];
    if (total !== 0) present.push(c);
  }
  const ns = present.length;
  const p = new Float64Array(n * ns);
  for (let i = 0; i < n; i++) for (let c = 0; c < ns; c++) p[i * ns + c] = counts[i * maxSize + present[c]];
  return { n, levels: Float64Array.from(t.levels), sizes: Float64Array.from(present, (c) => c + 1), p };
}
