/**
 * The positions of a cropped ROI's voxels (mask != 0), in raster order. Every class of every
 * derived image of a case reads the same ROI, a fraction of its bounding box: the extractor crops
 * the mask once per case and registers it here, so that the classes visit the ROI's voxels from
 * one list instead of scanning the box again and again. A mask that was not registered gets its
 * list computed on each call (nothing is kept: such an array might change between calls); a
 * registered mask must not be changed (the extractor's are not).
 */

const registered = new WeakMap<Uint8Array, Int32Array>();

function positions(mask: Uint8Array): Int32Array {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) n++;
  const out = new Int32Array(n);
  for (let i = 0, k = 0; i < mask.length; i++) if (mask[i] !== 0) out[k++] = i;
  return out;
}

/** Registers a mask that will not change, and returns its ROI positions. */
export function registerRoi(mask: Uint8Array): Int32Array {
  let list = registered.get(mask);
  if (!list) {
    list = positions(mask);
    registered.set(mask, list);
  }
  return list;
}

/** The ROI positions of `mask` if it was registered (else undefined: nothing is computed). */
export function registeredRoiIndex(mask: Uint8Array): Int32Array | undefined {
  return registered.get(mask);
}

/** The ROI positions of `mask`: kept if it was registered, else computed now. */
export function roiIndex(mask: Uint8Array): Int32Array {
  return registered.get(mask) ?? positions(mask);
}

const paddedLists = new WeakMap<Uint8Array, Map<string, Int32Array>>();

/**
 * The ROI positions of `mask` (a box of `size`) in the same box with a border of `pad` voxels
 * added on every side, as the texture matrices' padded grids index it; kept for registered masks.
 */
export function paddedRoiIndex(mask: Uint8Array, size: readonly [number, number, number], pad: number): Int32Array {
  const key = `${size.join(',')}|${pad}`;
  const kept = registered.has(mask) ? paddedLists.get(mask)?.get(key) : undefined;
  if (kept) return kept;
  const [sx, sy] = size;
  const nx = sx + 2 * pad, ny = sy + 2 * pad;
  const roi = roiIndex(mask);
  const out = new Int32Array(roi.length);
  for (let k = 0; k < roi.length; k++) {
    const i = roi[k];
    const x = i % sx;
    const y = ((i - x) / sx) % sy;
    const z = (i - x - sx * y) / (sx * sy);
    out[k] = ((z + pad) * ny + (y + pad)) * nx + x + pad;
  }
  if (registered.has(mask)) {
    let byKey = paddedLists.get(mask);
    if (!byKey) paddedLists.set(mask, (byKey = new Map()));
    byKey.set(key, out);
  }
  return out;
}
