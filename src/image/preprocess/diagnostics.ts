/**
 * PyRadiomics' image and mask diagnostics (radiomics/generalinfo.py: addImageElements,
 * addMaskElements), with the same keys, in the same order, formatted as PyRadiomics' CSV
 * shows them (Python str() of the value: see ./python-format.ts).
 *
 * Image (prefix "original" also has Hash and Dimensionality): Spacing, Size, Mean, Minimum,
 * Maximum over every voxel. Mask (prefix "original" also has Hash): Spacing, Size, BoundingBox
 * (lower index x, y, z then size x, y, z), VoxelNum, VolumeNum (26-connected components),
 * CenterOfMassIndex (mean voxel index), CenterOfMass (its physical point), and when an image is
 * given Mean, Minimum, Maximum of the image over the ROI. Means are NumPy's (pairwise sums).
 */
import type { Volume } from '../volume.js';
import { continuousIndexToPoint, gridMatrices } from './geometry.js';
import { countConnectedComponents } from './connected-components.js';
import { roiExtent, type RoiExtent } from './mask.js';
import { pyFloat, pyFloatTuple, pyInt, pyIntTuple } from './python-format.js';
import { voxelHash } from '../hash.js';
import { numpySum, numpySumMinMax, type SumMinMax } from './numpy-sum.js';
import { exactSum, type VoxelStats } from './voxel-stats.js';

export type Diagnostic = [key: string, value: string];

/**
 * Sum (as numpySum gives it), minimum and maximum (NaN ignored) of the voxels: from their one-pass
 * statistics when the caller has them (an exact sum is numpySum's number), else in one pass.
 */
function sumMinMax(a: ArrayLike<number>, stats?: VoxelStats): SumMinMax {
  if (!stats) return numpySumMinMax(a);
  return { sum: exactSum(stats) ? stats.sum : numpySum(a), min: stats.min, max: stats.max };
}

/** addImageElements. `stats`: voxelStats of the image, when the caller has them. */
export function imageDiagnostics(image: Volume, prefix: string, stats?: VoxelStats): Diagnostic[] {
  const p = `diagnostics_Image-${prefix}_`;
  const out: Diagnostic[] = [];
  if (prefix === 'original') {
    out.push([p + 'Hash', voxelHash(image)]);
    out.push([p + 'Dimensionality', '3D']);
  }
  const { sum, min, max } = sumMinMax(image.data, stats);
  out.push(
    [p + 'Spacing', pyFloatTuple(image.spacing)],
    [p + 'Size', pyIntTuple(image.size)],
    [p + 'Mean', pyFloat(0 + sum / image.data.length)],
    [p + 'Minimum', pyFloat(min)],
    [p + 'Maximum', pyFloat(max)],
  );
  return out;
}

/**
 * addMaskElements for the ROI `roi` (0/1). `hash` (prefix "original" only, and required there)
 * is sitk.Hash of the mask as PyRadiomics holds it, cast to UInt32 (src/image/hash.ts maskHash of the mask
 * file's voxels). `image` (same grid) adds the ROI's Mean, Minimum and Maximum. `known`: the
 * ROI's extent when the caller has it.
 */
export function maskDiagnostics(
  roi: Volume<Uint8Array>,
  prefix: string,
  image: Volume | null,
  hash?: string,
  known?: RoiExtent,
): Diagnostic[] {
  const p = `diagnostics_Mask-${prefix}_`;
  const out: Diagnostic[] = [];
  if (prefix === 'original') {
    if (hash === undefined) throw new Error('maskDiagnostics: the hash of the original mask is needed');
    out.push([p + 'Hash', hash]);
  }
  const extent = known ?? roiExtent(roi);
  const box = [0, 1, 2].map((i) => extent.lower[i]).concat([0, 1, 2].map((i) => extent.upper[i] - extent.lower[i] + 1));
  out.push(
    [p + 'Spacing', pyFloatTuple(roi.spacing)],
    [p + 'Size', pyIntTuple(roi.size)],
    [p + 'BoundingBox', pyIntTuple(box)],
    [p + 'VoxelNum', pyInt(extent.count)],
    [p + 'VolumeNum', pyInt(countConnectedComponents(roi, extent))],
  );
  // Center of mass: mean index of the ROI voxels (integer sums are exact in float64).
  const [nx, ny] = roi.size;
  const d = roi.data;
  let sx = 0, sy = 0, sz = 0, n = 0;
  const values = image ? new Float64Array(extent.count) : null;
  // Within the bounding box, in buffer order (the order of NumPy's boolean indexing).
  for (let z = extent.lower[2]; z <= extent.upper[2]; z++) {
    for (let y = extent.lower[1]; y <= extent.upper[1]; y++) {
      for (let x = extent.lower[0], i = x + nx * (y + ny * z); x <= extent.upper[0]; x++, i++) {
        if (d[i] === 0) continue;
        sx += x; sy += y; sz += z;
        if (values) values[n] = image!.data[i];
        n++;
      }
    }
  }
  const center = [sx / n, sy / n, sz / n];
  out.push([p + 'CenterOfMassIndex', pyFloatTuple(center)]);
  out.push([p + 'CenterOfMass', pyFloatTuple(continuousIndexToPoint(gridMatrices(roi), center))]);
  if (values) {
    const { sum, min, max } = sumMinMax(values);
    out.push(
      [p + 'Mean', pyFloat(0 + sum / values.length)],
      [p + 'Minimum', pyFloat(min)],
      [p + 'Maximum', pyFloat(max)],
    );
  }
  return out;
}
