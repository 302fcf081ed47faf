/**
 * The B-spline evaluation's 64-term sums of a resampled row, two voxels at a time in WebAssembly
 * SIMD (f64x2): the JavaScript loop (./bspline.ts rowVoxelSum) is bound by the instructions per
 * term (index, bounds check, load, two products, sum); here one instruction stream serves two
 * voxels and memory access needs no bounds check. Each lane does the very operations of
 * rowVoxelSum in the same order: s = 0, then for z tap k, y tap j, x tap i:
 * s = s + ((wx_i * wy_j) * wz_k) * c (WebAssembly f64 arithmetic is IEEE 754 binary64 with
 * round-to-nearest and never fuses a multiply into an add), so the sums are bit for bit the same.
 *
 * Binary format: WebAssembly core specification 2.0, section 5 (the 0xfd-prefixed vector
 * instructions). Where WebAssembly or its SIMD is missing, bsplineKernel() is null and the
 * JavaScript loop is used.
 *
 * Memory (bytes; a larger WebAssembly.Memory replaces it as needed, never grown: ../../wasm/memory.ts,
 * its old bytes copied over): the caller places the coefficient
 * box, then per row: the x weights (4 float64 per voxel), their coefficient byte offsets (4 int32
 * per voxel), the y and z weights (4 + 4 float64), the 16 byte offsets of the (z, y) tap lines
 * (int32, k * 4 + j) and room for the sums (float64 per voxel), each voxel count rounded up to even.
 */

/** The kernel's functions (of its current instance). */
export interface BSplineFns {
  /**
   * Sums of `pairs` voxel pairs: weights at wPtr (64 bytes a pair), offsets at pPtr (32 bytes a
   * pair), y then z weights at yzPtr, tap line byte offsets at bPtr, two sums (16 bytes) a pair
   * from outPtr.
   */
  rowSums(pairs: number, wPtr: number, pPtr: number, yzPtr: number, bPtr: number, outPtr: number): void;
  /** filterLines on 2 * pairs lanes from byte `base` (step in bytes; zn: the 17 powers of the pole at byte zn). */
  filterLanes(base: number, pairs: number, step: number, n: number, stop: number, zn: number): void;
}

import { GAIN, HORIZON, POLE } from './bspline-constants.js';
import {
  ADD as F64X2_ADD, BLOCK, END, F64_LOAD as f64Load, I32, I32_ADD, I32_GE_S, I32_LT_S, I32_MUL, I32_SUB, LOOP, MUL as F64X2_MUL,
  SPLAT as F64X2_SPLAT, SUB as F64X2_SUB, V128, V128_ZERO, br, brIf, f64Const, get, i32 as i32Const, i32Load, load64Lane1, load64Splat,
  moduleBytes, set, vload as v128Load, vstore as v128Store,
} from '../../wasm/assembler.js';
import { compileModule, WasmKernel } from '../../wasm/memory.js';

/** The kernel: an instance with its memory (`memory`), its functions called on the current instance. */
export class BSplineKernel extends WasmKernel<BSplineFns> {
  rowSums(pairs: number, wPtr: number, pPtr: number, yzPtr: number, bPtr: number, outPtr: number): void {
    this.fns.rowSums(pairs, wPtr, pPtr, yzPtr, bPtr, outPtr);
  }
  filterLanes(base: number, pairs: number, step: number, n: number, stop: number, zn: number): void {
    this.fns.filterLanes(base, pairs, step, n, stop, zn);
  }
}

/**
 * filterLanes(base, pairs, step, n, stop, zn): ./bspline.ts filterLines (lines longer than the
 * causal horizon of 18 terms) on 2 * pairs lanes of float64 from byte `base`, line step `step`
 * bytes, n steps; zn: the 17 powers z, z^2, ... of the initial sum as filterLines forms them.
 * Each lane: acc = c0 * G + sum_k zn_k * (c_k * G) (k = 1..17, in order), c0 = acc; then
 * c_k = c_k * G + z * c_{k-1} for k = 1..n-1; c_{n-1} = g * (z * c_{n-2} + c_{n-1}), g = z / (z^2 - 1);
 * c_k = z * (c_{k+1} - c_k) for k = n-2 down to stop.
 */
function filterLanesBody(pole: number, gain: number, horizon: number): { locals: number[][]; code: number[] } {
  const [BASE, PAIRS, STEP, N, STOP, ZN] = [0, 1, 2, 3, 4, 5];
  const E = 6, R = 7, K = 8, ZP = 9, WIDTH = 10, LAST = 11; // i32 locals
  const ACC = 12, G = 13, Z = 14, AG = 15; // v128 locals
  const b: number[] = [];
  const emit = (...parts: number[][]) => { for (const p of parts) b.push(...p); };
  emit(f64Const(gain), F64X2_SPLAT, set(G), f64Const(pole), F64X2_SPLAT, set(Z));
  emit(f64Const(pole / (pole * pole - 1.0)), F64X2_SPLAT, set(AG));
  emit(get(PAIRS), i32Const(16), I32_MUL, set(WIDTH));
  // initial sums, lane pair by lane pair
  emit(i32Const(0), set(E), BLOCK, LOOP, get(E), get(WIDTH), I32_GE_S, brIf(1));
  emit(get(BASE), get(E), I32_ADD, set(R));
  emit(get(R), v128Load(0), get(G), F64X2_MUL, set(ACC));
  emit(i32Const(1), set(K), get(ZN), set(ZP), LOOP);
  emit(get(R), get(STEP), I32_ADD, set(R));
  emit(get(ACC), get(ZP), f64Load(0), F64X2_SPLAT, get(R), v128Load(0), get(G), F64X2_MUL, F64X2_MUL, F64X2_ADD, set(ACC));
  emit(get(ZP), i32Const(8), I32_ADD, set(ZP), get(K), i32Const(1), I32_ADD, set(K));
  emit(get(K), i32Const(horizon), I32_LT_S, brIf(0), END);
  emit(get(BASE), get(E), I32_ADD, get(ACC), v128Store(0));
  emit(get(E), i32Const(16), I32_ADD, set(E), br(0), END, END);
  // causal recursion, row by row
  emit(i32Const(1), set(K), get(BASE), get(STEP), I32_ADD, set(R));
  emit(BLOCK, LOOP, get(K), get(N), I32_GE_S, brIf(1));
  emit(i32Const(0), set(E), BLOCK, LOOP, get(E), get(WIDTH), I32_GE_S, brIf(1));
  emit(get(R), get(E), I32_ADD);
  emit(get(R), get(E), I32_ADD, v128Load(0), get(G), F64X2_MUL);
  emit(get(Z), get(R), get(E), I32_ADD, get(STEP), I32_SUB, v128Load(0), F64X2_MUL, F64X2_ADD, v128Store(0));
  emit(get(E), i32Const(16), I32_ADD, set(E), br(0), END, END);
  emit(get(R), get(STEP), I32_ADD, set(R), get(K), i32Const(1), I32_ADD, set(K), br(0), END, END);
  // anticausal start at the last row: g * (z * c_{n-2} + c_{n-1})
  emit(get(R), get(STEP), I32_SUB, set(LAST));
  emit(i32Const(0), set(E), BLOCK, LOOP, get(E), get(WIDTH), I32_GE_S, brIf(1));
  emit(get(LAST), get(E), I32_ADD);
  emit(get(AG), get(Z), get(LAST), get(E), I32_ADD, get(STEP), I32_SUB, v128Load(0), F64X2_MUL);
  emit(get(LAST), get(E), I32_ADD, v128Load(0), F64X2_ADD, F64X2_MUL, v128Store(0));
  emit(get(E), i32Const(16), I32_ADD, set(E), br(0), END, END);
  // anticausal recursion down to stop: c_k = z * (c_{k+1} - c_k)
  emit(get(N), i32Const(2), I32_SUB, set(K), get(LAST), get(STEP), I32_SUB, set(R));
  emit(BLOCK, LOOP, get(K), get(STOP), I32_LT_S, brIf(1));
  emit(i32Const(0), set(E), BLOCK, LOOP, get(E), get(WIDTH), I32_GE_S, brIf(1));
  emit(get(R), get(E), I32_ADD);
  emit(get(Z), get(R), get(E), I32_ADD, get(STEP), I32_ADD, v128Load(0), get(R), get(E), I32_ADD, v128Load(0), F64X2_SUB, F64X2_MUL, v128Store(0));
  emit(get(E), i32Const(16), I32_ADD, set(E), br(0), END, END);
  emit(get(R), get(STEP), I32_SUB, set(R), get(K), i32Const(1), I32_SUB, set(K), br(0), END, END);
  return { locals: [[6, I32], [4, V128]], code: [...b, ...END] };
}

/** The module: memory imported as m.memory; exported rowSums and filterLanes (i32 x 6 each). */
function kernelBytes(pole: number, gain: number, horizon: number): Uint8Array {
  // locals: params 0..5 (pairs, w, p, yz, b, out); i32: 6 i, 7..22 B[16], 23..26 pA[4], 27..30 pB[4];
  // v128: 31..34 Z[4], 35..38 Y[4], 39..42 A[4], 43..58 T[j * 4 + x], 59 s
  const [PAIRS, W, P, YZ, B, OUT] = [0, 1, 2, 3, 4, 5];
  const I = 6, Bk = 7, PA = 23, PB = 27, Z = 31, Y = 35, A = 39, T = 43, S = 59;
  const body: number[] = [];
  const emit = (...parts: number[][]) => { for (const p of parts) body.push(...p); };
  for (let k = 0; k < 4; k++) emit(get(YZ), f64Load(32 + 8 * k), F64X2_SPLAT, set(Z + k));
  for (let j = 0; j < 4; j++) emit(get(YZ), f64Load(8 * j), F64X2_SPLAT, set(Y + j));
  for (let m = 0; m < 16; m++) emit(get(B), i32Load(4 * m), set(Bk + m));
  emit(i32Const(0), set(I), BLOCK, LOOP);
  emit(get(I), get(PAIRS), I32_GE_S, brIf(1));
  // A_x = (weight x of voxel a, weight x of voxel b); T_jx = A_x * Y_j (wx * wy, per lane)
  for (let x = 0; x < 4; x++) emit(get(W), get(W), load64Splat(8 * x), load64Lane1(32 + 8 * x), set(A + x));
  for (let j = 0; j < 4; j++) for (let x = 0; x < 4; x++) emit(get(A + x), get(Y + j), F64X2_MUL, set(T + 4 * j + x));
  for (let x = 0; x < 4; x++) emit(get(P), i32Load(4 * x), set(PA + x), get(P), i32Load(16 + 4 * x), set(PB + x));
  emit(V128_ZERO, set(S));
  for (let k = 0; k < 4; k++) {
    for (let j = 0; j < 4; j++) {
      for (let x = 0; x < 4; x++) {
        // s = s + ((T_jx * Z_k) * (c[line + pA_x], c[line + pB_x]))
        emit(get(S), get(T + 4 * j + x), get(Z + k), F64X2_MUL);
        emit(get(Bk + 4 * k + j), get(PB + x), I32_ADD);
        emit(get(Bk + 4 * k + j), get(PA + x), I32_ADD, load64Splat(0));
        emit(load64Lane1(0), F64X2_MUL, F64X2_ADD, set(S));
      }
    }
  }
  emit(get(OUT), get(S), v128Store(0));
  emit(get(W), i32Const(64), I32_ADD, set(W));
  emit(get(P), i32Const(32), I32_ADD, set(P));
  emit(get(OUT), i32Const(16), I32_ADD, set(OUT));
  emit(get(I), i32Const(1), I32_ADD, set(I));
  emit(br(0), END, END, END);
  return moduleBytes([[I32, I32, I32, I32, I32, I32]], [
    { type: 0, name: 'rowSums', locals: [[25, I32], [29, V128]], code: body },
    { type: 0, name: 'filterLanes', ...filterLanesBody(pole, gain, horizon) },
  ]);
}

let kernel: BSplineKernel | null | undefined;

/** The kernel, or null where WebAssembly SIMD is not available. */
export function bsplineKernel(): BSplineKernel | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  const module = compileModule(kernelBytes(POLE, GAIN, HORIZON));
  if (!module) return kernel;
  try {
    kernel = new BSplineKernel(module, (e) => ({ rowSums: e.rowSums as BSplineFns['rowSums'], filterLanes: e.filterLanes as BSplineFns['filterLanes'] }));
  } catch {
    kernel = null;
  }
  return kernel;
}

/**
 * The kernel's memory buffer, at least `bytes` long: a new memory (the old bytes at its start) when
 * the current one is shorter; views of the old buffer must be made again.
 */
export function reserveKernelMemory(k: BSplineKernel, bytes: number): ArrayBuffer {
  return k.reserve(bytes);
}
