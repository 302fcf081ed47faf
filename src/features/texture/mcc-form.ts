/**
 * Forming the blocks' matrices S of matrixMcc (./mcc.ts) in WebAssembly: the same operations in
 * the same order as matrixMcc's JavaScript loop, so the same numbers bit for bit (f64 add, mul
 * and div are IEEE binary64, correctly rounded, never fused). For each column k with cells, in
 * ascending k: for its cells x (rows ascending), h_x = (0.5 v_x root_a) / (px_a py_k + eps) and
 * g_x = v_x / root_a (a the cell's row); then for y <= x, S(local_x, local_y) += h_x g_y + h_y g_x.
 * Each cell of S gets one term per column, in ascending k, whatever the order of the (x, y)
 * loops: rows are taken two at a time here (h_y, g_y, local_y read once for both).
 *
 * Binary format: WebAssembly core specification 2.0, section 5 (../../wasm/assembler.ts).
 */
import {
  BLOCK, END, F64, F64_ADD, F64_DIV, F64_LOAD, F64_MUL, F64_STORE, I32, I32_ADD, I32_GE_S, I32_GT_S, I32_LT_S, I32_MUL, I32_SUB,
  IF, LOOP, br, brIf, f64Const, get, i32, i32Load, i32Store, set,
} from '../../wasm/assembler.js';

/**
 * form(s, n, colStart, rowOf, valueOf, at, root, px, py, blockOfCol, blockSize, blockBase, local, h, g):
 * byte offsets of the arrays in the kernel's memory (s: float64 blocks' matrices, zeroed before;
 * colStart: int32 n + 1; rowOf: int32, valueOf: float64 cells column by column; at: int32 level's
 * index in its block; root, px, py: float64 n; blockOfCol, blockSize, blockBase: int32; local
 * (int32), h, g (float64): scratch of n).
 */
export type FormS = (
  s: number, n: number, colStart: number, rowOf: number, valueOf: number, at: number, root: number, px: number, py: number,
  blockOfCol: number, blockSize: number, blockBase: number, local: number, h: number, g: number,
) => void;

/** The parameter types of form. */
export const FORM_PARAMS = new Array<number>(15).fill(I32);

// params
const S = 0, N = 1, COL_START = 2, ROW_OF = 3, VALUE_OF = 4, AT = 5, ROOT = 6, PX = 7, PY = 8;
const BLOCK_OF_COL = 9, BLOCK_SIZE = 10, BLOCK_BASE = 11, LOCAL = 12, H = 13, G = 14;
// locals: i32
const K = 15, C0 = 16, LEN = 17, SIZE = 18, BASE = 19, X = 20, Y = 21, A = 22, R0 = 23, R1 = 24, LY = 25, BLK = 26;
// f64
const PYK = 27, V = 28, RA = 29, H0 = 30, G0 = 31, H1 = 32, G1 = 33, GY = 34, HY = 35;

const at4 = (base: number, index: number) => [...get(base), ...get(index), ...i32(4), ...I32_MUL, ...I32_ADD];
const at8 = (base: number, index: number) => [...get(base), ...get(index), ...i32(8), ...I32_MUL, ...I32_ADD];
/** The address of S's cell: row start (local R) + byte column (local LY). */
const cell = (r: number) => [...get(r), ...get(LY), ...I32_ADD];
/** s[r + ly] += h g_y + h_y g (h, g: locals). */
const accumulate = (r: number, h: number, g: number) => [
  ...cell(r), ...cell(r), ...F64_LOAD(0), ...get(h), ...get(GY), ...F64_MUL, ...get(HY), ...get(g), ...F64_MUL, ...F64_ADD, ...F64_ADD,
  ...F64_STORE(0),
];
/** GY, HY, LY (column byte offset in the block) of row y (local Y). */
const loadY = [
  ...at8(G, Y), ...F64_LOAD(0), ...set(GY), ...at8(H, Y), ...F64_LOAD(0), ...set(HY), ...at4(LOCAL, Y), ...i32Load(0), ...set(LY),
];
/** Row x's start in S (local `r`) from local X + `plus`. */
const rowStart = (plus: number, r: number) => [
  ...get(BASE), ...get(LOCAL), ...get(X), ...i32(4), ...I32_MUL, ...I32_ADD, ...i32Load(4 * plus), ...get(SIZE), ...I32_MUL, ...I32_ADD,
  ...set(r),
];

/** The function's locals and code. */
export function formBody(): { locals: number[][]; code: number[] } {
  const column = [
    ...at4(BLOCK_OF_COL, K), ...i32Load(0), ...set(BLK),
    // SIZE: the block's size (local_x * SIZE: row x's first byte, local_x being a byte offset); BASE: the block's first byte
    ...at4(BLOCK_SIZE, BLK), ...i32Load(0), ...set(SIZE),
    ...get(S), ...at4(BLOCK_BASE, BLK), ...i32Load(0), ...i32(8), ...I32_MUL, ...I32_ADD, ...set(BASE),
    ...at8(PY, K), ...F64_LOAD(0), ...set(PYK),
    // h, g and local (as a byte column offset) of the column's cells
    ...i32(0), ...set(X),
    ...BLOCK, ...LOOP,
    ...get(X), ...get(LEN), ...I32_GE_S, ...brIf(1),
    ...get(ROW_OF), ...get(C0), ...get(X), ...I32_ADD, ...i32(4), ...I32_MUL, ...I32_ADD, ...i32Load(0), ...set(A),
    ...get(VALUE_OF), ...get(C0), ...get(X), ...I32_ADD, ...i32(8), ...I32_MUL, ...I32_ADD, ...F64_LOAD(0), ...set(V),
    ...at8(ROOT, A), ...F64_LOAD(0), ...set(RA),
    ...at4(LOCAL, X), ...at4(AT, A), ...i32Load(0), ...i32(8), ...I32_MUL, ...i32Store(0),
    ...at8(H, X),
    ...f64Const(0.5), ...get(V), ...F64_MUL, ...get(RA), ...F64_MUL,
    ...at8(PX, A), ...F64_LOAD(0), ...get(PYK), ...F64_MUL, ...f64Const(Number.EPSILON), ...F64_ADD,
    ...F64_DIV, ...F64_STORE(0),
    ...at8(G, X), ...get(V), ...get(RA), ...F64_DIV, ...F64_STORE(0),
    ...get(X), ...i32(1), ...I32_ADD, ...set(X), ...br(0),
    ...END, ...END,
    // rows x, x + 1: columns y <= x of both, then cell (x + 1, x + 1)
    ...i32(0), ...set(X),
    ...BLOCK, ...LOOP,
    ...get(X), ...i32(1), ...I32_ADD, ...get(LEN), ...I32_GE_S, ...brIf(1),
    ...at8(H, X), ...F64_LOAD(0), ...set(H0), ...at8(G, X), ...F64_LOAD(0), ...set(G0),
    ...at8(H, X), ...F64_LOAD(8), ...set(H1), ...at8(G, X), ...F64_LOAD(8), ...set(G1),
    ...rowStart(0, R0), ...rowStart(1, R1),
    ...i32(0), ...set(Y),
    ...BLOCK, ...LOOP,
    ...get(Y), ...get(X), ...I32_GT_S, ...brIf(1),
    ...loadY,
    ...accumulate(R0, H0, G0),
    ...accumulate(R1, H1, G1),
    ...get(Y), ...i32(1), ...I32_ADD, ...set(Y), ...br(0),
    ...END, ...END,
    // Y = X + 1 here
    ...loadY,
    ...accumulate(R1, H1, G1),
    ...get(X), ...i32(2), ...I32_ADD, ...set(X), ...br(0),
    ...END, ...END,
    // the last row alone
    ...get(X), ...get(LEN), ...I32_LT_S, ...IF,
    ...at8(H, X), ...F64_LOAD(0), ...set(H0), ...at8(G, X), ...F64_LOAD(0), ...set(G0),
    ...rowStart(0, R0),
    ...i32(0), ...set(Y),
    ...BLOCK, ...LOOP,
    ...get(Y), ...get(X), ...I32_GT_S, ...brIf(1),
    ...loadY,
    ...accumulate(R0, H0, G0),
    ...get(Y), ...i32(1), ...I32_ADD, ...set(Y), ...br(0),
    ...END, ...END,
    ...END,
  ];
  const code = [
    ...i32(0), ...set(K),
    ...BLOCK, ...LOOP,
    ...get(K), ...get(N), ...I32_GE_S, ...brIf(1),
    ...at4(COL_START, K), ...i32Load(0), ...set(C0),
    ...at4(COL_START, K), ...i32Load(4), ...get(C0), ...I32_SUB, ...set(LEN),
    ...get(LEN), ...i32(0), ...I32_GT_S, ...IF,
    ...column,
    ...END,
    ...get(K), ...i32(1), ...I32_ADD, ...set(K), ...br(0),
    ...END, ...END,
    ...END,
  ];
  return { locals: [[12, I32], [9, F64]], code };
}
