/**
 * Grey Level Co-occurrence Matrices, one per angle, as PyRadiomics computes them
 * (radiomics/src/cmatrices.c calculate_glcm, then radiomics/glcm.py _calculateMatrix):
 * P(i, j | a) counts ROI voxels of level i whose neighbour at offset a (inside the grid and the
 * ROI) has level j; angles from generateAngles(distances, one direction, force2D). Then: rows and
 * columns of levels absent from the ROI removed; P + P^T when symmetricalGLCM; with a weightingNorm
 * the angles are summed with weights into one matrix; empty angles dropped (when more than one
 * angle remains); each matrix divided by its sum (an all-empty single matrix becomes NaN, which the
 * features' nan-means then skip).
 */
import { generateAngles, force2DAxis } from '../angles.js';
import type { Settings } from '../settings.js';
import type { Vec3 } from '../../image/volume.js';
import { gridOf, glcmAngleWeight } from './grid.js';
import { stepOf, type LabelArray, type PaddedGrid } from './padded.js';
import { textureGrid, type TextureGrid } from './shared.js';

export interface GlcmMatrices {
  /** Number of present grey levels (matrix side). */
  n: number;
  /** Present grey levels' values, ascending (PyRadiomics' grayLevels). */
  levels: Float64Array;
  /** Largest present level (PyRadiomics' Ng). */
  maxLevel: number;
  /** Number of matrices kept (angles after dropping empty ones; 1 with a weightingNorm). */
  count: number;
  /** Normalised matrices, count x n x n, p[(a * n + i) * n + j]. */
  p: Float64Array;
}

/**
 * Raw counts for each angle: counts[(a * n + i) * n + j], i the centre voxel's level index and j its
 * neighbour's (0-based indices into the present levels), before symmetrisation. `g` holds 1-based
 * level indices (padGrid with oneBasedIndex).
 */
export function countCooccurrences(g: PaddedGrid, offsets: Int32Array, count: number, n: number): Float64Array {
  const { bins, roi } = g;
  // Counted voxel by voxel over all angles in int32, one row of n + 1 cells per level and angle
  // (cell 0 takes the neighbours outside the ROI): consecutive increments go to different cells,
  // where angle by angle neighbouring voxels kept adding to the same cell and waited on each other.
  const w = n + 1;
  const block = n * w;
  const wide = new Int32Array(count * block);
  const steps = new Int32Array(count);
  for (let a = 0; a < count; a++) steps[a] = stepOf(g, offsets[3 * a], offsets[3 * a + 1], offsets[3 * a + 2]);
  if (count === 13) {
    countThirteen(bins, roi, steps, w, block, wide);
  } else {
    for (let r = 0; r < roi.length; r++) {
      const i = roi[r];
      const row = (bins[i] - 1) * w;
      for (let a = 0, base = row; a < count; a++, base += block) wide[base + bins[i + steps[a]]]++;
    }
  }
  const counts = new Float64Array(count * n * n);
  for (let a = 0; a < count; a++) {
    for (let li = 0; li < n; li++) {
      const from = a * block + li * w + 1;
      const to = (a * n + li) * n;
      for (let lj = 0; lj < n; lj++) counts[to + lj] = wide[from + lj];
    }
  }
  return counts;
}

/**
 * The 3D distance-1 case (13 angles) written out: the offsets stay in registers and the 13
 * increments of a voxel are independent, about three times faster than the loop over angles.
 */
function countThirteen(bins: LabelArray, roi: Int32Array, steps: Int32Array, w: number, block: number, wide: Int32Array): void {
  const s0 = steps[0], s1 = steps[1], s2 = steps[2], s3 = steps[3], s4 = steps[4], s5 = steps[5], s6 = steps[6];
  const s7 = steps[7], s8 = steps[8], s9 = steps[9], s10 = steps[10], s11 = steps[11], s12 = steps[12];
  for (let r = 0; r < roi.length; r++) {
    const i = roi[r];
    const row = (bins[i] - 1) * w;
    wide[row + bins[i + s0]]++;
    wide[row + block + bins[i + s1]]++;
    wide[row + 2 * block + bins[i + s2]]++;
    wide[row + 3 * block + bins[i + s3]]++;
    wide[row + 4 * block + bins[i + s4]]++;
    wide[row + 5 * block + bins[i + s5]]++;
    wide[row + 6 * block + bins[i + s6]]++;
    wide[row + 7 * block + bins[i + s7]]++;
    wide[row + 8 * block + bins[i + s8]]++;
    wide[row + 9 * block + bins[i + s9]]++;
    wide[row + 10 * block + bins[i + s10]]++;
    wide[row + 11 * block + bins[i + s11]]++;
    wide[row + 12 * block + bins[i + s12]]++;
  }
}

/**
 * The processed, normalised GLCMs of a discretised ROI (binned: 1..N inside, 0 outside).
 * `shared`: the labelled grid (./shared.ts) when the caller has it, with a border of at least
 * max(distances).
 */
export function glcmMatrices(
  binned: Int32Array,
  size: Vec3,
  spacing: Vec3,
  settings: Pick<Settings, 'distances' | 'force2D' | 'force2Ddimension' | 'symmetricalGLCM' | 'weightingNorm'>,
  shared?: TextureGrid,
): GlcmMatrices {
  const grid = gridOf(size, spacing);
  const t = shared ?? textureGrid(binned, size, Math.max(...settings.distances));
  const { levels, maxLevel } = t;
  const n = levels.length;
  const angles = generateAngles([grid.nz, grid.ny, grid.nx], settings.distances, false, force2DAxis(settings));
  const padded = t.grid;
  const nn = n * n;
  let count = angles.count;
  let p = countCooccurrences(padded, angles.offsets, count, n);

  if (settings.symmetricalGLCM) {
    for (let a = 0; a < count; a++) {
      const base = a * nn;
      for (let i = 0; i < n; i++) {
        for (let j = i; j < n; j++) {
          const s = p[base + i * n + j] + p[base + j * n + i];
          p[base + i * n + j] = s;
          p[base + j * n + i] = s;
        }
      }
    }
  }

  if (settings.weightingNorm != null) {
    const summed = new Float64Array(nn);
    for (let a = 0; a < count; a++) {
      const w = glcmAngleWeight(settings.weightingNorm, angles.offsets.subarray(3 * a, 3 * a + 3), grid.spacingZyx);
      const base = a * nn;
      for (let k = 0; k < nn; k++) summed[k] += p[base + k] * w;
    }
    p = summed;
    count = 1;
  }

  // sums per angle; drop empty angles when more than one matrix is left
  const sums = new Float64Array(count);
  for (let a = 0; a < count; a++) {
    let s = 0;
    for (let k = a * nn, e = k + nn; k < e; k++) s += p[k];
    sums[a] = s;
  }
  if (count > 1) {
    let kept = 0;
    for (let a = 0; a < count; a++) {
      if (sums[a] === 0) continue;
      if (kept !== a) {
        p.copyWithin(kept * nn, a * nn, a * nn + nn);
        sums[kept] = sums[a];
      }
      kept++;
    }
    if (kept !== count) {
      p = p.slice(0, kept * nn);
      count = kept;
    }
  }
  for (let a = 0; a < count; a++) {
    const s = sums[a] === 0 ? NaN : sums[a];
    for (let k = a * nn, e = k + nn; k < e; k++) p[k] /= s;
  }
  return { n, levels: Float64Array.from(levels), maxLevel, count, p };
}
