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
import { reusedFloat64, reusedInt32 } from '../scratch.js';
import { cooccurrencesWasm } from './neighbour-counts-wasm.js';

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
  const wide = wideCounts(g, offsets, count, n);
  const w = n + 1;
  const block = n * w;
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

/** Reused between calls (one extraction runs many GLCMs): the int32 counts of wideCounts, up to a size worth keeping. */
let widePool = new Int32Array(0);
const KEEP_AT_MOST = 1 << 22;

/**
 * The raw counts of countCooccurrences in int32, one row of n + 1 cells per level and angle: cell 0
 * takes the neighbours outside the ROI, level j's count is at j + 1 (wide[a * n * (n + 1) + i * (n + 1) + j + 1]).
 * Counted voxel by voxel over all angles: consecutive increments go to different cells, where angle
 * by angle neighbouring voxels kept adding to the same cell and waited on each other. The array is
 * reused by the next call: read it before counting again.
 */
function wideCounts(g: PaddedGrid, offsets: Int32Array, count: number, n: number): Int32Array {
  const { bins, roi } = g;
  const w = n + 1;
  const block = n * w;
  const size = count * block;
  let wide: Int32Array;
  let zeroed = true;
  if (size > KEEP_AT_MOST) {
    wide = new Int32Array(size);
  } else {
    if (widePool.length < size) widePool = new Int32Array(Math.max(size, 2 * widePool.length));
    else zeroed = false;
    wide = widePool;
  }
  const steps = new Int32Array(count);
  for (let a = 0; a < count; a++) steps[a] = stepOf(g, offsets[3 * a], offsets[3 * a + 1], offsets[3 * a + 2]);
  // the kernel overwrites the first `size` cells; the loops below add to them, so zeroed first
  if (count === 13 && cooccurrencesWasm(bins, roi, steps, w, block, wide)) return wide;
  if (!zeroed) wide.fill(0, 0, size);
  if (count === 13) {
    countThirteen(bins, roi, steps, w, block, wide);
  } else {
    for (let r = 0; r < roi.length; r++) {
      const i = roi[r];
      const row = (bins[i] - 1) * w;
      for (let a = 0, base = row; a < count; a++, base += block) wide[base + bins[i + steps[a]]]++;
    }
  }
  return wide;
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
 * The processed, normalised GLCMs as their non-zero cells (the features visit only those: a small
 * ROI with many levels fills few of the n x n cells). Cells of matrix a are start[a] ..
 * start[a + 1] - 1, row by row, columns ascending: the order in which a dense row-major loop meets
 * them, so sums over the cells round as sums over the dense matrix skipping zeros. An all-empty
 * single matrix (PyRadiomics' 0 / 0) lists all n x n cells, each NaN.
 */
export interface GlcmCells {
  /** Number of present grey levels (matrix side). */
  n: number;
  /** Present grey levels' values, ascending (PyRadiomics' grayLevels). */
  levels: Float64Array;
  /** Largest present level (PyRadiomics' Ng). */
  maxLevel: number;
  /** Number of matrices kept (angles after dropping empty ones; 1 with a weightingNorm). */
  count: number;
  /** count + 1 offsets into row, col and value. */
  start: Int32Array;
  /** Level index i (0-based, into levels) of each cell. */
  row: Int32Array;
  /** Level index j of each cell. */
  col: Int32Array;
  /** p(i, j). */
  value: Float64Array;
  /** The cells before normalisation: counts (or, with a weightingNorm, weighted sums of counts). */
  raw: Float64Array;
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
  const c = glcmCells(binned, size, spacing, settings, shared);
  const { n, count } = c;
  const p = new Float64Array(count * n * n);
  for (let a = 0; a < count; a++) {
    const base = a * n * n;
    for (let k = c.start[a]; k < c.start[a + 1]; k++) p[base + c.row[k] * n + c.col[k]] = c.value[k];
  }
  return { n, levels: c.levels, maxLevel: c.maxLevel, count, p };
}

/** glcmMatrices as non-zero cells (see GlcmCells); the same numbers. */
export function glcmCells(
  binned: Int32Array,
  size: Vec3,
  spacing: Vec3,
  settings: Pick<Settings, 'distances' | 'force2D' | 'force2Ddimension' | 'symmetricalGLCM' | 'weightingNorm'>,
  shared?: TextureGrid,
): GlcmCells {
  const grid = gridOf(size, spacing);
  const t = shared ?? textureGrid(binned, size, Math.max(...settings.distances));
  const { levels, maxLevel } = t;
  const n = levels.length;
  const angles = generateAngles([grid.nz, grid.ny, grid.nx], settings.distances, false, force2DAxis(settings));
  const nAngles = angles.count;
  const wide = wideCounts(t.grid, angles.offsets, nAngles, n);
  const w = n + 1;
  const block = n * w;
  const symmetric = settings.symmetricalGLCM;

  let count: number;
  let start: Int32Array, row: Int32Array, col: Int32Array, value: Float64Array;
  if (settings.weightingNorm != null) {
    // one matrix: the weighted sum of the angles', accumulated angle by angle as a dense matrix would be
    const summed = new Float64Array(n * n);
    for (let a = 0; a < nAngles; a++) {
      const wa = glcmAngleWeight(settings.weightingNorm, angles.offsets.subarray(3 * a, 3 * a + 3), grid.spacingZyx);
      addWeighted(wide, a * block, n, w, symmetric, wa, summed);
    }
    count = 1;
    const nnz = countNonZero(summed);
    start = Int32Array.of(0, nnz);
    row = new Int32Array(nnz);
    col = new Int32Array(nnz);
    value = new Float64Array(nnz);
    listNonZero(summed, n, row, col, value);
  } else {
    count = nAngles;
    // every ROI voxel adds to at most one cell per angle (two once symmetrised); the cells are
    // listed in reused scratch and copied out at their final number
    const cap = nAngles * Math.min(n * n, (symmetric ? 2 : 1) * t.grid.roi.length);
    start = new Int32Array(nAngles + 1);
    row = reusedInt32('glcm cell rows', cap, false);
    col = reusedInt32('glcm cell columns', cap, false);
    value = reusedFloat64('glcm cell values', cap, false);
    let e = 0;
    const { bins, roi } = t.grid;
    const touched = (symmetric ? 2 : 1) * roi.length;
    if (touched * 16 < n * n) {
      // a small ROI among many levels: the cells its voxel pairs touch, found again voxel by voxel
      // and sorted into row-major order, instead of a visit of all n x n
      const codes = new Int32Array(touched);
      for (let a = 0; a < nAngles; a++) {
        const step = stepOf(t.grid, angles.offsets[3 * a], angles.offsets[3 * a + 1], angles.offsets[3 * a + 2]);
        const m = pairCodes(bins, roi, step, n, symmetric, codes);
        const sorted = codes.subarray(0, m).sort();
        start[a] = e;
        e = listSorted(sorted, m, wide, a * block + 1, n, w, symmetric, row, col, value, e);
      }
    } else {
      for (let a = 0; a < nAngles; a++) {
        start[a] = e;
        e = listDense(wide, a * block + 1, n, w, symmetric, row, col, value, e);
      }
    }
    start[nAngles] = e;
    row = row.slice(0, e);
    col = col.slice(0, e);
    value = value.slice(0, e);
  }

  // sums per matrix (the cells in a dense matrix's order: the same rounding); drop empty matrices
  // when more than one is left
  const sums = matrixSums(start, value, count);
  if (count > 1) {
    let kept = 0;
    let e = 0;
    for (let a = 0; a < count; a++) {
      if (sums[a] === 0) continue;
      const from = start[a], to = start[a + 1];
      if (e !== from) {
        row.copyWithin(e, from, to);
        col.copyWithin(e, from, to);
        value.copyWithin(e, from, to);
      }
      start[kept] = e;
      sums[kept++] = sums[a];
      e += to - from;
    }
    start[kept] = e;
    count = kept;
  } else if (count === 1 && sums[0] === 0) {
    // 0 / 0 in every cell
    const all = n * n;
    start = Int32Array.of(0, all);
    row = new Int32Array(all);
    col = new Int32Array(all);
    value = new Float64Array(all).fill(NaN);
    everyCell(n, row, col);
  }
  const end = start[count];
  const raw = value.slice(0, end);
  normalise(start, value, sums, count);
  return {
    n, levels: Float64Array.from(levels), maxLevel, count, start: start.slice(0, count + 1),
    row: row.subarray(0, end), col: col.subarray(0, end), value: value.subarray(0, end), raw,
  };
}

// glcmCells' long loops, each in a function of its own: V8 on-stack-replaced such a loop inside
// glcmCells, and the code after it, never run before, bailed out on every call (node --trace-deopt).

/** summed[i * n + j] += (P(i, j) [+ P(j, i)]) * wa over angle a's counts (wide from `base`), non-zero ones only. */
function addWeighted(wide: Int32Array, base: number, n: number, w: number, symmetric: boolean, wa: number, summed: Float64Array): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = symmetric ? wide[base + i * w + j + 1] + wide[base + j * w + i + 1] : wide[base + i * w + j + 1];
      if (v !== 0) summed[i * n + j] += v * wa;
    }
  }
}

function countNonZero(a: Float64Array): number {
  let nnz = 0;
  for (let k = 0; k < a.length; k++) if (a[k] !== 0) nnz++;
  return nnz;
}

/** The non-zero cells of the n x n matrix `summed`, row-major, into row, col and value. */
function listNonZero(summed: Float64Array, n: number, row: Int32Array, col: Int32Array, value: Float64Array): void {
  for (let k = 0, e = 0; k < n * n; k++) {
    if (summed[k] === 0) continue;
    row[e] = (k / n) | 0;
    col[e] = k % n;
    value[e++] = summed[k];
  }
}

/** The cell codes i * n + j (and j * n + i when symmetric) of the ROI's voxel pairs one `step` apart; returns their number. */
function pairCodes(bins: LabelArray, roi: Int32Array, step: number, n: number, symmetric: boolean, codes: Int32Array): number {
  let m = 0;
  for (let r = 0; r < roi.length; r++) {
    const j = bins[roi[r] + step] - 1;
    if (j < 0) continue;
    const i = bins[roi[r]] - 1;
    codes[m++] = i * n + j;
    if (symmetric) codes[m++] = j * n + i;
  }
  return m;
}

/** The distinct cells of `sorted` (m codes) with their counts (wide from `base`), listed from cell e; returns the next e. */
function listSorted(
  sorted: Int32Array, m: number, wide: Int32Array, base: number, n: number, w: number, symmetric: boolean,
  row: Int32Array, col: Int32Array, value: Float64Array, e: number,
): number {
  for (let x = 0; x < m; x++) {
    const c = sorted[x];
    if (x > 0 && c === sorted[x - 1]) continue;
    const i = (c / n) | 0;
    const j = c - i * n;
    row[e] = i;
    col[e] = j;
    value[e++] = symmetric ? wide[base + i * w + j] + wide[base + j * w + i] : wide[base + i * w + j];
  }
  return e;
}

/** The non-zero cells of one angle's matrix (wide from `base`; symmetrised when asked), row-major, listed from cell e; returns the next e. */
function listDense(
  wide: Int32Array, base: number, n: number, w: number, symmetric: boolean,
  row: Int32Array, col: Int32Array, value: Float64Array, e: number,
): number {
  for (let i = 0; i < n; i++) {
    const ri = base + i * w;
    if (symmetric) {
      // P(i, j) + P(j, i): row i and column i of the counts
      for (let j = 0, cj = base + i; j < n; j++, cj += w) {
        const v = wide[ri + j] + wide[cj];
        if (v === 0) continue;
        row[e] = i;
        col[e] = j;
        value[e++] = v;
      }
    } else {
      for (let j = 0; j < n; j++) {
        const v = wide[ri + j];
        if (v === 0) continue;
        row[e] = i;
        col[e] = j;
        value[e++] = v;
      }
    }
  }
  return e;
}

/** Each matrix's sum over its cells, in the cells' order. */
function matrixSums(start: Int32Array, value: Float64Array, count: number): Float64Array {
  const sums = new Float64Array(count);
  for (let a = 0; a < count; a++) {
    let s = 0;
    for (let k = start[a]; k < start[a + 1]; k++) s += value[k];
    sums[a] = s;
  }
  return sums;
}

/** Every cell of an n x n matrix, row-major. */
function everyCell(n: number, row: Int32Array, col: Int32Array): void {
  for (let k = 0; k < n * n; k++) {
    row[k] = (k / n) | 0;
    col[k] = k % n;
  }
}

/** Each matrix's cells divided by its sum. */
function normalise(start: Int32Array, value: Float64Array, sums: Float64Array, count: number): void {
  for (let a = 0; a < count; a++) {
    const s = sums[a];
    for (let k = start[a]; k < start[a + 1]; k++) value[k] /= s;
  }
}
