/**
 * Our own look at a single-file NIfTI (.nii, .nii.gz), beside ITK's reader, for two things ITK
 * does silently:
 * - a truncated file (or a truncated gzip stream) is read without error, the missing voxels as 0;
 * - NaN and +-Inf voxels of float images are replaced by 0 (nifti1_io's nifti_read_buffer does
 *   this on purpose), so they could not be reported.
 * Header layout: NIfTI-1 (nifti1.h, 348-byte header) and NIfTI-2 (nifti2.h, 540-byte header).
 */
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { ImageReadError } from './errors.js';
import type { Volume } from './volume.js';

export interface NiftiLayout {
  version: 1 | 2;
  littleEndian: boolean;
  /** dim[1..dim[0]]: the extent of each axis. */
  dims: number[];
  datatype: number;
  bitpix: number;
  /** Byte offset of the first voxel. */
  voxOffset: number;
  sclSlope: number;
  sclInter: number;
}

/** NIfTI datatype codes (nifti1.h) -> bytes per voxel. */
const BYTES_PER_VOXEL: Record<number, number> = {
  2: 1, 4: 2, 8: 4, 16: 4, 32: 8, 64: 8, 128: 3, 256: 1, 512: 2, 768: 4, 1024: 8, 1280: 8,
  1536: 16, 1792: 16, 2048: 32, 2304: 4,
};

/** Parses a NIfTI-1 or NIfTI-2 header, or returns null when the bytes are not one. */
export function parseNiftiHeader(bytes: Uint8Array): NiftiLayout | null {
  if (bytes.length < 348) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const littleEndian of [true, false]) {
    const sizeofHdr = view.getInt32(0, littleEndian);
    if (sizeofHdr === 348) {
      const rank = view.getInt16(40, littleEndian);
      if (rank < 1 || rank > 7) return null;
      const dims: number[] = [];
      for (let a = 1; a <= rank; a++) dims.push(view.getInt16(40 + 2 * a, littleEndian));
      return {
        version: 1, littleEndian, dims,
        datatype: view.getInt16(70, littleEndian),
        bitpix: view.getInt16(72, littleEndian),
        voxOffset: view.getFloat32(108, littleEndian),
        sclSlope: view.getFloat32(112, littleEndian),
        sclInter: view.getFloat32(116, littleEndian),
      };
    }
    if (sizeofHdr === 540) {
      if (bytes.length < 540) return null;
      const rank = Number(view.getBigInt64(16, littleEndian));
      if (rank < 1 || rank > 7) return null;
      const dims: number[] = [];
      for (let a = 1; a <= rank; a++) dims.push(Number(view.getBigInt64(16 + 8 * a, littleEndian)));
      return {
        version: 2, littleEndian, dims,
        datatype: view.getInt16(12, littleEndian),
        bitpix: view.getInt16(14, littleEndian),
        voxOffset: Number(view.getBigInt64(168, littleEndian)),
        sclSlope: view.getFloat64(176, littleEndian),
        sclInter: view.getFloat64(184, littleEndian),
      };
    }
  }
  return null;
}

/** The whole file, gunzipped when it is gzip. A damaged gzip stream is an ImageReadError. */
export function readNiftiBytes(path: string): Uint8Array {
  const raw = readFileSync(path);
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      return gunzipSync(raw);
    } catch (err) {
      throw new ImageReadError(path, `the gzip stream is damaged or cut short (${(err as Error).message})`,
        'The file was probably copied or downloaded incompletely: copy it again from its source', { cause: err });
    }
  }
  return raw;
}

export interface NiftiFile {
  layout: NiftiLayout;
  bytes: Uint8Array;
}

/**
 * Reads and checks a single-file NIfTI: header present, all voxels present. Returns null for a
 * header/image pair (.hdr/.img; ITK checks those itself) or an unrecognised header.
 */
export function checkNiftiFile(path: string): NiftiFile | null {
  const bytes = readNiftiBytes(path);
  const layout = parseNiftiHeader(bytes);
  if (!layout) {
    throw new ImageReadError(path, 'this is not a NIfTI file (no NIfTI-1 or NIfTI-2 header found)',
      'Check that the file is a NIfTI image and was not cut short; convert other formats to NIfTI or NRRD first');
  }
  if (layout.voxOffset === 0) return null; // header of a .hdr/.img pair
  const perVoxel = BYTES_PER_VOXEL[layout.datatype];
  if (perVoxel === undefined) return { layout, bytes }; // ITK will reject the type with its own message
  const voxels = layout.dims.reduce((a, b) => a * Math.max(b, 1), 1);
  const needed = Math.floor(layout.voxOffset) + voxels * perVoxel;
  if (bytes.length < needed) {
    throw new ImageReadError(path, `the file is cut short: its header announces ${voxels} voxels (${needed} bytes) but it holds ${bytes.length} bytes`,
      'The file was probably copied or written incompletely: copy or export it again');
  }
  return { layout, bytes };
}

/**
 * Puts back the NaN / +-Inf voxels ITK's NIfTI reader turned into 0, so that radnomo sees the
 * file's true values (and can report them). `volumeIndex` selects the 3D volume of a 4D file.
 * Returns how many voxels were restored.
 */
export function restoreNonFinite(volume: Volume, file: NiftiFile, volumeIndex = 0): number {
  const { layout, bytes } = file;
  if (layout.datatype !== 16 && layout.datatype !== 64) return 0;
  if (!(volume.data instanceof Float32Array) && !(volume.data instanceof Float64Array)) return 0;
  const n = volume.data.length;
  const size = layout.datatype === 16 ? 4 : 8;
  const start = Math.floor(layout.voxOffset) + volumeIndex * n * size;
  const rescale = layout.sclSlope !== 0 && Number.isFinite(layout.sclSlope) && !(layout.sclSlope === 1 && layout.sclInter === 0);
  // A typed view when byte order and alignment allow it (the usual case), else a DataView.
  const aligned = layout.littleEndian === (endianness() === 'LE') && (bytes.byteOffset + start) % size === 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const raw = aligned ? (size === 4 ? new Float32Array(bytes.buffer, bytes.byteOffset + start, n) : new Float64Array(bytes.buffer, bytes.byteOffset + start, n)) : null;
  let restored = 0;
  for (let i = 0; i < n; i++) {
    const v = raw ? raw[i] : size === 4 ? view.getFloat32(start + i * 4, layout.littleEndian) : view.getFloat64(start + i * 8, layout.littleEndian);
    if (v - v !== 0) {
      volume.data[i] = rescale ? v * layout.sclSlope + layout.sclInter : v;
      restored++;
    }
  }
  return restored;
}
