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
  BLOCK, END, F64_LOAD, F64_STORE, I32, I32_ADD, I32_GE_S, I32_LT_S, I32_MUL, I32_SUB, LOOP, br, brIf, get, i32, i32Load, i32Store, set,
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
