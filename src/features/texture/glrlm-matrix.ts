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
import { gridOf, glrlmAngleWeight, type Grid } from './grid.js';
import { presentLevels, compressedImage } from './levels.js';

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
 * Raw run counts per angle: runs[(a * n + i) * maxRun + (length - 1)], i the level index. Angles
 * whose lines never hold two ROI voxels are left empty. Offsets must be -1, 0 or 1 per axis.
 */
export function countRuns(level: Int32Array, grid: Grid, offsets: Int32Array, count: number, n: number, maxRun: number): Float64Array {
  const { nz, ny, nx } = grid;
  const nxy = nx * ny;
  const runs = new Float64Array(count * n * maxRun);
  for (let a = 0; a < count; a++) {
    const dz = offsets[3 * a], dy = offsets[3 * a + 1], dx = offsets[3 * a + 2];
    const step = dz * nxy + dy * nx + dx;
    const base = a * n * maxRun;
    let multiElement = false;
    for (let z = 0; z < nz; z++) {
      const zPrevInside = z - dz >= 0 && z - dz < nz;
      for (let y = 0; y < ny; y++) {
        const yPrevInside = y - dy >= 0 && y - dy < ny;
        for (let x = 0; x < nx; x++) {
          // a line starts where stepping back leaves the grid
          if (zPrevInside && yPrevInside && x - dx >= 0 && x - dx < nx) continue;
          // its length: steps until some moving axis leaves the grid
          let steps = Infinity;
          if (dz > 0) steps = nz - z; else if (dz < 0) steps = z + 1;
          if (dy > 0) steps = Math.min(steps, ny - y); else if (dy < 0) steps = Math.min(steps, y + 1);
          if (dx > 0) steps = Math.min(steps, nx - x); else if (dx < 0) steps = Math.min(steps, x + 1);
          let i = z * nxy + y * nx + x;
          let gl = -1;
          let len = 0;
          let elements = 0;
          for (let t = 0; t < steps; t++, i += step) {
            const l = level[i];
            if (l >= 0) {
              elements++;
              if (l === gl) len++;
              else {
                if (gl >= 0) runs[base + gl * maxRun + len - 1]++;
                gl = l;
                len = 1;
              }
            } else if (gl >= 0) {
              runs[base + gl * maxRun + len - 1]++;
              gl = -1;
            }
          }
          if (gl >= 0) runs[base + gl * maxRun + len - 1]++;
          if (elements > 1) multiElement = true;
        }
      }
    }
    if (!multiElement) runs.fill(0, base, base + n * maxRun);
  }
  return runs;
}

/** The processed GLRLMs of a discretised ROI (binned: 1..N inside, 0 outside). */
export function glrlmMatrices(
  binned: Int32Array,
  size: Vec3,
  spacing: Vec3,
  settings: Pick<Settings, 'force2D' | 'force2Ddimension' | 'weightingNorm'>,
): GlrlmMatrices {
  const grid = gridOf(size, spacing);
  const { levels, levelIndex } = presentLevels(binned);
  const n = levels.length;
  const level = compressedImage(binned, levelIndex);
  // PyRadiomics' GLRLM always uses distance 1
  const angles = generateAngles([grid.nz, grid.ny, grid.nx], [1], false, force2DAxis(settings));
  const maxRun = Math.max(grid.nz, grid.ny, grid.nx);
  const block = n * maxRun;
  let count = angles.count;
  let p = countRuns(level, grid, angles.offsets, count, n, maxRun);

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
