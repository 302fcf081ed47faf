/**
 * Least and greatest value, sum and sum of squares of an 8- or 16-bit integer image in
 * WebAssembly SIMD, as exact integers: 8 voxels per step (i16x8 lanes; 8-bit voxels widened as
 * they are loaded), extremes by i16x8.min/max, sums widened before they could overflow (pairs
 * added into i32 lanes, which hold at most CHUNK_VOXELS / 4 * 2 * 2^16 < 2^31 per call, then
 * into i64 lanes; squares formed as 32-bit products or pairwise dot products, each widened to
 * i64 at once). Every sum is then the exact integer, whatever the order; ./voxel-stats.ts uses it
 * only where its float64 sums are exact too (the same numbers).
 *
 * The voxels are copied into the kernel's memory a chunk (CHUNK_VOXELS) at a time, the
 * accumulators kept in memory between chunks (bytes 0..63: minimum i16x8, maximum i16x8, sum
 * i64x2, sum of squares i64x2). Binary format: WebAssembly core specification 2.0, section 5 (the
 * 0xfd-prefixed vector instructions). Where WebAssembly SIMD is missing, integerStatsSimd is null.
 */
import {
  BLOCK, END, I32, I32_ADD, I32_GE_S, I16X8_MAX_S, I16X8_MAX_U, I16X8_MIN_S, I16X8_MIN_U, I32X4_ADD, I32X4_DOT_I16X8_S,
  I32X4_EXTADD_PAIRWISE_I16X8_S, I32X4_EXTADD_PAIRWISE_I16X8_U, I32X4_EXTMUL_HIGH_I16X8_U, I32X4_EXTMUL_LOW_I16X8_U, I64X2_ADD,
  I64X2_EXTEND_HIGH_I32X4_S, I64X2_EXTEND_HIGH_I32X4_U, I64X2_EXTEND_LOW_I32X4_S, I64X2_EXTEND_LOW_I32X4_U, LOOP, V128, V128_ZERO,
  br, brIf, get, i32 as i32Const, load8x8, moduleBytes, set, vload, vstore,
} from '../../wasm/assembler.js';
import { KeptKernel, kernelFactory } from '../../wasm/memory.js';

/** Voxels per kernel call (see the bound on the i32 lanes above). */
const CHUNK_VOXELS = 32768;
/** Where the chunk starts in the kernel's memory (after the accumulators). */
const CHUNK_AT = 64;

type Kind = 'i16' | 'u16' | 'i8' | 'u8';
const KINDS: Kind[] = ['i16', 'u16', 'i8', 'u8'];

/**
 * The kernel of one pixel type: (from, to) byte range of the chunk. Accumulators as above;
 * unsigned ops only for uint16 (uint8 voxels widen to non-negative int16 lanes).
 */
function kernelCode(kind: Kind): { locals: number[][]; code: number[] } {
  const FROM = 0, TO = 1, MN = 2, MX = 3, S = 4, QA = 5, QB = 6, V = 7, D = 8;
  const unsigned = kind === 'u16';
  const b: number[] = [];
  const emit = (...parts: number[][]) => { for (const p of parts) b.push(...p); };
  const [MIN, MAX] = unsigned ? [I16X8_MIN_U, I16X8_MAX_U] : [I16X8_MIN_S, I16X8_MAX_S];
  const [EXT_LO, EXT_HI] = unsigned ? [I64X2_EXTEND_LOW_I32X4_U, I64X2_EXTEND_HIGH_I32X4_U] : [I64X2_EXTEND_LOW_I32X4_S, I64X2_EXTEND_HIGH_I32X4_S];
  const load = kind === 'i8' || kind === 'u8' ? load8x8(kind === 'i8', 0) : vload(0);
  const step = kind === 'i8' || kind === 'u8' ? 8 : 16;
  emit(i32Const(0), vload(0), set(MN), i32Const(0), vload(16), set(MX));
  emit(V128_ZERO, set(S), V128_ZERO, set(QA), V128_ZERO, set(QB));
  emit(BLOCK, LOOP, get(FROM), get(TO), I32_GE_S, brIf(1));
  emit(get(FROM), load, set(V));
  emit(get(MN), get(V), MIN, set(MN), get(MX), get(V), MAX, set(MX));
  emit(get(S), get(V), unsigned ? I32X4_EXTADD_PAIRWISE_I16X8_U : I32X4_EXTADD_PAIRWISE_I16X8_S, I32X4_ADD, set(S));
  if (unsigned) {
    // squares up to (2^16 - 1)^2 < 2^32: unsigned 32-bit products
    for (const MUL of [I32X4_EXTMUL_LOW_I16X8_U, I32X4_EXTMUL_HIGH_I16X8_U]) {
      emit(get(V), get(V), MUL, set(D));
      emit(get(QA), get(D), I64X2_EXTEND_LOW_I32X4_U, I64X2_ADD, set(QA));
      emit(get(QB), get(D), I64X2_EXTEND_HIGH_I32X4_U, I64X2_ADD, set(QB));
    }
  } else {
    // x^2 + y^2 <= 2 * 32768^2 = 2^31: read as unsigned
    emit(get(V), get(V), I32X4_DOT_I16X8_S, set(D));
    emit(get(QA), get(D), I64X2_EXTEND_LOW_I32X4_U, I64X2_ADD, set(QA));
    emit(get(QB), get(D), I64X2_EXTEND_HIGH_I32X4_U, I64X2_ADD, set(QB));
  }
  emit(get(FROM), i32Const(step), I32_ADD, set(FROM), br(0), END, END);
  emit(i32Const(0), get(MN), vstore(0), i32Const(0), get(MX), vstore(16));
  emit(i32Const(0), i32Const(0), vload(32), get(S), EXT_LO, get(S), EXT_HI, I64X2_ADD, I64X2_ADD, vstore(32));
  emit(i32Const(0), i32Const(0), vload(48), get(QA), get(QB), I64X2_ADD, I64X2_ADD, vstore(48));
  return { locals: [[7, V128]], code: [...b, ...END] };
}

type StatsFns = Record<Kind, (from: number, to: number) => void>;

const newKernel = kernelFactory<StatsFns>(
  () => moduleBytes([[I32, I32]], KINDS.map((kind) => ({ type: 0, name: kind, ...kernelCode(kind) }))),
  (e) => Object.fromEntries(KINDS.map((k) => [k, e[k]])) as StatsFns,
);

const kept = new KeptKernel(() => newKernel(CHUNK_AT + 2 * CHUNK_VOXELS));

export interface IntegerStats {
  min: number;
  max: number;
  /** Exact as BigInt, converted to the nearest float64 (exact up to 2^53). */
  sum: number;
  sumOfSquares: number;
}

/**
 * Exact extremes and sums of a non-empty 8- or 16-bit integer array, or null where WebAssembly
 * SIMD is not available.
 */
export function integerStatsSimd(a: Int8Array | Uint8Array | Int16Array | Uint16Array): IntegerStats | null {
  const kernel = kept.get();
  if (!kernel || a.length === 0) return null;
  const kind: Kind = a instanceof Int16Array ? 'i16' : a instanceof Uint16Array ? 'u16' : a instanceof Int8Array ? 'i8' : 'u8';
  const fn = kernel.fns[kind];
  const buffer = kernel.memory.buffer;
  const width = a.BYTES_PER_ELEMENT;
  const lanes = new Int16Array(buffer, 0, 16);
  // extremes start at the type's greatest (least) value, as 16-bit lanes
  lanes.fill(kind === 'u16' ? -1 : 0x7fff, 0, 8);
  lanes.fill(kind === 'u16' ? 0 : -0x8000, 8, 16);
  const sums = new BigInt64Array(buffer, 32, 4);
  sums.fill(0n);
  const chunk = width === 2 ? new Int16Array(buffer, CHUNK_AT, CHUNK_VOXELS) : new Int8Array(buffer, CHUNK_AT, CHUNK_VOXELS);
  const n = a.length;
  const whole = n - (n & 7);
  for (let start = 0; start < whole; start += CHUNK_VOXELS) {
    const end = Math.min(whole, start + CHUNK_VOXELS);
    chunk.set(a.subarray(start, end) as Int16Array & Int8Array);
    fn(CHUNK_AT, CHUNK_AT + width * (end - start));
  }
  let min = Infinity, max = -Infinity;
  const view = kind === 'u16' ? new Uint16Array(buffer, 0, 16) : lanes;
  for (let l = 0; l < 8; l++) {
    if (view[l] < min) min = view[l];
    if (view[8 + l] > max) max = view[8 + l];
  }
  if (whole === 0) min = Infinity, max = -Infinity;
  let sum = Number(sums[0] + sums[1]), sumOfSquares = Number(sums[2] + sums[3]);
  // the last n mod 8 voxels (integers: exact while the totals are)
  for (let i = whole; i < n; i++) {
    const x = a[i];
    if (x < min) min = x;
    if (x > max) max = x;
    sum += x;
    sumOfSquares += x * x;
  }
  return { min, max, sum, sumOfSquares };
}
