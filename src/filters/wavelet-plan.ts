/**
 * Which outputs the passes of PyWavelets' level-1 periodic SWT (wavelet.ts) compute, and in what
 * order each output adds its terms: shared by the JavaScript passes and the WebAssembly SIMD ones
 * (wavelet-simd.ts).
 */
import type { Vec3 } from '../image/volume.js';

export type Axis = 0 | 1 | 2;

/**
 * Which voxels a pass must compute (flags per position along each axis x, y, z): an output voxel
 * is computed when its coordinate along every axis is flagged. Null: every voxel.
 */
export type Needed = [Uint8Array, Uint8Array, Uint8Array] | null;

/**
 * For each output o of a periodic SWT pass over n positions, its F terms in PyWavelets' order
 * (see swtLine64): the filter index m and the input position (o + half - m) mod n, at [o * F + k].
 */
export function swtTermOrder(n: number, F: number): { m: Int32Array; at: Int32Array } {
  const half = F >> 1;
  const m = new Int32Array(n * F), at = new Int32Array(n * F);
  for (let o = 0; o < n; o++) {
    const i = o + half;
    let k = o * F;
    const put = (mm: number) => { m[k] = mm; at[k] = (((i - mm) % n) + n) % n; k++; };
    if (i < n) {
      for (let mm = 0; mm < F; mm++) put(mm);
    } else {
      for (let mm = i - n; mm >= 0; mm--) put(mm);
      for (let mm = i - n + 1; mm < F; mm++) put(mm);
    }
  }
  return { m, at };
}

/** Runs [from, to) of the flagged positions of `flags` (all of [0, n) when null). */
export function flaggedRuns(flags: Uint8Array | null, n: number): number[] {
  if (!flags) return [0, n];
  const runs: number[] = [];
  for (let i = 0; i < n;) {
    if (!flags[i]) { i++; continue; }
    let j = i + 1;
    while (j < n && flags[j]) j++;
    runs.push(i, j);
    i = j;
  }
  return runs;
}

/**
 * The positions along an axis of `n` whose values the periodic SWT pass reads for the outputs
 * flagged in `out`: (o + half - m) mod n, m = 0..F-1.
 */
export function inputsOf(out: Uint8Array, n: number, F: number): Uint8Array {
  const half = F >> 1;
  const need = new Uint8Array(n);
  for (let o = 0; o < n; o++) {
    if (!out[o]) continue;
    for (let m = 0; m < F; m++) need[(((o + half - m) % n) + n) % n] = 1;
  }
  return need;
}

/**
 * What the pass at `depth` must compute for the bands to be right in `region`: along axes already
 * filtered and its own, the region; along axes filtered later, every position those later passes read.
 */
export function passNeeds(region: Needed, size: Vec3, axes: Axis[], depth: number, F: number): Needed {
  if (!region) return null;
  const out: [Uint8Array, Uint8Array, Uint8Array] = [region[0], region[1], region[2]];
  for (let d = depth + 1; d < axes.length; d++) out[axes[d]] = inputsOf(region[axes[d]], size[axes[d]], F);
  return out;
}

/** What a pass along y or z (axis 1 or 2) over rows of x walks: the lines, their strides, the wanted outputs. */
export interface AcrossRowsPlan {
  /** Line length (size along the axis), element stride along it; nb lines across, sb apart. */
  n: number; stride: number; nb: number; sb: number;
  /** Wanted line indices across and outputs along the axis (null: all). */
  needB: Uint8Array | null; needOut: Uint8Array | null;
  /** Runs of wanted x, [from, to) pairs. */
  runs: number[];
  /** swtTermOrder(n, F). */
  order: { m: Int32Array; at: Int32Array };
}

export function acrossRowsPlan(size: Vec3, axis: 1 | 2, needed: Needed, F: number): AcrossRowsPlan {
  const [nx, ny, nz] = size;
  const n = size[axis];
  return {
    n,
    stride: axis === 1 ? nx : nx * ny,
    nb: axis === 1 ? nz : ny,
    sb: axis === 1 ? nx * ny : nx,
    needB: needed ? needed[axis === 1 ? 2 : 1] : null,
    needOut: needed ? needed[axis] : null,
    runs: flaggedRuns(needed ? needed[0] : null, nx),
    order: swtTermOrder(n, F),
  };
}
