/**
 * NIfTI-1 single-file writer (.nii, .nii.gz) in TypeScript, ~1 ms a file where itk-wasm spends
 * ~70 ms of WebAssembly start-up. Every header field is what ITK 5.4.3's NiftiImageIO (in
 * @itk-wasm/image-io 1.6.1) writes for a 3D scalar image, measured field by field: regular 'r',
 * dim [3, nx, ny, nz, 1, 1, 1, 1], pixdim [qfac, sx, sy, sz, 0, 0, 0, 0], vox_offset 352,
 * scl_slope 1, xyzt_units mm + s (10), qform_code = sform_code = 1 (scanner), magic "n+1", four
 * zero extension bytes, then the voxels; descrip, cal_*, intent and slice fields empty.
 *
 * Geometry: a Volume is in ITK's LPS space, NIfTI stores RAS, so rows x and y flip:
 * R = diag(-1, -1, 1) D, sform = R diag(spacing) with offset diag(-1, -1, 1) origin, qform =
 * the quaternion of R (NIfTI-1 standard, nifti1.h "Method 2") with qfac = det R.
 * ITK builds its matrix through nifti1_io's float32 polar decomposition (nifti_make_orthog_mat44,
 * then nifti_mat44_to_quatern), so for an oblique direction its sform and quaternion can differ
 * from these in the last float bit. For an axis-aligned direction (a signed permutation: every
 * entry 1, -1 or 0) that decomposition is exact, and the values here are ITK's own: checked for
 * all 48 such directions and all eight pixel types (test/image/nifti1-write.test.ts). ITK's zeros
 * in those matrices carry signs that depend on its arithmetic; here every zero is +0 (equal
 * values, read alike by every reader). writesAsItk says when a volume's header comes out as ITK's.
 *
 * Sources: the NIfTI-1 header (nifti1.h, NIfTI DFWG 2004); ITK itkNiftiImageIO.cxx (LPS <-> RAS,
 * SetNIfTIOrientationFromImageIO).
 */
import { endianness } from 'node:os';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { NIFTI_SCALAR_TYPES } from './nifti-image.js';
import type { PixelType, Volume } from './volume.js';

const HEADER_BYTES = 348;
const DATA_OFFSET = 352;

/** NIfTI datatype code and bits per voxel of each pixel type (nifti1.h DT_*). */
const DATATYPE = new Map<PixelType, { code: number; bitpix: number }>(
  Object.entries(NIFTI_SCALAR_TYPES).map(([code, t]) => [t.pixelType, { code: Number(code), bitpix: 8 * t.bytes }]),
);

/**
 * The NIfTI quaternion (b, c, d) and qfac of a 3 x 3 rotation (row-major), as the NIfTI-1
 * standard derives them (nifti1.h, method 2; nifti1_io's nifti_mat44_to_quatern without its
 * orthogonalisation): a left-handed matrix has its third column negated and qfac -1.
 */
export function rotationToQuaternion(r: ArrayLike<number>): { b: number; c: number; d: number; qfac: number } {
  let [r11, r12, r13, r21, r22, r23, r31, r32, r33] = Array.from(r);
  const det = r11 * (r22 * r33 - r32 * r23) - r12 * (r21 * r33 - r31 * r23) + r13 * (r21 * r32 - r31 * r22);
  let qfac = 1;
  if (det < 0) {
    qfac = -1;
    r13 = -r13;
    r23 = -r23;
    r33 = -r33;
  }
  let a = r11 + r22 + r33 + 1;
  let b: number;
  let c: number;
  let d: number;
  if (a > 0.5) {
    a = 0.5 * Math.sqrt(a);
    b = (0.25 * (r32 - r23)) / a;
    c = (0.25 * (r13 - r31)) / a;
    d = (0.25 * (r21 - r12)) / a;
  } else {
    const xd = 1 + r11 - (r22 + r33);
    const yd = 1 + r22 - (r11 + r33);
    const zd = 1 + r33 - (r11 + r22);
    if (xd > 1) {
      b = 0.5 * Math.sqrt(xd);
      c = (0.25 * (r12 + r21)) / b;
      d = (0.25 * (r13 + r31)) / b;
      a = (0.25 * (r32 - r23)) / b;
    } else if (yd > 1) {
      c = 0.5 * Math.sqrt(yd);
      b = (0.25 * (r12 + r21)) / c;
      d = (0.25 * (r23 + r32)) / c;
      a = (0.25 * (r13 - r31)) / c;
    } else {
      d = 0.5 * Math.sqrt(zd);
      b = (0.25 * (r13 + r31)) / d;
      c = (0.25 * (r23 + r32)) / d;
      a = (0.25 * (r21 - r12)) / d;
    }
    if (a < 0) {
      b = -b;
      c = -c;
      d = -d;
    }
  }
  return { b, c, d, qfac };
}

/** True when every entry is 1, -1 or +0 and each row and column holds one non-zero. */
function isSignedPermutation(D: ArrayLike<number>): boolean {
  for (let r = 0; r < 3; r++) {
    let inRow = 0;
    let inColumn = 0;
    for (let c = 0; c < 3; c++) {
      for (const x of [D[r * 3 + c], D[c * 3 + r]]) {
        if (x === 1 || x === -1) continue;
        if (!Object.is(x, 0)) return false;
      }
      if (D[r * 3 + c] !== 0) inRow++;
      if (D[c * 3 + r] !== 0) inColumn++;
    }
    if (inRow !== 1 || inColumn !== 1) return false;
  }
  return true;
}

/**
 * True when nifti1Bytes gives the header ITK's NiftiImageIO writes for this volume (zeros up to
 * their sign, see above): an axis-aligned direction, sizes that fit NIfTI-1's int16 dims, finite
 * geometry, and a little-endian machine (ITK writes the machine's byte order).
 */
export function writesAsItk(v: Volume): boolean {
  return (
    endianness() === 'LE' &&
    DATATYPE.has(v.pixelType) &&
    v.size.every((n) => Number.isInteger(n) && n >= 1 && n <= 32767) &&
    [...v.spacing, ...v.origin].every(Number.isFinite) &&
    isSignedPermutation(v.direction)
  );
}

/** The NIfTI-1 file bytes (header and voxels, uncompressed) of a volume. */
export function nifti1Bytes(v: Volume): Buffer {
  const type = DATATYPE.get(v.pixelType);
  if (!type) throw new Error(`NIfTI-1 writer: pixel type ${v.pixelType} is not supported`);
  const data = v.data;
  const buf = Buffer.alloc(DATA_OFFSET + data.byteLength);
  buf.writeInt32LE(HEADER_BYTES, 0);
  buf.write('r', 38, 'latin1'); // regular, as nifti1_io sets it
  [3, v.size[0], v.size[1], v.size[2], 1, 1, 1, 1].forEach((n, i) => buf.writeInt16LE(n, 40 + 2 * i));
  buf.writeInt16LE(type.code, 70);
  buf.writeInt16LE(type.bitpix, 72);
  const D = v.direction;
  // RAS rotation = diag(-1, -1, 1) D; (+ 0 keeps every zero positive)
  const rot = [-D[0] + 0, -D[1] + 0, -D[2] + 0, -D[3] + 0, -D[4] + 0, -D[5] + 0, D[6] + 0, D[7] + 0, D[8] + 0];
  const q = rotationToQuaternion(rot);
  [q.qfac, v.spacing[0], v.spacing[1], v.spacing[2]].forEach((p, i) => buf.writeFloatLE(p, 76 + 4 * i));
  buf.writeFloatLE(DATA_OFFSET, 108);
  buf.writeFloatLE(1, 112); // scl_slope
  buf.writeUInt8(10, 123); // xyzt_units: mm and s
  buf.writeInt16LE(1, 252); // qform_code: scanner
  buf.writeInt16LE(1, 254); // sform_code: scanner
  [q.b, q.c, q.d].forEach((x, i) => buf.writeFloatLE(x + 0, 256 + 4 * i));
  const offset = [-v.origin[0], -v.origin[1], v.origin[2]];
  offset.forEach((o, i) => buf.writeFloatLE(o, 268 + 4 * i));
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) buf.writeFloatLE(rot[r * 3 + c] * v.spacing[c] + 0, 280 + 16 * r + 4 * c);
    buf.writeFloatLE(offset[r], 280 + 16 * r + 12);
  }
  buf.write('n+1\0', 344, 'latin1');
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(buf, DATA_OFFSET);
  return buf;
}

/**
 * The file of a volume: nifti1Bytes, gzip-compressed for a .nii.gz (zlib's default level; the
 * stream differs from ITK's deflate, the decompressed bytes do not).
 */
export function nifti1File(v: Volume, compressed: boolean): Buffer {
  const bytes = nifti1Bytes(v);
  return compressed ? gzipSync(bytes) : bytes;
}

let counter = 0;

/** Writes a volume as .nii, or compressed when the name ends in .gz (any case), whole or not at all. */
export function writeNifti1(v: Volume, path: string): void {
  const out = nifti1File(v, /\.gz$/i.test(path));
  const tmp = `${path}.tmp-${process.pid}-${counter++}`;
  try {
    writeFileSync(tmp, out);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
