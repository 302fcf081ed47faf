/**
 * Neighbouring Grey Tone Difference Matrix as PyRadiomics computes it (radiomics/src/cmatrices.c
 * calculate_ngtdm, then radiomics/ngtdm.py _calculateMatrix): for each ROI voxel of level i, the
 * mean bin value A of its neighbours (generateAngles(distances, both directions, force2D); inside
 * the grid and the ROI); n_i counts the voxels of level i and s_i sums |i - A| (0 for a voxel with
 * no neighbour, which PyRadiomics still counts in n_i). Levels with n_i = 0 are removed.
 *
 * IBSI (settings.ibsi; IBSI 1 manual section 3.9): voxels without a neighbour in the ROI are left
 * out of n_i (and so of N_v,c), as the IBSI definition only counts voxels with a valid
 * neighbourhood.
 */
import type { Settings } from '../settings.js';
import type { Vec3 } from '../../image/volume.js';
import { gridOf } from './grid.js';
import { presentLevels } from './levels.js';
import { neighbourhood } from './neighbours.js';

export interface NgtdmMatrix {
  /** Number of levels kept. */
  n: number;
  /** n_i: voxels of each level (with a neighbourhood, under IBSI). */
  count: Float64Array;
  /** s_i: summed |i - mean of neighbours|. */
  s: Float64Array;
  /** The levels' values. */
  levels: Float64Array;
}

/** The NGTDM of a discretised ROI (binned: 1..N inside, 0 outside). */
export function ngtdmMatrix(
  binned: Int32Array,
  size: Vec3,
  settings: Pick<Settings, 'distances' | 'force2D' | 'force2Ddimension' | 'ibsi'>,
): NgtdmMatrix {
  const grid = gridOf(size, [1, 1, 1]);
  const { nz, ny, nx } = grid;
  const nxy = nx * ny;
  const { levels, levelIndex } = presentLevels(binned);
  const nAll = levels.length;
  const nb = neighbourhood(grid, settings);
  const { count: na, offsets: o, steps } = nb;
  const ibsi = settings.ibsi;
  const counts = new Float64Array(nAll);
  const sums = new Float64Array(nAll);
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
        let c = 0;
        let sum = 0;
        for (let a = 0; a < na; a++) {
          if (!inner) {
            const zz = z + o[3 * a], yy = y + o[3 * a + 1], xx = x + o[3 * a + 2];
            if (zz < 0 || zz >= nz || yy < 0 || yy >= ny || xx < 0 || xx >= nx) continue;
          }
          const gj = binned[i + steps[a]];
          if (gj === 0) continue;
          c++;
          sum += gj;
        }
        if (c === 0 && ibsi) continue;
        const k = levelIndex[gi];
        counts[k]++;
        if (c > 0) sums[k] += Math.abs(gi - sum / c);
      }
    }
  }
  let n = 0;
  for (let k = 0; k < nAll; k++) if (counts[k] > 0) n++;
  const out: NgtdmMatrix = { n, count: new Float64Array(n), s: new Float64Array(n), levels: new Float64Array(n) };
  let m = 0;
  for (let k = 0; k < nAll; k++) {
    if (counts[k] === 0) continue;
    out.count[m] = counts[k];
    out.s[m] = sums[k];
    out.levels[m] = levels[k];
    m++;
  }
  return out;
}
