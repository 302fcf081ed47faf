/**
 * A few WebAssembly instructions as bytes, enough to write small numeric kernels by hand, and the
 * module layout they go into: WebAssembly core specification 2.0, section 5 "Binary format" (the
 * 0xfd-prefixed vector instructions come from the fixed-width SIMD proposal, merged into 2.0).
 * Every module imports its memory as m.memory (./memory.ts gives each instance one, and a new one,
 * never a grown one, when more is needed).
 */

/** Unsigned and signed LEB128 (section 5.2.2). */
export const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
/** i32.const takes a signed LEB128: a non-negative n whose top 7-bit group has bit 6 set needs one more byte. */
export const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
};
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
export const str = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

// value types
export const I32 = 0x7f, F64 = 0x7c, V128 = 0x7b;

// control
export const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], IF = [0x04, 0x40], END = [0x0b];
export const br = (depth: number) => [0x0c, depth];
export const brIf = (depth: number) => [0x0d, depth];

// locals and constants
export const get = (i: number) => [0x20, ...uleb(i)];
export const set = (i: number) => [0x21, ...uleb(i)];
export const i32 = (n: number) => [0x41, ...sleb(n)];
export const f64Const = (v: number) => [0x44, ...new Uint8Array(Float64Array.of(v).buffer)];

// integer and scalar float64 arithmetic
export const I32_ADD = [0x6a], I32_SUB = [0x6b], I32_MUL = [0x6c], I32_AND = [0x71];
export const I32_LT_S = [0x48], I32_LE_S = [0x4c], I32_GE_S = [0x4e];
export const F64_ADD = [0xa0], F64_SUB = [0xa1], F64_MUL = [0xa2];

// scalar loads and stores (alignment hint, offset)
export const i32Load = (offset: number) => [0x28, 0x02, ...uleb(offset)];
export const F64_LOAD = (offset: number) => [0x2b, 0x03, ...uleb(offset)];
export const F64_STORE = (offset: number) => [0x39, 0x03, ...uleb(offset)];

/** Narrow scalar loads widened to i32 (i32.load8_s/_u, i32.load16_s/_u), f32.load, and conversions to float64 (exact for these). */
export const i32Load8 = (signed: boolean, offset: number) => [signed ? 0x2c : 0x2d, 0x00, ...uleb(offset)];
export const i32Load16 = (signed: boolean, offset: number) => [signed ? 0x2e : 0x2f, 0x01, ...uleb(offset)];
export const f32Load = (offset: number) => [0x2a, 0x02, ...uleb(offset)];
export const F64_CONVERT_I32_S = [0xb7], F64_CONVERT_I32_U = [0xb8], F64_PROMOTE_F32 = [0xbb];

// vector (f64x2) instructions
const SIMD = 0xfd;
export const vload = (offset: number) => [SIMD, 0x00, 0x03, ...uleb(offset)];
export const vstore = (offset: number) => [SIMD, 0x0b, 0x03, ...uleb(offset)];
/** v128.load64_splat and v128.load64_lane 1 (a float64 into both lanes, into the upper lane). */
export const load64Splat = (offset: number) => [SIMD, 0x0a, 0x03, ...uleb(offset)];
export const load64Lane1 = (offset: number) => [SIMD, ...uleb(0x57), 0x03, ...uleb(offset), 1];
export const V128_ZERO = [SIMD, 0x0c, ...new Array<number>(16).fill(0)];
export const SPLAT = [SIMD, 0x14], ADD = [SIMD, ...uleb(0xf0)], SUB = [SIMD, ...uleb(0xf1)], MUL = [SIMD, ...uleb(0xf2)];
/** f64x2.replace_lane 1 (a float64 into the upper lane) and f64x2.extract_lane. */
export const REPLACE_LANE1 = [SIMD, 0x22, 0x01];
export const extractLane = (lane: number) => [SIMD, 0x21, lane];
/** f32x4.demote_f64x2_zero and f64x2.promote_low_f32x4: rounding to float32 and back. */
export const DEMOTE = [SIMD, 0x5e], PROMOTE = [SIMD, 0x5f];

// integer vector instructions, for exact sums of 8- and 16-bit voxels (widened as they are added)
/** i16x8.load8x8_s / i16x8.load8x8_u: 8 bytes widened to 8 signed / unsigned 16-bit lanes. */
export const load8x8 = (signed: boolean, offset: number) => [SIMD, signed ? 0x01 : 0x02, 0x03, ...uleb(offset)];
export const I16X8_MIN_S = [SIMD, ...uleb(0x96)], I16X8_MIN_U = [SIMD, ...uleb(0x97)];
export const I16X8_MAX_S = [SIMD, ...uleb(0x98)], I16X8_MAX_U = [SIMD, ...uleb(0x99)];
/** i32x4.extadd_pairwise_i16x8_s / _u: lane k = x_2k + x_2k+1. */
export const I32X4_EXTADD_PAIRWISE_I16X8_S = [SIMD, ...uleb(0x7e)], I32X4_EXTADD_PAIRWISE_I16X8_U = [SIMD, ...uleb(0x7f)];
export const I32X4_ADD = [SIMD, ...uleb(0xae)];
/** i32x4.dot_i16x8_s: lane k = a_2k b_2k + a_2k+1 b_2k+1 (wrapping: 2 * (-32768)^2 reads 2^31 as unsigned). */
export const I32X4_DOT_I16X8_S = [SIMD, ...uleb(0xba)];
/** i32x4.extmul_low_i16x8_u / _high_: full 32-bit products of the low / high four unsigned 16-bit lanes. */
export const I32X4_EXTMUL_LOW_I16X8_U = [SIMD, ...uleb(0xbe)], I32X4_EXTMUL_HIGH_I16X8_U = [SIMD, ...uleb(0xbf)];
/** i64x2.extend_low_i32x4_s / high_s / low_u / high_u, and i64x2.add. */
export const I64X2_EXTEND_LOW_I32X4_S = [SIMD, ...uleb(0xc7)], I64X2_EXTEND_HIGH_I32X4_S = [SIMD, ...uleb(0xc8)];
export const I64X2_EXTEND_LOW_I32X4_U = [SIMD, ...uleb(0xc9)], I64X2_EXTEND_HIGH_I32X4_U = [SIMD, ...uleb(0xca)];
export const I64X2_ADD = [SIMD, ...uleb(0xce)];

// scalar instructions for the MCC kernels (src/features/texture/mcc-*.ts): i32.store, f64.div,
// f64.sqrt (both IEEE binary64, correctly rounded, as JavaScript's / and Math.sqrt), f64
// comparisons (results i32), i32.eq / ne / gt_s, select
export const i32Store = (offset: number) => [0x36, 0x02, ...uleb(offset)];
export const F64_DIV = [0xa3], F64_SQRT = [0x9f], F64_NEG = [0x9a];
export const F64_EQ = [0x61], F64_NE = [0x62], F64_LT = [0x63], F64_GT = [0x64], F64_LE = [0x65], F64_GE = [0x66];
export const I32_EQ = [0x46], I32_NE = [0x47], I32_GT_S = [0x4a], SELECT = [0x1b];
/** call of function f (an index into the module's functions). */
export const call = (f: number) => [0x10, ...uleb(f)];

// for the texture counting kernels (src/features/texture/*-wasm.ts): i32.store8 (the low byte),
// local.tee (set, the value kept on the stack), i32.shl, i32.lt_u, i32.ge_u
export const i32Store8 = (offset: number) => [0x3a, 0x00, ...uleb(offset)];
export const tee = (i: number) => [0x22, ...uleb(i)];
export const I32_SHL = [0x74], I32_LT_U = [0x49], I32_GE_U = [0x4f];

/** A function of a module: its type's index, its locals as (count, type) runs, its code ending with END. */
export interface WasmFunction { type: number; name: string; locals: number[][]; code: number[] }

/**
 * A module of functions (types: parameter lists, no results), each exported under its name,
 * with its memory imported as m.memory (at least one 64 KiB page).
 */
export function moduleBytes(types: number[][], functions: WasmFunction[]): Uint8Array {
  const body = (f: WasmFunction) => {
    const b = [...vec(f.locals.map(([n, t]) => [...uleb(n), t])), ...f.code];
    return [...uleb(b.length), ...b];
  };
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types.map((params) => [0x60, ...vec(params.map((t) => [t])), 0x00]))),
    ...section(2, vec([[...str('m'), ...str('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vec(functions.map((f) => [f.type]))),
    ...section(7, vec(functions.map((f, i) => [...str(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(functions.map(body))),
  ]);
}

// for the float32 voxel statistics (src/image/preprocess/voxel-stats-float.ts): f32x4.pmin / pmax
// (b < a ? b : a, a < b ? b : a: NaN in b never taken, the first of -0 and 0 kept, as a JavaScript
// `if (x < min) min = x`), f32x4.floor, f32x4.eq (all-ones lanes where equal), v128.and
export const F32X4_PMIN = [SIMD, ...uleb(0xea)], F32X4_PMAX = [SIMD, ...uleb(0xeb)];
export const F32X4_FLOOR = [SIMD, ...uleb(0x68)], F32X4_EQ = [SIMD, ...uleb(0x41)], V128_AND = [SIMD, ...uleb(0x4e)];
