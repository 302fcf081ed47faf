/**
 * ./voxel-stats.ts plainPass of a float32 image in WebAssembly SIMD, with the very same numbers.
 *
 * plainPass keeps four float64 partial sums (and four of squares): after the n mod 4 leading
 * values (all into s0), value head + 4k + j goes into s_j, and the result is (s0 + s1) + (s2 + s3).
 * A float64 sum depends on the order of its additions, so the kernel keeps exactly these four
 * accumulators, in order: s0, s1 as the lanes of one f64x2, s2, s3 of another, each value widened
 * exactly to float64 (f64x2.promote_low_f32x4) and its square formed in float64 (WebAssembly never
 * fuses a multiply into an add), so each accumulator sees the same additions of the same numbers.
 *
 * Extremes: four lanes with f32x4.pmin / pmax, i.e. per lane `if (x < min) min = x` (NaN never
 * taken), started from the leading values' extremes. The least value is then the same number; only
 * its sign can differ when it is zero: plainPass keeps the first zero of the whole scan (-0 < 0 is
 * false), each lane the first of its own. When the lanes holding a zero disagree in sign, the
 * first zero in index order is looked up (and likewise for the greatest value).
 * Integral: f32x4.floor(x) == x per value (false for NaN), as Math.floor(x) === x.
 *
 * The voxels are copied into the kernel's memory a chunk at a time, the accumulators kept in
 * memory between calls (bytes 0..111). Binary format: WebAssembly core specification 2.0,
 * section 5. Without WebAssembly SIMD floatStatsSimd is null and plainPass runs in JavaScript.
 */
import {
  ADD as F64X2_ADD, BLOCK, END, F32X4_EQ, F32X4_FLOOR, F32X4_PMAX, F32X4_PMIN, I32, I32_ADD, I32_GE_S, LOOP, MUL as F64X2_MUL,
  PROMOTE, V128, V128_AND, br, brIf, get, i32 as i32Const, load64Splat, moduleBytes, set, vload, vstore,
} from '../../wasm/assembler.js';
import { KeptKernel, kernelFactory } from '../../wasm/memory.js';

/** Voxels per kernel call (128 KiB of float32: the copy stays in cache for the pass). */
const CHUNK_VOXELS = 32768;
/** Where the chunk starts (after the accumulators). */
const CHUNK_AT = 128;
/** Accumulators' byte offsets: min f32x4, max f32x4, s0 s1, s2 s3, q0 q1, q2 q3 (f64x2), integral mask (i32x4). */
const MN = 0, MX = 16, S01 = 32, S23 = 48, Q01 = 64, Q23 = 80, INT = 96;

/** (from, to): the float32 values in that byte range (a multiple of 16 long), four per step. */
function kernelCode(): { locals: number[][]; code: number[] } {
  const FROM = 0, TO = 1;
  const L = { mn: 2, mx: 3, s01: 4, s23: 5, q01: 6, q23: 7, int: 8, v: 9, lo: 10, hi: 11 };
  const b: number[] = [];
  const emit = (...parts: number[][]) => { for (const p of parts) b.push(...p); };
  const slots: [number, number][] = [[L.mn, MN], [L.mx, MX], [L.s01, S01], [L.s23, S23], [L.q01, Q01], [L.q23, Q23], [L.int, INT]];
  for (const [local, at] of slots) emit(i32Const(0), vload(at), set(local));
  emit(BLOCK, LOOP, get(FROM), get(TO), I32_GE_S, brIf(1));
  emit(get(FROM), vload(0), set(L.v));
  // values 0, 1 widened; values 2, 3 (the upper 8 bytes, loaded into both halves) widened
  emit(get(L.v), PROMOTE, set(L.lo), get(FROM), load64Splat(8), PROMOTE, set(L.hi));
  emit(get(L.mn), get(L.v), F32X4_PMIN, set(L.mn), get(L.mx), get(L.v), F32X4_PMAX, set(L.mx));
  emit(get(L.int), get(L.v), F32X4_FLOOR, get(L.v), F32X4_EQ, V128_AND, set(L.int));
  emit(get(L.s01), get(L.lo), F64X2_ADD, set(L.s01), get(L.s23), get(L.hi), F64X2_ADD, set(L.s23));
  emit(get(L.q01), get(L.lo), get(L.lo), F64X2_MUL, F64X2_ADD, set(L.q01));
  emit(get(L.q23), get(L.hi), get(L.hi), F64X2_MUL, F64X2_ADD, set(L.q23));
  emit(get(FROM), i32Const(16), I32_ADD, set(FROM), br(0), END, END);
  for (const [local, at] of slots) emit(i32Const(0), get(local), vstore(at));
  return { locals: [[10, V128]], code: [...b, ...END] };
}

const newKernel = kernelFactory<(from: number, to: number) => void>(
  () => moduleBytes([[I32, I32]], [{ type: 0, name: 'f32', ...kernelCode() }]),
  (e) => e.f32 as (from: number, to: number) => void,
);

const kept = new KeptKernel(() => newKernel(CHUNK_AT + 4 * CHUNK_VOXELS));

/** What plainPass returns. */
export interface PassResult {
  min: number;
  max: number;
  /** 1 when every value satisfied Math.floor(x) === x, else 0. */
  integral: number;
  sum: number;
  sumOfSquares: number;
}

/** plainPass of a float32 array (the same numbers), or null where WebAssembly SIMD is not available. */
export function floatStatsSimd(a: Float32Array): PassResult | null {
  const kernel = kept.get();
  if (!kernel) return null;
  const fn = kernel.fns;
  const buffer = kernel.memory.buffer;
  const n = a.length;
  const head = n & 3;
  // the leading values, into s0 (plainPass's head loop)
  let min = Infinity, max = -Infinity, s0 = 0, q0 = 0, integral = 1;
  for (let i = 0; i < head; i++) {
    const w = a[i];
    s0 += w;
    q0 += w * w;
    if (w < min) min = w;
    if (w > max) max = w;
    integral &= +(Math.floor(w) === w);
  }
  const ext = new Float32Array(buffer, 0, 8);
  ext.fill(min, 0, 4);
  ext.fill(max, 4, 8);
  const sums = new Float64Array(buffer, S01, 8);
  sums.fill(0);
  sums[0] = s0;
  sums[4] = q0;
  const mask = new Int32Array(buffer, INT, 4);
  mask.fill(-1);
  const chunk = new Float32Array(buffer, CHUNK_AT, CHUNK_VOXELS);
  for (let start = head; start < n; start += CHUNK_VOXELS) {
    const end = Math.min(n, start + CHUNK_VOXELS);
    chunk.set(a.subarray(start, end));
    fn(CHUNK_AT, CHUNK_AT + 4 * (end - start));
  }
  for (let l = 0; l < 4; l++) {
    if (ext[l] < min) min = ext[l];
    if (ext[4 + l] > max) max = ext[4 + l];
    integral &= +(mask[l] === -1);
  }
  if (min === 0) min = zeroInIndexOrder(a, ext, 0);
  if (max === 0) max = zeroInIndexOrder(a, ext, 4);
  return { min, max, integral, sum: (sums[0] + sums[1]) + (sums[2] + sums[3]), sumOfSquares: (sums[4] + sums[5]) + (sums[6] + sums[7]) };
}

/**
 * The zero a scan in index order keeps as the extreme when the extreme is zero: the lanes' own
 * (ext[at .. at + 4), each its lane's first) when those that are zero agree in sign, else the
 * first zero of `a`.
 */
function zeroInIndexOrder(a: Float32Array, ext: Float32Array, at: number): number {
  let negative = false, positive = false;
  for (let l = at; l < at + 4; l++) {
    if (ext[l] !== 0) continue;
    if (Object.is(ext[l], -0)) negative = true;
    else positive = true;
  }
  if (!(negative && positive)) return negative ? -0 : 0;
  for (let i = 0; i < a.length; i++) if (a[i] === 0) return a[i];
  return 0;
}
