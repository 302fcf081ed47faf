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
  const { nz, ny, nx } = grid;
  const nxy = nx * ny;
  const { levels, levelIndex } = presentLevels(binned);
  const n = levels.length;
  const nb = neighbourhood(grid, settings);
  const { count: na, offsets: o, steps } = nb;
  const alpha = settings.gldm_a;
  const width = na + 1; // dependence counts 0..na
  const counts = new Float64Array(n * width);
  for (let z = 0; z < nz; z++) {
    const zInner = z >= nb.reach[0] && z < nz - nb.reach[0];
    for (let y = 0; y < ny; y++) {
      const yInner = zInner && y >= nb.reach[1] && y < ny - nb.reach[1];
      const row = z * nxy + y * nx;
      for (let x = 0; x < nx; x++) {
        const i = row + x;
        const gi = binned[i];
        if (gi === 0) continue;
        const inner = yInner && x >= nb.reach[2] && x < nx - nb.reach[2];
        let dep = 0;
        for (let a = 0; a < na; a++) {
          if (!inner) {
            const zz = z + o[3 * a], yy = y + o[3 * a + 1], xx = x + o[3 * a + 2];
            if (zz < 0 || zz >= nz || yy < 0 || yy >= ny || xx < 0 || xx >= nx) continue;
          }
          const gj = binned[i + steps[a]];
          if (gj === 0) continue;
          if (Math.abs(gi - gj) <= alpha) dep++;
        }
        counts[levelIndex[gi] * width + dep]++;
      }
    }
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
