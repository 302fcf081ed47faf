/**
 * A few WebAssembly instructions as bytes, enough to write small numeric kernels by hand
 * (WebAssembly core specification 1.0, section 5 "Binary format"; the fixed-width SIMD proposal,
 * merged into the 2.0 specification, for the 0xfd-prefixed vector instructions), and a loader that
 * falls back (null) where WebAssembly or its SIMD is missing.
 */

/** The module's memory (WebAssembly.Memory: the project's TypeScript libraries do not declare it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The part of the WebAssembly global used here. */
export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

/** Unsigned and signed LEB128. */
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

// instructions
export const get = (i: number) => [0x20, ...uleb(i)];
export const set = (i: number) => [0x21, ...uleb(i)];
export const i32 = (n: number) => [0x41, ...sleb(n)];
export const I32_ADD = [0x6a], I32_SUB = [0x6b], I32_MUL = [0x6c], I32_LE_S = [0x4c], I32_GE_S = [0x4e];
export const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], END = [0x0b];
export const br = (depth: number) => [0x0c, depth];
export const brIf = (depth: number) => [0x0d, depth];
export const vload = (offset: number) => [0xfd, 0x00, 0x03, ...uleb(offset)];
export const vstore = (offset: number) => [0xfd, 0x0b, 0x03, ...uleb(offset)];
export const F64_LOAD = (offset: number) => [0x2b, 0x03, ...uleb(offset)];
// f32x4.demote_f64x2_zero and f64x2.promote_low_f32x4: rounding to float32 and back
export const DEMOTE = [0xfd, 0x5e], PROMOTE = [0xfd, 0x5f];
export const SPLAT = [0xfd, 0x14], ADD = [0xfd, 0xf0, 0x01], SUB = [0xfd, 0xf1, 0x01], MUL = [0xfd, 0xf2, 0x01];
export const V128 = 0x7b, I32 = 0x7f;


/** A module of functions (type index, locals, code) and one exported memory, as bytes. */
export function moduleBytes(types: number[][], functions: { type: number; name: string; locals: number[][]; code: number[] }[]): Uint8Array {
  const body = (f: { locals: number[][]; code: number[] }) => {
    const b = [...vec(f.locals.map(([n, t]) => [...uleb(n), t])), ...f.code];
    return [...uleb(b.length), ...b];
  };
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types.map((params) => [0x60, ...vec(params.map((t) => [t])), 0x00]))),
    ...section(3, vec(functions.map((f) => [f.type]))),
    ...section(5, vec([[0x00, 0x01]])),
    ...section(7, vec([[...str('memory'), 0x02, 0x00], ...functions.map((f, i) => [...str(f.name), 0x00, ...uleb(i)])])),
    ...section(10, vec(functions.map(body))),
  ]);
}

/** A new instance of the module (own, zeroed memory), or null where WebAssembly or these instructions are missing. */
export function instantiate(bytes: Uint8Array, cache: { module?: object | null }): { exports: object } | null {
  const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm) return null;
  if (cache.module === undefined) {
    cache.module = null;
    try {
      if (wasm.validate(bytes)) cache.module = new wasm.Module(bytes);
    } catch {
      cache.module = null;
    }
  }
  return cache.module ? new wasm.Instance(cache.module, {}) : null;
}

/** Grows a module memory to at least `bytes`; returns a float64 view of it. */
export function memoryOf(memory: WasmMemory, bytes: number): Float64Array {
  const have = memory.buffer.byteLength;
  if (have < bytes) memory.grow(Math.ceil((bytes - have) / 65536));
  return new Float64Array(memory.buffer);
}

// scalar float64 and a few more control and integer instructions
export const F64 = 0x7c;
export const F64_STORE = (offset: number) => [0x39, 0x03, ...uleb(offset)];
export const F64_ADD = [0xa0], F64_MUL = [0xa2];
export const I32_AND = [0x71];
export const IF = [0x04, 0x40];

/**
 * The most memory a module instance kept from call to call may hold afterwards: above it the
 * instance is dropped (its memory freed) and the next call makes a new one. Kept instances save
 * the cost of fresh memory per image; this bounds what a process keeps for a very large image.
 */
export const RETAIN_MAX_BYTES = 256 * 2 ** 20;

/** Whether an instance with this memory should be dropped after use (RETAIN_MAX_BYTES). */
export function tooLargeToKeep(memory: WasmMemory): boolean {
  return memory.buffer.byteLength > RETAIN_MAX_BYTES;
}
export const F64_SUB = [0xa1];
/** f64x2.replace_lane 1 (a float64 into the upper lane) and f64x2.extract_lane. */
export const REPLACE_LANE1 = [0xfd, 0x22, 0x01];
export const extractLane = (lane: number) => [0xfd, 0x21, lane];
