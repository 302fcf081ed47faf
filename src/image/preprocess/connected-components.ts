/**
 * Number of connected components of a 0/1 ROI with full connectivity (26 neighbours in 3D), as
 * SimpleITK's ConnectedComponentImageFilter with FullyConnectedOn counts them (PyRadiomics'
 * diagnostics_Mask-*_VolumeNum).
 */
import type { Volume } from '../volume.js';
import { roiExtent, type RoiExtent } from './mask.js';

/** `extent` (the ROI's bounding box, if known) limits the search for seeds. */
export function countConnectedComponents(roi: Volume<Uint8Array>, extent: RoiExtent = roiExtent(roi)): number {
  const [nx, ny, nz] = roi.size;
  if (extent.count === 0) return 0;
  const seen = new Uint8Array(nx * ny * nz);
  const stack = new Int32Array(extent.count);
  const d = roi.data;
  let components = 0;
  for (let sz = extent.lower[2]; sz <= extent.upper[2]; sz++)
  for (let sy = extent.lower[1]; sy <= extent.upper[1]; sy++)
  for (let sx = extent.lower[0]; sx <= extent.upper[0]; sx++) {
    const seed = sx + nx * (sy + ny * sz);
    if (d[seed] === 0 || seen[seed]) continue;
    components++;
    seen[seed] = 1;
    let top = 0;
    stack[top++] = seed;
    while (top > 0) {
      const v = stack[--top];
      const x = v % nx;
      const y = Math.floor(v / nx) % ny;
      const z = Math.floor(v / (nx * ny));
      for (let dz = -1; dz <= 1; dz++) {
        const zz = z + dz;
        if (zz < 0 || zz >= nz) continue;
        for (let dy = -1; dy <= 1; dy++) {
          const yy = y + dy;
          if (yy < 0 || yy >= ny) continue;
          const row = nx * (yy + ny * zz);
          for (let dx = -1; dx <= 1; dx++) {
            const xx = x + dx;
            if (xx < 0 || xx >= nx) continue;
            const w = row + xx;
            if (d[w] !== 0 && !seen[w]) {
              seen[w] = 1;
              stack[top++] = w;
            }
          }
        }
      }
    }
  }
  return components;
}
