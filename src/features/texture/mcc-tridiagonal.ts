/**
 * The whole Householder tridiagonalisation of one block (./symmetric-eigenvalues.ts
 * tridiagonalizeAt, n >= 3) in WebAssembly: the per-step O(n) loops (column k with its pending
 * update and squared norm, alpha, v.v, beta, the scaling of p, p.v and w) as scalar f64 in the
 * same order as the JavaScript, the O(n^2) fused pass by calling the module's pass
 * (./householder-simd.ts), and the last pending update. f64 add, sub, mul, div and sqrt are IEEE
 * binary64, correctly rounded, as in JavaScript, so the numbers are the same bit for bit; one call
 * per block instead of one per step (a small ROI's GLCMs make many small blocks).
 *
 * Binary format: WebAssembly core specification 2.0, section 5 (../../wasm/assembler.ts).
 */
import {
  BLOCK, END, F64, F64_ADD, F64_DIV, F64_EQ, F64_GT, F64_LOAD, F64_MUL, F64_NEG, F64_SQRT, F64_STORE, F64_SUB, I32,
  I32_ADD, I32_EQ, I32_GE_S, I32_MUL, I32_SUB, IF, LOOP, SELECT, br, brIf, call, f64Const, get, i32, set,
} from '../../wasm/assembler.js';

/** tridiag(a, n, x, d, e): byte offsets of the n x n matrix, of the 4n scratch, of the diagonal (n) and subdiagonal (n - 1) outputs; n >= 3. */
export type Tridiagonalize = (a: number, n: number, x: number, d: number, e: number) => void;

export const TRIDIAG_PARAMS = [I32, I32, I32, I32, I32];

// params
const A = 0, N = 1, X = 2, D = 3, E = 4;
// locals: i32 (V, W, VN, WN: byte offsets of element 0 of each vector)
const K = 5, I = 6, J = 7, V = 8, W = 9, VN = 10, WN = 11, PENDING = 12, T = 13, STR = 14;
// f64
const NORM2 = 15, C = 16, WK = 17, VK = 18, ALPHA = 19, VV = 20, BETA = 21, PV = 22, HALF = 23, VI = 24, WI = 25;

/** The address of element (local) `i` of the vector whose element 0 is at byte (local) `vec`. */
const el = (vec: number, i: number) => [...get(vec), ...get(i), ...i32(8), ...I32_MUL, ...I32_ADD];
const load = (vec: number, i: number) => [...el(vec, i), ...F64_LOAD(0)];
/** The address of a(i, j) (locals). */
const cellAt = (i: number, j: number) => [...get(A), ...get(i), ...get(STR), ...I32_MUL, ...I32_ADD, ...get(j), ...i32(8), ...I32_MUL, ...I32_ADD];
/** for (local = from; local < end; local++) body, `from` and `end` code giving i32. */
const forRange = (local: number, from: number[], end: number[], body: number[]) => [
  ...from, ...set(local),
  ...BLOCK, ...LOOP,
  ...get(local), ...end, ...I32_GE_S, ...brIf(1),
  ...body,
  ...get(local), ...i32(1), ...I32_ADD, ...set(local), ...br(0),
  ...END, ...END,
];
const plusOne = (local: number) => [...get(local), ...i32(1), ...I32_ADD];
/** vec[k + 1..n) = 0. */
const zero = (vec: number) => forRange(I, plusOne(K), get(N), [...el(vec, I), ...f64Const(0), ...F64_STORE(0)]);
/** A(from:, from:) -= v w^T + w v^T on the lower triangle, `from` in local T. */
const applyUpdate = forRange(I, get(T), get(N), [
  ...load(V, I), ...set(VI), ...load(W, I), ...set(WI),
  ...forRange(J, get(T), plusOne(I), [
    ...cellAt(I, J), ...cellAt(I, J), ...F64_LOAD(0),
    ...get(VI), ...load(W, J), ...F64_MUL, ...get(WI), ...load(V, J), ...F64_MUL, ...F64_ADD, ...F64_SUB, ...F64_STORE(0),
  ]),
]);
/** Swaps the byte offsets in locals p and q. */
const swap = (p: number, q: number) => [...get(p), ...set(T), ...get(q), ...set(p), ...get(T), ...set(q)];

/** The function's locals and code; `pass` is the module's index of the fused pass. */
export function tridiagBody(pass: number): { locals: number[][]; code: number[] } {
  const step = [
    ...BLOCK, // br 0 from here (1 inside an IF): no reflection at this step
    ...f64Const(0), ...set(NORM2),
    ...get(PENDING), ...IF,
    ...load(W, K), ...set(WK), ...load(V, K), ...set(VK),
    ...cellAt(K, K), ...cellAt(K, K), ...F64_LOAD(0), ...load(V, K), ...get(WK), ...F64_MUL, ...load(W, K), ...get(VK), ...F64_MUL,
    ...F64_ADD, ...F64_SUB, ...F64_STORE(0),
    ...forRange(I, plusOne(K), get(N), [
      ...cellAt(I, K), ...F64_LOAD(0), ...load(V, I), ...get(WK), ...F64_MUL, ...load(W, I), ...get(VK), ...F64_MUL, ...F64_ADD, ...F64_SUB,
      ...set(C),
      ...cellAt(I, K), ...get(C), ...F64_STORE(0),
      ...el(VN, I), ...get(C), ...F64_STORE(0),
      ...get(NORM2), ...get(C), ...get(C), ...F64_MUL, ...F64_ADD, ...set(NORM2),
    ]),
    ...END,
    ...get(PENDING), ...i32(0), ...I32_EQ, ...IF,
    ...forRange(I, plusOne(K), get(N), [
      ...cellAt(I, K), ...F64_LOAD(0), ...set(C),
      ...el(VN, I), ...get(C), ...F64_STORE(0),
      ...get(NORM2), ...get(C), ...get(C), ...F64_MUL, ...F64_ADD, ...set(NORM2),
    ]),
    ...END,
    ...get(NORM2), ...f64Const(0), ...F64_EQ, ...IF,
    ...get(PENDING), ...IF, ...plusOne(K), ...set(T), ...applyUpdate, ...END,
    ...i32(0), ...set(PENDING),
    ...br(1),
    ...END,
    // alpha = x0 > 0 ? -sqrt(norm2) : sqrt(norm2), x0 = a(k + 1, k)
    ...get(NORM2), ...F64_SQRT, ...F64_NEG, ...get(NORM2), ...F64_SQRT,
    ...plusOne(K), ...set(T), ...cellAt(T, K), ...F64_LOAD(0), ...f64Const(0), ...F64_GT, ...SELECT, ...set(ALPHA),
    ...el(VN, T), ...el(VN, T), ...F64_LOAD(0), ...get(ALPHA), ...F64_SUB, ...F64_STORE(0),
    ...f64Const(0), ...set(VV),
    ...forRange(I, plusOne(K), get(N), [...get(VV), ...load(VN, I), ...load(VN, I), ...F64_MUL, ...F64_ADD, ...set(VV)]),
    ...f64Const(2), ...get(VV), ...F64_DIV, ...set(BETA),
    ...zero(WN),
    ...get(PENDING), ...i32(0), ...I32_EQ, ...IF, ...zero(V), ...zero(W), ...END,
    ...get(A), ...get(N), ...get(K), ...get(V), ...get(W), ...get(VN), ...get(WN), ...call(pass),
    ...f64Const(0), ...set(PV),
    ...forRange(I, plusOne(K), get(N), [
      ...el(WN, I), ...load(WN, I), ...get(BETA), ...F64_MUL, ...F64_STORE(0),
      ...get(PV), ...load(WN, I), ...load(VN, I), ...F64_MUL, ...F64_ADD, ...set(PV),
    ]),
    ...get(BETA), ...get(PV), ...F64_MUL, ...f64Const(2), ...F64_DIV, ...set(HALF),
    ...forRange(I, plusOne(K), get(N), [
      ...el(WN, I), ...load(WN, I), ...get(HALF), ...load(VN, I), ...F64_MUL, ...F64_SUB, ...F64_STORE(0),
    ]),
    ...plusOne(K), ...set(T), ...cellAt(T, K), ...get(ALPHA), ...F64_STORE(0),
    // this step's update is now the pending one
    ...swap(V, VN), ...swap(W, WN),
    ...i32(1), ...set(PENDING),
    ...END,
  ];
  const code = [
    ...get(N), ...i32(8), ...I32_MUL, ...set(STR),
    ...get(X), ...set(V),
    ...get(X), ...get(STR), ...I32_ADD, ...set(W),
    ...get(W), ...get(STR), ...I32_ADD, ...set(VN),
    ...get(VN), ...get(STR), ...I32_ADD, ...set(WN),
    ...i32(0), ...set(PENDING),
    ...forRange(K, i32(0), [...get(N), ...i32(2), ...I32_SUB], step),
    ...get(PENDING), ...IF, ...get(N), ...i32(2), ...I32_SUB, ...set(T), ...applyUpdate, ...END,
    // d(i) = a(i, i), e(i) = a(i + 1, i)
    ...forRange(I, i32(0), get(N), [...el(D, I), ...cellAt(I, I), ...F64_LOAD(0), ...F64_STORE(0)]),
    ...forRange(I, i32(0), [...get(N), ...i32(1), ...I32_SUB], [
      ...plusOne(I), ...set(T), ...el(E, I), ...cellAt(T, I), ...F64_LOAD(0), ...F64_STORE(0),
    ]),
    ...END,
  ];
  return { locals: [[10, I32], [11, F64]], code };
}
