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
import { presentLevels } from './levels.js';
import { neighbourhood } from './neighbours.js';
import { padGrid, stepOf } from './padded.js';

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

/** The GLDM of a discretised ROI (binned: 1..N inside, 0 outside). */
export function gldmMatrix(
  binned: Int32Array,
  size: Vec3,
  settings: Pick<Settings, 'distances' | 'force2D' | 'force2Ddimension' | 'gldm_a'>,
): GldmMatrix {
  const grid = gridOf(size, [1, 1, 1]);
  const { levels, levelIndex } = presentLevels(binned);
  const n = levels.length;
  const nb = neighbourhood(grid, settings);
  const g = padGrid(binned, size, Math.max(...settings.distances));
  const na = nb.count;
  const steps = new Int32Array(na);
  for (let a = 0; a < na; a++) steps[a] = stepOf(g, nb.offsets[3 * a], nb.offsets[3 * a + 1], nb.offsets[3 * a + 2]);
  const alpha = settings.gldm_a;
  const width = na + 1; // dependence counts 0..na
  const counts = new Float64Array(n * width);
  const { bins, roi } = g;
  // bins are integers: alpha < 1 means "same bin" (PyRadiomics' default alpha 0), a cheaper test
  const sameOnly = alpha >= 0 && alpha < 1;
  for (let r = 0; r < roi.length; r++) {
    const i = roi[r];
    const gi = bins[i];
    let dep = 0;
    if (sameOnly) {
      for (let a = 0; a < na; a++) if (bins[i + steps[a]] === gi) dep++;
    } else {
      for (let a = 0; a < na; a++) {
        const gj = bins[i + steps[a]];
        if (gj !== 0 && Math.abs(gi - gj) <= alpha) dep++;
      }
    }
    counts[levelIndex[gi] * width + dep]++;
  }
  const present: number[] = [];
  for (let d = 0; d < width; d++) {
    let t = 0;
    for (let k = 0; k < n; k++) t += counts[k * width + d];
    if (t !== 0) present.push(d);
  }
  const nd = present.length;
  const p = new Float64Array(n * nd);
  for (let k = 0; k < n; k++) for (let d = 0; d < nd; d++) p[k * nd + d] = counts[k * width + present[d]];
  return { n, levels: Float64Array.from(levels), sizes: Float64Array.from(present, (d) => d + 1), p };
}
