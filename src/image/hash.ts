/**
 * Voxel hashes as PyRadiomics reports them (diagnostics_Image-original_Hash and
 * diagnostics_Mask-original_Hash): SimpleITK's Hash(image), i.e. ITK's HashImageFilter with SHA-1,
 * a digest of the voxel buffer alone (no size, spacing or origin) in little-endian byte order.
 * PyRadiomics hashes the image in its own pixel type and the mask after
 * imageoperations.getMask cast it to UInt32 (so a uint8 and an int32 copy of a mask hash alike).
 * The SHA-1 itself is ./preprocess/sha1.ts (Node's OpenSSL, or a portable one in a browser).
 */
import type { VoxelArray } from './volume.js';
import { sha1Hex, sha1HexAsUint32 } from './preprocess/sha1.js';

/** SHA-1 (hex) of the voxels in their own pixel type: SimpleITK's Hash of the image as read. */
export function voxelHash(v: { data: VoxelArray }): string {
  return sha1Hex(v.data);
}

/**
 * SHA-1 (hex) of the voxels cast to uint32, as PyRadiomics hashes a mask (C++ static_cast:
 * integers wrap modulo 2^32, fractions truncate), without allocating the cast copy.
 */
export function maskHash(v: { data: ArrayLike<number> }): string {
  return sha1HexAsUint32(v.data);
}
