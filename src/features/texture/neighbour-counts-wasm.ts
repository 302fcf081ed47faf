/**
 * The neighbour sweeps of the texture matrices as WebAssembly kernels. First, the one shared by GLDM and NGTDM (./neighbourhood-stats.ts sweepTwentySix: per ROI
 * voxel, the packed sum value << 5 | 1 over its 26 neighbours and the neighbours with its label)
 * as a WebAssembly kernel: the same integer sums, without typed-array bounds checks, comparisons
 * as i32.eq (0 or 1). Second, GLCM's co-occurrence counts of the 13 angles of 3D
 * (./glcm-matrix.ts countThirteen), the same integer counts.
 *
 * Memory layout of a call: the ROI voxels' byte addresses in the label grid (raster order), the
 * packed sums and the dependence counts (int32, one per ROI voxel, at fixed gaps after each
 * address), the packed table (int32 per label), the label grid (uint8). Binary format: WebAssembly
 * core specification 2.0, section 5.
 */
import {
  BLOCK, END, I32, I32_ADD, I32_EQ, I32_GE_U, I32_MUL, I32_SHL, I32_SUB, LOOP,
  br, brIf, get, i32 as i32Const, i32Load, i32Load8, i32Store, moduleBytes, set, tee,
} from '../../wasm/assembler.js';
import { KeptKernel, kernelFactory } from '../../wasm/memory.js';
import { align16, labelGridMemory } from './label-grid-wasm.js';

const NEIGHBOURS = 26;

/**
 * sweep(from, to, gap, packed, s0 .. s25): for the voxel at address x (label b) listed at byte
 * `from`, sum packed[label] and count label == b over x + s0 .. x + s25; the sum goes to
 * from + gap, the count to from + 2 * gap.
 */
function sweepCode(): { locals: number[][]; code: number[] } {
  const FROM = 0, TO = 1, GAP = 2, PACKED = 3, S = 4, X = S + NEIGHBOURS, B = X + 1, SC = B + 1, DEP = SC + 1, L = DEP + 1;
  const code: number[] = [
    ...BLOCK, ...LOOP, ...get(FROM), ...get(TO), ...I32_GE_U, ...brIf(1),
    ...get(FROM), ...i32Load(0), ...tee(X), ...i32Load8(false, 0), ...set(B),
    ...i32Const(0), ...set(SC), ...i32Const(0), ...set(DEP),
  ];
  for (let a = 0; a < NEIGHBOURS; a++) {
    code.push(
      ...get(X), ...get(S + a), ...I32_ADD, ...i32Load8(false, 0), ...set(L),
      ...get(SC), ...get(PACKED), ...get(L), ...i32Const(2), ...I32_SHL, ...I32_ADD, ...i32Load(0), ...I32_ADD, ...set(SC),
      ...get(DEP), ...get(L), ...get(B), ...I32_EQ, ...I32_ADD, ...set(DEP),
    );
  }
  code.push(
    ...get(FROM), ...get(GAP), ...I32_ADD, ...get(SC), ...i32Store(0),
    ...get(FROM), ...get(GAP), ...I32_ADD, ...get(GAP), ...I32_ADD, ...get(DEP), ...i32Store(0),
    ...get(FROM), ...i32Const(4), ...I32_ADD, ...set(FROM), ...br(0), ...END, ...END, ...END,
  );
  return { locals: [[5, I32]], code };
}

type SweepFn = (from: number, to: number, gap: number, packed: number, ...steps: number[]) => void;

const newKernel = kernelFactory<SweepFn>(
  () => moduleBytes([new Array<number>(4 + NEIGHBOURS).fill(I32)], [{ type: 0, name: 'sweep', ...sweepCode() }]),
  (e) => e.sweep as SweepFn,
);

const sweepKernel = new KeptKernel(() => newKernel());

/**
 * sweepTwentySix's packed sums and dependence counts (see there) into `packedSum` and `dependent`
 * (one per ROI voxel). Returns false, leaving them alone, where the kernel is not available or
 * the labels are wider than a byte: the caller then sweeps in JavaScript.
 */
export function neighbourCountsWasm(
  bins: Uint8Array | Uint16Array | Int32Array, roi: Int32Array, steps: Int32Array, packed: Int32Array,
  packedSum: Int32Array, dependent: Int32Array,
): boolean {
  if (!(bins instanceof Uint8Array) || steps.length !== NEIGHBOURS) return false;
  const kernel = sweepKernel.get();
  if (!kernel) return false;
  const gap = align16(4 * roi.length);
  const packedAt = 3 * gap;
  const binsAt = align16(packedAt + 4 * packed.length);
  const buffer = labelGridMemory(kernel, binsAt + bins.length, bins, roi, binsAt);
  if (!buffer) return false;
  new Int32Array(buffer, packedAt, packed.length).set(packed);
  kernel.fns(0, 4 * roi.length, gap, packedAt, ...steps);
  packedSum.set(new Int32Array(buffer, gap, roi.length));
  dependent.set(new Int32Array(buffer, 2 * gap, roi.length));
  sweepKernel.release();
  return true;
}

const ANGLES = 13;

/**
 * cooccur(from, to, wide, w4, block4, s0 .. s12): for the voxel at address x (label b) listed at
 * byte `from`, add 1 to the int32 at wide + (b - 1) * w4 + a * block4 + 4 * label(x + s_a), for
 * each of the 13 angles a (./glcm-matrix.ts countThirteen's counts).
 */
function cooccurCode(): { locals: number[][]; code: number[] } {
  const FROM = 0, TO = 1, WIDE = 2, W4 = 3, BLOCK4 = 4, S = 5, X = S + ANGLES, P = X + 1, C = P + 1;
  const code: number[] = [
    ...BLOCK, ...LOOP, ...get(FROM), ...get(TO), ...I32_GE_U, ...brIf(1),
    ...get(FROM), ...i32Load(0), ...tee(X), ...i32Load8(false, 0), ...i32Const(1), ...I32_SUB, ...get(W4), ...I32_MUL, ...get(WIDE), ...I32_ADD, ...set(P),
  ];
  for (let a = 0; a < ANGLES; a++) {
    if (a > 0) code.push(...get(P), ...get(BLOCK4), ...I32_ADD, ...set(P));
    code.push(
      ...get(P), ...get(X), ...get(S + a), ...I32_ADD, ...i32Load8(false, 0), ...i32Const(2), ...I32_SHL, ...I32_ADD, ...tee(C),
      ...get(C), ...i32Load(0), ...i32Const(1), ...I32_ADD, ...i32Store(0),
    );
  }
  code.push(...get(FROM), ...i32Const(4), ...I32_ADD, ...set(FROM), ...br(0), ...END, ...END, ...END);
  return { locals: [[3, I32]], code };
}

type CooccurFn = (from: number, to: number, wide: number, w4: number, block4: number, ...steps: number[]) => void;

const newCooccurKernel = kernelFactory<CooccurFn>(
  () => moduleBytes([new Array<number>(5 + ANGLES).fill(I32)], [{ type: 0, name: 'cooccur', ...cooccurCode() }]),
  (e) => e.cooccur as CooccurFn,
);

const cooccurKernel = new KeptKernel(() => newCooccurKernel());

/**
 * countThirteen's counts (13 angles; w = n + 1 cells per level, block = n * w per angle) into the
 * first 13 * block cells of `wide` (overwritten). Returns false, leaving `wide` alone, where the
 * kernel is not available or the labels are wider than a byte.
 */
export function cooccurrencesWasm(
  bins: Uint8Array | Uint16Array | Int32Array, roi: Int32Array, steps: Int32Array, w: number, block: number, wide: Int32Array,
): boolean {
  if (!(bins instanceof Uint8Array) || steps.length !== ANGLES) return false;
  const kernel = cooccurKernel.get();
  if (!kernel) return false;
  const wideAt = align16(4 * roi.length);
  const binsAt = align16(wideAt + 4 * ANGLES * block);
  const buffer = labelGridMemory(kernel, binsAt + bins.length, bins, roi, binsAt);
  if (!buffer) return false;
  const counts = new Int32Array(buffer, wideAt, ANGLES * block);
  counts.fill(0);
  kernel.fns(0, 4 * roi.length, wideAt, 4 * w, 4 * block, ...steps);
  wide.set(counts);
  cooccurKernel.release();
  return true;
}
