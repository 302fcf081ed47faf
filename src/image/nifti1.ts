/**
 * NIfTI-1 read natively, as itk-wasm's NiftiImageIO (ITK 5.4.3, nifti1_io) reads it, for the files
 * whose reading is certain: a single file (.nii, .nii.gz; magic "n+1") or a header/image pair
 * (.hdr + .img; magic "ni1"), scalar voxels of 8 to 64 bits (not 64-bit integers), up to 4 axes,
 * and a geometry that ITK's rules settle without its own float SVD (nifti-orientation.ts).
 * Anything else returns null and readVolume hands the file to itk-wasm as before, so behaviour
 * there is unchanged: Analyze 7.5 headers, vector/tensor intents, RGB/complex/int64 voxels,
 * 5+ axes, skewed or borderline sforms, a gzip stream in a file not named .gz, upper-case names.
 * test/image/native-readers.test.ts checks the result against itk-wasm's, bit for bit.
 */
import type { Image } from 'itk-wasm';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { parseNiftiHeader, type NiftiFile } from './nifti-check.js';
import { readNiftiHeader } from './nifti-header.js';
import { niftiImage } from './nifti-image.js';

function startsWithGzipMagic(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = new Uint8Array(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/**
 * The Image itk-wasm would give for a checked single-file NIfTI-1 (see checkNiftiFile), or null
 * when the file is left to itk-wasm.
 */
export function niftiOneImage(file: NiftiFile, path: string): Image | null {
  if (file.layout.version !== 1) return null;
  // itk-wasm picks its reader by the (case-sensitive) extension and nifti1_io decompresses by name.
  const gzName = path.endsWith('.nii.gz');
  if (!gzName && !path.endsWith('.nii')) return null;
  if (!gzName && startsWithGzipMagic(path)) return null;
  const h = readNiftiHeader(file.bytes, 1, file.layout.littleEndian);
  if (h.magic !== 'n+1') return null;
  const r = niftiImage(h, file.bytes, true);
  return 'image' in r ? r.image : null;
}

/**
 * A NIfTI-1 header/image pair (x.hdr with magic "ni1" beside an uncompressed x.img), read as
 * nifti1_io does (voxels from vox_offset in the .img), or null to leave it to itk-wasm.
 */
export function niftiPairImage(path: string): Image | null {
  if (!path.endsWith('.hdr')) return null;
  const imgPath = `${path.slice(0, -4)}.img`;
  if (!existsSync(imgPath) || !statSync(imgPath).isFile()) return null;
  const headerBytes = readFileSync(path);
  const layout = parseNiftiHeader(headerBytes);
  if (!layout || layout.version !== 1) return null;
  const h = readNiftiHeader(headerBytes, 1, layout.littleEndian);
  if (h.magic !== 'ni1' || h.voxOffset < 0) return null;
  const r = niftiImage(h, readFileSync(imgPath), true, h.voxOffset);
  return 'image' in r ? r.image : null;
}
