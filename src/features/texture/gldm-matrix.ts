/**
 * Grey Level Dependence Matrix as PyRadiomics computes it (radiomics/src/cmatrices.c
 * calculate_gldm, then radiomics/gldm.py _calculateMatrix): for each ROI voxel, the number of its
 * neighbours (generateAngles(distances, both directions, force2D); inside the grid and the ROI)
 * whose bin differs from its own by at most alpha (setting gldm_a) is its dependence count d;
 * P(i, j) counts voxels of level i with j = d + 1. Rows of absent levels and dependence sizes that
 * never occur are removed.
 */
import type { Settings } from '../settings.js';
import type { Vec3 } from '../../image/volume.js';
import { gridOf } from './grid.js';
import { generateAngles, force2DAxis } from '../angles.js';
import { stepOf } from './padded.js';
import { textureGrid, type TextureGrid } from './shared.js';

export interface GldmMatrix {
  /** Number of present grey levels (rows). */
  n: number;
  /** Present grey levels' values, ascending. */
  levels: Float64Array;
  /** Dependence sizes kept (columns, d + 1), ascending. */
  sizes: Float64Array;
  /** Counts, n x sizes.length: P[i * nd + j]. */
  p: Float64Array;
}

/**
 * The GLDM of a discretised ROI (binned: 1..N inside, 0 outside). `shared`: the labelled grid
 * (./shared.ts) when the caller has it, with a border of at least max(distances).
 *
 * Being a neighbour is symmetric, so each pair of ROI voxels is tested once, along the offsets of
 * one direction, and counts for both: half the tests of visiting every neighbour of every voxel.
 */
export function gldmMatrix(
  binned: Int32Array,
  size: Vec3,
  settings: Pick<Settings, 'distances' | 'force2D' | 'force2Ddimension' | 'gldm_a'>,
  shared?: TextureGrid,
): GldmMatrix {
  const grid = gridOf(size, [1, 1, 1]);
  const t = shared ?? textureGrid(binned, size, Math.max(...settings.distances));
  const { levels, levelValue } = t;
  const n = levels.length;
  const nb = generateAngles([grid.nz, grid.ny, grid.nx], settings.distances, false, force2DAxis(settings));
  const g = t.grid;
  const na = nb.count;
  const steps = new Int32Array(na);
  for (let a = 0; a < na; a++) steps[a] = stepOf(g, nb.offsets[3 * a], nb.offsets[3 * a + 1], nb.offsets[3 * a + 2]);
  const alpha = settings.gldm_a;
  const { bins, roi } = g;
  const dependence = 2 * na <= 0xffff ? new Uint16Array(bins.length) : new Int32Array(bins.length);
  // labels are ordered like the bins: alpha < 1 means "same bin" (PyRadiomics' default alpha 0)
  const sameOnly = alpha >= 0 && alpha < 1;
  for (let r = 0; r < roi.length; r++) {
    const i = roi[r];
    const li = bins[i];
    for (let a = 0; a < na; a++) {
      const j = i + steps[a];
      const lj = bins[j];
      if (lj === 0) continue;
      if (sameOnly ? lj === li : Math.abs(levelValue[li] - levelValue[lj]) <= alpha) {
        dependence[i]++;
        dependence[j]++;
      }
    }
  }
  const width = 2 * na + 1; // dependence counts 0..2 na
  const counts = new Float64Array(n * width);
  for (let r = 0; r < roi.length; r++) {
    const i = roi[r];
    counts[(bins[i] - 1) * width + dependence[i]]++;
  }
  const present: number[] = [];
  for (let d = 0; d < width; d++) {
    let c = 0;
    for (let k = 0; k < n; k++) c += counts[k * width + d];
    if (c !== 0) present.push(d);
  }
  const nd = present.length;
  const p = new Float64Array(n * nd);
  for (let k = 0; k < n; k++) for (let d = 0; d < nd; d++) p[k * nd + d] = counts[k * width + present[d]];
  return { n, levels: Float64Array.from(levels), sizes: Float64Array.from(present, (d) => d + 1), p };
}
