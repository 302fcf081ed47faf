/**
 * matrixMcc's (./mcc.ts) index of a GLCM's cells in WebAssembly: the cells come row by row
 * (columns ascending); each row's first cell is found by one scan, and the cells are sorted column
 * by column, rows ascending in each, by a counting sort (integers and copies only: the same
 * arrays as the JavaScript's). A kernel of the Householder module (./householder-simd.ts), which
 * holds matrixMcc's arrays.
 *
 * Binary format: WebAssembly core specification 2.0, section 5 (../../wasm/assembler.ts).
 */
import {
  BLOCK, END, F64_GT, F64_LOAD, F64_STORE, I32, I32_ADD, I32_AND, I32_GE_S, I32_LT_S, I32_MUL, I32_SUB, IF, LOOP, br, brIf, f64Const, get,
  i32, i32Load, i32Store, set,
} from '../../wasm/assembler.js';

/**
 * sortCells(n, cells, row, col, value, rowStart, colStart, rowOf, valueOf): byte offsets of the
 * cells (int32 row, col; float64 value; `cells` of them), and of the outputs: rowStart (int32
 * n + 1: row r's cells are rowStart[r]..rowStart[r + 1] - 1), colStart (likewise by column) and
 * rowOf (int32), valueOf (float64): the cells column by column.
 */
export type SortCells = (
  n: number, cells: number, row: number, col: number, value: number, rowStart: number, colStart: number, rowOf: number, valueOf: number,
) => void;

export const SORT_CELLS_PARAMS = new Array<number>(9).fill(I32);

// params
const N = 0, CELLS = 1, ROW = 2, COL = 3, VALUE = 4, ROW_START = 5, COL_START = 6, ROW_OF = 7, VALUE_OF = 8;
// locals (i32)
const K = 9, R = 10, RK = 11, C = 12, X = 13;

const at4 = (base: number, index: number) => [...get(base), ...get(index), ...i32(4), ...I32_MUL, ...I32_ADD];
const at8 = (base: number, index: number) => [...get(base), ...get(index), ...i32(8), ...I32_MUL, ...I32_ADD];
/** while (cond) body; `until` is code giving i32, true to stop. */
const loopUntil = (until: number[], body: number[]) => [...BLOCK, ...LOOP, ...until, ...brIf(1), ...body, ...br(0), ...END, ...END];
const inc = (local: number) => [...get(local), ...i32(1), ...I32_ADD, ...set(local)];
/** r++, rowStart[r] = (code giving i32). */
const nextRow = (start: number[]) => [...inc(R), ...at4(ROW_START, R), ...start, ...i32Store(0)];

/** The function's locals and code. */
export function sortCellsBody(): { locals: number[][]; code: number[] } {
  const code = [
    // colStart[0..n] = 0
    ...i32(0), ...set(K),
    ...loopUntil([...get(N), ...get(K), ...I32_LT_S], [...at4(COL_START, K), ...i32(0), ...i32Store(0), ...inc(K)]),
    // rows' first cells (by one scan) and the columns' counts (at c + 1)
    ...i32(0), ...set(R), ...get(ROW_START), ...i32(0), ...i32Store(0),
    ...i32(0), ...set(K),
    ...loopUntil([...get(K), ...get(CELLS), ...I32_GE_S], [
      ...at4(ROW, K), ...i32Load(0), ...set(RK),
      ...loopUntil([...get(R), ...get(RK), ...I32_GE_S], nextRow(get(K))),
      ...at4(COL, K), ...i32Load(0), ...set(C),
      ...at4(COL_START, C), ...at4(COL_START, C), ...i32Load(4), ...i32(1), ...I32_ADD, ...i32Store(4),
      ...inc(K),
    ]),
    ...loopUntil([...get(R), ...get(N), ...I32_GE_S], nextRow(get(CELLS))),
    // running sums: colStart[c] is column c's first cell
    ...i32(0), ...set(K),
    ...loopUntil([...get(K), ...get(N), ...I32_GE_S], [
      ...at4(COL_START, K), ...at4(COL_START, K), ...i32Load(4), ...at4(COL_START, K), ...i32Load(0), ...I32_ADD, ...i32Store(4),
      ...inc(K),
    ]),
    // the cells into their columns' places in row order (colStart[c] advances to column c + 1's first)
    ...i32(0), ...set(K),
    ...loopUntil([...get(K), ...get(CELLS), ...I32_GE_S], [
      ...at4(COL, K), ...i32Load(0), ...set(C),
      ...at4(COL_START, C), ...i32Load(0), ...set(X),
      ...at4(COL_START, C), ...get(X), ...i32(1), ...I32_ADD, ...i32Store(0),
      ...at4(ROW_OF, X), ...at4(ROW, K), ...i32Load(0), ...i32Store(0),
      ...at8(VALUE_OF, X), ...at8(VALUE, K), ...F64_LOAD(0), ...F64_STORE(0),
      ...inc(K),
    ]),
    // back to first cells: colStart[c] = colStart[c - 1] for c = n..1, colStart[0] = 0
    ...get(N), ...set(K),
    ...loopUntil([...i32(0), ...get(K), ...I32_GE_S], [
      ...at4(COL_START, K), ...at4(COL_START, K), ...i32(4), ...I32_SUB, ...i32Load(0), ...i32Store(0),
      ...get(K), ...i32(1), ...I32_SUB, ...set(K),
    ]),
    ...get(COL_START), ...i32(0), ...i32Store(0),
    ...END,
  ];
  return { locals: [[5, I32]], code };
}

/**
 * blocks(n, px, rowStart, colStart, colOf, rowOf, blockOfRow, blockOfCol, queue, out): matrixMcc's
 * blocks, the connected parts of the graph linking level i to neighbour level k when p(i, k) != 0,
 * by breadth-first search from each level with px > 0 not yet reached, numbered in order of their
 * first level (as the JavaScript's): blockOfRow, blockOfCol (-1: none), their count into int32 at
 * `out`. Byte offsets: px float64; the others int32 (colOf: the cells' columns, row by row; rowOf:
 * their rows, column by column; queue: scratch of n).
 */
export type FindBlocks = (
  n: number, px: number, rowStart: number, colStart: number, colOf: number, rowOf: number, blockOfRow: number, blockOfCol: number,
  queue: number, out: number,
) => void;

export const FIND_BLOCKS_PARAMS = new Array<number>(10).fill(I32);

/** The function's locals and code. */
export function findBlocksBody(): { locals: number[][]; code: number[] } {
  // params
  const N = 0, PX = 1, ROW_START = 2, COL_START = 3, COL_OF = 4, ROW_OF = 5, BLOCK_OF_ROW = 6, BLOCK_OF_COL = 7, QUEUE = 8, OUT = 9;
  // locals (i32)
  const A = 10, BLOCKS = 11, HEAD = 12, TAIL = 13, R = 14, C = 15, K = 16, Y = 17, X = 18, END_ = 19;
  const load4 = (base: number, index: number) => [...at4(base, index), ...i32Load(0)];
  const store4 = (base: number, index: number, value: number[]) => [...at4(base, index), ...value, ...i32Store(0)];
  const below0 = (code: number[]) => [...code, ...i32(0), ...I32_LT_S];
  const code = [
    ...i32(0), ...set(A),
    ...loopUntil([...get(A), ...get(N), ...I32_GE_S], [
      ...store4(BLOCK_OF_ROW, A, i32(-1)), ...store4(BLOCK_OF_COL, A, i32(-1)), ...inc(A),
    ]),
    ...i32(0), ...set(BLOCKS),
    ...i32(0), ...set(A),
    ...loopUntil([...get(A), ...get(N), ...I32_GE_S], [
      ...at8(PX, A), ...F64_LOAD(0), ...f64Const(0), ...F64_GT, ...below0(load4(BLOCK_OF_ROW, A)), ...I32_AND, ...IF,
      ...store4(BLOCK_OF_ROW, A, get(BLOCKS)),
      ...get(QUEUE), ...get(A), ...i32Store(0),
      ...i32(0), ...set(HEAD), ...i32(1), ...set(TAIL),
      ...loopUntil([...get(HEAD), ...get(TAIL), ...I32_GE_S], [
        ...load4(QUEUE, HEAD), ...set(R), ...inc(HEAD),
        ...load4(ROW_START, R), ...set(C), ...at4(ROW_START, R), ...i32Load(4), ...set(END_),
        ...loopUntil([...get(C), ...get(END_), ...I32_GE_S], [
          ...load4(COL_OF, C), ...set(K),
          ...below0(load4(BLOCK_OF_COL, K)), ...IF,
          ...store4(BLOCK_OF_COL, K, get(BLOCKS)),
          ...load4(COL_START, K), ...set(Y),
          ...loopUntil([...get(Y), ...at4(COL_START, K), ...i32Load(4), ...I32_GE_S], [
            ...load4(ROW_OF, Y), ...set(X),
            ...below0(load4(BLOCK_OF_ROW, X)), ...IF,
            ...store4(BLOCK_OF_ROW, X, get(BLOCKS)),
            ...store4(QUEUE, TAIL, get(X)), ...inc(TAIL),
            ...END,
            ...inc(Y),
          ]),
          ...END,
          ...inc(C),
        ]),
      ]),
      ...inc(BLOCKS),
      ...END,
      ...inc(A),
    ]),
    ...get(OUT), ...get(BLOCKS), ...i32Store(0),
    ...END,
  ];
  return { locals: [[10, I32]], code };
}
