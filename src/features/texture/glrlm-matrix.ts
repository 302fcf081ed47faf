/**
 * Grey Level Run Length Matrices, one per angle, as PyRadiomics computes them
 * (radiomics/src/cmatrices.c calculate_glrlm, then radiomics/glrlm.py _calculateMatrix and
 * _calculateCoefficients): along each line of the grid in the angle's direction, a run is a maximal
 * sequence of consecutive ROI voxels of one grey level (a voxel outside the ROI ends a run);
 * P(i, j | a) counts runs of level i and length j. Angles from generateAngles(distance 1, one
 * direction, force2D). An angle along which no line holds more than one ROI voxel (the ROI is flat
 * across it) is emptied, as PyRadiomics does. Then: rows of absent levels removed; with a
 * weightingNorm the angles are summed with weights (the norm of the offset in mm) into one matrix;
 * empty angles dropped (when more than one is left); run lengths that occur in no angle removed.
 * Counts are not normalised here (N_r(a), the number of runs, is each matrix's sum).
 */
import { generateAngles, force2DAxis } from '../angles.js';
import type { Settings } from '../settings.js';
import type { Vec3 } from '../../image/volume.js';
import { gridOf, glrlmAngleWeight } from './grid.js';
import { stepOf, type PaddedGrid } from './padded.js';
import { textureGrid, type TextureGrid } from './shared.js';

export interface GlrlmMatrices {
  /** Number of present grey levels (rows). */
  n: number;
  /** Present grey levels' values, ascending. */
  levels: Float64Array;
  /** Run lengths kept (columns), ascending. */
  runLengths: Float64Array;
  /** Number of matrices (angles kept; 1 with a weightingNorm). */
  count: number;
  /** Counts, count x n x runLengths.length: P[(a * n + i) * nr + j]. */
  p: Float64Array;
}

/**
 * Raw run counts per angle: runs[(a * n + i) * maxRun + (length - 1)], i the level index; `g`
 * holds 1-based level indices (padGrid with oneBasedIndex).
 *
 * One sweep over the ROI voxels in raster order per angle: a voxel continues the run of its
 * predecessor (the voxel one step back along the angle) when that has the same bin, and a run is
 * counted at its last voxel, whose successor differs. The padded grid's empty border ends every
 * line. The angle's index step must be positive (true of generateAngles' one-direction angles,
 * whose first non-zero offset in z, y, x order is +1), so predecessors come first. Angles whose
 * lines never hold two ROI voxels are left empty (PyRadiomics' multiElement rule).
 */
export function countRuns(g: PaddedGrid, offsets: Int32Array, count: number, n: number, maxRun: number): Float64Array {
  const { bins, roi } = g;
  // counted in int32, run lengths in the narrowest type (less memory to go through); returned as float64
  const counts = new Int32Array(count * n * maxRun);
  const runLength = maxRun <= 0xffff ? new Uint16Array(bins.length) : new Int32Array(bins.length);
  for (let a = 0; a < count; a++) {
    const step = stepOf(g, offsets[3 * a], offsets[3 * a + 1], offsets[3 * a + 2]);
    if (step <= 0) throw new Error(`glrlm: angle ${offsets.subarray(3 * a, 3 * a + 3).join(',')} has no positive index step`);
    const base = a * n * maxRun;
    let longest = 0;
    // Without branches (equal and unequal neighbours alternate unpredictably in a smooth image):
    // ((x ^ y) - 1) >>> 31 is 1 exactly when x == y (labels >= 0). runLength of a voxel outside
    // the ROI is never written, so it is 0; of an ROI voxel one step back, written this sweep.
    for (let r = 0; r < roi.length; r++) {
      const i = roi[r];
      const b = bins[i];
      const continues = ((bins[i - step] ^ b) - 1) >>> 31;
      const len = continues * runLength[i - step] + 1;
      runLength[i] = len;
      const ends = 1 - (((bins[i + step] ^ b) - 1) >>> 31);
      // a run is counted at its last voxel; elsewhere the same cell gets + 0
      counts[base + (b - 1) * maxRun + len - 1] += ends;
      const counted = ends * len;
      longest = counted > longest ? counted : longest;
    }
    if (longest === 1 && !twoOnOneLine(g, offsets.subarray(3 * a, 3 * a + 3))) counts.fill(0, base, base + n * maxRun);
  }
  return Float64Array.from(counts);
}

/** Whether some line along the offset (components -1, 0, 1) holds two ROI voxels. */
function twoOnOneLine(g: PaddedGrid, d: Int32Array): boolean {
  const { nz, ny, nx, roi } = g;
  const seen = new Uint8Array(g.bins.length);
  const nyx = ny * nx;
  for (let r = 0; r < roi.length; r++) {
    const i = roi[r];
    let z = (i / nyx) | 0;
    let y = ((i - z * nyx) / nx) | 0;
    let x = i - z * nyx - y * nx;
    // walk back to where the line enters the (padded) grid: a key shared by the line's voxels
    let t = Infinity;
    if (d[0] > 0) t = z; else if (d[0] < 0) t = nz - 1 - z;
    if (d[1] > 0) t = Math.min(t, y); else if (d[1] < 0) t = Math.min(t, ny - 1 - y);
    if (d[2] > 0) t = Math.min(t, x); else if (d[2] < 0) t = Math.min(t, nx - 1 - x);
    z -= t * d[0];
    y -= t * d[1];
    x -= t * d[2];
    const key = (z * ny + y) * nx + x;
    if (seen[key]) return true;
    seen[key] = 1;
  }
  return false;
}

/**
 * The processed GLRLMs of a discretised ROI (binned: 1..N inside, 0 outside). `shared`: the
 * labelled grid (./shared.ts) when the caller has it.
 */
export function glrlmMatrices(
  binned: Int32Array,
  size: Vec3,
  spacing: Vec3,
  settings: Pick<Settings, 'force2D' | 'force2Ddimension' | 'weightingNorm'>,
  shared?: TextureGrid,
): GlrlmMatrices {
  const grid = gridOf(size, spacing);
  const t = shared ?? textureGrid(binned, size, 1);
  const { levels } = t;
  const n = levels.length;
  const padded = t.grid;
  // PyRadiomics' GLRLM always uses distance 1
  const angles = generateAngles([grid.nz, grid.ny, grid.nx], [1], false, force2DAxis(settings));
  const maxRun = Math.max(grid.nz, grid.ny, grid.nx);
  const block = n * maxRun;
  let count = angles.count;
  let p = countRuns(padded, angles.offsets, count, n, maxRun);

  if (settings.weightingNorm != null) {
    const summed = new Float64Array(block);
    for (let a = 0; a < count; a++) {
      const w = glrlmAngleWeight(settings.weightingNorm, angles.offsets.subarray(3 * a, 3 * a + 3), grid.spacingZyx);
      for (let k = 0; k < block; k++) summed[k] += p[a * block + k] * w;
    }
    p = summed;
    count = 1;
  }

  if (count > 1) {
    let kept = 0;
    for (let a = 0; a < count; a++) {
      let s = 0;
      for (let k = a * block, e = k + block; k < e; k++) s += p[k];
      if (s === 0) continue;
      if (kept !== a) p.copyWithin(kept * block, a * block, a * block + block);
      kept++;
    }
    count = kept;
  }

  // keep the run lengths present in some angle
  const present: number[] = [];
  for (let r = 0; r < maxRun; r++) {
    let s = 0;
    for (let a = 0; a < count; a++) for (let i = 0; i < n; i++) s += p[(a * n + i) * maxRun + r];
    if (s !== 0) present.push(r);
  }
  const nr = present.length;
  const out = new Float64Array(count * n * nr);
  for (let a = 0; a < count; a++) {
    for (let i = 0; i < n; i++) {
      const src = (a * n + i) * maxRun;
      const dst = (a * n + i) * nr;
      for (let r = 0; r < nr; r++) out[dst + r] = p[src + present[r]];
    }
  }
  return {
    n,
    levels: Float64Array.from(levels),
    runLengths: Float64Array.from(present, (r) => r + 1),
    count,
    p: out,
  };
}
