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
import { presentLevels, oneBasedIndex } from './levels.js';
import { padGrid, stepOf } from './padded.js';

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

/** The GLSZM of a discretised ROI (binned: 1..N inside, 0 outside). */
export function glszmMatrix(
  binned: Int32Array,
  size: Vec3,
  settings: Pick<Settings, 'force2D' | 'force2Ddimension'>,
): GlszmMatrix {
  const grid = gridOf(size, [1, 1, 1]);
  const { levels, levelIndex } = presentLevels(binned);
  const n = levels.length;
  const angles = generateAngles([grid.nz, grid.ny, grid.nx], [1], true, force2DAxis(settings));
  const g = padGrid(binned, size, 1, oneBasedIndex(levelIndex));
  const na = angles.count;
  const steps = new Int32Array(na);
  for (let a = 0; a < na; a++) steps[a] = stepOf(g, angles.offsets[3 * a], angles.offsets[3 * a + 1], angles.offsets[3 * a + 2]);

  // zones as (level, size) pairs: flood fill with an explicit stack; visited voxels set to 0
  const todo = g.bins; // our own copy: padGrid allocates it
  const stack = new Int32Array(g.roi.length);
  const zoneLevel: number[] = [];
  const zoneSize: number[] = [];
  let maxSize = 0;
  for (let r = 0; r < g.roi.length; r++) {
    const start = g.roi[r];
    const gl = todo[start];
    if (gl === 0) continue;
    todo[start] = 0;
    let top = 0;
    stack[top++] = start;
    let region = 0;
    while (top > 0) {
      const k = stack[--top];
      region++;
      for (let a = 0; a < na; a++) {
        const j = k + steps[a];
        if (todo[j] === gl) {
          todo[j] = 0;
          stack[top++] = j;
        }
      }
    }
    zoneLevel.push(gl - 1);
    zoneSize.push(region);
    if (region > maxSize) maxSize = region;
  }

  const counts = new Float64Array(n * maxSize);
  for (let z = 0; z < zoneLevel.length; z++) counts[zoneLevel[z] * maxSize + zoneSize[z] - 1]++;
  const present: number[] = [];
  for (let s = 0; s < maxSize; s++) {
    let t = 0;
    for (let i = 0; i < n; i++) t += counts[i * maxSize + s];
    if (t !== 0) present.push(s);
  }
  const ns = present.length;
  const p = new Float64Array(n * ns);
  for (let i = 0; i < n; i++) for (let s = 0; s < ns; s++) p[i * ns + s] = counts[i * maxSize + present[s]];
  return { n, levels: Float64Array.from(levels), sizes: Float64Array.from(present, (s) => s + 1), p };
}
