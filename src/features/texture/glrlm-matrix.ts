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
import { reusedInt32, reusedUint16, reusedUint8 } from '../scratch.js';
import { runTalliesWasm } from './run-tallies-wasm.js';

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
 * A voxel continues the run of its predecessor (the voxel one step back along the angle) when that
 * has the same bin, so its position in its run is the predecessor's + 1, else 1; one sweep over
 * the ROI voxels in raster order finds every position (the angle's index step must be positive,
 * true of generateAngles' one-direction angles, so predecessors come first; the padded grid's
 * empty border ends every line). A run of length L has exactly one voxel at each position
 * 1..L, so the voxels at position L of level i count the runs of length >= L, and the runs of
 * length exactly L are that count minus the one for L + 1: no test for the run's end is needed.
 * Four angles share a sweep (each with its own positions), so a voxel's label is read once for
 * them. Angles whose lines never hold two ROI voxels are left empty (PyRadiomics' multiElement
 * rule). All counts are integers: the same matrices as counting each run at its end.
 */
export function countRuns(g: PaddedGrid, offsets: Int32Array, count: number, n: number, maxRun: number): Float64Array {
  const { atLeast, width } = runTallies(g, offsets, count, n, maxRun);
  const out = new Float64Array(count * n * maxRun);
  for (let a = 0; a < count; a++) {
    for (let i = 0; i < n; i++) {
      const from = (a * n + i) * width;
      const to = (a * n + i) * maxRun;
      for (let l = 1; l <= maxRun; l++) out[to + l - 1] = atLeast[from + l] - atLeast[from + l + 1];
    }
  }
  return out;
}

/** What countRuns counts from, per angle and level: the voxels at each position of their runs. */
interface RunTallies {
  /**
   * atLeast[(a * n + label - 1) * width + L]: voxels at position L (1..maxRun) of their run, i.e.
   * runs of length >= L; cell maxRun + 1 stays 0. An angle emptied by the multiElement rule is all 0.
   * Reused scratch: valid until the next call.
   */
  atLeast: Int32Array;
  /** maxRun + 2. */
  width: number;
}

/** The sweeps of countRuns (see there), the tallies left as they are counted. */
function runTallies(g: PaddedGrid, offsets: Int32Array, count: number, n: number, maxRun: number): RunTallies {
  const { bins, roi } = g;
  const width = maxRun + 2;
  const cells = n * width;
  const all = reusedInt32('glrlm atLeast', count * cells);
  const step = (a: number) => {
    const s = stepOf(g, offsets[3 * a], offsets[3 * a + 1], offsets[3 * a + 2]);
    if (s <= 0) throw new Error(`glrlm: angle ${offsets.subarray(3 * a, 3 * a + 3).join(',')} has no positive index step`);
    return s;
  };
  const steps = new Int32Array(count);
  for (let a = 0; a < count; a++) steps[a] = step(a);
  // the kernel where it can (a byte per label and position), else the sweeps below
  if (runTalliesWasm(bins, roi, steps, n, width, all)) {
    for (let a = 0; a < count; a += 4) emptyFlat(g, offsets, a, Math.min(4, count - a), all.subarray(a * cells), n, width, maxRun);
    return { atLeast: all, width };
  }
  // positions in the narrowest type (less memory to go through), one array per angle of a sweep;
  // reused scratch: a position is read only where it was written earlier in the same sweep (or
  // multiplied by 0)
  const positions = (k: number) => {
    const slot = `glrlm positions ${k}`;
    return maxRun <= 0xff ? reusedUint8(slot, bins.length, false) : maxRun <= 0xffff ? reusedUint16(slot, bins.length, false) : reusedInt32(slot, bins.length, false);
  };
  const p0 = positions(0), p1 = count > 1 ? positions(1) : p0, p2 = count > 2 ? positions(2) : p0, p3 = count > 3 ? positions(3) : p0;
  for (let a = 0; a < count; a += 4) {
    const k = Math.min(4, count - a);
    // the tallies of this sweep's k angles
    const atLeast = all.subarray(a * cells, (a + k) * cells);
    // ((x ^ y) - 1) >>> 31 is 1 exactly when x == y (labels >= 0): no branch on it (equal and
    // unequal neighbours alternate unpredictably in a smooth image). A voxel outside the ROI is
    // never written, so its position is 0; of an ROI voxel one step back, written this sweep.
    if (k === 4) {
      const s0 = steps[a], s1 = steps[a + 1], s2 = steps[a + 2], s3 = steps[a + 3];
      for (let r = 0; r < roi.length; r++) {
        const i = roi[r];
        const b = bins[i];
        const row = (b - 1) * width;
        let l = (((bins[i - s0] ^ b) - 1) >>> 31) * p0[i - s0] + 1;
        p0[i] = l;
        atLeast[row + l]++;
        l = (((bins[i - s1] ^ b) - 1) >>> 31) * p1[i - s1] + 1;
        p1[i] = l;
        atLeast[cells + row + l]++;
        l = (((bins[i - s2] ^ b) - 1) >>> 31) * p2[i - s2] + 1;
        p2[i] = l;
        atLeast[2 * cells + row + l]++;
        l = (((bins[i - s3] ^ b) - 1) >>> 31) * p3[i - s3] + 1;
        p3[i] = l;
        atLeast[3 * cells + row + l]++;
      }
    } else {
      for (let j = 0; j < k; j++) {
        const s = steps[a + j];
        const base = j * cells;
        for (let r = 0; r < roi.length; r++) {
          const i = roi[r];
          const b = bins[i];
          const l = (((bins[i - s] ^ b) - 1) >>> 31) * p0[i - s] + 1;
          p0[i] = l;
          atLeast[base + (b - 1) * width + l]++;
        }
      }
    }
    emptyFlat(g, offsets, a, k, atLeast, n, width, maxRun);
  }
  return { atLeast: all, width };
}

/** The multiElement rule on the tallies of angles a .. a + k - 1 (atLeast from angle a's): an angle whose lines never hold two ROI voxels emptied. */
function emptyFlat(g: PaddedGrid, offsets: Int32Array, a: number, k: number, atLeast: Int32Array, n: number, width: number, maxRun: number): void {
  const cells = n * width;
  for (let j = 0; j < k; j++) {
    const base = j * cells;
    // the longest run is 1 when no voxel is second in a run
    let longer = false;
    for (let i = 0; i < n && !longer; i++) longer = maxRun >= 2 && atLeast[base + i * width + 2] > 0;
    if (!longer && !twoOnOneLine(g, offsets.subarray(3 * (a + j), 3 * (a + j) + 3))) atLeast.fill(0, base, base + cells);
  }
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
  if (settings.weightingNorm != null) {
    let p = countRuns(padded, angles.offsets, count, n, maxRun);
    const summed = new Float64Array(block);
    for (let a = 0; a < count; a++) {
      const w = glrlmAngleWeight(settings.weightingNorm, angles.offsets.subarray(3 * a, 3 * a + 3), grid.spacingZyx);
      for (let k = 0; k < block; k++) summed[k] += p[a * block + k] * w;
    }
    p = summed;
    count = 1;
    return keepPresentLengths(p, count, n, maxRun, levels);
  }

  // without weights the counts are read from the tallies: runs of length L = atLeast[L] - atLeast[L + 1]
  const { atLeast, width } = runTallies(padded, angles.offsets, count, n, maxRun);
  // the angles kept: with a run (every voxel is at position 1 of one), when more than one is left
  const kept: number[] = [];
  for (let a = 0; a < count; a++) {
    let runs = false;
    for (let i = 0; i < n && !runs; i++) runs = atLeast[(a * n + i) * width + 1] > 0;
    if (runs || count === 1) kept.push(a);
  }
  // the run lengths that occur in a kept angle (a run of length L makes atLeast[L] > atLeast[L + 1];
  // atLeast falls with L and is 0 past the longest run)
  const present = new Uint8Array(maxRun + 1);
  for (const a of kept) {
    for (let i = 0; i < n; i++) {
      const from = (a * n + i) * width;
      for (let l = 1; l <= maxRun && atLeast[from + l] > 0; l++) if (atLeast[from + l] !== atLeast[from + l + 1]) present[l] = 1;
    }
  }
  const lengths: number[] = [];
  for (let l = 1; l <= maxRun; l++) if (present[l]) lengths.push(l);
  const nr = lengths.length;
  const out = new Float64Array(kept.length * n * nr);
  for (let ka = 0; ka < kept.length; ka++) {
    for (let i = 0; i < n; i++) {
      const from = (kept[ka] * n + i) * width;
      const to = (ka * n + i) * nr;
      for (let r = 0; r < nr; r++) out[to + r] = atLeast[from + lengths[r]] - atLeast[from + lengths[r] + 1];
    }
  }
  return { n, levels: Float64Array.from(levels), runLengths: Float64Array.from(lengths), count: kept.length, p: out };
}

/** The matrices p (count x n x maxRun) without the run lengths that occur in none (PyRadiomics' processing). */
function keepPresentLengths(p: Float64Array, count: number, n: number, maxRun: number, levels: Int32Array): GlrlmMatrices {
  const block = n * maxRun;
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
