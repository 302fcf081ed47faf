/**
 * The counting sweeps of the GLRLM (./glrlm-matrix.ts runTallies: each ROI voxel's position in
 * its run along an angle, and per level the voxels at each position) as a WebAssembly kernel, one
 * angle per pass: the same integer counts as the JavaScript sweeps, which spent most of their time
 * on typed-array bounds checks and on turning comparisons into numbers.
 *
 * Memory layout of a call: the ROI voxels' byte addresses in the label grid (raster order), the
 * tallies (angle by angle, level by level, width int32 cells per level, after a lead of one level
 * row so that label 1's row is at the angle's base + width cells), the label grid (uint8) and the
 * positions (uint8, one per grid voxel: written voxel by voxel before they are read, as in the
 * JavaScript sweeps). Binary format: WebAssembly core specification 2.0, section 5.
 */
import {
  BLOCK, END, I32, I32_ADD, I32_EQ, I32_GE_U, I32_MUL, I32_SHL, I32_SUB, LOOP, SELECT,
  br, brIf, get, i32 as i32Const, i32Load, i32Load8, i32Store, i32Store8, moduleBytes, set, tee,
} from '../../wasm/assembler.js';
import { KeptKernel, kernelFactory } from '../../wasm/memory.js';
import { align16, labelGridMemory } from './label-grid-wasm.js';

/**
 * runs(from, to, step, gap, tally, width): over the ROI addresses at byte from..to, voxel x (label
 * b) takes position l = positions[x - step] + 1 when the voxel one step back has label b, else 1
 * (positions at x + gap), and tallies (b, l) at tally + 4 * (b * width + l).
 */
function runsCode(): { locals: number[][]; code: number[] } {
  const FROM = 0, TO = 1, STEP = 2, GAP = 3, TALLY = 4, WIDTH = 5, X = 6, B = 7, Y = 8, L = 9, C = 10;
  const code = [
    ...BLOCK, ...LOOP, ...get(FROM), ...get(TO), ...I32_GE_U, ...brIf(1),
    ...get(FROM), ...i32Load(0), ...set(X),
    ...get(X), ...i32Load8(false, 0), ...set(B),
    // the predecessor's position + 1, or 1 when its label differs
    ...get(X), ...get(STEP), ...I32_SUB, ...tee(Y), ...get(GAP), ...I32_ADD, ...i32Load8(false, 0), ...i32Const(1), ...I32_ADD,
    ...i32Const(1),
    ...get(Y), ...i32Load8(false, 0), ...get(B), ...I32_EQ,
    ...SELECT, ...set(L),
    ...get(X), ...get(GAP), ...I32_ADD, ...get(L), ...i32Store8(0),
    ...get(TALLY), ...get(B), ...get(WIDTH), ...I32_MUL, ...get(L), ...I32_ADD, ...i32Const(2), ...I32_SHL, ...I32_ADD, ...tee(C),
    ...get(C), ...i32Load(0), ...i32Const(1), ...I32_ADD, ...i32Store(0),
    ...get(FROM), ...i32Const(4), ...I32_ADD, ...set(FROM), ...br(0), ...END, ...END, ...END,
  ];
  return { locals: [[5, I32]], code };
}

/**
 * rows(from, to, tally, width): runs for the step 1 (along x): the predecessor of a voxel with
 * the same label is the ROI voxel visited just before it (raster order), so its position is kept
 * in a local instead of memory.
 */
function rowsCode(): { locals: number[][]; code: number[] } {
  const FROM = 0, TO = 1, TALLY = 2, WIDTH = 3, X = 4, B = 5, L = 6, C = 7;
  const code = [
    ...BLOCK, ...LOOP, ...get(FROM), ...get(TO), ...I32_GE_U, ...brIf(1),
    ...get(FROM), ...i32Load(0), ...tee(X), ...i32Load8(false, 0), ...set(B),
    ...get(L), ...i32Const(1), ...I32_ADD,
    ...i32Const(1),
    ...get(X), ...i32Const(1), ...I32_SUB, ...i32Load8(false, 0), ...get(B), ...I32_EQ,
    ...SELECT, ...set(L),
    ...get(TALLY), ...get(B), ...get(WIDTH), ...I32_MUL, ...get(L), ...I32_ADD, ...i32Const(2), ...I32_SHL, ...I32_ADD, ...tee(C),
    ...get(C), ...i32Load(0), ...i32Const(1), ...I32_ADD, ...i32Store(0),
    ...get(FROM), ...i32Const(4), ...I32_ADD, ...set(FROM), ...br(0), ...END, ...END, ...END,
  ];
  return { locals: [[4, I32]], code };
}

interface RunFns {
  runs: (from: number, to: number, step: number, gap: number, tally: number, width: number) => void;
  rows: (from: number, to: number, tally: number, width: number) => void;
}

const newKernel = kernelFactory<RunFns>(
  () => moduleBytes(
    [[I32, I32, I32, I32, I32, I32], [I32, I32, I32, I32]],
    [{ type: 0, name: 'runs', ...runsCode() }, { type: 1, name: 'rows', ...rowsCode() }],
  ),
  (e) => ({ runs: e.runs as RunFns['runs'], rows: e.rows as RunFns['rows'] }),
);

const runKernel = new KeptKernel(() => newKernel());

/**
 * The tallies of runTallies (atLeast[(a * n + label - 1) * width + L], L = 1..maxRun, for each
 * of the `steps`' angles, counted over every voxel, before the multiElement rule) into `out`
 * (count * n * width cells, overwritten). Returns false, leaving `out` alone, where the kernel is
 * not available or the grid does not fit it (labels or positions beyond one byte): the caller
 * then counts in JavaScript.
 */
export function runTalliesWasm(
  bins: Uint8Array | Uint16Array | Int32Array, roi: Int32Array, steps: Int32Array, n: number, width: number, out: Int32Array,
): boolean {
  if (!(bins instanceof Uint8Array) || width - 2 > 0xff) return false;
  const kernel = runKernel.get();
  if (!kernel) return false;
  const count = steps.length;
  const cells = n * width;
  const roiAt = 0; // (labelGridMemory's addresses)
  const tallyAt = align16(roiAt + 4 * roi.length);
  const binsAt = align16(tallyAt + 4 * (width + count * cells));
  const positionsAt = align16(binsAt + bins.length);
  const buffer = labelGridMemory(kernel, positionsAt + bins.length, bins, roi, binsAt);
  if (!buffer) return false;
  const tallies = new Int32Array(buffer, tallyAt, width + count * cells);
  tallies.fill(0);
  const { runs, rows } = kernel.fns;
  const to = roiAt + 4 * roi.length;
  for (let a = 0; a < count; a++) {
    // label b's row of angle a starts at tallyAt + 4 * (a * cells + b * width): label 1 at the lead's end
    const tally = tallyAt + 4 * a * cells;
    if (steps[a] === 1) rows(roiAt, to, tally, width);
    else runs(roiAt, to, steps[a], positionsAt - binsAt, tally, width);
  }
  out.set(tallies.subarray(width, width + count * cells));
  runKernel.release();
  return true;
}
