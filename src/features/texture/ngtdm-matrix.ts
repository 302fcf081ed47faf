/**
 * Neighbouring Grey Tone Difference Matrix as PyRadiomics computes it (radiomics/src/cmatrices.c
 * calculate_ngtdm, then radiomics/ngtdm.py _calculateMatrix): for each ROI voxel of level i, the
 * mean bin value A of its neighbours (generateAngles(distances, both directions, force2D); inside
 * the grid and the ROI); n_i counts the voxels of level i and s_i sums |i - A| (0 for a voxel with
 * no neighbour, which PyRadiomics still counts in n_i). Levels with n_i = 0 are removed.
 *
 * IBSI (settings.ibsi; IBSI reference manual, "Neighbourhood grey tone difference based
 * features"): n_i counts only voxels with a valid neighbourhood (at least one neighbour in the ROI),
 * so voxels without one leave n_i and N_v,c.
 */
import type { Settings } from '../settings.js';
import type { Vec3 } from '../../image/volume.js';
import { textureGrid, type TextureGrid } from './shared.js';
import { neighbourhoodStats, type NeighbourhoodStats } from './neighbourhood-stats.js';
import type { LabelArray } from './padded.js';

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

/**
 * The NGTDM of a discretised ROI (binned: 1..N inside, 0 outside). `shared`: the labelled grid
 * (./shared.ts) when the caller has it, with a border of at least max(distances).
 */
export function ngtdmMatrix(
  binned: Int32Array,
  size: Vec3,
  settings: Pick<Settings, 'distances' | 'force2D' | 'force2Ddimension' | 'ibsi'> & Partial<Pick<Settings, 'gldm_a'>>,
  shared?: TextureGrid,
): NgtdmMatrix {
  const t = shared ?? textureGrid(binned, size, Math.max(...settings.distances));
  const { levels, levelValue } = t;
  const nAll = levels.length;
  const { bins, roi } = t.grid;
  // a literal of the fields it reads, not { ...settings, gldm_a }: a spread object has a map of its own
  const stats = { distances: settings.distances, force2D: settings.force2D, force2Ddimension: settings.force2Ddimension, gldm_a: settings.gldm_a ?? 0 };
  const around = neighbourhoodStats(t, size, stats);
  const counts = new Float64Array(nAll);
  const sums = new Float64Array(nAll);
  tally(bins, roi, around, levelValue, settings.ibsi, counts, sums);
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

/**
 * n_i into counts and s_i into sums, voxel by voxel in ROI order. In a function of its own: V8
 * on-stack-replaced this loop inside ngtdmMatrix, and the code after it, never run before, bailed
 * out on every call (node --trace-deopt).
 */
function tally(
  bins: LabelArray, roi: Int32Array, around: NeighbourhoodStats, levelValue: Int32Array, ibsi: boolean,
  counts: Float64Array, sums: Float64Array,
): void {
  const { inRoi, valueSum } = around;
  for (let r = 0; r < roi.length; r++) {
    const c = inRoi[r];
    if (c === 0 && ibsi) continue;
    const label = bins[roi[r]];
    counts[label - 1]++;
    if (c > 0) sums[label - 1] += Math.abs(levelValue[label] - valueSum[r] / c);
  }
}
