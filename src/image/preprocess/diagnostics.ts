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
import { numpySum } from './numpy-sum.js';

export type Diagnostic = [key: string, value: string];

/**
 * Sum (as numpySum gives it), minimum and maximum of the voxels (NaN ignored by the minimum and
 * maximum), in one pass with four partial sums. When every value is an integer and n * max|x| <=
 * 2^53 (always checked, in the same pass), every partial sum in any order is an exact integer, so
 * this sum equals NumPy's pairwise one; otherwise (fractions, NaN, infinities, large values) the
 * sum is taken again in numpySum's own order.
 */
function sumMinMax(a: ArrayLike<number>): { sum: number; min: number; max: number } {
  const n = a.length;
  const integerType = a instanceof Int8Array || a instanceof Uint8Array || a instanceof Int16Array
    || a instanceof Uint16Array || a instanceof Int32Array || a instanceof Uint32Array;
  let min = Infinity, max = -Infinity;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let integral = 1;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const w = a[i], x = a[i + 1], y = a[i + 2], z = a[i + 3];
    s0 += w; s1 += x; s2 += y; s3 += z;
    if (w < min) min = w;
    if (w > max) max = w;
    if (x < min) min = x;
    if (x > max) max = x;
    if (y < min) min = y;
    if (y > max) max = y;
    if (z < min) min = z;
    if (z > max) max = z;
    if (!integerType) integral &= +(Math.floor(w) === w) & +(Math.floor(x) === x) & +(Math.floor(y) === y) & +(Math.floor(z) === z);
  }
  for (; i < n; i++) {
    const w = a[i];
    s0 += w;
    if (w < min) min = w;
    if (w > max) max = w;
    if (!integerType) integral &= +(Math.floor(w) === w);
  }
  const exact = integral === 1 && n * Math.max(Math.abs(min), Math.abs(max)) <= 2 ** 53;
  return { sum: exact ? (s0 + s1) + (s2 + s3) : numpySum(a), min, max };
}

/** addImageElements. */
export function imageDiagnostics(image: Volume, prefix: string): Diagnostic[] {
  const p = `diagnostics_Image-${prefix}_`;
  const out: Diagnostic[] = [];
  if (prefix === 'original') {
    out.push([p + 'Hash', voxelHash(image)]);
    out.push([p + 'Dimensionality', '3D']);
  }
  const { sum, min, max } = sumMinMax(image.data);
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
