/**
 * One sweep over every ROI voxel's neighbourhood (generateAngles(distances, both directions,
 * force2D): 26 neighbours in 3D at distance 1) for what GLDM and NGTDM both read: how many
 * neighbours are in the ROI, the sum of their bin values (NGTDM), and how many are dependent on the
 * voxel (bins within gldm_a: GLDM). Reading each neighbour once for both classes; the counts and
 * the integer sums are exact, so the matrices are the numbers of visiting them class by class.
 * Kept on the labelled grid (./shared.ts), so the second class of an image finds it done.
 */
import type { Settings } from '../settings.js';
import { gridOf } from './grid.js';
import { neighbourhood } from './neighbours.js';
import { stepOf, type LabelArray } from './padded.js';
import type { TextureGrid } from './shared.js';
import { reusedFloat64, reusedInt32 } from '../scratch.js';
import { neighbourCountsWasm } from './neighbour-counts-wasm.js';

export interface NeighbourhoodStats {
  /** Per voxel of grid.roi: neighbours in the ROI. */
  inRoi: Int32Array;
  /** Per voxel of grid.roi: sum of the neighbours' bin values. */
  valueSum: Float64Array;
  /** Per voxel of grid.roi: neighbours whose bin differs from the voxel's by at most gldm_a. */
  dependent: Int32Array;
}

type StatsSettings = Pick<Settings, 'distances' | 'force2D' | 'force2Ddimension' | 'gldm_a'>;

/** Kept statistics and the sweep that made them (their arrays hold its numbers until the next sweep). */
interface Kept { stats: NeighbourhoodStats; sweep: number }

const kept = new WeakMap<TextureGrid, Map<string, Kept>>();

/**
 * Sweeps so far. The arrays of a sweep are reused by the next one (../scratch.ts: three arrays
 * of the ROI's size per derived image were megabytes of garbage per case), so a kept entry is
 * valid only while it is from the latest sweep.
 */
let sweeps = 0;

/**
 * The neighbourhood statistics of `t`'s ROI (computed once per grid and settings). The arrays are
 * valid until the next call for another grid or settings.
 */
export function neighbourhoodStats(t: TextureGrid, size: readonly [number, number, number], settings: StatsSettings): NeighbourhoodStats {
  const key = `${settings.distances.join(',')}|${settings.force2D ? settings.force2Ddimension : -1}|${settings.gldm_a}`;
  let byKey = kept.get(t);
  const hit = byKey?.get(key);
  if (hit && hit.sweep === sweeps) return hit.stats;
  const stats = sweep(t, size, settings);
  if (!byKey) kept.set(t, (byKey = new Map()));
  byKey.set(key, { stats, sweep: ++sweeps });
  return stats;
}

function sweep(t: TextureGrid, size: readonly [number, number, number], settings: StatsSettings): NeighbourhoodStats {
  const g = t.grid;
  const nb = neighbourhood(gridOf([size[0], size[1], size[2]], [1, 1, 1]), settings);
  const na = nb.count;
  const steps = new Int32Array(na);
  for (let a = 0; a < na; a++) steps[a] = stepOf(g, nb.offsets[3 * a], nb.offsets[3 * a + 1], nb.offsets[3 * a + 2]);
  const { bins, roi } = g;
  const { levelValue } = t;
  const inRoiOf = new Int32Array(levelValue.length).fill(1);
  inRoiOf[0] = 0;
  // (every element is written below)
  const inRoi = reusedInt32('neighbourhood inRoi', roi.length, false);
  const valueSum = reusedFloat64('neighbourhood valueSum', roi.length, false);
  const dependent = reusedInt32('neighbourhood dependent', roi.length, false);
  const alpha = settings.gldm_a;
  // labels are ordered like the bins: alpha < 1 means "same bin" (PyRadiomics' default alpha 0)
  const sameOnly = alpha >= 0 && alpha < 1;
  const maxValue = levelValue[levelValue.length - 1];
  // a neighbour's ROI membership and bin value in one int32, value << bits | 1 (0 outside): one
  // lookup instead of two; the count of na neighbours fits in the low bits, the sum in int32
  const bits = 32 - Math.clz32(na);
  if (sameOnly && na * (Math.max(maxValue, 1) * 2 ** bits + 1) < 2 ** 31) {
    const packed = new Int32Array(levelValue.length);
    for (let l = 1; l < packed.length; l++) packed[l] = (levelValue[l] << bits) | 1;
    if (na === 26 && neighbourCountsWasm(bins, roi, steps, packed, inRoi, dependent)) unpackSums(inRoi, valueSum);
    else if (na === 26) sweepTwentySix(bins, roi, steps, packed, inRoi, valueSum, dependent);
    else sweepSameBin(bins, roi, steps, packed, bits, inRoi, valueSum, dependent);
  } else {
    for (let r = 0; r < roi.length; r++) {
      const i = roi[r];
      const li = bins[i];
      const vi = levelValue[li];
      let c = 0, sum = 0, dep = 0;
      for (let a = 0; a < na; a++) {
        const lj = bins[i + steps[a]];
        c += inRoiOf[lj];
        sum += levelValue[lj];
        if (sameOnly ? lj === li : lj !== 0 && Math.abs(vi - levelValue[lj]) <= alpha) dep++;
      }
      inRoi[r] = c;
      valueSum[r] = sum;
      dependent[r] = dep;
    }
  }
  return { inRoi, valueSum, dependent };
}

/**
 * The common case (dependence = same bin) without branches: equal neighbour labels often
 * alternate with unequal ones in a smooth image, and mispredicted branches, not memory, were most
 * of the time. ((x ^ y) - 1) >>> 31 is 1 exactly when x == y (labels >= 0). `packed[label]` is
 * value << bits | 1 (0 for label 0): the sum over the neighbours holds the count in its low bits.
 */
function sweepSameBin(
  bins: LabelArray, roi: Int32Array, steps: Int32Array, packed: Int32Array, bits: number,
  inRoi: Int32Array, valueSum: Float64Array, dependent: Int32Array,
): void {
  const low = (1 << bits) - 1;
  const na = steps.length;
  for (let r = 0; r < roi.length; r++) {
    const i = roi[r];
    const li = bins[i];
    let sc = 0, dep = 0;
    for (let a = 0; a < na; a++) {
      const lj = bins[i + steps[a]];
      sc = (sc + packed[lj]) | 0;
      dep = (dep + (((lj ^ li) - 1) >>> 31)) | 0;
    }
    inRoi[r] = sc & low;
    valueSum[r] = sc >> bits;
    dependent[r] = dep;
  }
}

/** The kernel's packed sums (value << 5 | count, 26 neighbours) split into the counts (in place) and the value sums. */
function unpackSums(inRoi: Int32Array, valueSum: Float64Array): void {
  for (let r = 0; r < inRoi.length; r++) {
    const sc = inRoi[r];
    inRoi[r] = sc & 31;
    valueSum[r] = sc >> 5;
  }
}

/** sweepSameBin for the 26 neighbours of 3D at distance 1 (5 bits for the count), written out (offsets in registers). */
function sweepTwentySix(
  bins: LabelArray, roi: Int32Array, steps: Int32Array, packed: Int32Array,
  inRoi: Int32Array, valueSum: Float64Array, dependent: Int32Array,
): void {
  const s0 = steps[0], s1 = steps[1], s2 = steps[2], s3 = steps[3], s4 = steps[4], s5 = steps[5], s6 = steps[6];
  const s7 = steps[7], s8 = steps[8], s9 = steps[9], s10 = steps[10], s11 = steps[11], s12 = steps[12], s13 = steps[13];
  const s14 = steps[14], s15 = steps[15], s16 = steps[16], s17 = steps[17], s18 = steps[18], s19 = steps[19], s20 = steps[20];
  const s21 = steps[21], s22 = steps[22], s23 = steps[23], s24 = steps[24], s25 = steps[25];
  for (let r = 0; r < roi.length; r++) {
    const i = roi[r];
    const li = bins[i];
    let sc = 0, dep = 0, l = 0;
    l = bins[i + s0]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s1]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s2]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s3]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s4]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s5]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s6]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s7]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s8]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s9]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s10]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s11]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s12]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s13]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s14]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s15]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s16]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s17]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s18]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s19]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s20]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s21]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s22]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s23]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s24]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    l = bins[i + s25]; sc = (sc + packed[l]) | 0; dep = (dep + (((l ^ li) - 1) >>> 31)) | 0;
    inRoi[r] = sc & 31;
    valueSum[r] = sc >> 5;
    dependent[r] = dep;
  }
}
