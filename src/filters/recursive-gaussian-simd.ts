/**
 * The steady-state loops of the recursive Gaussian (recursive-gaussian.ts) in WebAssembly SIMD, for
 * lines laid out as lanes (element i of lane l at [i * lanes + l], lanes a multiple of 4): four
 * lanes at a time as two f64x2 recursions, so that two independent chains hide each other's
 * latency and each instruction does two lanes' work. f64x2 mul, add and sub are the IEEE double
 * operations on each half (no fused multiply-add; WebAssembly SIMD 128 spec, "f64x2.mul" etc.), and
 * the terms are added in filterLine's order, so every lane gets filterLine's numbers bit for bit.
 *
 * The module is written here as bytes (WebAssembly binary format, core spec 1.0 section 5, and the
 * SIMD proposal's opcodes 0xfd xx): two functions and an exported memory. Where WebAssembly SIMD
 * is missing, `simdKernels()` returns null and the caller keeps its JavaScript loops.
 *
 * Memory layout the caller sets up (byte offsets): the 12 coefficients n0..n3, d1..d4, m1..m4 as
 * float64 at `coef`; the input lines at `data`, the causal (then summed) values at `out`, the
 * anti-causal values of the last four elements at `tail` (row r = element ln - 1 - r), each row
 * `rowBytes` = lanes * 8 bytes long.
 */

/** causal(out, data, rowBytes, steps, groups, coef): rows 4 .. 3 + steps from rows 0..3 (already in out). */
export type CausalKernel = (out: number, data: number, rowBytes: number, steps: number, groups: number, coef: number) => void;
/**
 * anticausal(out, data, tail, rowBytes, ln, steps, groups, coef): from the tail rows, the values of
 * rows ln - 5 down to ln - 4 - steps, each added to out's row (out + value).
 */
export type AnticausalKernel = (
  out: number, data: number, tail: number, rowBytes: number, ln: number, steps: number, groups: number, coef: number,
) => void;

/** The module's memory (WebAssembly.Memory: the project's TypeScript libraries do not declare it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The part of the WebAssembly global used here. */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

export interface SimdKernels {
  memory: WasmMemory;
  causal: CausalKernel;
  anticausal: AnticausalKernel;
}

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const str = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

// instructions
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32 = (n: number) => [0x41, ...sleb(n)];
const I32_ADD = [0x6a], I32_SUB = [0x6b], I32_MUL = [0x6c], I32_LE_S = [0x4c], I32_GE_S = [0x4e];
const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], END = [0x0b];
const br = (depth: number) => [0x0c, depth];
const brIf = (depth: number) => [0x0d, depth];
const vload = (offset: number) => [0xfd, 0x00, 0x03, ...uleb(offset)];
const vstore = (offset: number) => [0xfd, 0x0b, 0x03, ...uleb(offset)];
const F64_LOAD = (offset: number) => [0x2b, 0x03, ...uleb(offset)];
const SPLAT = [0xfd, 0x14], ADD = [0xfd, 0xf0, 0x01], SUB = [0xfd, 0xf1, 0x01], MUL = [0xfd, 0xf2, 0x01];
const V128 = 0x7b, I32 = 0x7f;

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

/** v128 load of row `row` (a local holding a byte offset, plus base) from pointer param `ptr` into local `dst`. */
function loadRow(ptr: number, base: number, rowBytes: number, rowExpr: number[], off: number, dst: number): number[] {
  return [...get(ptr), ...get(base), ...get(rowBytes), ...rowExpr, ...I32_MUL, ...I32_ADD, ...I32_ADD, ...vload(off), ...set(dst)];
}

/** Local layout shared by both functions after their params: i32 g, base, p, k; v128 coefficients and two chains. */
function layout(nParams: number) {
  const g = nParams, base = nParams + 1, p = nParams + 2, k = nParams + 3;
  let v = nParams + 4;
  const c = [v++, v++, v++, v++], d = [v++, v++, v++, v++];
  const chain = (off: number): Chain => ({ x1: v++, x2: v++, x3: v++, y1: v++, y2: v++, y3: v++, y4: v++, t: v++, y: v++, off });
  const a = chain(0), b = chain(16);
  return { g, base, p, k, c, d, a, b, locals: [[4, I32], [v - (nParams + 4), V128]] };
}

function splats(coefParam: number, regs: number[], firstOffset: number): number[] {
  return regs.flatMap((r, i) => [...get(coefParam), ...F64_LOAD(firstOffset + 8 * i), ...SPLAT, ...set(r)]);
}

/** Loop over the groups of 4 lanes (32 bytes): base = g * 32; `body` runs with it. */
function overGroups(L: ReturnType<typeof layout>, groupsParam: number, body: number[]): number[] {
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

/** Loop `k` = steps down to 1 around `body`. */
function overSteps(L: ReturnType<typeof layout>, stepsParam: number, body: number[]): number[] {
  return [
    ...get(stepsParam), ...set(L.k),
    ...BLOCK, ...LOOP,
    ...get(L.k), ...i32(0), ...I32_LE_S, ...brIf(1),
    ...body,
    ...get(L.k), ...i32(1), ...I32_SUB, ...set(L.k), ...br(0),
    ...END, ...END,
  ];
}

function causalBody(): { locals: number[][]; code: number[] } {
  // params: out 0, data 1, rowBytes 2, steps 3, groups 4, coef 5
  const OUT = 0, DATA = 1, RB = 2, STEPS = 3, GROUPS = 4, COEF = 5;
  const L = layout(6);
  const init = (ch: Chain) => [
    ...loadRow(DATA, L.base, RB, i32(3), ch.off, ch.x1), ...loadRow(DATA, L.base, RB, i32(2), ch.off, ch.x2),
    ...loadRow(DATA, L.base, RB, i32(1), ch.off, ch.x3),
    ...loadRow(OUT, L.base, RB, i32(3), ch.off, ch.y1), ...loadRow(OUT, L.base, RB, i32(2), ch.off, ch.y2),
    ...loadRow(OUT, L.base, RB, i32(1), ch.off, ch.y3), ...loadRow(OUT, L.base, RB, i32(0), ch.off, ch.y4),
  ];
  const one = (ch: Chain) => [
    ...get(DATA), ...get(L.p), ...I32_ADD, ...vload(ch.off), ...set(ch.t),
    ...step(ch, L.c, L.d),
    ...get(OUT), ...get(L.p), ...I32_ADD, ...get(ch.y), ...vstore(ch.off),
  ];
  const code = [
    ...splats(COEF, L.c, 0), ...splats(COEF, L.d, 32),
    ...overGroups(L, GROUPS, [
      ...init(L.a), ...init(L.b),
      ...get(L.base), ...get(RB), ...i32(4), ...I32_MUL, ...I32_ADD, ...set(L.p),
      ...overSteps(L, STEPS, [
        ...one(L.a), ...one(L.b), ...shift(L.a), ...shift(L.b),
        ...get(L.p), ...get(RB), ...I32_ADD, ...set(L.p),
      ]),
    ]),
    ...END,
  ];
  return { locals: L.locals, code };
}

function anticausalBody(): { locals: number[][]; code: number[] } {
  // params: out 0, data 1, tail 2, rowBytes 3, ln 4, steps 5, groups 6, coef 7
  const OUT = 0, DATA = 1, TAIL = 2, RB = 3, LN = 4, STEPS = 5, GROUPS = 6, COEF = 7;
  const L = layout(8);
  const lnMinus = (k: number) => [...get(LN), ...i32(k), ...I32_SUB];
  // (x1, x2, x3) hold the inputs of elements i + 1, i + 2, i + 3; (y1 .. y4) the values of i .. i + 3
  const init = (ch: Chain) => [
    ...loadRow(DATA, L.base, RB, lnMinus(3), ch.off, ch.x1), ...loadRow(DATA, L.base, RB, lnMinus(2), ch.off, ch.x2),
    ...loadRow(DATA, L.base, RB, lnMinus(1), ch.off, ch.x3),
    ...loadRow(TAIL, L.base, RB, i32(3), ch.off, ch.y1), ...loadRow(TAIL, L.base, RB, i32(2), ch.off, ch.y2),
    ...loadRow(TAIL, L.base, RB, i32(1), ch.off, ch.y3), ...loadRow(TAIL, L.base, RB, i32(0), ch.off, ch.y4),
  ];
  // element i - 1 from the input of i and the registers; added to out's row i - 1 (at p - rowBytes)
  const one = (ch: Chain) => [
    ...get(DATA), ...get(L.p), ...I32_ADD, ...vload(ch.off), ...set(ch.t),
    ...step(ch, [L.c[0], L.c[1], L.c[2], L.c[3]], L.d),
    ...get(OUT), ...get(L.p), ...I32_ADD, ...get(RB), ...I32_SUB,
    ...get(OUT), ...get(L.p), ...I32_ADD, ...get(RB), ...I32_SUB, ...vload(ch.off), ...get(ch.y), ...ADD,
    ...vstore(ch.off),
  ];
  const code = [
    // the anti-causal coefficients m1..m4 (at 64) take the place of n0..n3
    ...splats(COEF, L.c, 64), ...splats(COEF, L.d, 32),
    ...overGroups(L, GROUPS, [
      ...init(L.a), ...init(L.b),
      ...get(L.base), ...get(RB), ...lnMinus(4), ...I32_MUL, ...I32_ADD, ...set(L.p),
      ...overSteps(L, STEPS, [
        ...one(L.a), ...one(L.b), ...shift(L.a), ...shift(L.b),
        ...get(L.p), ...get(RB), ...I32_SUB, ...set(L.p),
      ]),
    ]),
    ...END,
  ];
  return { locals: L.locals, code };
}

function moduleBytes(): Uint8Array {
  const causal = causalBody(), anti = anticausalBody();
  const fn = (f: { locals: number[][]; code: number[] }) => {
    const body = [...vec(f.locals.map(([n, t]) => [...uleb(n), t])), ...f.code];
    return [...uleb(body.length), ...body];
  };
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([
      [0x60, ...vec(Array.from({ length: 6 }, () => [I32])), 0x00],
      [0x60, ...vec(Array.from({ length: 8 }, () => [I32])), 0x00],
    ])),
    ...section(3, vec([[0x00], [0x01]])),
    ...section(5, vec([[0x00, 0x01]])),
    ...section(7, vec([[...str('memory'), 0x02, 0x00], [...str('causal'), 0x00, 0x00], [...str('anticausal'), 0x00, 0x01]])),
    ...section(10, vec([fn(causal), fn(anti)])),
  ];
  return Uint8Array.from(bytes);
}

let kernels: SimdKernels | null | undefined;

/** The compiled kernels (built once), or null where WebAssembly SIMD is not available. */
export function simdKernels(): SimdKernels | null {
  if (kernels !== undefined) return kernels;
  kernels = null;
  try {
    const bytes = moduleBytes();
    const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
    if (wasm && wasm.validate(bytes)) {
      const instance = new wasm.Instance(new wasm.Module(bytes), {});
      const e = instance.exports as { memory: WasmMemory; causal: CausalKernel; anticausal: AnticausalKernel };
      kernels = { memory: e.memory, causal: e.causal, anticausal: e.anticausal };
    }
  } catch {
    kernels = null;
  }
  return kernels;
}
