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
  return roiWithExtent(mask, label, source).roi;
}

/** The ROI of getMask with what the same pass learns about it. */
export interface RoiScan {
  roi: Volume<Uint8Array>;
  /** Voxel count and bounding box of the ROI. */
  extent: RoiExtent;
  /** ROI voxels on each axial slice (index k), for largestSlice. */
  sliceCounts: Int32Array;
}

/**
 * roiFromMask, the ROI's extent and its voxels per axial slice, in a single pass over the mask
 * (a whole-image scan is most of what an extraction costs on a small ROI in a large image).
 */
export function roiWithExtent(mask: Volume, label: number, source: string): RoiScan {
  // uint32(v) == 0 holds for the zeros too, which the scan below skips: rare, so a plain pass
  if (label === 0) return roiWithExtentPlain(mask, label, source);
  const d = mask.data;
  const [nx, ny, nz] = mask.size;
  const out = new Uint8Array(d.length);
  const sliceCounts = new Int32Array(nz);
  const box = [nx, ny, nz, -1, -1, -1];
  let count = 0;
  const isFloat = d instanceof Float32Array || d instanceof Float64Array;
  if (!isFloat && label < 2 ** 31 && canScanWords(d, label)) {
    count = scanWords(d as IntegerArray, mask.size, label, out, sliceCounts, box);
  } else if (!isFloat && label < 2 ** 31) {
    // integers: uint32(v) == label < 2^31 exactly when v == label (a negative v wraps to >= 2^31)
    for (let z = 0, i = 0; z < nz; z++) {
      let inSlice = 0;
      for (let y = 0; y < ny; y++, i += nx) inSlice += scanRowEqual(d, i, nx, out, label, box, y);
      count += noteSlice(inSlice, z, sliceCounts, box);
    }
  } else {
    // uint32(v) as C++ static_cast: for floats truncation, wrap modulo 2^32
    const test = isFloat
      ? (v: number) => Number.isFinite(v) && Math.trunc(v) >>> 0 === label
      : (v: number) => v >>> 0 === label;
    for (let z = 0, i = 0; z < nz; z++) {
      let inSlice = 0;
      for (let y = 0; y < ny; y++, i += nx) inSlice += scanRow(d, i, nx, out, test, box, y);
      count += noteSlice(inSlice, z, sliceCounts, box);
    }
  }
  if (count === 0) assertLabelPresent(castToUint32(mask), label, source);
  return { roi: withData(mask, out), extent: { count, lower: [box[0], box[1], box[2]], upper: [box[3], box[4], box[5]] }, sliceCounts };
}

type IntegerArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

/**
 * uint32 of the voxel that holds the top byte 0x80 of an 8-byte word whose other bytes are 0: the
 * one word that compares equal to 0 as a float64 (-0) without being all zeros.
 */
function negativeZeroVoxel(d: IntegerArray): number {
  if (d instanceof Uint8Array) return 0x80;
  if (d instanceof Int8Array) return -0x80 >>> 0;
  if (d instanceof Uint16Array) return 0x8000;
  if (d instanceof Int16Array) return -0x8000 >>> 0;
  return 0x80000000;
}

/** Whether scanWords applies: an integer mask whose buffer can be read as float64 words, a label other than that one voxel's. */
function canScanWords(d: ArrayLike<number>, label: number): boolean {
  const integer = d instanceof Int8Array || d instanceof Uint8Array || d instanceof Int16Array
    || d instanceof Uint16Array || d instanceof Int32Array || d instanceof Uint32Array;
  return integer && d.byteOffset % 8 === 0 && label !== negativeZeroVoxel(d) && !BIG_ENDIAN;
}

const BIG_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 0;

/**
 * The scan of an integer mask for `v == label` (label in 1 .. 2^31 - 1), 8 bytes at a time: a
 * word that reads 0 as a float64 holds no label voxel (all its bytes are 0, or it is the -0 word,
 * whose one non-zero voxel is not the label: canScanWords), so only the words with something in
 * them are looked at voxel by voxel. Mostly empty masks are read at a fraction of the cost. Writes
 * `out`, `sliceCounts` and `box` as the row scan does; returns the number of ROI voxels.
 */
function scanWords(d: IntegerArray, size: readonly number[], label: number, out: Uint8Array, sliceCounts: Int32Array, box: number[]): number {
  const perWord = 8 / d.BYTES_PER_ELEMENT;
  const nWords = Math.floor(d.length / perWord);
  const words = new Float64Array(d.buffer, d.byteOffset, nWords);
  const scan = new WordScan(d, size[0], size[1], label, out, sliceCounts, box);
  // the nWords mod 4 leading words one by one, then four words (32 bytes) per test: one branch
  // per 32 bytes of an empty stretch (a group with something in it is looked at voxel by voxel)
  let w = 0;
  for (const head = nWords & 3; w < head; w++) {
    if (words[w] !== 0) scan.visit(w * perWord, (w + 1) * perWord);
  }
  for (; w < nWords; w += 4) {
    if (words[w] !== 0 || words[w + 1] !== 0 || words[w + 2] !== 0 || words[w + 3] !== 0) scan.visit(w * perWord, (w + 4) * perWord);
  }
  scan.visit(nWords * perWord, d.length);
  return scan.finish();
}

/**
 * scanWords' state: the row being filled (its y, z and index range; its first and last label x
 * and count) and the counts so far. A class rather than a closure made per call: V8's compiled
 * caller then keeps calling the same method (a new closure each call made it bail out each time).
 */
class WordScan {
  private y = 0;
  private z = 0;
  private rowStart = 0;
  private rowEnd: number;
  private first = -1;
  private last = -1;
  private found = 0;
  private inSlice = 0;
  private count = 0;

  constructor(
    private readonly d: IntegerArray, private readonly nx: number, private readonly ny: number, private readonly label: number,
    private readonly out: Uint8Array, private readonly sliceCounts: Int32Array, private readonly box: number[],
  ) {
    this.rowEnd = nx;
  }

  /** Marks the label voxels among d[from .. to). */
  visit(from: number, to: number): void {
    const { d, label, out } = this;
    for (let i = from; i < to; i++) {
      if (d[i] !== label) continue;
      while (i >= this.rowEnd) this.nextRow();
      out[i] = 1;
      const x = i - this.rowStart;
      if (this.first < 0) this.first = x;
      this.last = x;
      this.found++;
    }
  }

  /** Closes the row (and the slice, at its end). */
  private nextRow(): void {
    if (this.found > 0) noteRow(this.first, this.last, this.y, this.box);
    this.inSlice += this.found;
    this.first = -1;
    this.found = 0;
    this.rowStart = this.rowEnd;
    this.rowEnd += this.nx;
    if (++this.y === this.ny) {
      this.count += noteSlice(this.inSlice, this.z, this.sliceCounts, this.box);
      this.inSlice = 0;
      this.y = 0;
      this.z++;
    }
  }

  /** Closes the last row and slice; returns the number of ROI voxels. */
  finish(): number {
    if (this.found > 0) noteRow(this.first, this.last, this.y, this.box);
    return this.count + noteSlice(this.inSlice + this.found, this.z, this.sliceCounts, this.box);
  }
}

/** One row of the scan with the test `v == label`; updates the x and y bounds in `box`; returns the ROI voxels found. */
function scanRowEqual(d: ArrayLike<number>, start: number, n: number, out: Uint8Array, label: number, box: number[], y: number): number {
  let first = -1, last = -1, found = 0;
  for (let x = 0; x < n; x++) {
    if (d[start + x] === label) {
      out[start + x] = 1;
      if (first < 0) first = x;
      last = x;
      found++;
    }
  }
  if (found > 0) noteRow(first, last, y, box);
  return found;
}

/** One row of the scan with any test of the value (skipping zeros, which are never the label). */
function scanRow(d: ArrayLike<number>, start: number, n: number, out: Uint8Array, test: (v: number) => boolean, box: number[], y: number): number {
  let first = -1, last = -1, found = 0;
  for (let x = 0; x < n; x++) {
    const v = d[start + x];
    if (v !== 0 && test(v)) {
      out[start + x] = 1;
      if (first < 0) first = x;
      last = x;
      found++;
    }
  }
  if (found > 0) noteRow(first, last, y, box);
  return found;
}

function noteRow(first: number, last: number, y: number, box: number[]): void {
  if (first < box[0]) box[0] = first;
  if (last > box[3]) box[3] = last;
  if (y < box[1]) box[1] = y;
  if (y > box[4]) box[4] = y;
}

function noteSlice(inSlice: number, z: number, sliceCounts: Int32Array, box: number[]): number {
  if (inSlice > 0) {
    if (z < box[2]) box[2] = z;
    box[5] = z;
    sliceCounts[z] = inSlice;
  }
  return inSlice;
}

/** roiWithExtent by the plain rule, for label 0. */
function roiWithExtentPlain(mask: Volume, label: number, source: string): RoiScan {
  const u = castToUint32(mask);
  const roi = binarize(u, label);
  const extent = roiExtent(roi);
  if (extent.count === 0) assertLabelPresent(u, label, source);
  const [nx, ny, nz] = mask.size;
  const sliceCounts = new Int32Array(nz);
  for (let z = 0; z < nz; z++) {
    for (let i = z * nx * ny; i < (z + 1) * nx * ny; i++) sliceCounts[z] += roi.data[i];
  }
  return { roi, extent, sliceCounts };
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
