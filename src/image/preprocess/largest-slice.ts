/**
 * radnomo's `largestSlice` (beyond PyRadiomics): the paper's 2D ROI from a 3D segmentation.
 * Keeps only the axial slice (third index axis, k) holding the most voxels of `label`, ties to
 * the lowest k, in the mask's full geometry and pixel type: voxels of the label on that slice keep
 * the label's value, every other voxel becomes 0.
 */
import { allocate, withData, type Volume } from '../volume.js';
import { PreprocessError } from './errors.js';
import type { RoiScan } from './mask.js';

/** The index k of the axial slice with the most voxels of `label` (ties: the lowest k), or -1. */
export function largestSliceIndex(mask: Volume, label: number): number {
  const [nx, ny, nz] = mask.size;
  const plane = nx * ny;
  const d = mask.data;
  let best = -1, bestCount = 0;
  for (let k = 0; k < nz; k++) {
    let count = 0;
    const end = (k + 1) * plane;
    for (let i = k * plane; i < end; i++) if (d[i] === label) count++;
    if (count > bestCount) {
      best = k;
      bestCount = count;
    }
  }
  return best;
}

/**
 * largestSliceMask of a scanned 0/1 ROI (./mask.ts roiWithExtent), from its per-slice counts:
 * no second pass over the image. The scan of the result covers the kept slice only.
 */
export function largestSliceOfScan(scan: RoiScan, source = 'mask'): RoiScan {
  const { roi, extent, sliceCounts } = scan;
  let k = -1, best = 0;
  for (let z = 0; z < sliceCounts.length; z++) {
    if (sliceCounts[z] > best) {
      best = sliceCounts[z];
      k = z;
    }
  }
  if (k < 0) throw new PreprocessError('label-missing', `${source}: the ROI is empty, so it has no largest slice.`);
  const [nx, ny] = roi.size;
  const plane = nx * ny;
  const out = new Uint8Array(roi.data.length);
  out.set(roi.data.subarray(k * plane, (k + 1) * plane), k * plane);
  // the kept slice's bounding box, searched within the 3D one
  let x0 = nx, y0 = ny, x1 = -1, y1 = -1;
  for (let y = extent.lower[1]; y <= extent.upper[1]; y++) {
    const row = k * plane + y * nx;
    for (let x = extent.lower[0]; x <= extent.upper[0]; x++) {
      if (out[row + x] === 0) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y;
    }
  }
  const counts = new Int32Array(sliceCounts.length);
  counts[k] = best;
  return { roi: withData(roi, out), extent: { count: best, lower: [x0, y0, k], upper: [x1, y1, k] }, sliceCounts: counts };
}

/** The mask reduced to its largest axial cross-section of `label`. */
export function largestSliceMask<V extends Volume>(mask: V, label: number, source = 'mask'): V {
  const k = largestSliceIndex(mask, label);
  if (k < 0) {
    throw new PreprocessError('label-missing', `${source}: label ${label} is not present in the mask, so it has no largest slice.`);
  }
  const plane = mask.size[0] * mask.size[1];
  const out = allocate(mask.pixelType, mask.data.length);
  const d = mask.data;
  for (let i = k * plane; i < (k + 1) * plane; i++) if (d[i] === label) out[i] = label;
  return {
    ...mask,
    data: out,
    size: [...mask.size],
    spacing: [...mask.spacing],
    origin: [...mask.origin],
    direction: Float64Array.from(mask.direction),
  };
}
