/**
 * Number of connected components of a 0/1 ROI with full connectivity (26 neighbours in 3D), as
 * SimpleITK's ConnectedComponentImageFilter with FullyConnectedOn counts them (PyRadiomics'
 * diagnostics_Mask-*_VolumeNum).
 */
import type { Volume } from '../volume.js';
import { roiExtent, type RoiExtent } from './mask.js';

/**
 * `extent` (the ROI's bounding box, if known) saves a pass over the grid; the flood fill works on
 * a copy of that box only (1 = ROI voxel not reached yet), whatever the size of the image.
 */
export function countConnectedComponents(roi: Volume<Uint8Array>, extent: RoiExtent = roiExtent(roi)): number {
  if (extent.count === 0) return 0;
  const [nx, ny] = roi.size;
  const [x0, y0, z0] = extent.lower;
  const bx = extent.upper[0] - x0 + 1, by = extent.upper[1] - y0 + 1, bz = extent.upper[2] - z0 + 1;
  const left = new Uint8Array(bx * by * bz);
  for (let z = 0, o = 0; z < bz; z++) {
    for (let y = 0; y < by; y++, o += bx) {
      const from = x0 + nx * (y0 + y + ny * (z0 + z));
      left.set(roi.data.subarray(from, from + bx), o);
    }
  }
  const stack = new Int32Array(extent.count);
  const plane = bx * by;
  let components = 0;
  for (let seed = 0; seed < left.length; seed++) {
    if (left[seed] === 0) continue;
    components++;
    left[seed] = 0;
    let top = 0;
    stack[top++] = seed;
    while (top > 0) {
      const v = stack[--top];
      const x = v % bx;
      const y = Math.floor(v / bx) % by;
      const z = Math.floor(v / plane);
      const xa = x > 0 ? -1 : 0, xb = x < bx - 1 ? 1 : 0;
      for (let dz = z > 0 ? -1 : 0; dz <= (z < bz - 1 ? 1 : 0); dz++) {
        for (let dy = y > 0 ? -1 : 0; dy <= (y < by - 1 ? 1 : 0); dy++) {
          const row = v + dz * plane + dy * bx;
          for (let dx = xa; dx <= xb; dx++) {
            const w = row + dx;
            if (left[w] !== 0) {
              left[w] = 0;
              stack[top++] = w;
            }
          }
        }
      }
    }
  }
  return components;
}
