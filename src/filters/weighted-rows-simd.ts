/**
 * The LBP3D sampler's element-wise loops in WebAssembly SIMD, two elements per instruction (the
 * odd last one with scalar float64 instructions): f64x2 mul, add and sub are the IEEE double
 * operations on each half, without fused multiply-add, and each element's expression is the
 * JavaScript loop's, in its order, so every element is the JavaScript number.
 * - rows: out[i] = w0 a[i] + w1 b[i] + w2 c[i] + w3 d[i] (neighbour-samples.ts weightedRows);
 * - the cubic-spline prefilter's loops across interleaved lines (cubic-spline.ts):
 *   scaleAdd c[o+j] = c[o+j] gain + z c[p+j], zDiff c[o+j] = z (c[q+j] - c[o+j]),
 *   initTerm acc[j] += zi (c[o+j] gain + zn1 (c[r+j] gain)).
 * The arrays live in the kernel's memory (`WeightedRowsKernel.memory`); offsets are in bytes.
 */
import {
  ADD, BLOCK, END, F64, F64_ADD, F64_LOAD, F64_MUL, F64_STORE, F64_SUB, I32, I32_ADD, I32_AND, I32_GE_S, I32_MUL, IF, LOOP, MUL, SPLAT, SUB, V128,
  br, brIf, get, i32, moduleBytes, set, vload, vstore,
} from '../wasm/assembler.js';
import { KeptKernel, kernelFactory, type WasmKernel } from '../wasm/memory.js';

/** rows(out, a, b, c, d, n, w0, w1, w2, w3): byte offsets of the first element of each run, n elements. */
export type WeightedRows = (out: number, a: number, b: number, c: number, d: number, n: number, w0: number, w1: number, w2: number, w3: number) => void;

/** scaleAdd(o, p, n, gain, z), zDiff(o, q, n, z), initTerm(acc, o, r, n, zi, gain, zn1): byte offsets, n elements. */
export type ScaleAdd = (o: number, p: number, n: number, gain: number, z: number) => void;
export type ZDiff = (o: number, q: number, n: number, z: number) => void;
export type InitTerm = (acc: number, o: number, r: number, n: number, zi: number, gain: number, zn1: number) => void;

/** The kernel's functions (of its current instance: WasmKernel.fns). */
export interface WeightedRowsFns {
  rows: WeightedRows;
  scaleAdd: ScaleAdd;
  zDiff: ZDiff;
  initTerm: InitTerm;
}

/** An instance with its memory (../wasm/memory.ts: a new memory, never a grown one, when more is needed). */
export type WeightedRowsKernel = WasmKernel<WeightedRowsFns>;

/**
 * A loop over n elements (param `nParam`), two at a time then the odd last one: `pair(i)` and
 * `one(i)` get the local holding the byte offset of the current element(s). Locals from `firstLocal`:
 * i32 i, end; then whatever the caller declares.
 */
function elementLoop(nParam: number, firstLocal: number, pair: (i: number) => number[], one: (i: number) => number[]): number[] {
  const I = firstLocal, E = firstLocal + 1;
  return [
    ...get(nParam), ...i32(-2), ...I32_AND, ...i32(8), ...I32_MUL, ...set(E),
    ...i32(0), ...set(I),
    ...BLOCK, ...LOOP,
    ...get(I), ...get(E), ...I32_GE_S, ...brIf(1),
    ...pair(I),
    ...get(I), ...i32(16), ...I32_ADD, ...set(I), ...br(0),
    ...END, ...END,
    ...get(nParam), ...i32(1), ...I32_AND, ...IF,
    ...one(E),
    ...END,
  ];
}

const at = (ptr: number, i: number) => [...get(ptr), ...get(i), ...I32_ADD];

function scaleAddBody(): { locals: number[][]; code: number[] } {
  // params: o 0, p 1, n 2 (i32); gain 3, z 4 (f64); locals i 5, end 6; v128 G 7, Z 8
  const O = 0, P = 1, N = 2, GAIN = 3, Z = 4, G = 7, ZV = 8;
  const code = [
    ...get(GAIN), ...SPLAT, ...set(G), ...get(Z), ...SPLAT, ...set(ZV),
    ...elementLoop(N, 5,
      (i) => [...at(O, i), ...at(O, i), ...vload(0), ...get(G), ...MUL, ...get(ZV), ...at(P, i), ...vload(0), ...MUL, ...ADD, ...vstore(0)],
      (i) => [...at(O, i), ...at(O, i), ...F64_LOAD(0), ...get(GAIN), ...F64_MUL, ...get(Z), ...at(P, i), ...F64_LOAD(0), ...F64_MUL, ...F64_ADD, ...F64_STORE(0)]),
    ...END,
  ];
  return { locals: [[2, I32], [2, V128]], code };
}

function zDiffBody(): { locals: number[][]; code: number[] } {
  // params: o 0, q 1, n 2 (i32); z 3 (f64); locals i 4, end 5; v128 Z 6
  const O = 0, Q = 1, N = 2, Z = 3, ZV = 6;
  const code = [
    ...get(Z), ...SPLAT, ...set(ZV),
    ...elementLoop(N, 4,
      (i) => [...at(O, i), ...get(ZV), ...at(Q, i), ...vload(0), ...at(O, i), ...vload(0), ...SUB, ...MUL, ...vstore(0)],
      (i) => [...at(O, i), ...get(Z), ...at(Q, i), ...F64_LOAD(0), ...at(O, i), ...F64_LOAD(0), ...F64_SUB, ...F64_MUL, ...F64_STORE(0)]),
    ...END,
  ];
  return { locals: [[2, I32], [1, V128]], code };
}

function initTermBody(): { locals: number[][]; code: number[] } {
  // params: acc 0, o 1, r 2, n 3 (i32); zi 4, gain 5, zn1 6 (f64); locals i 7, end 8; v128 ZI 9, G 10, ZN 11
  const ACC = 0, O = 1, R = 2, N = 3, ZI = 4, GAIN = 5, ZN1 = 6, ZIV = 9, G = 10, ZNV = 11;
  // acc + zi * (c[o] * gain + zn1 * (c[r] * gain))
  const code = [
    ...get(ZI), ...SPLAT, ...set(ZIV), ...get(GAIN), ...SPLAT, ...set(G), ...get(ZN1), ...SPLAT, ...set(ZNV),
    ...elementLoop(N, 7,
      (i) => [...at(ACC, i), ...at(ACC, i), ...vload(0), ...get(ZIV), ...at(O, i), ...vload(0), ...get(G), ...MUL,
        ...get(ZNV), ...at(R, i), ...vload(0), ...get(G), ...MUL, ...MUL, ...ADD, ...MUL, ...ADD, ...vstore(0)],
      (i) => [...at(ACC, i), ...at(ACC, i), ...F64_LOAD(0), ...get(ZI), ...at(O, i), ...F64_LOAD(0), ...get(GAIN), ...F64_MUL,
        ...get(ZN1), ...at(R, i), ...F64_LOAD(0), ...get(GAIN), ...F64_MUL, ...F64_MUL, ...F64_ADD, ...F64_MUL, ...F64_ADD, ...F64_STORE(0)]),
    ...END,
  ];
  return { locals: [[2, I32], [3, V128]], code };
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

const kept = new KeptKernel(() => newKernel());

/** After a use of the kernel's memory: the instance is dropped when its memory is too large to keep (RETAIN_MAX_BYTES). */
export function releaseWeightedRowsMemory(): void {
  kept.release();
}

/**
 * The kernel (one instance, its memory reused from call to call), or null where WebAssembly SIMD
 * is missing.
 */
export function weightedRowsKernel(): WeightedRowsKernel | null {
  return kept.get();
}

function kernelBytes(): Uint8Array {
  const I6F4 = [I32, I32, I32, I32, I32, I32, F64, F64, F64, F64];
  const types = [I6F4, [I32, I32, I32, F64, F64], [I32, I32, I32, F64], [I32, I32, I32, I32, F64, F64, F64]];
  return moduleBytes(types, [
    { type: 0, name: 'rows', ...rowsBody() }, { type: 1, name: 'scaleAdd', ...scaleAddBody() },
    { type: 2, name: 'zDiff', ...zDiffBody() }, { type: 3, name: 'initTerm', ...initTermBody() },
  ]);
}

const newKernel = kernelFactory(kernelBytes, (exports): WeightedRowsFns => {
  const e = exports as unknown as WeightedRowsFns;
  return { rows: e.rows, scaleAdd: e.scaleAdd, zDiff: e.zDiff, initTerm: e.initTerm };
});
