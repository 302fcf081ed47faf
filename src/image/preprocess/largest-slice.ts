/**
 * radnomo's `largestSlice` (beyond PyRadiomics): the paper's 2D ROI from a 3D segmentation.
 * Keeps only the axial slice (third index axis, k) holding the most voxels of `label`, ties to
 * the lowest k, in the mask's full geometry and pixel type: voxels of the label on that slice keep
 * the label's value, every other voxel becomes 0.
 */
import { allocate, type Volume } from '../volume.js';
import { PreprocessError } from './errors.js';

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
