/**
 * Voxel hashes as PyRadiomics reports them (diagnostics_Image-original_Hash and
 * diagnostics_Mask-original_Hash): SimpleITK's Hash(image), i.e. ITK's HashImageFilter with SHA-1,
 * a digest of the voxel buffer alone (no size, spacing or origin) in little-endian byte order.
 * PyRadiomics hashes the image in its own pixel type and the mask after
 * imageoperations.getMask cast it to UInt32 (so a uint8 and an int32 copy of a mask hash alike).
 */
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import type { VoxelArray } from './volume.js';

function littleEndianBytes(data: VoxelArray): Uint8Array {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (endianness() === 'LE' || data.BYTES_PER_ELEMENT === 1) return bytes;
  const copy = Uint8Array.from(bytes);
  const w = data.BYTES_PER_ELEMENT;
  for (let i = 0; i < copy.length; i += w) copy.subarray(i, i + w).reverse();
  return copy;
}

/** SHA-1 (hex) of the voxels in their own pixel type: SimpleITK's Hash of the image as read. */
export function voxelHash(v: { data: VoxelArray }): string {
  return createHash('sha1').update(littleEndianBytes(v.data)).digest('hex');
}

/** SHA-1 (hex) of the voxels cast to uint32, as PyRadiomics hashes a mask. */
export function maskHash(v: { data: VoxelArray }): string {
  const d = v.data;
  if (d instanceof Uint32Array || d instanceof Int32Array) return voxelHash(v); // same bytes as the uint32 cast
  const u = new Uint32Array(d.length);
  u.set(d); // ToUint32: integers wrap modulo 2^32 like a C++ static_cast, fractions truncate
  return voxelHash({ data: u });
}
