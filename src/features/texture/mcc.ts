/**
 * GLCM's Maximal Correlation Coefficient of one matrix: sqrt(second largest eigenvalue of Q),
 * Q(i, j) = sum_k p(i, k) p(j, k) / (p_x(i) p_y(k) + eps) (PyRadiomics glcm.getMCCFeatureValue;
 * eps = numpy.spacing(1)); a negative second eigenvalue gives NaN (numpy's real square root).
 *
 * PyRadiomics takes numpy.linalg.eigvals of Q, which is not symmetric. Here: levels with
 * p_x(i) = 0 give zero rows and columns (eigenvalue 0, set aside); on the rest, the similarity
 * M = D^(1/2) Q D^(-1/2), D = diag(p_x), has the same eigenvalues and is symmetric but for the eps
 * terms; its antisymmetric part K is of relative size eps / (p_x p_y), and an antisymmetric
 * perturbation moves the eigenvalues of a symmetric matrix only at second order (v^T K v = 0), so
 * the eigenvalues of S = (M + M^T) / 2 are Q's to ~1e-16 away from near-degenerate pairs.
 * M(a, b) = sum_k h_k(a) g_k(b) with h_k(a) = p(a, k) sqrt(p_x(a)) / (p_x(a) p_y(k) + eps) and
 * g_k(b) = p(b, k) / sqrt(p_x(b)), so S's lower triangle is accumulated directly over k.
 *
 * Only the second largest eigenvalue is wanted. Q(i, j) = 0 unless levels i and j share a
 * neighbour level k, so S is block diagonal over the connected parts of the graph linking level i
 * to neighbour level k when p(i, k) != 0 (a small ROI with many levels makes many small blocks):
 * each block is reduced to tridiagonal form on its own (Householder, O(size^3)), the blocks'
 * tridiagonal matrices are joined with zero couplings, and the second largest eigenvalue of the
 * whole is found by bisection on Sturm counts (symmetric-eigenvalues.ts: guaranteed to converge,
 * ~55 steps of O(n)) instead of QR iterations for all of them.
 *
 * Where WebAssembly SIMD is there, the cells' index and the blocks (./mcc-cells.ts), S
 * (./mcc-form.ts) and each block's reduction (./mcc-tridiagonal.ts, ./householder-simd.ts) run in
 * one module's kernels: the same operations in the same order as the JavaScript kept for where it
 * is missing, so the same numbers bit for bit (test/features/texture-mcc.test.ts). With two
 * blocks or more the bisection starts from a guess of 1, each block's largest eigenvalue.
 *
 * Checked against numpy.linalg.eigvals on random sparse GLCMs and on every baseline column
 * (docs/conformance.md, texture section).
 */
import { tridiagonalizeAt, tridiagonalEigenvalue } from './symmetric-eigenvalues.js';
import { householderKernel, releaseHouseholderMemory, type HouseholderKernel, type HouseholderPass } from './householder-simd.js';
import { reusedFloat64, reusedInt32 } from '../scratch.js';
import type { FormS } from './mcc-form.js';
import type { Tridiagonalize } from './mcc-tridiagonal.js';
import type { FindBlocks, SortCells } from './mcc-cells.js';

const EPS = Number.EPSILON;

/** Scratch arrays of matrixMcc for n levels and matrices of up to `cells` non-zero cells, reused from matrix to matrix. */
export interface MccWork {
  rowStart: Int32Array;
  colStart: Int32Array;
  rowOf: Int32Array;
  valueOf: Float64Array;
  blockOfRow: Int32Array;
  blockOfCol: Int32Array;
  queue: Int32Array;
  at: Int32Array;
  blockStart: Int32Array;
  blockSize: Int32Array;
  blockBase: Int32Array;
  /** The blocks' matrices (n^2 elements from 0), then 4n of Householder scratch; a view of the kernel's memory from its byte 0 when `pass`. */
  s: Float64Array;
  pass: HouseholderPass | null;
  root: Float64Array;
  local: Int32Array;
  h: Float64Array;
  g: Float64Array;
  d: Float64Array;
  e: Float64Array;
  /** With the kernel: its forming of S (./mcc-form.ts), the arguments after n (byte offsets), and px, py copied into its memory. */
  form: FormS | null;
  formAt: number[];
  /** With the kernel: a whole tridiagonalisation (./mcc-tridiagonal.ts), and the byte offsets of d and e (views of its memory). */
  tridiag: Tridiagonalize | null;
  dAt: number;
  eAt: number;
  /** With the kernel: its index of the cells (./mcc-cells.ts), the cells copied into its memory, and the arguments after them (byte offsets). */
  sortCells: SortCells | null;
  rowIn: Int32Array;
  colIn: Int32Array;
  valueIn: Float64Array;
  sortAt: number[];
  /** With the kernel: its search of the blocks (./mcc-cells.ts), its arguments after colOf (byte offsets), and its count's place (blocksOut[0]). */
  findBlocks: FindBlocks | null;
  blocksAt: number[];
  blocksOut: Int32Array;
  pxIn: Float64Array;
  pyIn: Float64Array;
}

/**
 * The scratch arrays for n levels and up to `cells` cells (or more: matrixMcc reads only the
 * first n + 1, `cells`, n * n + 4n): reused from call to call (../scratch.ts; matrixMcc writes
 * every entry before it reads it), so valid until the next mccWork call.
 * `useKernel` false: JavaScript only (the same numbers; for tests).
 */
export function mccWork(n: number, cells: number, useKernel = true): MccWork {
  releaseHouseholderMemory();
  const kernel = useKernel ? householderKernel() : null;
  const sLength = n * n + 4 * n;
  const common = {
    blockStart: reusedInt32('mcc blockStart', n + 1, false),
  };
  if (!kernel) {
    return {
      ...common, s: reusedFloat64('mcc s', sLength, false), pass: null, form: null, formAt: [], tridiag: null, dAt: 0, eAt: 0,
      sortCells: null, rowIn: new Int32Array(0), colIn: new Int32Array(0), valueIn: new Float64Array(0), sortAt: [],
      findBlocks: null, blocksAt: [], blocksOut: new Int32Array(0),
      blockOfRow: reusedInt32('mcc blockOfRow', n, false), queue: reusedInt32('mcc queue', n, false),
      rowStart: reusedInt32('mcc rowStart', n + 1, false),
      d: reusedFloat64('mcc d', n, false), e: reusedFloat64('mcc e', n, false),
      colStart: reusedInt32('mcc colStart', n + 1, false), rowOf: reusedInt32('mcc rowOf', cells, false),
      valueOf: reusedFloat64('mcc valueOf', cells, false), blockOfCol: reusedInt32('mcc blockOfCol', n, false),
      at: reusedInt32('mcc at', n, false), blockSize: reusedInt32('mcc blockSize', n, false),
      blockBase: reusedInt32('mcc blockBase', n, false), root: reusedFloat64('mcc root', n, false),
      local: reusedInt32('mcc local', n, false), h: reusedFloat64('mcc h', n, false), g: reusedFloat64('mcc g', n, false),
      pxIn: reusedFloat64('mcc px', n, false), pyIn: reusedFloat64('mcc py', n, false),
    };
  }
  // the views of the kernel's memory are kept for the next call (made anew only when the memory or
  // the sizes grow): making views of a WebAssembly memory's buffer costs more than matrixMcc on a
  // small matrix
  const buffer = kernel.memory.buffer;
  if (kept && kept.buffer === buffer && kept.kernel === kernel && n <= kept.n && cells <= kept.cells) return { ...kept.work, ...common };
  const nCap = Math.max(n, kept?.n ?? 0), cellsCap = Math.max(cells, kept?.cells ?? 0);
  const sCap = nCap * nCap + 4 * nCap;
  // S and the Householder scratch from byte 0 (S's scratch at n * n for any n <= nCap), then float64 arrays, then int32 ones
  let bytes = 0;
  const place = (elements: number, size: number) => {
    const at = bytes;
    bytes += elements * size;
    return at;
  };
  const sAt = place(sCap, 8), valueOfAt = place(cellsCap, 8), rootAt = place(nCap, 8), pxAt = place(nCap, 8), pyAt = place(nCap, 8);
  const hAt = place(nCap, 8), gAt = place(nCap, 8), dAt = place(nCap, 8), eAt = place(nCap, 8), valueInAt = place(cellsCap, 8);
  const colStartAt = place(nCap + 1, 4), rowOfAt = place(cellsCap, 4), atAt = place(nCap, 4), blockOfColAt = place(nCap, 4);
  const blockSizeAt = place(nCap, 4), blockBaseAt = place(nCap, 4), localAt = place(nCap, 4);
  const rowStartAt = place(nCap + 1, 4), rowInAt = place(cellsCap, 4), colInAt = place(cellsCap, 4);
  const blockOfRowAt = place(nCap, 4), queueAt = place(nCap, 4), outAt = place(1, 4);
  const grown = kernel.reserve(bytes);
  const f64 = (at: number, length: number) => new Float64Array(grown, at, length);
  const i32 = (at: number, length: number) => new Int32Array(grown, at, length);
  const work: MccWork = {
    ...common, s: f64(sAt, sCap), pass: kernel.fns.pass, form: kernel.fns.form, tridiag: kernel.fns.tridiag, dAt, eAt,
    d: f64(dAt, nCap), e: f64(eAt, nCap), rowStart: i32(rowStartAt, nCap + 1),
    sortCells: kernel.fns.sortCells, rowIn: i32(rowInAt, cellsCap), colIn: i32(colInAt, cellsCap), valueIn: f64(valueInAt, cellsCap),
    sortAt: [rowInAt, colInAt, valueInAt, rowStartAt, colStartAt, rowOfAt, valueOfAt],
    findBlocks: kernel.fns.findBlocks, blocksAt: [pxAt, rowStartAt, colStartAt, colInAt, rowOfAt, blockOfRowAt, blockOfColAt, queueAt, outAt],
    blocksOut: i32(outAt, 1), blockOfRow: i32(blockOfRowAt, nCap), queue: i32(queueAt, nCap),
    formAt: [colStartAt, rowOfAt, valueOfAt, atAt, rootAt, pxAt, pyAt, blockOfColAt, blockSizeAt, blockBaseAt, localAt, hAt, gAt],
    colStart: i32(colStartAt, nCap + 1), rowOf: i32(rowOfAt, cellsCap), valueOf: f64(valueOfAt, cellsCap),
    blockOfCol: i32(blockOfColAt, nCap), at: i32(atAt, nCap), blockSize: i32(blockSizeAt, nCap), blockBase: i32(blockBaseAt, nCap),
    root: f64(rootAt, nCap), local: i32(localAt, nCap), h: f64(hAt, nCap), g: f64(gAt, nCap), pxIn: f64(pxAt, nCap), pyIn: f64(pyAt, nCap),
  };
  kept = { kernel, buffer: grown, n: nCap, cells: cellsCap, work };
  return work;
}

/** The last views of the kernel's memory made by mccWork (sized for up to n levels and `cells` cells). */
let kept: { kernel: HouseholderKernel; buffer: ArrayBuffer; n: number; cells: number; work: MccWork } | null = null;

/**
 * The MCC of the n x n matrix whose non-zero cells are (row[k], col[k], value[k]) for
 * k = from..to-1, row by row (columns ascending), with row sums px and column sums py; no cell
 * may be NaN. n >= 2. `raw`: the cells before normalisation (counts), when known.
 *
 * Two levels whose counts are proportional (a rank-one 2 x 2 matrix, e.g. counts 2, 4, 4, 8, or
 * one row or column empty) make Q = F P^T of rank one, so its second eigenvalue is 0 exactly, eps
 * or not; computed, it is rounding noise of either sign (a negative one would make the angle NaN).
 * numpy returns exactly 0 for most such matrices (416 of 528 rank-one 2-level matrices tried;
 * +-1e-17 for the rest): here it is 0, from the exact determinant of the integer counts.
 */
export function matrixMcc(
  n: number, row: Int32Array, col: Int32Array, value: Float64Array, from: number, to: number,
  px: Float64Array, py: Float64Array, work: MccWork, raw?: Float64Array,
): number {
  if (n === 2 && raw) {
    // rank one when c00 c11 = c01 c10: exact for integer counts below 2^26
    const c = [0, 0, 0, 0];
    let integers = true;
    for (let k = from; k < to; k++) {
      c[row[k] * 2 + col[k]] = raw[k];
      integers &&= Number.isInteger(raw[k]) && raw[k] < 2 ** 26;
    }
    if (integers && c[0] * c[3] === c[1] * c[2]) return 0;
  }
  const { rowStart, colStart, rowOf, valueOf, blockOfRow, blockOfCol, queue, at, blockStart, blockSize, blockBase, s, pass, root, local, h, g, d, e, form, tridiag, sortCells, findBlocks, pxIn, pyIn } = work;
  // the cells row by row (as given) and column by column, rows ascending in each (a counting
  // sort); cells[c]: the column of cell c (from `at0`)
  let cellCol = col, at0 = from;
  if (sortCells) {
    const { rowIn, colIn, valueIn, sortAt } = work;
    rowIn.set(row.subarray(from, to));
    colIn.set(col.subarray(from, to));
    valueIn.set(value.subarray(from, to));
    sortCells(n, to - from, sortAt[0], sortAt[1], sortAt[2], sortAt[3], sortAt[4], sortAt[5], sortAt[6]);
    cellCol = colIn;
    at0 = 0;
  } else sortByColumn(n, row, col, value, from, to, rowStart, colStart, rowOf, valueOf);
  // the blocks: connected parts of the graph linking level i to neighbour level k when
  // p(i, k) != 0, by breadth-first search, numbered in order of their first level; every level
  // with p_x > 0 has a cell
  let blocks: number;
  if (findBlocks) {
    const { blocksAt, blocksOut } = work;
    for (let a = 0; a < n; a++) {
      pxIn[a] = px[a];
      pyIn[a] = py[a];
    }
    findBlocks(n, blocksAt[0], blocksAt[1], blocksAt[2], blocksAt[3], blocksAt[4], blocksAt[5], blocksAt[6], blocksAt[7], blocksAt[8]);
    blocks = blocksOut[0];
  } else blocks = findBlocksJs(n, px, rowStart, colStart, cellCol, at0, rowOf, blockOfRow, blockOfCol, queue);
  // kept levels (p_x > 0) block by block, ascending within each
  blockSize.fill(0, 0, blocks);
  for (let a = 0; a < n; a++) if (px[a] > 0) at[a] = blockSize[blockOfRow[a]]++;
  let nk = 0, sSize = 0;
  for (let b = 0; b < blocks; b++) {
    blockStart[b] = nk;
    blockBase[b] = sSize;
    nk += blockSize[b];
    sSize += blockSize[b] * blockSize[b];
  }
  for (let a = 0; a < n; a++) root[a] = Math.sqrt(px[a]);
  // S(a, b) = sum_k (h_k(a) g_k(b) + h_k(b) g_k(a)) / 2 for b <= a, in each block's own dense
  // matrix (rows ascend within a column and keep their order within a block: y <= x is the lower
  // triangle); the 1/2 is in h
  s.fill(0, 0, sSize);
  if (form) {
    // px, py in the kernel's memory since findBlocks
    const { formAt } = work;
    form(0, n, formAt[0], formAt[1], formAt[2], formAt[3], formAt[4], formAt[5], formAt[6], formAt[7], formAt[8], formAt[9], formAt[10], formAt[11], formAt[12]);
  } else formS(n, colStart, rowOf, valueOf, at, root, px, py, blockOfCol, blockSize, blockBase, local, h, g, s);
  const scratch = n * n;
  for (let b = 0; b < blocks; b++) {
    const size = blockSize[b], first = blockStart[b];
    if (tridiag && size >= 3) tridiag(8 * blockBase[b], size, 8 * scratch, work.dAt + 8 * first, work.eAt + 8 * first);
    else tridiagonalizeAt(s, blockBase[b], size, s, scratch, d, e, first, pass);
    e[first + size - 1] = 0; // no coupling to the next block
  }
  // the second largest of all n eigenvalues: the kept blocks' and the set-aside zeros
  // (each block's largest eigenvalue is ~1, Q being a product of two transition matrices: with two
  // blocks or more, the second largest is ~1 too)
  let second = nk >= 2 ? tridiagonalEigenvalue(d, e, nk, nk - 2, blocks >= 2 ? 1 : undefined) : -Infinity;
  const zeros = n - nk;
  if (zeros >= 2 && second < 0) second = 0;
  else if (zeros === 1 && second < 0) second = Math.max(second, Math.min(0, tridiagonalEigenvalue(d, e, nk, nk - 1)));
  return second >= 0 ? Math.sqrt(second) : NaN;
}

/** S's lower triangle, block by block, in JavaScript (the kernel's form does the same: ./mcc-form.ts). */
function formS(
  n: number, colStart: Int32Array, rowOf: Int32Array, valueOf: Float64Array, at: Int32Array, root: Float64Array,
  px: Float64Array, py: Float64Array, blockOfCol: Int32Array, blockSize: Int32Array, blockBase: Int32Array,
  local: Int32Array, h: Float64Array, g: Float64Array, s: Float64Array,
): void {
  for (let k = 0; k < n; k++) {
    const c0 = colStart[k], c1 = colStart[k + 1];
    if (c0 === c1) continue;
    const blk = blockOfCol[k];
    const size = blockSize[blk];
    const base = blockBase[blk];
    const pyk = py[k];
    const len = c1 - c0;
    for (let x = 0; x < len; x++) {
      const a = rowOf[c0 + x];
      const v = valueOf[c0 + x];
      local[x] = at[a];
      h[x] = (0.5 * v * root[a]) / (px[a] * pyk + EPS);
      g[x] = v / root[a];
    }
    // four rows at a time (local[y], g[y], h[y] read once for them), then the triangle they leave
    let x = 0;
    for (; x + 3 < len; x += 4) {
      const h0 = h[x], g0 = g[x], h1 = h[x + 1], g1 = g[x + 1], h2 = h[x + 2], g2 = g[x + 2], h3 = h[x + 3], g3 = g[x + 3];
      const r0 = base + local[x] * size, r1 = base + local[x + 1] * size;
      const r2 = base + local[x + 2] * size, r3 = base + local[x + 3] * size;
      for (let y = 0; y <= x; y++) {
        const ly = local[y], gy = g[y], hy = h[y];
        s[r0 + ly] += h0 * gy + hy * g0;
        s[r1 + ly] += h1 * gy + hy * g1;
        s[r2 + ly] += h2 * gy + hy * g2;
        s[r3 + ly] += h3 * gy + hy * g3;
      }
      for (let y = x + 1; y <= x + 3; y++) {
        const ly = local[y], gy = g[y], hy = h[y];
        if (y <= x + 1) s[r1 + ly] += h1 * gy + hy * g1;
        if (y <= x + 2) s[r2 + ly] += h2 * gy + hy * g2;
        s[r3 + ly] += h3 * gy + hy * g3;
      }
    }
    for (; x < len; x++) {
      const hx = h[x], gx = g[x];
      const rowBase = base + local[x] * size;
      for (let y = 0; y <= x; y++) s[rowBase + local[y]] += hx * g[y] + h[y] * gx;
    }
  }
}

/** rowStart, colStart, rowOf, valueOf of the cells from..to-1 (the kernel's sortCells does the same: ./mcc-cells.ts). */
function sortByColumn(
  n: number, row: Int32Array, col: Int32Array, value: Float64Array, from: number, to: number,
  rowStart: Int32Array, colStart: Int32Array, rowOf: Int32Array, valueOf: Float64Array,
): void {
  rowStart.fill(0, 0, n + 1);
  colStart.fill(0, 0, n + 1);
  for (let k = from; k < to; k++) {
    rowStart[row[k] + 1]++;
    colStart[col[k] + 1]++;
  }
  for (let b = 0; b < n; b++) {
    rowStart[b + 1] += rowStart[b];
    colStart[b + 1] += colStart[b];
  }
  for (let k = from; k < to; k++) {
    const x = colStart[col[k]]++;
    rowOf[x] = row[k];
    valueOf[x] = value[k];
  }
  for (let b = n; b > 0; b--) colStart[b] = colStart[b - 1];
  colStart[0] = 0;
}

/** The blocks, as the kernel's findBlocks (./mcc-cells.ts) finds them; colOf[at0 + c]: cell c's column. Returns their count. */
function findBlocksJs(
  n: number, px: Float64Array, rowStart: Int32Array, colStart: Int32Array, colOf: Int32Array, at0: number, rowOf: Int32Array,
  blockOfRow: Int32Array, blockOfCol: Int32Array, queue: Int32Array,
): number {
  blockOfRow.fill(-1, 0, n);
  blockOfCol.fill(-1, 0, n);
  let blocks = 0;
  for (let a = 0; a < n; a++) {
    if (!(px[a] > 0) || blockOfRow[a] >= 0) continue;
    const blk = blocks++;
    blockOfRow[a] = blk;
    let head = 0, tail = 0;
    queue[tail++] = a;
    while (head < tail) {
      const r = queue[head++];
      for (let c = at0 + rowStart[r]; c < at0 + rowStart[r + 1]; c++) {
        const k = colOf[c];
        if (blockOfCol[k] >= 0) continue;
        blockOfCol[k] = blk;
        for (let y = colStart[k]; y < colStart[k + 1]; y++) {
          const x = rowOf[y];
          if (blockOfRow[x] < 0) {
            blockOfRow[x] = blk;
            queue[tail++] = x;
          }
        }
      }
    }
  }
  return blocks;
}
