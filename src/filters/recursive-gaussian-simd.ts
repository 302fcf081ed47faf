/**
 * The steady-state loops of the recursive Gaussian (recursive-gaussian.ts) in WebAssembly SIMD, for
 * lines laid out as lanes (element i of lane l at [i * lanes + l], lanes a multiple of 4): four
 * lanes at a time as two f64x2 recursions, so that two independent chains hide each other's
 * latency and each instruction does two lanes' work. f64x2 mul, add and sub are the IEEE double
 * operations on each half (no fused multiply-add; WebAssembly SIMD 128 spec, "f64x2.mul" etc.), and
 * the terms are added in filterLine's order, so every lane gets filterLine's numbers bit for bit.
 *
 * The module is written here as bytes (WebAssembly binary format, core spec 1.0 section 5, and the
 * SIMD proposal's opcodes 0xfd xx): its functions and an imported memory (../wasm/). Where
 * WebAssembly SIMD is missing, `simdKernels()` returns null and the caller keeps its JavaScript
 * loops.
 *
 * Memory layout the caller sets up (byte offsets): the 12 coefficients n0..n3, d1..d4, m1..m4 and
 * a scale as float64 at `coef`; the input lines at `data`, the causal values at `out`, the
 * anti-causal values of the last four elements at `tail` (row r = element ln - 1 - r), each with
 * its own row size in bytes (lanes adjacent in every row).
 */

import {
  ADD, BLOCK, DEMOTE, END, F64_LOAD, F64_STORE, I32, I32_ADD, I32_GE_S, I32_LE_S, I32_MUL, I32_SUB, LOOP, MUL, PROMOTE, REPLACE_LANE1, SPLAT, SUB, V128,
  extractLane,
  br, brIf, get, i32, moduleBytes, set, vload, vstore,
} from '../wasm/assembler.js';
import { KeptKernel, kernelFactory, type WasmKernel } from '../wasm/memory.js';

/**
 * causal(out, data, outRowBytes, dataRowBytes, steps, groups, coef): rows 4 .. 3 + steps of out
 * from rows 0..3 (already there) and data's rows; `groups` groups of 4 lanes.
 */
export type CausalKernel = (out: number, data: number, outRowBytes: number, dataRowBytes: number, steps: number, groups: number, coef: number) => void;
/**
 * anticausal(out, data, tail, outRowBytes, dataRowBytes, ln, quiet, steps, groups, coef, dst,
 * dstRowBytes): from the tail rows (out's row size), the values of rows ln - 5 downwards: `quiet`
 * rows computed only, then `steps` rows whose sums out + value are kept (SumMode): 'out' into
 * out's row; 'store' into dst's row rounded to float32; 'add' as dst + float32(sum) * scale
 * rounded to float32 (scale at coef + 96). dst holds float32 values as float64.
 */
export type AnticausalKernel = (
  out: number, data: number, tail: number, outRowBytes: number, dataRowBytes: number, ln: number, quiet: number, steps: number,
  groups: number, coef: number, dst: number, dstRowBytes: number,
) => void;

/**
 * The same loops for 4 lanes that are rows of a volume (lane l at l * laneStride bytes from lane
 * 0, element i at 8 i bytes): data and dst in that layout, out and tail in the lanes layout (4
 * lanes, rows of 32 bytes); one group per call. causalRows(out, data, outRowBytes, dataRowBytes,
 * steps, groups, coef, laneStride); anticausalRows[mode](..., dst, dstRowBytes, laneStride).
 */
export type CausalRowsKernel = (
  out: number, data: number, outRowBytes: number, dataRowBytes: number, steps: number, groups: number, coef: number, laneStride: number,
) => void;
export type AnticausalRowsKernel = (
  out: number, data: number, tail: number, outRowBytes: number, dataRowBytes: number, ln: number, quiet: number, steps: number,
  groups: number, coef: number, dst: number, dstRowBytes: number, laneStride: number,
) => void;

/** The kernels' functions (of the current instance: WasmKernel.fns). */
export interface SimdFns {
  causal: CausalKernel;
  anticausal: Record<SumMode, AnticausalKernel>;
  causalRows: CausalRowsKernel;
  anticausalRows: Record<'store' | 'add', AnticausalRowsKernel>;
}

/** An instance of the kernels with its memory (../wasm/memory.ts: a new memory, never a grown one, when more is needed). */
export type SimdKernels = WasmKernel<SimdFns>;

/** The registers of one f64x2 chain: three past inputs, four past outputs. */
interface Chain { x1: number; x2: number; x3: number; y1: number; y2: number; y3: number; y4: number; t: number; y: number; off: number }

/**
 * One step of a chain: y = ((t c0 + x1 c1) + x2 c2) + x3 c3 - (((y1 d1 + y2 d2) + y3 d3) + y4 d4),
 * then the registers shift (filterLine's expression and order).
 */
function step(ch: Chain, c: number[], d: number[]): number[] {
  return [
    ...get(ch.t), ...get(c[0]), ...MUL, ...get(ch.x1), ...get(c[1]), ...MUL, ...ADD,
    ...get(ch.x2), ...get(c[2]), ...MUL, ...ADD, ...get(ch.x3), ...get(c[3]), ...MUL, ...ADD,
    ...get(ch.y1), ...get(d[0]), ...MUL, ...get(ch.y2), ...get(d[1]), ...MUL, ...ADD,
    ...get(ch.y3), ...get(d[2]), ...MUL, ...ADD, ...get(ch.y4), ...get(d[3]), ...MUL, ...ADD,
    ...SUB, ...set(ch.y),
  ];
}

function shift(ch: Chain): number[] {
  return [
    ...get(ch.x2), ...set(ch.x3), ...get(ch.x1), ...set(ch.x2), ...get(ch.t), ...set(ch.x1),
    ...get(ch.y3), ...set(ch.y4), ...get(ch.y2), ...set(ch.y3), ...get(ch.y1), ...set(ch.y2), ...get(ch.y), ...set(ch.y1),
  ];
}

/** v128 load from param `ptr` + local `base` + rowBytes (a param) * row into local `dst`. */
function loadRow(ptr: number, base: number, rowBytes: number, rowExpr: number[], off: number, dst: number): number[] {
  return [...get(ptr), ...get(base), ...get(rowBytes), ...rowExpr, ...I32_MUL, ...I32_ADD, ...I32_ADD, ...vload(off), ...set(dst)];
}

/**
 * Locals after the params: i32 g (group), base (its byte offset), pd / po / pq (the current row's
 * byte offset in data / out / dst), k (steps left); v128 coefficients, the scale, two chains.
 */
function layout(nParams: number) {
  const g = nParams, base = nParams + 1, pd = nParams + 2, po = nParams + 3, pq = nParams + 4, k = nParams + 5;
  let v = nParams + 6;
  const c = [v++, v++, v++, v++], d = [v++, v++, v++, v++], scale = v++;
  const chain = (off: number): Chain => ({ x1: v++, x2: v++, x3: v++, y1: v++, y2: v++, y3: v++, y4: v++, t: v++, y: v++, off });
  const a = chain(0), b = chain(16);
  const sum = v++;
  // rows layout: the byte offsets of lanes 1, 2, 3 from lane 0
  const lanes = [v, v + 1, v + 2];
  return { g, base, pd, po, pq, k, c, d, scale, a, b, sum, lanes, locals: [[6, I32], [v - (nParams + 6), V128], [3, I32]] };
}

/**
 * The data and dst volumes' lanes: 'lanes', a chain's two lanes adjacent (at the chain's memarg
 * offset); 'rows', lane l of a group at l * laneStride bytes (4 rows along x of a volume).
 */
type LaneLayout = 'lanes' | 'rows';

/** Byte offset of lane k (0, 1) of chain ch from lane 0 of the group, added to the address on the stack (rows layout). */
function laneAdd(L: Layout, ch: Chain, k: number): number[] {
  const idx = (ch === L.a ? 0 : 2) + k;
  return idx === 0 ? [] : [...get(L.lanes[idx - 1]), ...I32_ADD];
}

/** The pair of values of chain ch at the address `addr` computes (lane 0 of the group). */
function loadPair(L: Layout, ll: LaneLayout, addr: number[], ch: Chain): number[] {
  if (ll === 'lanes') return [...addr, ...vload(ch.off)];
  return [...addr, ...laneAdd(L, ch, 0), ...F64_LOAD(0), ...SPLAT, ...addr, ...laneAdd(L, ch, 1), ...F64_LOAD(0), ...REPLACE_LANE1];
}

/** Stores the pair `value` computes for chain ch at `addr` (lane 0 of the group); uses L.sum as scratch. */
function storePair(L: Layout, ll: LaneLayout, addr: number[], ch: Chain, value: number[]): number[] {
  if (ll === 'lanes') return [...addr, ...value, ...vstore(ch.off)];
  return [
    ...value, ...set(L.sum),
    ...addr, ...laneAdd(L, ch, 0), ...get(L.sum), ...extractLane(0), ...F64_STORE(0),
    ...addr, ...laneAdd(L, ch, 1), ...get(L.sum), ...extractLane(1), ...F64_STORE(0),
  ];
}

/** lanes[k] = (k + 1) * laneStride (rows layout). */
function laneOffsets(L: Layout, strideParam: number): number[] {
  return [1, 2, 3].flatMap((m, k) => [...get(strideParam), ...i32(m), ...I32_MUL, ...set(L.lanes[k])]);
}
type Layout = ReturnType<typeof layout>;

function splats(coefParam: number, regs: number[], firstOffset: number): number[] {
  return regs.flatMap((r, i) => [...get(coefParam), ...F64_LOAD(firstOffset + 8 * i), ...SPLAT, ...set(r)]);
}

/** Loop over the groups of 4 lanes (32 bytes): base = g * 32; `body` runs with it. */
function overGroups(L: Layout, groupsParam: number, body: number[]): number[] {
  return [
    ...i32(0), ...set(L.g),
    ...BLOCK, ...LOOP,
    ...get(L.g), ...get(groupsParam), ...I32_GE_S, ...brIf(1),
    ...get(L.g), ...i32(32), ...I32_MUL, ...set(L.base),
    ...body,
    ...get(L.g), ...i32(1), ...I32_ADD, ...set(L.g), ...br(0),
    ...END, ...END,
  ];
}

/** `body` run `count` (a local or param) times. */
function repeat(L: Layout, count: number, body: number[]): number[] {
  return [
    ...get(count), ...set(L.k),
    ...BLOCK, ...LOOP,
    ...get(L.k), ...i32(0), ...I32_LE_S, ...brIf(1),
    ...body,
    ...get(L.k), ...i32(1), ...I32_SUB, ...set(L.k), ...br(0),
    ...END, ...END,
  ];
}

/** local = base + rowBytes * row. */
const rowOffset = (L: Layout, local: number, rowBytes: number, rowExpr: number[]) =>
  [...get(L.base), ...get(rowBytes), ...rowExpr, ...I32_MUL, ...I32_ADD, ...set(local)];

function causalBody(ll: LaneLayout = 'lanes'): { locals: number[][]; code: number[] } {
  // params: out 0, data 1, outRowBytes 2, dataRowBytes 3, steps 4, groups 5, coef 6 (rows: laneStride 7)
  const OUT = 0, DATA = 1, ORB = 2, DRB = 3, STEPS = 4, GROUPS = 5, COEF = 6, LS = 7;
  const L = layout(ll === 'rows' ? 8 : 7);
  const dataRow = (row: number, ch: Chain, dst: number) =>
    [...loadPair(L, ll, [...get(DATA), ...get(L.base), ...get(DRB), ...i32(row), ...I32_MUL, ...I32_ADD, ...I32_ADD], ch), ...set(dst)];
  const init = (ch: Chain) => [
    ...dataRow(3, ch, ch.x1), ...dataRow(2, ch, ch.x2), ...dataRow(1, ch, ch.x3),
    ...loadRow(OUT, L.base, ORB, i32(3), ch.off, ch.y1), ...loadRow(OUT, L.base, ORB, i32(2), ch.off, ch.y2),
    ...loadRow(OUT, L.base, ORB, i32(1), ch.off, ch.y3), ...loadRow(OUT, L.base, ORB, i32(0), ch.off, ch.y4),
  ];
  const one = (ch: Chain) => [
    ...loadPair(L, ll, [...get(DATA), ...get(L.pd), ...I32_ADD], ch), ...set(ch.t),
    ...step(ch, L.c, L.d),
    ...get(OUT), ...get(L.po), ...I32_ADD, ...get(ch.y), ...vstore(ch.off),
  ];
  const code = [
    ...(ll === 'rows' ? laneOffsets(L, LS) : []),
    ...splats(COEF, L.c, 0), ...splats(COEF, L.d, 32),
    ...overGroups(L, GROUPS, [
      ...init(L.a), ...init(L.b),
      ...rowOffset(L, L.pd, DRB, i32(4)), ...rowOffset(L, L.po, ORB, i32(4)),
      ...repeat(L, STEPS, [
        ...one(L.a), ...one(L.b), ...shift(L.a), ...shift(L.b),
        ...get(L.pd), ...get(DRB), ...I32_ADD, ...set(L.pd),
        ...get(L.po), ...get(ORB), ...I32_ADD, ...set(L.po),
      ]),
    ]),
    ...END,
  ];
  return { locals: L.locals, code };
}

/** Where the anti-causal loop puts element i - 1's sum out + value. */
export type SumMode = 'out' | 'store' | 'add';

function anticausalBody(mode: SumMode, ll: LaneLayout = 'lanes'): { locals: number[][]; code: number[] } {
  // params: out 0, data 1, tail 2, outRowBytes 3, dataRowBytes 4, ln 5, quiet 6, steps 7, groups 8, coef 9, dst 10,
  // dstRowBytes 11 (rows: laneStride 12, the same for data and dst)
  const OUT = 0, DATA = 1, TAIL = 2, ORB = 3, DRB = 4, LN = 5, QUIET = 6, STEPS = 7, GROUPS = 8, COEF = 9, DST = 10, QRB = 11, LS = 12;
  const L = layout(ll === 'rows' ? 13 : 12);
  const lnMinus = (k: number) => [...get(LN), ...i32(k), ...I32_SUB];
  const dataRow = (k: number, ch: Chain, dst: number) =>
    [...loadPair(L, ll, [...get(DATA), ...get(L.base), ...get(DRB), ...lnMinus(k), ...I32_MUL, ...I32_ADD, ...I32_ADD], ch), ...set(dst)];
  // (x1, x2, x3) hold the inputs of elements i + 1, i + 2, i + 3; (y1 .. y4) the values of i .. i + 3
  const init = (ch: Chain) => [
    ...dataRow(3, ch, ch.x1), ...dataRow(2, ch, ch.x2), ...dataRow(1, ch, ch.x3),
    ...loadRow(TAIL, L.base, ORB, i32(3), ch.off, ch.y1), ...loadRow(TAIL, L.base, ORB, i32(2), ch.off, ch.y2),
    ...loadRow(TAIL, L.base, ORB, i32(1), ch.off, ch.y3), ...loadRow(TAIL, L.base, ORB, i32(0), ch.off, ch.y4),
  ];
  // element i - 1 from the input of i and the registers
  const value = (ch: Chain) => [
    ...loadPair(L, ll, [...get(DATA), ...get(L.pd), ...I32_ADD], ch), ...set(ch.t),
    ...step(ch, L.c, L.d),
  ];
  // out's row i - 1 is at po - outRowBytes, dst's at pq - dstRowBytes
  const outAddr = [...get(OUT), ...get(L.po), ...I32_ADD, ...get(ORB), ...I32_SUB];
  const dstAddr = [...get(DST), ...get(L.pq), ...I32_ADD, ...get(QRB), ...I32_SUB];
  const ROUND = [...DEMOTE, ...PROMOTE]; // to float32 and back (Math.fround)
  const put = (ch: Chain): number[] => {
    const sum = [...outAddr, ...vload(ch.off), ...get(ch.y), ...ADD];
    if (mode === 'out') return [...outAddr, ...sum, ...vstore(ch.off)];
    if (mode === 'store') return storePair(L, ll, dstAddr, ch, [...sum, ...ROUND]);
    // dst = float32(dst + float32(sum) * scale)
    return storePair(L, ll, dstAddr, ch, [...loadPair(L, ll, dstAddr, ch), ...sum, ...ROUND, ...get(L.scale), ...MUL, ...ADD, ...ROUND]);
  };
  const advance = [
    ...get(L.pd), ...get(DRB), ...I32_SUB, ...set(L.pd),
    ...get(L.po), ...get(ORB), ...I32_SUB, ...set(L.po),
    ...get(L.pq), ...get(QRB), ...I32_SUB, ...set(L.pq),
  ];
  const code = [
    ...(ll === 'rows' ? laneOffsets(L, LS) : []),
    // the anti-causal coefficients m1..m4 (at 64) take the place of n0..n3; the scale at 96
    ...splats(COEF, L.c, 64), ...splats(COEF, L.d, 32), ...splats(COEF, [L.scale], 96),
    ...overGroups(L, GROUPS, [
      ...init(L.a), ...init(L.b),
      ...rowOffset(L, L.pd, DRB, lnMinus(4)), ...rowOffset(L, L.po, ORB, lnMinus(4)), ...rowOffset(L, L.pq, QRB, lnMinus(4)),
      // first the values no one wants (elements at or above hi), then those whose sums are wanted
      ...repeat(L, QUIET, [...value(L.a), ...value(L.b), ...shift(L.a), ...shift(L.b), ...advance]),
      ...repeat(L, STEPS, [...value(L.a), ...value(L.b), ...put(L.a), ...put(L.b), ...shift(L.a), ...shift(L.b), ...advance]),
    ]),
    ...END,
  ];
  return { locals: L.locals, code };
}

function kernelBytes(): Uint8Array {
  const ints = (n: number) => Array.from({ length: n }, () => I32);
  return moduleBytes([ints(7), ints(12), ints(8), ints(13)], [
    { type: 0, name: 'causal', ...causalBody() },
    { type: 1, name: 'anticausalOut', ...anticausalBody('out') },
    { type: 1, name: 'anticausalStore', ...anticausalBody('store') },
    { type: 1, name: 'anticausalAdd', ...anticausalBody('add') },
    { type: 2, name: 'causalRows', ...causalBody('rows') },
    { type: 3, name: 'anticausalRowsStore', ...anticausalBody('store', 'rows') },
    { type: 3, name: 'anticausalRowsAdd', ...anticausalBody('add', 'rows') },
  ]);
}

/**
 * A fresh instance of the kernels (its own memory, zeroed), or null without WebAssembly SIMD.
 */
export const newSimdKernels = kernelFactory(kernelBytes, (exports): SimdFns => {
  const e = exports as {
    causal: CausalKernel; anticausalOut: AnticausalKernel; anticausalStore: AnticausalKernel; anticausalAdd: AnticausalKernel;
    causalRows: CausalRowsKernel; anticausalRowsStore: AnticausalRowsKernel; anticausalRowsAdd: AnticausalRowsKernel;
  };
  return {
    causal: e.causal, anticausal: { out: e.anticausalOut, store: e.anticausalStore, add: e.anticausalAdd },
    causalRows: e.causalRows, anticausalRows: { store: e.anticausalRowsStore, add: e.anticausalRowsAdd },
  };
});

/** A float64 view of the kernels' memory, at least `bytes` long (a new memory when the current one is shorter). */
export function memoryOf(k: SimdKernels, bytes: number): Float64Array {
  return new Float64Array(k.reserve(bytes));
}

const shared = new KeptKernel(() => newSimdKernels());

/** Kernels shared by the passes that only keep lane sets in the memory (built once), or null without WebAssembly SIMD. */
export function simdKernels(): SimdKernels | null {
  return shared.get();
}
