/**
 * Which voxels of a grid a filter must produce, as flags per axis: the filters (LoG, wavelets)
 * filter only the lines through a region and keep only its outputs along each axis.
 */
import type { VoxelBox } from './types.js';
import type { Vec3 } from '../image/volume.js';

/** Flags per axis (x, y, z) of the positions inside `box`, on a grid of `size`. */
export function regionFlags(box: VoxelBox, size: Vec3): [Uint8Array, Uint8Array, Uint8Array] {
  return [0, 1, 2].map((a) => {
    const f = new Uint8Array(size[a]);
    f.fill(1, box.lower[a], box.lower[a] + box.size[a]);
    return f;
  }) as [Uint8Array, Uint8Array, Uint8Array];
}
