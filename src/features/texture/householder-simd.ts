/**
 * The O(n^2) pass of one Householder tridiagonalisation step (./symmetric-eigenvalues.ts
 * tridiagonalizeAt) in WebAssembly SIMD, two columns per f64x2 instruction and two rows at a time
 * (v, w, vn, wn loaded once for both): on the lower triangle of rows and columns k+1.. of the
 * row-major n x n matrix a,
 *   a_ij -= v_i w_j + w_i v_j   (the pending update of the previous step),
 *   wn_j += a_ij vn_i, and wn_i += s_i + a_ii vn_i with s_i = sum_{j < i} a_ij vn_j,
 * where s_i is summed in two parts, the columns j with j - k - 1 even and odd, each in ascending
 * j, then added (even part first): the order of passLanes (./symmetric-eigenvalues.ts), which
 * does the same row by row in JavaScript, so the two give the same numbers bit for bit (f64x2
 * mul, add and sub are IEEE binary64 on each half, never fused). The wn_j terms are added in row
 * order, as row by row.
 *
 * Binary format: WebAssembly core specification 2.0, section 5 (../../wasm/assembler.ts). Where
 * WebAssembly SIMD is missing, householderKernel() is null and passLanes is used.
 */
import {
  ADD, BLOCK, END, F64, F64_ADD, F64_LOAD, F64_MUL, F64_STORE, F64_SUB, I32, I32_ADD, I32_GE_S, I32_LT_S, I32_MUL,
  IF, LOOP, MUL, SPLAT, SUB, V128, V128_ZERO, br, brIf, extractLane, get, i32, moduleBytes, set, vload, vstore,
} from '../../wasm/assembler.js';
import { KeptKernel, kernelFactory, type WasmKernel } from '../../wasm/memory.js';
import { FORM_PARAMS, formBody, type FormS } from './mcc-form.js';
import { TRIDIAG_PARAMS, tridiagBody, type Tridiagonalize } from './mcc-tridiagonal.js';
import { FIND_BLOCKS_PARAMS, SORT_CELLS_PARAMS, findBlocksBody, sortCellsBody, type FindBlocks, type SortCells } from './mcc-cells.js';

/** pass(a, n, k, v, w, vn, wn): byte offsets of the matrix and of the four vectors (element 0 of each), n, step k. */
export type HouseholderPass = (a: number, n: number, k: number, v: number, w: number, vn: number, wn: number) => void;

export interface HouseholderFns {
  pass: HouseholderPass;
  /** matrixMcc's forming of the blocks' matrices (./mcc-form.ts), in the same module to share its memory. */
  form: FormS;
  /** A whole tridiagonalisation (./mcc-tridiagonal.ts), calling pass. */
  tridiag: Tridiagonalize;
  /** matrixMcc's index of the cells by row and by column (./mcc-cells.ts). */
  sortCells: SortCells;
  /** matrixMcc's blocks (./mcc-cells.ts). */
  findBlocks: FindBlocks;
}

export type HouseholderKernel = WasmKernel<HouseholderFns>;

// params (i32)
const A = 0, N = 1, K = 2, V = 3, W = 4, VN = 5, WN = 6;
// locals: i32
const I = 7, R0 = 8, R1 = 9, J = 10, J0 = 11, STR = 12, D = 13;
// f64: u, z, x of rows 0 and 1, a temporary, lane sums (even, odd) of rows 0 and 1
const U0 = 14, Z0 = 15, X0 = 16, U1 = 17, Z1 = 18, X1 = 19, T = 20, SE0 = 21, SO0 = 22, SE1 = 23, SO1 = 24;
// v128
const VU0 = 25, VZ0 = 26, VX0 = 27, VU1 = 28, VZ1 = 29, VX1 = 30, S0 = 31, S1 = 32, VJ = 33, WJ = 34, XJ = 35, A0 = 36, A1 = 37;

const addr = (base: number, off: number) => [...get(base), ...get(off), ...I32_ADD];
const load = (base: number, off: number) => [...addr(base, off), ...F64_LOAD(0)];

/**
 * Row r (its start R, its u, z, x) at the column whose byte offset is in local `at`: the update of
 * a_rj, then `lane` += a_rj vn_j and wn_j += a_rj x.
 */
function scalarCell(R: number, u: number, z: number, x: number, at: number, lane: number): number[] {
  return [
    ...load(R, at), ...get(u), ...load(W, at), ...F64_MUL, ...get(z), ...load(V, at), ...F64_MUL, ...F64_ADD, ...F64_SUB, ...set(T),
    ...addr(R, at), ...get(T), ...F64_STORE(0),
    ...get(lane), ...get(T), ...load(VN, at), ...F64_MUL, ...F64_ADD, ...set(lane),
    ...addr(WN, at), ...load(WN, at), ...get(T), ...get(x), ...F64_MUL, ...F64_ADD, ...F64_STORE(0),
  ];
}

/** The diagonal cell of row r (byte offset in local `at`): a_rr updated, wn_r += (even + odd) + a_rr x. */
function diagonalCell(R: number, u: number, z: number, x: number, at: number, even: number, odd: number): number[] {
  return [
    ...load(R, at), ...get(u), ...load(W, at), ...F64_MUL, ...get(z), ...load(V, at), ...F64_MUL, ...F64_ADD, ...F64_SUB, ...set(T),
    ...addr(R, at), ...get(T), ...F64_STORE(0),
    ...addr(WN, at), ...load(WN, at), ...get(even), ...get(odd), ...F64_ADD, ...get(T), ...get(x), ...F64_MUL, ...F64_ADD, ...F64_ADD, ...F64_STORE(0),
  ];
}

/** The vector update of two columns (byte offset J) of one row: into local `out`; stores it. */
const vecUpdate = (R: number, vu: number, vz: number, out: number) => [
  ...addr(R, J), ...vload(0), ...get(vu), ...get(WJ), ...MUL, ...get(vz), ...get(VJ), ...MUL, ...ADD, ...SUB, ...set(out),
  ...addr(R, J), ...get(out), ...vstore(0),
];

/**
 * Rows I (and I + 1 when `two`): the columns k+1..I-1 two at a time, then the diagonal of row I,
 * and for row I + 1 column I and its diagonal. Rows are taken in pairs from k + 1 (the last one
 * alone when their count is odd), so I - k - 1 is even: no odd column is left before I, and
 * column I of row I + 1 is in the even part of that row's sum.
 */
function rows(two: boolean): number[] {
  const rowSetup = (off: number, u: number, z: number, x: number, vu: number, vz: number, vx: number) => [
    ...get(V), ...get(D), ...I32_ADD, ...F64_LOAD(off), ...set(u),
    ...get(W), ...get(D), ...I32_ADD, ...F64_LOAD(off), ...set(z),
    ...get(VN), ...get(D), ...I32_ADD, ...F64_LOAD(off), ...set(x),
    ...get(u), ...SPLAT, ...set(vu), ...get(z), ...SPLAT, ...set(vz), ...get(x), ...SPLAT, ...set(vx),
  ];
  const body = [
    ...get(V), ...get(J), ...I32_ADD, ...vload(0), ...set(VJ),
    ...get(W), ...get(J), ...I32_ADD, ...vload(0), ...set(WJ),
    ...get(VN), ...get(J), ...I32_ADD, ...vload(0), ...set(XJ),
    ...vecUpdate(R0, VU0, VZ0, A0),
    ...get(S0), ...get(A0), ...get(XJ), ...MUL, ...ADD, ...set(S0),
    ...(two ? [...vecUpdate(R1, VU1, VZ1, A1), ...get(S1), ...get(A1), ...get(XJ), ...MUL, ...ADD, ...set(S1)] : []),
    ...addr(WN, J), ...addr(WN, J), ...vload(0), ...get(A0), ...get(VX0), ...MUL, ...ADD,
    ...(two ? [...get(A1), ...get(VX1), ...MUL, ...ADD] : []),
    ...vstore(0),
  ];
  return [
    // D = I * 8 (byte offset of column I), R0 = A + I * STR, R1 = R0 + STR
    ...get(I), ...i32(8), ...I32_MUL, ...set(D),
    ...get(A), ...get(I), ...get(STR), ...I32_MUL, ...I32_ADD, ...set(R0),
    ...get(R0), ...get(STR), ...I32_ADD, ...set(R1),
    ...rowSetup(0, U0, Z0, X0, VU0, VZ0, VX0),
    ...(two ? rowSetup(8, U1, Z1, X1, VU1, VZ1, VX1) : []),
    ...V128_ZERO, ...set(S0), ...V128_ZERO, ...set(S1),
    // the I - k - 1 columns before I (an even count), two at a time, up to D
    ...get(J0), ...set(J),
    ...BLOCK, ...LOOP,
    ...get(J), ...get(D), ...I32_GE_S, ...brIf(1),
    ...body,
    ...get(J), ...i32(16), ...I32_ADD, ...set(J), ...br(0),
    ...END, ...END,
    ...get(S0), ...extractLane(0), ...set(SE0), ...get(S0), ...extractLane(1), ...set(SO0),
    ...get(S1), ...extractLane(0), ...set(SE1), ...get(S1), ...extractLane(1), ...set(SO1),
    ...diagonalCell(R0, U0, Z0, X0, D, SE0, SO0),
    ...(two ? [
      // column I of row I + 1 (an even one, M being even), then its diagonal
      ...scalarCell(R1, U1, Z1, X1, D, SE1),
      ...get(D), ...i32(8), ...I32_ADD, ...set(D),
      ...diagonalCell(R1, U1, Z1, X1, D, SE1, SO1),
    ] : []),
  ];
}

function passBody(): { locals: number[][]; code: number[] } {
  const code = [
    ...get(N), ...i32(8), ...I32_MUL, ...set(STR),
    ...get(K), ...i32(1), ...I32_ADD, ...set(I),
    ...get(I), ...i32(8), ...I32_MUL, ...set(J0),
    // two rows at a time while two are left
    ...BLOCK, ...LOOP,
    ...get(I), ...i32(1), ...I32_ADD, ...get(N), ...I32_GE_S, ...brIf(1),
    ...rows(true),
    ...get(I), ...i32(2), ...I32_ADD, ...set(I), ...br(0),
    ...END, ...END,
    ...get(I), ...get(N), ...I32_LT_S, ...IF,
    ...rows(false),
    ...END,
    ...END,
  ];
  return { locals: [[7, I32], [11, F64], [13, V128]], code };
}

const kept = new KeptKernel(() => newKernel());

/** The kernel (one instance, its memory reused from call to call), or null where WebAssembly SIMD is missing. */
export function householderKernel(): HouseholderKernel | null {
  return kept.get();
}

/** After a use: the instance is dropped when its memory is too large to keep (../../wasm/memory.ts RETAIN_MAX_BYTES). */
export function releaseHouseholderMemory(): void {
  kept.release();
}

const newKernel = kernelFactory(
  () => moduleBytes([[I32, I32, I32, I32, I32, I32, I32], FORM_PARAMS, TRIDIAG_PARAMS, SORT_CELLS_PARAMS, FIND_BLOCKS_PARAMS], [
    { type: 0, name: 'pass', ...passBody() },
    { type: 1, name: 'form', ...formBody() },
    { type: 2, name: 'tridiag', ...tridiagBody(0) },
    { type: 3, name: 'sortCells', ...sortCellsBody() },
    { type: 4, name: 'findBlocks', ...findBlocksBody() },
  ]),
  (exports): HouseholderFns => ({
    pass: exports.pass as HouseholderPass, form: exports.form as FormS, tridiag: exports.tridiag as Tridiagonalize,
    sortCells: exports.sortCells as SortCells, findBlocks: exports.findBlocks as FindBlocks,
  }),
);
