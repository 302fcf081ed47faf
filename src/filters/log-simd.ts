/**
 * laplacianRecursiveGaussian (log.ts: SimpleITK's LaplacianRecursiveGaussianImageFilter) with the
 * image, the two intermediate passes and the sum held in one WebAssembly memory, so that the SIMD
 * loops (recursive-gaussian-simd.ts) read the lines along y and z where they lie and write each
 * pass's float32-rounded result straight into the next volume: no copy of the lines in and out.
 * The same passes, lines, wanted outputs and operations as laplacianRecursiveGaussian, so the
 * same numbers: float32 values are kept as float64 holding float32 values (rounding to float32
 * and reading it back is exact either way), and the sum is rounded as the float32 sum is.
 */
import type { VoxelBox } from './types.js';
import type { Vec3, Volume } from '../image/volume.js';
import { voxelCount } from '../image/volume.js';
import { KeptKernel } from '../wasm/memory.js';
import { memoryOf, newSimdKernels, type SimdKernels, type SumMode } from './recursive-gaussian-simd.js';
import { flaggedSpan, laneRuns, recursiveGaussianCoefficients, simdLaneSet, type RecursiveCoefficients } from './recursive-gaussian.js';
import { laneHeads, laneTails } from './recursive-gaussian-starts.js';
import { regionFlags } from './region-flags.js';

type Lines = [Uint8Array | null, Uint8Array | null, Uint8Array | null];

/**
 * One instance for every call: a fresh memory per call costs more than the passes (page faults on
 * megabytes). It keeps the largest image's 32 bytes per voxel (up to RETAIN_MAX_BYTES).
 */
const kept = new KeptKernel(() => newSimdKernels());

/** The most memory the module is let grow to (2 GiB: its byte offsets are signed 32-bit integers where compared). */
const MAX_BYTES = 2 ** 31;

/** Lanes per set along y and z (runs of x positions) and per set of rows along x. */
const MAX_LANES = 128;
const X_LANES = 16;

/** Where a pass's sums go: a volume at `at` (float64 index), stored or added with a scale. */
interface Sink { at: number; mode: 'store' | 'add'; scale: number }

/**
 * The LoG image as laplacianRecursiveGaussian computes it (the same float32 numbers inside
 * `region`, 0 elsewhere), in a new array or `into` (n voxels), or null where WebAssembly SIMD is
 * not available.
 */
export function laplacianRecursiveGaussianSimd(image: Volume, sigma: number, region?: VoxelBox, into?: Float32Array): Float32Array | null {
  const k = kept.get();
  if (!k) return null;
  const n = voxelCount(image);
  const size = image.size;
  const lnMax = Math.max(size[0], size[1], size[2]);
  // float64 indices: coefficients and scale, lane buffers (data, out, tail), then four volumes
  const COEF = 0, DATA = 16, OUT = DATA + lnMax * X_LANES, TAIL = OUT + lnMax * MAX_LANES;
  const IMG = TAIL + 4 * MAX_LANES, W1 = IMG + n, W2 = W1 + n, ACC = W2 + n;
  // (byte offsets are 32-bit in the module: larger images take the JavaScript passes)
  if (8 * (ACC + n) > MAX_BYTES) return null;
  let mem: Float64Array;
  try {
    mem = memoryOf(k, 8 * (ACC + n));
  } catch {
    return null; // the memory could not grow: the JavaScript passes need less
  }
  const inRegion = region ? regionFlags(region, size) : null;
  // (the memory is reused from call to call: the sum starts at 0, the rest is written before it is
  // read; the passes add to the sum inside the region only, so only there is it zeroed and read)
  const box = sumBox(inRegion, size);
  zeroBoxRows(mem, ACC, box, size);
  mem.set(image.data as ArrayLike<number>, IMG);
  const pass = new Pass(k, mem, size, COEF, DATA, OUT, TAIL);
  for (let d = 0 as 0 | 1 | 2; d < 3; d = (d + 1) as 0 | 1 | 2) {
    const order = [d, ...([0, 1, 2] as const).filter((a) => a !== d)];
    const done: Lines = [null, null, null];
    const inv = 1.0 / (image.spacing[d] * image.spacing[d]);
    for (const [step, a] of order.entries()) {
      const c = a === d
        ? recursiveGaussianCoefficients(sigma, image.spacing[d], 2, true)
        : recursiveGaussianCoefficients(sigma, image.spacing[a], 0, true);
      if (inRegion) done[a] = inRegion[a];
      const src = step === 0 ? IMG : step === 1 ? W1 : W2;
      const sink: Sink = step === 0 ? { at: W1, mode: 'store', scale: 1 } : step === 1 ? { at: W2, mode: 'store', scale: 1 } : { at: ACC, mode: 'add', scale: inv };
      pass.run(a, c, src, sink, inRegion ? done : null);
    }
  }
  const result = into ?? new Float32Array(n);
  if (inRegion === null) result.set(mem.subarray(ACC, ACC + n));
  else copyBoxRows(mem, ACC, result, box, size);
  kept.release();
  return result;
}

/** [lo, hi) per axis (x, y, z) of the voxels the sum holds: the region's, else the whole grid. */
type SumBox = [number, number, number, number, number, number];

function sumBox(inRegion: Lines | null, size: Vec3): SumBox {
  const [xlo, xhi] = flaggedSpan(inRegion ? inRegion[0] : null, size[0]);
  const [ylo, yhi] = flaggedSpan(inRegion ? inRegion[1] : null, size[1]);
  const [zlo, zhi] = flaggedSpan(inRegion ? inRegion[2] : null, size[2]);
  return [xlo, xhi, ylo, yhi, zlo, zhi];
}

/** mem[at + i] = 0 for the voxels i of the box. */
function zeroBoxRows(mem: Float64Array, at: number, b: SumBox, size: Vec3): void {
  const [nx, ny, nz] = size;
  if (b[0] === 0 && b[1] === nx && b[2] === 0 && b[3] === ny && b[4] === 0 && b[5] === nz) {
    mem.fill(0, at, at + nx * ny * nz);
    return;
  }
  for (let z = b[4]; z < b[5]; z++) {
    for (let y = b[2]; y < b[3]; y++) {
      const row = at + (z * ny + y) * nx;
      mem.fill(0, row + b[0], row + b[1]);
    }
  }
}

/** out[i] = mem[at + i] (float32) for the voxels i of the box. */
function copyBoxRows(mem: Float64Array, at: number, out: Float32Array, b: SumBox, size: Vec3): void {
  const [nx, ny] = size;
  for (let z = b[4]; z < b[5]; z++) {
    for (let y = b[2]; y < b[3]; y++) {
      const row = (z * ny + y) * nx;
      for (let i = row + b[0]; i < row + b[1]; i++) out[i] = mem[at + i];
    }
  }
}

/** One recursive pass over volumes in the memory: the lines and wanted outputs of recursiveGaussianAlongAxis. */
class Pass {
  constructor(
    private readonly k: SimdKernels, private readonly mem: Float64Array, private readonly size: Vec3,
    private readonly coef: number, private readonly data: number, private readonly out: number, private readonly tail: number,
  ) {}

  run(axis: 0 | 1 | 2, c: RecursiveCoefficients, src: number, sink: Sink, lines: Lines | null): void {
    const { mem, size } = this;
    const ln = size[axis];
    if (ln < 4) throw new Error(`recursive Gaussian: the image has ${ln} voxel(s) along axis ${axis}; at least 4 are needed`);
    const [lo, hi] = flaggedSpan(lines ? lines[axis] : null, ln);
    if (lo >= hi) return;
    mem.set([c.n0, c.n1, c.n2, c.n3, c.d1, c.d2, c.d3, c.d4, c.m1, c.m2, c.m3, c.m4, sink.scale], this.coef);
    if (axis === 0) this.alongX(c, src, sink, lines, lo, hi);
    else this.acrossRows(axis, c, src, sink, lines, lo, hi);
  }

  /** Rows along x, X_LANES at a time, transposed into lanes; sums written back along the rows. */
  private alongX(c: RecursiveCoefficients, src: number, sink: Sink, lines: Lines | null, lo: number, hi: number): void {
    const { mem, size, data } = this;
    const [ln, ny, nz] = size;
    const wantY = lines ? lines[1] : null, wantZ = lines ? lines[2] : null;
    // runs of 4 wanted rows of one plane (equally spaced) straight from the volume; the others
    // (a run's last 1-3 rows) transposed into lanes
    const starts: number[] = [];
    for (let z = 0; z < nz; z++) {
      if (wantZ && !wantZ[z]) continue;
      for (let y = 0; y < ny;) {
        if (wantY && !wantY[y]) { y++; continue; }
        if (y + 4 <= ny && (!wantY || (wantY[y + 1] && wantY[y + 2] && wantY[y + 3]))) {
          this.fourRows(c, src, sink, (z * ny + y) * ln, lo, hi);
          y += 4;
        } else {
          starts.push((z * ny + y) * ln);
          y++;
        }
      }
    }
    for (let r = 0; r < starts.length; r += X_LANES) {
      const W = Math.min(X_LANES, starts.length - r), Wp = (W + 3) & ~3;
      for (let l = 0; l < Wp; l++) {
        if (l < W) gather(mem, data + l, Wp, src + starts[r + l], ln);
        else for (let i = 0; i < ln; i++) mem[data + i * Wp + l] = 0;
      }
      simdLaneSet(this.k, mem, this.coef, data, this.out, this.tail, Wp, ln, c, lo, hi);
      for (let l = 0; l < W; l++) scatter(mem, sink, sink.at + starts[r + l], 1, this.out + l, Wp, lo, hi);
    }
  }

  /** Four consecutive rows along x from `start` (of the volume at `src`), their sums to the sink. */
  private fourRows(c: RecursiveCoefficients, src: number, sink: Sink, start: number, lo: number, hi: number): void {
    const { k, mem, size, out, tail, coef } = this;
    const ln = size[0];
    const from = src + start;
    const total = Math.max(0, ln - 4 - lo), quiet = Math.min(total, Math.max(0, ln - 4 - hi));
    laneHeads(mem, from, 1, out, 4, 4, c, ln);
    k.fns.causalRows(8 * out, 8 * from, 32, 8, Math.max(0, hi - 4), 1, 8 * coef, 8 * ln);
    laneTails(mem, from, 1, tail, 4, 4, ln, c, ln);
    for (let r = 0; r < 4; r++) {
      const i = ln - 1 - r;
      if (i < lo || i >= hi) continue;
      for (let l = 0; l < 4; l++) put(mem, sink, sink.at + start + l * ln + i, mem[out + i * 4 + l] + mem[tail + r * 4 + l]);
    }
    k.fns.anticausalRows[sink.mode](8 * out, 8 * from, 8 * tail, 32, 8, ln, quiet, total - quiet, 1, 8 * coef, 8 * (sink.at + start), 8, 8 * ln);
  }

  /**
   * Lines along y or z: runs of up to MAX_LANES wanted x positions; their largest multiple of 4
   * read and written in place by the SIMD loops, the 1-3 lanes left copied into lanes.
   */
  private acrossRows(axis: 1 | 2, c: RecursiveCoefficients, src: number, sink: Sink, lines: Lines | null, lo: number, hi: number): void {
    const { k, mem, size, data, out, tail, coef } = this;
    const [nx, ny] = size;
    const ln = size[axis];
    const stride = axis === 1 ? nx : nx * ny;
    const anticausal = k.fns.anticausal[sink.mode as SumMode];
    // elements ln - 5 down to lo come from the loop: those at or above hi are not wanted
    const total = Math.max(0, ln - 4 - lo), quiet = Math.min(total, Math.max(0, ln - 4 - hi));
    const runs = laneRuns(size, axis, lines, MAX_LANES);
    for (let q = 0; q < runs.length; q += 2) {
      const base = runs[q], W = runs[q + 1], W4 = W & ~3;
      if (W4 > 0) {
        const from = src + base;
        laneHeads(mem, from, stride, out, W4, W4, c);
        k.fns.causal(8 * out, 8 * from, 8 * W4, 8 * stride, Math.max(0, hi - 4), W4 >> 2, 8 * coef);
        laneTails(mem, from, stride, tail, W4, W4, ln, c);
        for (let r = 0; r < 4; r++) {
          const i = ln - 1 - r;
          if (i < lo || i >= hi) continue;
          for (let l = 0; l < W4; l++) put(mem, sink, sink.at + base + i * stride + l, mem[out + i * W4 + l] + mem[tail + r * W4 + l]);
        }
        anticausal(8 * out, 8 * from, 8 * tail, 8 * W4, 8 * stride, ln, quiet, total - quiet, W4 >> 2, 8 * coef, 8 * (sink.at + base), 8 * stride);
      }
      if (W > W4) {
        const rest = W - W4, first = base + W4;
        for (let i = 0; i < ln; i++) {
          for (let l = 0; l < 4; l++) mem[data + i * 4 + l] = l < rest ? mem[src + first + i * stride + l] : 0;
        }
        simdLaneSet(k, mem, coef, data, out, tail, 4, ln, c, lo, hi);
        for (let l = 0; l < rest; l++) scatter(mem, sink, sink.at + first + l, stride, out + l, 4, lo, hi);
      }
    }
  }
}

/** mem[to + i * step] = mem[from + i], i < n. */
function gather(mem: Float64Array, to: number, step: number, from: number, n: number): void {
  for (let i = 0; i < n; i++) mem[to + i * step] = mem[from + i];
}

/** The sums at mem[from + i * fromStep], i in [lo, hi), to the sink at at + i * step. */
function scatter(mem: Float64Array, sink: Sink, at: number, step: number, from: number, fromStep: number, lo: number, hi: number): void {
  if (sink.mode === 'store') {
    for (let i = lo; i < hi; i++) mem[at + i * step] = Math.fround(mem[from + i * fromStep]);
  } else {
    const s = sink.scale;
    for (let i = lo; i < hi; i++) mem[at + i * step] = Math.fround(mem[at + i * step] + Math.fround(mem[from + i * fromStep]) * s);
  }
}

/** One sum to the sink: stored as float32, or added to the float32 sum (writeRow's operations). */
function put(mem: Float64Array, sink: Sink, at: number, v: number): void {
  if (sink.mode === 'store') mem[at] = Math.fround(v);
  else mem[at] = Math.fround(mem[at] + Math.fround(v) * sink.scale);
}
