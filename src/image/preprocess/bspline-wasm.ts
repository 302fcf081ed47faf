/**
 * The B-spline evaluation's 64-term sums of a resampled row, two voxels at a time in WebAssembly
 * SIMD (f64x2): the JavaScript loop (./bspline.ts rowVoxelSum) is bound by the instructions per
 * term (index, bounds check, load, two products, sum); here one instruction stream serves two
 * voxels and memory access needs no bounds check. Each lane does the very operations of
 * rowVoxelSum in the same order: s = 0, then for z tap k, y tap j, x tap i:
 * s = s + ((wx_i * wy_j) * wz_k) * c (WebAssembly f64 arithmetic is IEEE 754 binary64 with
 * round-to-nearest and never fuses a multiply into an add), so the sums are bit for bit the same.
 *
 * The same module also runs the prefilter's passes: along y and z (filterLanes, two lanes per
 * f64x2) and along x straight from the image's rows (rowPairs: two rows per f64x2, four such
 * pairs in flight, since each recursion step waits on the one before).
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
  /** The x pass of image rows of each pixel type, mapped or not (see rowPairsBody). */
  rowPairs: Record<RowPairsName, RowPairsFn>;
}

/** Pixel types whose rows the x pass reads in the kernel. */
export type RowPixel = 'int8' | 'uint8' | 'int16' | 'uint16' | 'float32' | 'float64';
export const ROW_PIXELS: RowPixel[] = ['int8', 'uint8', 'int16', 'uint16', 'float32', 'float64'];
type RowPairsName = `${RowPixel}` | `${RowPixel}Mapped`;
const ROW_PAIRS_NAMES: RowPairsName[] = ROW_PIXELS.flatMap((p) => [p, `${p}Mapped` as RowPairsName]);
/**
 * (inBase, inStride, pairs, n, outBase, outStride, stop, scratch, shift, factor, scale): rows 2p and
 * 2p + 1 (p < pairs) of n voxels at inBase + row * inStride (bytes) to coefficients at
 * outBase + row * outStride, k >= stop; scratch: 16 ROW_GROUP n bytes.
 */
export type RowPairsFn = (inBase: number, inStride: number, pairs: number, n: number, outBase: number, outStride: number, stop: number,
  scratch: number, shift: number, factor: number, scale: number) => void;

import { GAIN, HORIZON, POLE } from './bspline-constants.js';
import {
  ADD as F64X2_ADD, BLOCK, END, F64, F64_CONVERT_I32_S, F64_LOAD as f64Load, F64_PROMOTE_F32, F64_STORE, I32, I32_ADD,
  REPLACE_LANE1, extractLane, f32Load, i32Load16, i32Load8, I32_GE_S, I32_LT_S, I32_MUL, I32_SUB, LOOP, MUL as F64X2_MUL,
  SPLAT as F64X2_SPLAT, SUB as F64X2_SUB, V128, V128_ZERO, br, brIf, f64Const, get, i32 as i32Const, i32Load, load64Lane1, load64Splat,
  moduleBytes, set, vload as v128Load, vstore as v128Store,
} from '../../wasm/assembler.js';
import { compileModule, KeptKernel, WasmKernel } from '../../wasm/memory.js';

/** The kernel: an instance with its memory (`memory`), its functions called on the current instance. */
export class BSplineKernel extends WasmKernel<BSplineFns> {
  rowSums(pairs: number, wPtr: number, pPtr: number, yzPtr: number, bPtr: number, outPtr: number): void {
    this.fns.rowSums(pairs, wPtr, pPtr, yzPtr, bPtr, outPtr);
  }
  filterLanes(base: number, pairs: number, step: number, n: number, stop: number, zn: number): void {
    this.fns.filterLanes(base, pairs, step, n, stop, zn);
  }
  /** The x pass of `pairs` row pairs of `pixel` voxels (see RowPairsFn); `map`: normalisation's shift, factor and scale. */
  rowPairs(pixel: RowPixel, map: { shift: number; factor: number; scale: number } | undefined, inBase: number, inStride: number, pairs: number,
    n: number, outBase: number, outStride: number, stop: number, scratch: number): void {
    const f = this.fns.rowPairs[(map ? `${pixel}Mapped` : pixel) as RowPairsName];
    f(inBase, inStride, pairs, n, outBase, outStride, stop, scratch, map ? map.shift : 0, map ? map.factor : 1, map ? map.scale : 1);
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

/**
 * The x pass (./bspline.ts filterRow) on two image rows per f64x2, lane 0 one row and lane 1 the
 * next, each lane doing filterRow's operations in its order: v = value (converted exactly to
 * float64; when mapped, ((v + shift) * factor) * scale); s_k = v * G; the causal initial value
 * s_0 + sum_k zn_k * s_k (k = 1..horizon-1, zn_k the powers z, z * z, ... as causalStart forms
 * them, here constants); p_k = s_k + z * p_{k-1}; then c_{n-1} = AG * (z * p_{n-2} + p_{n-1}),
 * c_k = z * (c_{k+1} - p_k) down to k = stop, each lane stored to its own row.
 */
function rowPairsBody(pixel: RowPixel, mapped: boolean, pole: number, gain: number, horizon: number): { locals: number[][]; code: number[] } {
  const [IN, INSTRIDE, PAIRS, N, OUT, OUTSTRIDE, STOP, SCRATCH, SHIFT, FACTOR, SCALE] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  // i32: P, K, SP, SPB, K8, then per row of a group of up to ROW_GROUP pairs its input and output pointers
  const P = 11, K = 12, SP = 13, SPB = 14, K8 = 15, RIN = 16, ROUT = 16 + 2 * ROW_GROUP;
  // v128: constants, then per pair V and PREV
  const G = ROUT + 2 * ROW_GROUP, Z = G + 1, AG = G + 2, SH = G + 3, FA = G + 4, SC = G + 5, V = G + 6, PREV = V + ROW_GROUP;
  const width = { int8: 1, uint8: 1, int16: 2, uint16: 2, float32: 4, float64: 8 }[pixel];
  const load = (): number[] => {
    switch (pixel) {
      case 'int8': case 'uint8': return [...i32Load8(pixel === 'int8', 0), ...F64_CONVERT_I32_S];
      case 'int16': return [...i32Load16(true, 0), ...F64_CONVERT_I32_S];
      case 'uint16': return [...i32Load16(false, 0), ...F64_CONVERT_I32_S];
      case 'float32': return [...f32Load(0), ...F64_PROMOTE_F32];
      case 'float64': return f64Load(0);
    }
  };
  const b: number[] = [];
  const emit = (...parts: number[][]) => { for (const p of parts) b.push(...p); };
  emit(f64Const(gain), F64X2_SPLAT, set(G), f64Const(pole), F64X2_SPLAT, set(Z), f64Const(pole / (pole * pole - 1.0)), F64X2_SPLAT, set(AG));
  emit(get(SHIFT), F64X2_SPLAT, set(SH), get(FACTOR), F64X2_SPLAT, set(FA), get(SCALE), F64X2_SPLAT, set(SC));
  emit(i32Const(0), set(P));
  /** The loop over groups of q pairs (2q rows, q independent recursions in flight) while q more pairs remain. */
  const groupLoop = (q: number) => {
    const rows = 2 * q, stride = 16 * q;
    emit(BLOCK, LOOP, get(P), i32Const(q - 1), I32_ADD, get(PAIRS), I32_GE_S, brIf(1));
    for (let r = 0; r < rows; r++) {
      emit(get(P), i32Const(2), I32_MUL, i32Const(r), I32_ADD, set(K));
      emit(get(IN), get(K), get(INSTRIDE), I32_MUL, I32_ADD, set(RIN + r));
      emit(get(OUT), get(K), get(OUTSTRIDE), I32_MUL, I32_ADD, set(ROUT + r));
    }
    // s_k = (mapped) value * G, rows 2g and 2g + 1 as the lanes of pair g
    emit(i32Const(0), set(K), get(SCRATCH), set(SP), BLOCK, LOOP, get(K), get(N), I32_GE_S, brIf(1));
    for (let g = 0; g < q; g++) {
      emit(get(RIN + 2 * g), load(), F64X2_SPLAT, get(RIN + 2 * g + 1), load(), REPLACE_LANE1, set(V + g));
      if (mapped) emit(get(V + g), get(SH), F64X2_ADD, get(FA), F64X2_MUL, get(SC), F64X2_MUL, set(V + g));
      emit(get(SP), get(V + g), get(G), F64X2_MUL, v128Store(16 * g));
    }
    for (let r = 0; r < rows; r++) emit(get(RIN + r), i32Const(width), I32_ADD, set(RIN + r));
    emit(get(SP), i32Const(stride), I32_ADD, set(SP), get(K), i32Const(1), I32_ADD, set(K), br(0), END, END);
    // the causal initial values
    for (let g = 0; g < q; g++) {
      emit(get(SCRATCH), v128Load(16 * g), set(PREV + g));
      for (let k = 1, zn = pole; k < horizon; k++, zn *= pole) {
        emit(get(PREV + g), f64Const(zn), F64X2_SPLAT, get(SCRATCH), v128Load(stride * k + 16 * g), F64X2_MUL, F64X2_ADD, set(PREV + g));
      }
      emit(get(SCRATCH), get(PREV + g), v128Store(16 * g));
    }
    // the causal recursions
    emit(i32Const(1), set(K), get(SCRATCH), i32Const(stride), I32_ADD, set(SP), BLOCK, LOOP, get(K), get(N), I32_GE_S, brIf(1));
    for (let g = 0; g < q; g++) {
      emit(get(SP), v128Load(16 * g), get(Z), get(PREV + g), F64X2_MUL, F64X2_ADD, set(PREV + g), get(SP), get(PREV + g), v128Store(16 * g));
    }
    emit(get(SP), i32Const(stride), I32_ADD, set(SP), get(K), i32Const(1), I32_ADD, set(K), br(0), END, END);
    // the anticausal starts at the last values (SP points past them), then the recursions down to stop
    const storeLanes = () => {
      emit(get(K), i32Const(8), I32_MUL, set(K8));
      for (let g = 0; g < q; g++) {
        emit(get(ROUT + 2 * g), get(K8), I32_ADD, get(PREV + g), extractLane(0), F64_STORE(0));
        emit(get(ROUT + 2 * g + 1), get(K8), I32_ADD, get(PREV + g), extractLane(1), F64_STORE(0));
      }
    };
    emit(get(SP), i32Const(stride), I32_SUB, set(SP), get(SP), i32Const(stride), I32_SUB, set(SPB));
    for (let g = 0; g < q; g++) {
      emit(get(AG), get(Z), get(SPB), v128Load(16 * g), F64X2_MUL, get(SP), v128Load(16 * g), F64X2_ADD, F64X2_MUL, set(PREV + g));
    }
    emit(get(N), i32Const(1), I32_SUB, set(K));
    storeLanes();
    emit(get(N), i32Const(2), I32_SUB, set(K), get(SPB), set(SP));
    emit(BLOCK, LOOP, get(K), get(STOP), I32_LT_S, brIf(1));
    for (let g = 0; g < q; g++) emit(get(Z), get(PREV + g), get(SP), v128Load(16 * g), F64X2_SUB, F64X2_MUL, set(PREV + g));
    storeLanes();
    emit(get(SP), i32Const(stride), I32_SUB, set(SP), get(K), i32Const(1), I32_SUB, set(K), br(0), END, END);
    emit(get(P), i32Const(q), I32_ADD, set(P), br(0), END, END);
  };
  groupLoop(ROW_GROUP);
  groupLoop(1);
  return { locals: [[5 + 4 * ROW_GROUP, I32], [6 + 2 * ROW_GROUP, V128]], code: [...b, ...END] };
}

/** Row pairs filtered together by rowPairs (the scratch holds 16 ROW_GROUP bytes per row voxel). */
export const ROW_GROUP = 4;

/** The module: memory imported as m.memory; exported rowSums and filterLanes (i32 x 6 each) and the rowPairs functions. */
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
  return moduleBytes([[I32, I32, I32, I32, I32, I32], [I32, I32, I32, I32, I32, I32, I32, I32, F64, F64, F64]], [
    { type: 0, name: 'rowSums', locals: [[25, I32], [29, V128]], code: body },
    { type: 0, name: 'filterLanes', ...filterLanesBody(pole, gain, horizon) },
    ...ROW_PAIRS_NAMES.map((name) => {
      const mapped = name.endsWith('Mapped');
      return { type: 1, name, ...rowPairsBody((mapped ? name.slice(0, -6) : name) as RowPixel, mapped, pole, gain, horizon) };
    }),
  ]);
}

const kept = new KeptKernel((): BSplineKernel | null => {
  const module = compileModule(kernelBytes(POLE, GAIN, HORIZON));
  return module && new BSplineKernel(module, (e) => ({
    rowSums: e.rowSums as BSplineFns['rowSums'],
    filterLanes: e.filterLanes as BSplineFns['filterLanes'],
    rowPairs: Object.fromEntries(ROW_PAIRS_NAMES.map((name) => [name, e[name]])) as Record<RowPairsName, RowPairsFn>,
  }));
});

/** The kernel (one instance, made on first use), or null where WebAssembly SIMD is not available. */
export function bsplineKernel(): BSplineKernel | null {
  return kept.get();
}
