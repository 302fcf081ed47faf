/**
 * One level of PyWavelets' swtn (level 1, periodic; wavelet.ts) for float64 images and six-tap
 * filters (coif1, db3, sym3: PyRadiomics' default coif1 among them), with the padded image and
 * the bands held in one WebAssembly memory and each run of outputs computed by a SIMD kernel, two
 * outputs per instruction: lo = 0 + w0 v0 + ... + w5 v5 (and hi with its own weights), the terms in
 * PyWavelets' order for each output (wavelet-plan.ts) and f64x2 mul/add being the IEEE double
 * operations on each half (no fused multiply-add), so every value is the JavaScript passes' one.
 * The passes compute the same outputs (passNeeds); each band is copied out of the memory as it
 * is yielded (cropped to the image, only the region's voxels when one is given, the rest 0).
 */
import { transientRegion, type VoxelBox } from './types.js';
import { reusedFloat64 } from '../features/scratch.js';
import type { Vec3, Volume } from '../image/volume.js';
import type { DecompositionFilters } from './wavelet-banks.js';
import { acrossRowsPlan, flaggedRuns, passNeeds, type Axis, type Needed } from './wavelet-plan.js';
import { regionFlags } from './region-flags.js';
import {
  ADD, BLOCK, END, F64_ADD, F64_LOAD, F64_MUL, F64_STORE, I32, I32_ADD, I32_AND, I32_GE_S, I32_MUL, IF, LOOP, MUL, SPLAT, V128,
  br, brIf, get, i32, moduleBytes, set, vload, vstore,
} from '../wasm/assembler.js';
import { KeptKernel, kernelFactory, type WasmKernel } from '../wasm/memory.js';

/** sixTerm(lo, hi, r0 .. r5, n, w): byte offsets; w holds the 6 low-pass then the 6 high-pass weights. */
type SixTerm = (lo: number, hi: number, r0: number, r1: number, r2: number, r3: number, r4: number, r5: number, n: number, w: number) => void;

type Kernel = WasmKernel<{ sixTerm: SixTerm }>;

function sixTermBody(): { locals: number[][]; code: number[] } {
  // params: lo 0, hi 1, r0..r5 2..7, n 8, w 9; locals: i 10, end 11; v128: weights 12..23, zero 24, values 25..30
  const LO = 0, HI = 1, R = [2, 3, 4, 5, 6, 7], N = 8, WP = 9, I = 10, E = 11;
  const WL = [12, 13, 14, 15, 16, 17], WH = [18, 19, 20, 21, 22, 23], ZERO = 24, V = [25, 26, 27, 28, 29, 30];
  const sum = (ws: number[]) => [...get(ZERO), ...ws.flatMap((w, k) => [...get(V[k]), ...get(w), ...MUL, ...ADD])];
  // scalar: 0 + w0 v0 + ..., the weights read from memory, the values at r_k + end
  const scalar = (out: number, first: number) => [
    ...get(out), ...get(E), ...I32_ADD,
    ...i32(0), ...[0xb7], // f64.convert_i32_s of 0: a float64 zero
    ...R.flatMap((r, k) => [...get(r), ...get(E), ...I32_ADD, ...F64_LOAD(0), ...get(WP), ...F64_LOAD(8 * (first + k)), ...F64_MUL, ...F64_ADD]),
    ...F64_STORE(0),
  ];
  const code = [
    ...[...WL, ...WH].flatMap((w, k) => [...get(WP), ...F64_LOAD(8 * k), ...SPLAT, ...set(w)]),
    ...i32(0), ...[0xb7], ...SPLAT, ...set(ZERO),
    ...get(N), ...i32(-2), ...I32_AND, ...i32(8), ...I32_MUL, ...set(E),
    ...i32(0), ...set(I),
    ...BLOCK, ...LOOP,
    ...get(I), ...get(E), ...I32_GE_S, ...brIf(1),
    ...R.flatMap((r, k) => [...get(r), ...get(I), ...I32_ADD, ...vload(0), ...set(V[k])]),
    ...get(LO), ...get(I), ...I32_ADD, ...sum(WL), ...vstore(0),
    ...get(HI), ...get(I), ...I32_ADD, ...sum(WH), ...vstore(0),
    ...get(I), ...i32(16), ...I32_ADD, ...set(I), ...br(0),
    ...END, ...END,
    ...get(N), ...i32(1), ...I32_AND, ...IF,
    ...scalar(LO, 0), ...scalar(HI, 6),
    ...END,
    ...END,
  ];
  return { locals: [[2, I32], [19, V128]], code };
}

/** A new instance (its own memory), or null without WebAssembly SIMD. */
const newKernel = kernelFactory(
  () => moduleBytes([Array.from({ length: 10 }, () => I32)], [{ type: 0, name: 'sixTerm', ...sixTermBody() }]),
  (e) => ({ sixTerm: e.sixTerm as SixTerm }),
);

/** The instance shared by the decompositions (its memory reused: a fresh one per image costs more than the passes). */
const shared = new KeptKernel(() => newKernel());

/** Whether this path may be taken (tests compare both ways). */
let enabled = true;
export function setWaveletSimd(on: boolean): void {
  enabled = on;
}

/**
 * The decomposition using the shared memory (a token its generator holds, from its first band until
 * it is finished or closed); another one started meanwhile takes an instance of its own. A weak
 * reference: a generator abandoned half-way (an error in the consumer) frees the memory for the
 * next ones once it is garbage.
 */
let owner: WeakRef<object> | null = null;

function sharedInUse(): boolean {
  return owner !== null && owner.deref() !== undefined;
}

/** The most memory the module may grow to (its byte offsets are 32-bit). */
const MAX_BYTES = 2 ** 31;

/** A band: its letters along the decomposed axes and its voxels on the image's grid. */
export interface SimdBand { letters: string; data: Float64Array }

/**
 * The bands of one level-1 swtn of `image` (float64 arithmetic, six-tap filters) in PyWavelets'
 * order, or null when this path does not apply (another filter length, WebAssembly SIMD missing,
 * the memory in use by an unfinished decomposition, an image too large): the caller then runs the
 * JavaScript passes.
 */
export function swtnLevelSimd(image: Volume, axes: Axis[], f: DecompositionFilters, region?: VoxelBox): Iterable<SimdBand> | null {
  if (!enabled || f.lo.length !== 6 || image.data instanceof Float32Array) return null;
  const k = shared.get();
  if (!k) return null;
  const size = image.size;
  const psize: Vec3 = [size[0] + (size[0] % 2), size[1] + (size[1] % 2), size[2] + (size[2] % 2)];
  const pn = psize[0] * psize[1] * psize[2];
  const lnMax = Math.max(...psize);
  // float64 indices: weights (12, two sets), the periodic line, the padded image, a band pair per depth
  const WTS = 0, EXT = 32, P = EXT + lnMax + 32;
  const total = P + pn * (1 + 2 * axes.length);
  if (8 * total > MAX_BYTES) return null;
  try {
    k.reserve(8 * total);
  } catch {
    return null;
  }
  return decompose(k, 8 * total, image, psize, axes, f, region, { WTS, EXT, P });
}

function* decompose(
  sharedKernel: Kernel, bytes: number, image: Volume, psize: Vec3, axes: Axis[], f: DecompositionFilters, region: VoxelBox | undefined,
  at: { WTS: number; EXT: number; P: number },
): Generator<SimdBand> {
  const token = {};
  const own = sharedInUse() ? newKernel() : null;
  const k = own ?? sharedKernel;
  if (!own) owner = new WeakRef(token);
  try {
    const mem = new Float64Array(k.reserve(bytes));
    const pn = psize[0] * psize[1] * psize[2];
    padToEven(image.data as ArrayLike<number>, image.size, psize, mem, at.P);
    const wanted: Needed = region ? regionFlags(region, psize) : null;
    const pass = new SwtPass(k, mem, psize, f, at.WTS, at.EXT);
    const transient = transientRegion(region);
    const approx = 'L'.repeat(axes.length);
    const voxels = image.size[0] * image.size[1] * image.size[2];
    const node = function* (src: number, depth: number, letters: string): Generator<SimdBand> {
      if (depth === axes.length) {
        // a transient region: the approximation (first out, yielded last) and the detail bands
        // (one at a time) in two arrays reused from band to band and call to call
        const into = transient ? reusedFloat64(letters === approx ? 'wavelet approximation' : 'wavelet detail', voxels, false) : null;
        yield { letters, data: copyOut(mem, src, psize, image.size, region, into) };
        return;
      }
      const lo = at.P + pn * (1 + 2 * depth), hi = lo + pn;
      pass.run(src, lo, hi, axes[depth], passNeeds(wanted, psize, axes, depth, f.lo.length));
      yield* node(lo, depth + 1, letters + 'L');
      yield* node(hi, depth + 1, letters + 'H');
    };
    yield* node(at.P, 0, '');
  } finally {
    if (!own && owner?.deref() === token) {
      owner = null;
      shared.release();
    }
  }
}

/** numpy.pad(data, [(0, size % 2) per axis], 'wrap') into mem at `to` (wavelet.ts padToEven). */
function padToEven(src: ArrayLike<number>, size: Vec3, psize: Vec3, mem: Float64Array, to: number): void {
  for (let k = 0; k < psize[2]; k++) {
    const sk = k % size[2];
    for (let j = 0; j < psize[1]; j++) {
      const sj = j % size[1];
      const srow = size[0] * (sj + size[1] * sk);
      const drow = to + psize[0] * (j + psize[1] * k);
      for (let i = 0; i < size[0]; i++) mem[drow + i] = src[srow + i];
      if (psize[0] > size[0]) mem[drow + size[0]] = src[srow];
    }
  }
}

/**
 * A band cropped back to `size` (PyRadiomics' crop) in a new array, or in `into` when given: with
 * `region`, its voxels only (the rest 0 in a new array, left as they are in `into`).
 */
function copyOut(mem: Float64Array, from: number, psize: Vec3, size: Vec3, region: VoxelBox | undefined, into: Float64Array | null): Float64Array {
  const out = into ?? new Float64Array(size[0] * size[1] * size[2]);
  const [x0, x1] = region ? [region.lower[0], region.lower[0] + region.size[0]] : [0, size[0]];
  const [y0, y1] = region ? [region.lower[1], region.lower[1] + region.size[1]] : [0, size[1]];
  const [z0, z1] = region ? [region.lower[2], region.lower[2] + region.size[2]] : [0, size[2]];
  for (let k = z0; k < z1; k++) {
    for (let j = y0; j < y1; j++) {
      const s = from + psize[0] * (j + psize[1] * k);
      out.set(mem.subarray(s + x0, s + x1), size[0] * (j + size[1] * k) + x0);
    }
  }
  return out;
}

/** One SWT pass over volumes in the memory (wavelet.ts swtAxis for float64, the same outputs and values). */
class SwtPass {
  constructor(
    private readonly k: Kernel, private readonly mem: Float64Array, private readonly size: Vec3, private readonly f: DecompositionFilters,
    private readonly wts: number, private readonly ext: number,
  ) {}

  run(src: number, lo: number, hi: number, axis: Axis, needed: Needed): void {
    if (axis === 0) this.alongX(src, lo, hi, needed);
    else this.acrossRows(src, lo, hi, axis, needed);
  }

  /** Each wanted row periodically extended once; outputs without wrap-around by the kernel, the others here. */
  private alongX(src: number, lo: number, hi: number, needed: Needed): void {
    const { k, mem, size, f, wts, ext } = this;
    const [n, ny, nz] = size;
    const F = 6, half = 3;
    const needA = needed ? needed[1] : null, needB = needed ? needed[2] : null;
    const runs = flaggedRuns(needed ? needed[0] : null, n);
    const plain = Math.min(n, n - half);
    for (let m = 0; m < F; m++) { mem[wts + m] = f.lo[m]; mem[wts + F + m] = f.hi[m]; }
    const extLen = n + half + F;
    for (let b = 0; b < nz; b++) {
      if (needB && !needB[b]) continue;
      for (let a = 0; a < ny; a++) {
        if (needA && !needA[a]) continue;
        const start = (b * ny + a) * n;
        for (let t = 0, q = ((-F % n) + n) % n; t < extLen; t++) {
          mem[ext + t] = mem[src + start + q];
          if (++q === n) q = 0;
        }
        for (let r = 0; r < runs.length; r += 2) {
          const o0 = runs[r], o1 = runs[r + 1];
          const p1 = Math.min(o1, plain);
          if (p1 > o0) {
            // output o reads ext[o + half + F - m], m = 0..5
            const e = 8 * (ext + o0 + half + F);
            k.fns.sixTerm(8 * (lo + start + o0), 8 * (hi + start + o0), e, e - 8, e - 16, e - 24, e - 32, e - 40, p1 - o0, 8 * wts);
          }
          for (let o = Math.max(o0, plain); o < o1; o++) this.wrapped(o, n, half, start, lo, hi);
        }
      }
    }
  }

  /** Output o where o + half >= n: m = o + half - n down to 0 first, then the rest ascending (swtLine64). */
  private wrapped(o: number, n: number, half: number, start: number, lo: number, hi: number): void {
    const { mem, f, ext } = this;
    const fl = f.lo, fh = f.hi, F = fl.length;
    const i = o + half, e = ext + i + F;
    let sl = 0, sh = 0;
    for (let m = i - n; m >= 0; m--) { const v = mem[e - m]; sl += fl[m] * v; sh += fh[m] * v; }
    for (let m = i - n + 1; m < F; m++) { const v = mem[e - m]; sl += fl[m] * v; sh += fh[m] * v; }
    mem[lo + start + o] = sl;
    mem[hi + start + o] = sh;
  }

  /** Along y or z: output row o = the six input rows in its order, over each run of wanted x (swtAcrossRows64). */
  private acrossRows(src: number, lo: number, hi: number, axis: 1 | 2, needed: Needed): void {
    const { k, mem, size, f, wts } = this;
    const F = 6;
    const { n, stride, nb, sb, needB, needOut, runs, order } = acrossRowsPlan(size, axis, needed, F);
    const rows = new Int32Array(F);
    for (let o = 0; o < n; o++) {
      if (needOut && !needOut[o]) continue;
      for (let t = 0; t < F; t++) {
        const m = order.m[o * F + t];
        mem[wts + 16 + t] = f.lo[m];
        mem[wts + 16 + F + t] = f.hi[m];
      }
      for (let b = 0; b < nb; b++) {
        if (needB && !needB[b]) continue;
        const out = b * sb + o * stride;
        for (let t = 0; t < F; t++) rows[t] = src + b * sb + order.at[o * F + t] * stride;
        for (let r = 0; r < runs.length; r += 2) {
          const x0 = runs[r], len = runs[r + 1] - x0;
          k.fns.sixTerm(8 * (lo + out + x0), 8 * (hi + out + x0), 8 * (rows[0] + x0), 8 * (rows[1] + x0), 8 * (rows[2] + x0),
            8 * (rows[3] + x0), 8 * (rows[4] + x0), 8 * (rows[5] + x0), len, 8 * (wts + 16));
        }
      }
    }
  }
}
