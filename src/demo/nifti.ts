/**
 * A small NIfTI-1 writer for the demo's int16 images and uint8 masks (single-file .nii or
 * .nii.gz). The demo writes ~660 files; through ITK (src/image/write.ts) each costs ~70 ms of
 * WebAssembly start-up and gzip, here ~1 ms. The files are ordinary NIfTI-1 that every reader
 * (ITK, nibabel, readVolume) opens.
 *
 * Geometry: a Volume is in ITK's LPS space; NIfTI stores RAS, so x and y flip:
 * affine = diag(−1, −1, 1) · D · diag(spacing), offset = diag(−1, −1, 1) · origin, written as
 * both qform (quaternion, NIfTI-1 standard section "Method 2") and sform (code 1, scanner).
 * Sources: the NIfTI-1 header (nifti1.h, NIfTI DFWG 2004); ITK itkNiftiImageIO (LPS ↔ RAS).
 */
import { gzipSync } from 'node:zlib';
import { renameSync, writeFileSync } from 'node:fs';
import type { Volume } from '../image/volume.js';

const HEADER_BYTES = 348;
const DATA_OFFSET = 352;

/** NIfTI quaternion (b, c, d) and qfac of a 3 × 3 rotation (row-major), nifti1_io's method. */
export function rotationToQuaternion(r: ArrayLike<number>): { b: number; c: number; d: number; qfac: number } {
  let [r11, r12, r13, r21, r22, r23, r31, r32, r33] = Array.from(r);
  // a left-handed matrix: flip the third column, qfac = −1
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

/** The NIfTI-1 file bytes of a volume (int16 or uint8 voxels). */
export function niftiBytes(v: Volume): Buffer {
  const code = v.pixelType === 'int16' ? { datatype: 4, bitpix: 16 } : v.pixelType === 'uint8' ? { datatype: 2, bitpix: 8 } : null;
  if (!code) throw new Error(`demo NIfTI writer: pixel type ${v.pixelType} is not supported (int16 and uint8 only)`);
  const data = v.data as Int16Array | Uint8Array;
  const buf = Buffer.alloc(DATA_OFFSET + data.byteLength);
  buf.writeInt32LE(HEADER_BYTES, 0);
  const dims = [3, v.size[0], v.size[1], v.size[2], 1, 1, 1, 1];
  dims.forEach((n, i) => buf.writeInt16LE(n, 40 + 2 * i));
  buf.writeInt16LE(code.datatype, 70);
  buf.writeInt16LE(code.bitpix, 72);
  // RAS rotation = diag(−1, −1, 1) · D
  const D = v.direction;
  const rot = [-D[0], -D[1], -D[2], -D[3], -D[4], -D[5], D[6], D[7], D[8]];
  const q = rotationToQuaternion(rot);
  const pixdim = [q.qfac, v.spacing[0], v.spacing[1], v.spacing[2], 1, 0, 0, 0];
  pixdim.forEach((p, i) => buf.writeFloatLE(p, 76 + 4 * i));
  buf.writeFloatLE(DATA_OFFSET, 108);
  buf.writeFloatLE(1, 112); // scl_slope
  buf.writeUInt8(2, 123); // xyzt_units: mm
  buf.write('radnomo demo (synthetic)', 148, 'latin1');
  buf.writeInt16LE(1, 252); // qform_code: scanner
  buf.writeInt16LE(1, 254); // sform_code: scanner
  buf.writeFloatLE(q.b, 256);
  buf.writeFloatLE(q.c, 260);
  buf.writeFloatLE(q.d, 264);
  const off = [-v.origin[0], -v.origin[1], v.origin[2]];
  off.forEach((o, i) => buf.writeFloatLE(o, 268 + 4 * i));
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      const col = c === 2 ? q.qfac : 1;
      buf.writeFloatLE(rot[r * 3 + c] * v.spacing[c] * (c === 2 ? col * col : 1), 280 + 16 * r + 4 * c);
    }
    buf.writeFloatLE(off[r], 280 + 16 * r + 12);
  }
  buf.write('n+1\0', 344, 'latin1');
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(buf, DATA_OFFSET);
  return buf;
}

/** Writes a volume as .nii or .nii.gz (gzip level 1: fast, and small for these images), whole or not at all. */
export function writeNifti(v: Volume, path: string): void {
  const bytes = niftiBytes(v);
  const out = path.endsWith('.gz') ? gzipSync(bytes, { level: 1 }) : bytes;
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, out);
  renameSync(tmp, path);
}
