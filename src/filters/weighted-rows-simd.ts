/**
 * out[i] = w0 a[i] + w1 b[i] + w2 c[i] + w3 d[i] over a run of float64s (terms added left to
 * right) in WebAssembly SIMD, two elements per instruction: f64x2 mul and add are the IEEE double
 * operations on each half, without fused multiply-add, so each element is the number the
 * JavaScript loop gives. The odd last element is done with scalar float64 instructions. The arrays
 * live in the module's memory (`WeightedRowsKernel.memory`); offsets are in bytes.
 */
import {
  ADD, BLOCK, END, F64, F64_ADD, F64_LOAD, F64_MUL, F64_STORE, I32, I32_ADD, I32_AND, I32_GE_S, I32_MUL, IF, LOOP, MUL, SPLAT, V128,
  br, brIf, get, i32, instantiate, moduleBytes, set, tooLargeToKeep, vload, vstore, type WasmMemory,
} from './wasm-assembler.js';

/** rows(out, a, b, c, d, n, w0, w1, w2, w3): byte offsets of the first element of each run, n elements. */
export type WeightedRows = (out: number, a: number, b: number, c: number, d: number, n: number, w0: number, w1: number, w2: number, w3: number) => void;

export interface WeightedRowsKernel {
  memory: WasmMemory;
  rows: WeightedRows;
}

function rowsBody(): { locals: number[][]; code: number[] } {
  // params: out 0, a 1, b 2, c 3, d 4, n 5 (i32); w0 6, w1 7, w2 8, w3 9 (f64)
  const OUT = 0, A = 1, B = 2, C = 3, D = 4, N = 5, WS = [6, 7, 8, 9];
  // locals: i 10, end 11 (bytes); v128 splats 12..15
  const I = 10, E = 11, VS = [12, 13, 14, 15];
  const term = (ptr: number, at: number, k: number, load: number[], mul: number[]) =>
    [...get(ptr), ...get(at), ...I32_ADD, ...load, ...get(k === -1 ? 0 : k), ...mul];
  const vterm = (ptr: number, k: number) => term(ptr, I, VS[k], vload(0), MUL);
  const sterm = (ptr: number, k: number) => term(ptr, E, WS[k], F64_LOAD(0), F64_MUL);
  const code = [
    ...WS.flatMap((w, k) => [...get(w), ...SPLAT, ...set(VS[k])]),
    // end = (n & ~1) * 8: the pairs
    ...get(N), ...i32(-2), ...I32_AND, ...i32(8), ...I32_MUL, ...set(E),
    ...i32(0), ...set(I),
    ...BLOCK, ...LOOP,
    ...get(I), ...get(E), ...I32_GE_S, ...brIf(1),
    ...get(OUT), ...get(I), ...I32_ADD,
    ...vterm(A, 0), ...vterm(B, 1), ...ADD, ...vterm(C, 2), ...ADD, ...vterm(D, 3), ...ADD,
    ...vstore(0),
    ...get(I), ...i32(16), ...I32_ADD, ...set(I), ...br(0),
    ...END, ...END,
    // the odd last element
    ...get(N), ...i32(1), ...I32_AND, ...IF,
    ...get(OUT), ...get(E), ...I32_ADD,
    ...sterm(A, 0), ...sterm(B, 1), ...F64_ADD, ...sterm(C, 2), ...F64_ADD, ...sterm(D, 3), ...F64_ADD,
    ...F64_STORE(0),
    ...END,
    ...END,
  ];
  return { locals: [[2, I32], [4, V128]], code };
}

const cache: { module?: object | null } = {};
let shared: WeightedRowsKernel | null | undefined;

/** After a use of the kernel's memory: the instance is dropped when its memory is too large to keep (RETAIN_MAX_BYTES). */
export function releaseWeightedRowsMemory(): void {
  if (shared && tooLargeToKeep(shared.memory)) shared = undefined;
}

/**
 * The kernel (one instance, its memory reused from call to call), or null where WebAssembly SIMD
 * is missing.
 */
export function weightedRowsKernel(): WeightedRowsKernel | null {
  if (shared !== undefined) return shared;
  const I6F4 = [I32, I32, I32, I32, I32, I32, F64, F64, F64, F64];
  const instance = instantiate(moduleBytes([I6F4], [{ type: 0, name: 'rows', ...rowsBody() }]), cache);
  if (!instance) return (shared = null);
  const e = instance.exports as { memory: WasmMemory; rows: WeightedRows };
  return (shared = { memory: e.memory, rows: e.rows });
}
