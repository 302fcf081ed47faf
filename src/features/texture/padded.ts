/**
 * The discretised grid with a border of empty voxels (bin 0) around it, so that a neighbour at
 * any offset up to `pad` voxels is a plain index step with no bounds test, and the list of ROI
 * voxels (raster order: x fastest, then y, then z) to visit. Axis order as numpy: z, y, x.
 */
import type { Vec3 } from '../../image/volume.js';

/** Labels of a padded grid: the narrowest integer type that holds them (a smaller grid stays in cache). */
export type LabelArray = Uint8Array | Uint16Array | Int32Array;

export interface PaddedGrid {
  /** Bin (or relabelled bin) per voxel of the padded grid, 0 outside the ROI and on the border. */
  bins: LabelArray;
  /** Padded sizes. */
  nz: number;
  ny: number;
  nx: number;
  /** Indices (into bins) of the ROI voxels, in raster order. */
  roi: Int32Array;
}

/**
 * The padded grid of the ROI whose voxels are at `roi` (positions in the unpadded box, raster
 * order) and `paddedRoi` (the same voxels in the padded grid: ../roi-index.ts paddedRoiIndex),
 * every one of them with a bin > 0: a pass over the ROI only, not the whole box. The labels are
 * stored in the narrowest type that holds them (usually one byte: the neighbour loops of the
 * texture matrices then read a quarter of the memory).
 */
export function padGridAt(
  binned: Int32Array, size: Vec3, pad: number, relabel: Int32Array, roi: Int32Array, paddedRoi: Int32Array,
): PaddedGrid {
  const [sx, sy, sz] = size;
  const nx = sx + 2 * pad, ny = sy + 2 * pad, nz = sz + 2 * pad;
  const top = largest(relabel);
  const count = nx * ny * nz;
  const bins = top <= 0xff ? new Uint8Array(count) : top <= 0xffff ? new Uint16Array(count) : new Int32Array(count);
  placeLabels(bins, binned, relabel, roi, paddedRoi);
  return { bins, nz, ny, nx, roi: paddedRoi };
}

// The loops of padGridAt each in a function of its own: V8 on-stack-replaced a long loop inside
// padGridAt, and the code after it, never run before, bailed out on every call (node --trace-deopt).

/** The largest value of `a` (0 when none is positive). */
function largest(a: Int32Array): number {
  let top = 0;
  for (let b = 0; b < a.length; b++) if (a[b] > top) top = a[b];
  return top;
}

function placeLabels(bins: LabelArray, binned: Int32Array, relabel: Int32Array, roi: Int32Array, paddedRoi: Int32Array): void {
  for (let k = 0; k < roi.length; k++) bins[paddedRoi[k]] = relabel[binned[roi[k]]];
}

/**
 * @param relabel when given, voxels hold relabel[bin] (which must be > 0) instead of the bin, e.g.
 *   1 + the bin's index among the present levels
 */
export function padGrid(binned: Int32Array, size: Vec3, pad: number, relabel?: Int32Array): PaddedGrid {
  const [sx, sy, sz] = size;
  const nx = sx + 2 * pad, ny = sy + 2 * pad, nz = sz + 2 * pad;
  const bins = new Int32Array(nx * ny * nz);
  let count = 0;
  for (let i = 0; i < binned.length; i++) if (binned[i] > 0) count++;
  const roi = new Int32Array(count);
  let r = 0;
  let k = 0;
  for (let z = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      let p = ((z + pad) * ny + (y + pad)) * nx + pad;
      for (let x = 0; x < sx; x++, k++, p++) {
        const b = binned[k];
        if (b > 0) {
          bins[p] = relabel ? relabel[b] : b;
          roi[r++] = p;
        }
      }
    }
  }
  return { bins, nz, ny, nx, roi };
}

/** Index step of the offset (dz, dy, dx) in the padded grid. */
export function stepOf(g: PaddedGrid, dz: number, dy: number, dx: number): number {
  return (dz * g.ny + dy) * g.nx + dx;
}
