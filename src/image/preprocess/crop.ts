/**
 * PyRadiomics' cropToTumorMask (imageoperations.py): image and mask cut to the ROI's bounding box
 * plus padDistance voxels on each side, never beyond the image. As SimpleITK's CropImageFilter
 * leaves it, the cropped volume starts at index 0 and its origin is the physical point of the
 * first kept voxel (itk::ImageBase::TransformIndexToPhysicalPoint).
 */
import { allocate, type Vec3, type Volume, type VoxelArray } from '../volume.js';
import { gridMatrices, indexToPoint } from './geometry.js';

/** [xmin, xmax, ymin, ymax, zmin, zmax], inclusive (checkMask's bounding box). */
export type BoundingBoxLike = readonly [number, number, number, number, number, number];

/** The sub-volume starting at `lower` with `size` voxels per axis, in the same pixel type. */
export function cropVolume<T extends VoxelArray>(v: Volume<T>, lower: Vec3, size: Vec3): Volume<T> {
  const [nx, ny] = v.size;
  const [sx, sy, sz] = size;
  const out = allocate(v.pixelType, sx * sy * sz) as T;
  let o = 0;
  for (let z = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      const from = lower[0] + nx * (lower[1] + y + ny * (lower[2] + z));
      out.set(v.data.subarray(from, from + sx) as never, o);
      o += sx;
    }
  }
  const origin = [0, 0, 0];
  indexToPoint(gridMatrices(v), lower[0], lower[1], lower[2], origin);
  return {
    data: out,
    size: [sx, sy, sz],
    spacing: [v.spacing[0], v.spacing[1], v.spacing[2]],
    origin: origin as Vec3,
    direction: Float64Array.from(v.direction),
    pixelType: v.pixelType,
  };
}

/** The region cropToTumorMask keeps: lower index and size per axis. */
export function cropRegion(size: Vec3, box: BoundingBoxLike, padDistance: number): { lower: Vec3; size: Vec3 } {
  const lower: number[] = [], extent: number[] = [];
  for (let i = 0; i < 3; i++) {
    const cutLow = Math.max(box[2 * i] - padDistance, 0);
    const cutHigh = Math.max(size[i] - box[2 * i + 1] - padDistance - 1, 0);
    lower.push(cutLow);
    extent.push(size[i] - cutLow - cutHigh);
  }
  return { lower: lower as Vec3, size: extent as Vec3 };
}

/**
 * cropToTumorMask: image and mask (same grid) cut to the bounding box + padDistance.
 * The extractor calls this once per derived image with padDistance 0.
 */
export function cropToBoundingBox<I extends VoxelArray, M extends VoxelArray>(
  image: Volume<I>,
  mask: Volume<M>,
  box: BoundingBoxLike,
  padDistance = 0,
): { image: Volume<I>; mask: Volume<M> } {
  const region = cropRegion(mask.size, box, padDistance);
  return { image: cropVolume(image, region.lower, region.size), mask: cropVolume(mask, region.lower, region.size) };
}
