/**
 * Instances of the hand-written kernels (./assembler.ts) and their memories, never grown.
 *
 * WebAssembly.Memory.prototype.grow detaches the memory's old ArrayBuffer; the first ArrayBuffer
 * detached in a V8 isolate invalidates its "ArrayBufferDetaching" protector, after which optimised
 * code checks for a detached buffer on every typed-array access, for the rest of the process (the
 * texture features measured ~20-25% slower). So a kernel that needs more memory gets a new
 * WebAssembly.Memory (with headroom) and a new instance of its compiled module importing it; the
 * old memory's contents are copied over (as grow keeps them) and the old memory is simply dropped:
 * its buffer stays attached, so nothing is ever detached.
 */

/** A WebAssembly.Memory (the project's TypeScript libraries do not declare WebAssembly). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

/** The part of the WebAssembly global used here. */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}

const wasmApi = (): WasmApi | undefined => (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

export const PAGE_BYTES = 65536;
/** A 32-bit memory's most pages (4 GiB). */
const MAX_PAGES = 65536;
/** The most pages added beyond the need when rounding up to a power of two (64 MiB). */
const MAX_HEADROOM_PAGES = 1024;

/**
 * The pages of a new memory for `bytes`: the need rounded up to a power of two of pages (a kernel
 * used on growing images gets a new memory a few times, not every time), with at most
 * MAX_HEADROOM_PAGES more than the need.
 */
export function pagesFor(bytes: number): number {
  const need = Math.max(1, Math.ceil(bytes / PAGE_BYTES));
  let pages = 1;
  while (pages < need) pages *= 2;
  return Math.min(pages, need + MAX_HEADROOM_PAGES, MAX_PAGES);
}

/**
 * The most memory a kernel kept from call to call may hold afterwards: above it the caller drops
 * the kernel (its memory freed) and the next call makes a new one. Kept kernels save the cost of
 * fresh memory per image; this bounds what a process keeps for a very large image.
 */
export const RETAIN_MAX_BYTES = 256 * 2 ** 20;

/** The compiled module, or null where WebAssembly or the module's instructions (e.g. SIMD) are missing. */
export function compileModule(bytes: Uint8Array): object | null {
  const wasm = wasmApi();
  if (!wasm) return null;
  try {
    return wasm.validate(bytes) ? new wasm.Module(bytes) : null;
  } catch {
    return null;
  }
}

/**
 * An instance of a compiled module (./assembler.ts moduleBytes: memory imported as m.memory) with
 * its memory. `fns` are the current instance's functions (`bind` picks them from its exports):
 * after `reserve` has made a new instance, only the new `fns` work on the new memory.
 */
export class WasmKernel<F> {
  memory: WasmMemory;
  fns: F;

  /** A new instance with a zeroed memory of at least `bytes`; throws (RangeError) when the memory cannot be had. */
  constructor(private readonly module: object, private readonly bind: (exports: Record<string, unknown>) => F, bytes = PAGE_BYTES) {
    const { memory, fns } = this.instantiate(bytes);
    this.memory = memory;
    this.fns = fns;
  }

  /**
   * The memory's buffer, at least `bytes` long: the current one when it is, else a new memory and
   * instance holding the old memory's bytes at the start (the rest zero). Views of the old buffer
   * stay valid but see the old memory: make them again. Throws (RangeError) when the memory cannot
   * be had (the kernel is then unchanged).
   */
  reserve(bytes: number): ArrayBuffer {
    const old = this.memory.buffer;
    if (old.byteLength >= bytes) return old;
    const { memory, fns } = this.instantiate(bytes);
    new Uint8Array(memory.buffer).set(new Uint8Array(old));
    this.memory = memory;
    this.fns = fns;
    return memory.buffer;
  }

  /** Whether the memory is larger than a kept kernel may hold (RETAIN_MAX_BYTES). */
  tooLargeToKeep(): boolean {
    return this.memory.buffer.byteLength > RETAIN_MAX_BYTES;
  }

  private instantiate(bytes: number): { memory: WasmMemory; fns: F } {
    const wasm = wasmApi()!;
    const need = Math.max(1, Math.ceil(bytes / PAGE_BYTES));
    if (need > MAX_PAGES) throw new RangeError(`a WebAssembly memory holds at most 4 GiB (${bytes} bytes wanted)`);
    let memory: WasmMemory;
    try {
      memory = new wasm.Memory({ initial: pagesFor(bytes) });
    } catch {
      memory = new wasm.Memory({ initial: need }); // without the headroom (this one throws when out of memory)
    }
    const instance = new wasm.Instance(this.module, { m: { memory } });
    return { memory, fns: this.bind(instance.exports) };
  }
}

/**
 * A kernel of a module compiled once (on first use): `kernel(bytes)` is a new WasmKernel, or null
 * where the module cannot be compiled here.
 */
export function kernelFactory<F>(moduleBytes: () => Uint8Array, bind: (exports: Record<string, unknown>) => F): (bytes?: number) => WasmKernel<F> | null {
  let module: object | null | undefined;
  return (bytes?: number) => {
    if (module === undefined) module = compileModule(moduleBytes());
    return module ? new WasmKernel(module, bind, bytes) : null;
  };
}

/**
 * One instance of a kernel kept from call to call (a fresh memory per call costs page faults on
 * every megabyte, often more than the kernel's work), made on first use.
 */
export class KeptKernel<K extends { tooLargeToKeep(): boolean }> {
  private kernel: K | null | undefined;

  /** `make`: a new instance, or null where the module cannot be had here; it may throw (RangeError) when its memory cannot be had. */
  constructor(private readonly make: () => K | null) {}

  /** The kept instance (made on first use), or null where it cannot be had (then for good). */
  get(): K | null {
    if (this.kernel === undefined) {
      try {
        this.kernel = this.make();
      } catch {
        this.kernel = null;
      }
    }
    return this.kernel;
  }

  /** After a use: the instance is dropped (the next get makes a new one) when its memory is larger than a kept kernel may hold (RETAIN_MAX_BYTES). */
  release(): void {
    if (this.kernel && this.kernel.tooLargeToKeep()) this.kernel = undefined;
  }
}
