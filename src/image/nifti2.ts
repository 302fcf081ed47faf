/**
 * NIfTI-2 (nifti2.h: the 540-byte header with 64-bit sizes and double-precision transforms),
 * which the ITK 5.4.3 NIfTI reader inside @itk-wasm/image-io does not read. Geometry follows the
 * rules ITK's NiftiImageIO applies to NIfTI-1 (niftiGeometry below); RAS is turned into ITK's LPS
 * by negating x and y. A scaling (scl_slope != 0 and not 1/0) gives float
 * voxels (float64 for float64 data, float32 otherwise), as ITK's reader does.
 */
import { ImageReadError } from './errors.js';
import type { NiftiFile } from './nifti-check.js';
import type { PixelType, Vec3, Volume, VoxelArray } from './volume.js';

const TYPES: Record<number, { pixelType: PixelType; bytes: number; get: (v: DataView, p: number, le: boolean) => number }> = {
  2: { pixelType: 'uint8', bytes: 1, get: (v, p) => v.getUint8(p) },
  256: { pixelType: 'int8', bytes: 1, get: (v, p) => v.getInt8(p) },
  4: { pixelType: 'int16', bytes: 2, get: (v, p, le) => v.getInt16(p, le) },
  512: { pixelType: 'uint16', bytes: 2, get: (v, p, le) => v.getUint16(p, le) },
  8: { pixelType: 'int32', bytes: 4, get: (v, p, le) => v.getInt32(p, le) },
  768: { pixelType: 'uint32', bytes: 4, get: (v, p, le) => v.getUint32(p, le) },
  16: { pixelType: 'float32', bytes: 4, get: (v, p, le) => v.getFloat32(p, le) },
  64: { pixelType: 'float64', bytes: 8, get: (v, p, le) => v.getFloat64(p, le) },
};

const UNSUPPORTED: Record<number, string> = {
  32: 'complex (complex64)', 1792: 'complex (complex128)', 2048: 'complex (complex256)',
  128: 'RGB colour', 2304: 'RGBA colour', 1024: '64-bit integer (int64)', 1280: '64-bit integer (uint64)', 1536: 'float128',
};

function allocateFor(t: PixelType, n: number): VoxelArray {
  switch (t) {
    case 'uint8': return new Uint8Array(n);
    case 'int8': return new Int8Array(n);
    case 'int16': return new Int16Array(n);
    case 'uint16': return new Uint16Array(n);
    case 'int32': return new Int32Array(n);
    case 'uint32': return new Uint32Array(n);
    case 'float32': return new Float32Array(n);
    case 'float64': return new Float64Array(n);
  }
}

interface Geometry {
  spacing: Vec3;
  origin: Vec3;
  direction: Float64Array;
}

function columnsOrthonormal(m: number[]): boolean {
  const cols = [0, 1, 2].map((c) => {
    const v = [m[c], m[4 + c], m[8 + c]];
    const n = Math.hypot(v[0], v[1], v[2]);
    return n === 0 ? v : v.map((x) => x / n);
  });
  for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 3; b++) {
      const d = cols[a][0] * cols[b][0] + cols[a][1] * cols[b][1] + cols[a][2] * cols[b][2];
      if (Math.abs(d - (a === b ? 1 : 0)) > 1e-4) return false;
    }
  }
  return true;
}

function close(a: number[], b: number[], tol: number): boolean {
  return a.every((x, i) => Math.abs(x - b[i]) <= tol);
}

/**
 * ITK's choice between sform and qform (NiftiImageIO::SetImageIOOrientationFromNIfTI, ITK 5.4):
 * no code at all: identity directions at the origin; the sform when it equals the qform, or when
 * it is set, free of skew, and the qform is unset, or it is SCANNER_ANAT (1), or both are set and
 * agree to 1e-4; otherwise the qform. Spacing is pixdim, as in ITK.
 */
function niftiGeometry(view: DataView, le: boolean, pixdim: number[], path: string): Geometry {
  const qformCode = view.getInt32(344, le);
  const sformCode = view.getInt32(348, le);
  const spacing: Vec3 = [Math.abs(pixdim[1]), Math.abs(pixdim[2]), Math.abs(pixdim[3])];
  if (qformCode <= 0 && sformCode <= 0) {
    return { spacing, origin: [0, 0, 0], direction: Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]) };
  }
  const S: number[] = [];
  for (let i = 0; i < 12; i++) S.push(view.getFloat64(400 + 8 * i, le));
  // nifti1.h METHOD 2: rotation from the quaternion (b, c, d), a = sqrt(1 - b^2 - c^2 - d^2)
  const b = view.getFloat64(352, le);
  const c = view.getFloat64(360, le);
  const d = view.getFloat64(368, le);
  const a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
  const qfac = pixdim[0] < 0 ? -1 : 1;
  const rot = [
    a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c),
    2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b),
    2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b,
  ];
  const sp = [spacing[0], spacing[1], spacing[2] * qfac];
  const qoff = [view.getFloat64(376, le), view.getFloat64(384, le), view.getFloat64(392, le)];
  const Q: number[] = [];
  for (let r = 0; r < 3; r++) Q.push(rot[r * 3] * sp[0], rot[r * 3 + 1] * sp[1], rot[r * 3 + 2] * sp[2], qoff[r]);
  const lin = (m: number[]): number[] => [m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]];
  const off = (m: number[]): number[] => [m[3], m[7], m[11]];
  let preferS = close(lin(S), lin(Q), 1e-5) && close(off(S), off(Q), 1e-7);
  if ((!preferS || sformCode > 0) && sformCode > 0 && columnsOrthonormal(S)) {
    if (qformCode <= 0 || sformCode === 1) preferS = true;
    else preferS = close(lin(S), lin(Q), 1e-4) && close(off(S), off(Q), 1e-4);
  }
  let M: number[];
  if (preferS) M = S;
  else if (qformCode > 0) M = Q;
  else throw new ImageReadError(path, 'the NIfTI sform is skewed (non-orthogonal axes) and there is no qform', 'Resample the image to an orthogonal grid first');
  const direction = new Float64Array(9);
  for (let col = 0; col < 3; col++) {
    const v = [-M[col], -M[4 + col], M[8 + col]]; // RAS -> LPS
    const n = Math.hypot(v[0], v[1], v[2]) || 1;
    for (let r = 0; r < 3; r++) direction[r * 3 + col] = v[r] / n + 0;
  }
  return { spacing, origin: [-M[3], -M[7], M[11]], direction };
}

/** Reads a checked NIfTI-2 file (see checkNiftiFile) as a Volume. */
export function volumeFromNifti2(file: NiftiFile, path: string, volumeIndex?: number): Volume {
  const { layout, bytes } = file;
  const le = layout.littleEndian;
  if (UNSUPPORTED[layout.datatype]) {
    throw new ImageReadError(path, `unsupported pixel type: ${UNSUPPORTED[layout.datatype]}`,
      'Convert the image to a scalar int16, uint16, int32, float32 or float64 image first');
  }
  const type = TYPES[layout.datatype];
  if (!type) throw new ImageReadError(path, `unknown NIfTI datatype ${layout.datatype}`, 'Convert the image to a standard scalar type first');
  const dims = layout.dims;
  const extra = dims.slice(3).filter((n) => n > 1);
  if (dims.length > 4 && extra.length > 1) {
    throw new ImageReadError(path, `a ${dims.length}D image (size ${dims.join('x')})`, 'Save the volume you need as a 3D image');
  }
  const volumes = dims[3] ?? 1;
  if (volumes > 1 && volumeIndex === undefined) {
    throw new ImageReadError(path, `a 4D image: ${volumes} volumes of ${dims.slice(0, 3).join('x')} voxels; radnomo reads one 3D volume at a time`,
      `Choose one with --volume N (N from 0 to ${volumes - 1}; library: readVolume(path, { volumeIndex: N }))`);
  }
  const t = volumeIndex ?? 0;
  if (!Number.isInteger(t) || t < 0 || t >= volumes) {
    throw new ImageReadError(path, `volume ${t} does not exist: the image has ${volumes}`, `Choose --volume between 0 and ${volumes - 1}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pixdim: number[] = [];
  for (let a = 0; a < 8; a++) pixdim.push(view.getFloat64(104 + 8 * a, le));
  const { spacing, origin, direction } = niftiGeometry(view, le, pixdim, path);
  const size: Vec3 = [dims[0], dims[1] ?? 1, dims[2] ?? 1];
  const n = size[0] * size[1] * size[2];
  const slope = layout.sclSlope;
  const rescale = slope !== 0 && Number.isFinite(slope) && !(slope === 1 && layout.sclInter === 0);
  const pixelType: PixelType = rescale ? (type.pixelType === 'float64' ? 'float64' : 'float32') : type.pixelType;
  const data = allocateFor(pixelType, n);
  const start = Math.floor(layout.voxOffset) + t * n * type.bytes;
  for (let i = 0, p = start; i < n; i++, p += type.bytes) {
    const raw = type.get(view, p, le);
    data[i] = rescale ? raw * slope + layout.sclInter : raw;
  }
  return { data, size, spacing, origin, direction, pixelType };
}
