/**
 * The mask as PyRadiomics takes it (imageoperations.getMask): cast to UInt32 as sitk.Cast does
 * (C++ static_cast: integers wrap modulo 2^32, floats truncate), the label must be present, and
 * from then on the ROI is `mask == label`, held here as a Uint8Array of 0/1.
 */
import { withData, type Volume } from '../volume.js';
import { PreprocessError } from './errors.js';

/** sitk.Cast(mask, sitkUInt32). */
export function castToUint32(mask: Volume): Volume<Uint32Array> {
  const src = mask.data;
  const out = new Uint32Array(src.length);
  if (src instanceof Float32Array || src instanceof Float64Array) {
    for (let i = 0; i < src.length; i++) {
      const x = src[i];
      out[i] = Number.isFinite(x) ? Math.trunc(x) >>> 0 : 0;
    }
  } else {
    for (let i = 0; i < src.length; i++) out[i] = src[i] >>> 0;
  }
  return withData(mask, out);
}

/** The distinct non-zero values of a mask, ascending (at most `limit` of them). */
export function labelsPresent(mask: Volume, limit = 50): number[] {
  const seen = new Set<number>();
  const d = mask.data;
  for (let i = 0; i < d.length; i++) {
    const x = d[i];
    if (x !== 0 && !seen.has(x)) {
      seen.add(x);
      if (seen.size > limit) break;
    }
  }
  return [...seen].sort((a, b) => a - b);
}

/**
 * getMask's checks: something is segmented, and `label` is among the values. Errors name the
 * mask and list the labels that are there.
 */
export function assertLabelPresent(mask32: Volume<Uint32Array>, label: number, source: string): void {
  const d = mask32.data;
  for (let i = 0; i < d.length; i++) if (d[i] === label) return;
  const labels = labelsPresent(mask32);
  if (labels.length === 0) {
    throw new PreprocessError('no-label',
      `${source}: the mask is empty (every voxel is 0: nothing is segmented). Check that this is the right mask file for the image.`);
  }
  throw new PreprocessError('label-missing',
    `${source}: label ${label} is not present in the mask; labels present: ${labels.join(', ')}. ` +
    `Set "label" in the settings (or the case's Label column) to one of them.`);
}

/**
 * getMask in one pass: the ROI `uint32(mask) == label` as 0/1, after checking that the label is
 * there (the error lists the labels present).
 */
export function roiFromMask(mask: Volume, label: number, source: string): Volume<Uint8Array> {
  const d = mask.data;
  const out = new Uint8Array(d.length);
  let found = 0;
  if (d instanceof Float32Array || d instanceof Float64Array) {
    for (let i = 0; i < d.length; i++) {
      const x = d[i];
      if (Number.isFinite(x) && Math.trunc(x) >>> 0 === label) { out[i] = 1; found++; }
    }
  } else {
    for (let i = 0; i < d.length; i++) if (d[i] >>> 0 === label) { out[i] = 1; found++; }
  }
  if (found === 0) assertLabelPresent(castToUint32(mask), label, source);
  return withData(mask, out);
}

/** mask == label as 0/1. */
export function binarize(mask: Volume, label: number): Volume<Uint8Array> {
  const d = mask.data;
  const out = new Uint8Array(d.length);
  for (let i = 0; i < d.length; i++) out[i] = d[i] === label ? 1 : 0;
  return withData(mask, out);
}

/** Voxel count and bounding box of a 0/1 ROI. */
export interface RoiExtent {
  count: number;
  /** Lowest index per axis (x, y, z). */
  lower: [number, number, number];
  /** Highest index per axis, inclusive. */
  upper: [number, number, number];
}

/** Count and bounding box of the ROI; count 0 means there is none (lower/upper are then -1). */
export function roiExtent(roi: Volume<Uint8Array>): RoiExtent {
  const [nx, ny, nz] = roi.size;
  const d = roi.data;
  let count = 0;
  let x0 = Infinity, y0 = Infinity, z0 = Infinity, x1 = -1, y1 = -1, z1 = -1;
  let i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      let rowHas = false;
      for (let x = 0; x < nx; x++, i++) {
        if (d[i] !== 0) {
          count++;
          rowHas = true;
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
        }
      }
      if (rowHas) {
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
        if (z < z0) z0 = z;
        z1 = z;
      }
    }
  }
  if (count === 0) return { count, lower: [-1, -1, -1], upper: [-1, -1, -1] };
  return { count, lower: [x0, y0, z0], upper: [x1, y1, z1] };
}
