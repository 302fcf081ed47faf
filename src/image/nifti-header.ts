/**
 * The NIfTI header fields that decide voxels and geometry, for NIfTI-1 (nifti1.h: 348 bytes,
 * float32 transforms, int16 sizes) and NIfTI-2 (nifti2.h: 540 bytes, float64 transforms, int64
 * sizes), read as nifti1_io's nifti_convert_nhdr2nim prepares them for ITK's NiftiImageIO:
 * - dim[i] <= 0 for 2 <= i <= dim[0] becomes 1 (dim[1] <= 0 is an error, left to the caller);
 * - pixdim[i] that is 0 or not finite, for 1 <= i <= dim[0], becomes 1;
 * - quatern_b/c/d, qoffset_x/y/z, scl_slope, scl_inter and toffset that are not finite become 0
 *   (FIXED_FLOAT);
 * - the float vox_offset of NIfTI-1 is truncated to an int (a single-file image then reads its
 *   voxels from at least the header size on: see singleFileOffset).
 * Values read from float32 fields are exactly those floats (as doubles).
 */

export interface NiftiHeader {
  version: 1 | 2;
  littleEndian: boolean;
  /** The magic string without its NULs ("n+1", "ni1", "n+2", or "" for an Analyze 7.5 header). */
  magic: string;
  /** dim[0..7] after the fixes above. */
  dim: number[];
  /** pixdim[0..7] after the fixes above (pixdim[0] is qfac's sign and left alone). */
  pixdim: number[];
  datatype: number;
  intentCode: number;
  /** vox_offset as nifti1_io takes it (NIfTI-1: the float truncated to an int). */
  voxOffset: number;
  sclSlope: number;
  sclInter: number;
  toffset: number;
  /** xyzt_units & 0x07 and & 0x38. */
  spaceUnits: number;
  timeUnits: number;
  qformCode: number;
  sformCode: number;
  /** quatern_b, quatern_c, quatern_d, qoffset_x, qoffset_y, qoffset_z. */
  quatern: [number, number, number, number, number, number];
  /** srow_x, srow_y, srow_z: 3 x 4, row-major. */
  srow: number[];
}

/** Non-finite -> 0, as nifti1_io's FIXED_FLOAT. */
const fixed = (x: number): number => (Number.isFinite(x) ? x : 0);

/**
 * Reads the header of a NIfTI file whose version and byte order are known (see
 * nifti-check.ts parseNiftiHeader) and applies nifti1_io's fixes.
 */
export function readNiftiHeader(bytes: Uint8Array, version: 1 | 2, littleEndian: boolean): NiftiHeader {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = littleEndian;
  const one = version === 1;
  const dim: number[] = [];
  const pixdim: number[] = [];
  for (let i = 0; i < 8; i++) {
    dim.push(one ? v.getInt16(40 + 2 * i, le) : Number(v.getBigInt64(16 + 8 * i, le)));
    pixdim.push(one ? v.getFloat32(76 + 4 * i, le) : v.getFloat64(104 + 8 * i, le));
  }
  const rank = dim[0];
  for (let i = 2; i <= rank && i < 8; i++) if (dim[i] <= 0) dim[i] = 1;
  for (let i = rank + 1; i < 8; i++) if (dim[i] !== 1 && dim[i] !== 0) dim[i] = 1;
  for (let i = 1; i <= rank && i < 8; i++) if (pixdim[i] === 0 || !Number.isFinite(pixdim[i])) pixdim[i] = 1;
  const f = (at1: number, at2: number): number => (one ? v.getFloat32(at1, le) : v.getFloat64(at2, le));
  const quatern = [0, 1, 2, 3, 4, 5].map((i) => fixed(f(256 + 4 * i, 352 + 8 * i))) as NiftiHeader['quatern'];
  const srow: number[] = [];
  for (let i = 0; i < 12; i++) srow.push(f(280 + 4 * i, 400 + 8 * i));
  const xyzt = one ? v.getUint8(123) : v.getInt32(500, le);
  const magicBytes = one ? bytes.subarray(344, 348) : bytes.subarray(4, 8);
  let magic = '';
  for (const b of magicBytes) {
    if (b === 0) break;
    magic += String.fromCharCode(b);
  }
  return {
    version, littleEndian, magic, dim, pixdim,
    datatype: v.getInt16(one ? 70 : 12, le),
    intentCode: one ? v.getInt16(68, le) : v.getInt32(504, le),
    voxOffset: one ? Math.trunc(v.getFloat32(108, le)) : Number(v.getBigInt64(168, le)),
    sclSlope: fixed(f(112, 176)),
    sclInter: fixed(f(116, 184)),
    toffset: fixed(f(136, 216)),
    spaceUnits: xyzt & 0x07,
    timeUnits: xyzt & 0x38,
    qformCode: one ? v.getInt16(252, le) : v.getInt32(344, le),
    sformCode: one ? v.getInt16(254, le) : v.getInt32(348, le),
    quatern, srow,
  };
}

/** Where a single-file (.nii) image's voxels start: vox_offset, but not inside the header. */
export function singleFileOffset(h: NiftiHeader): number {
  return Math.max(h.voxOffset, h.version === 1 ? 348 : 540);
}

/**
 * The number of axes ITK's NiftiImageIO gives the image: dim[0] with trailing axes of length 1
 * dropped down to 3 ("straight-from-the-scanner files report as 4D with T = 1").
 */
export function itkDimension(h: NiftiHeader): number {
  let d = h.dim[0];
  while (d > 3 && h.dim[d] === 1) d--;
  return d;
}

/**
 * The rescaling ITK's NiftiImageIO applies (ReadImageInformation / MustRescale): a slope within
 * DBL_EPSILON of 0 counts as 1; voxels are rescaled when the slope is not 1 or the intercept not
 * 0 (each to DBL_EPSILON), and integer voxels then become float32.
 */
export function niftiScaling(h: NiftiHeader): { slope: number; inter: number; rescale: boolean } {
  const eps = Number.EPSILON;
  const slope = Math.abs(h.sclSlope) < eps ? 1 : h.sclSlope;
  const inter = h.sclInter;
  return { slope, inter, rescale: Math.abs(slope - 1) > eps || Math.abs(inter) > eps };
}

/** ITK's factor from NIfTI xyz units to mm: metres x 1000, micrometres x 0.001, else 1. */
export function spaceScale(h: NiftiHeader): number {
  return h.spaceUnits === 1 ? 1e3 : h.spaceUnits === 3 ? 1e-3 : 1;
}

/** ITK's factor from NIfTI time units to seconds: ms x 1e-3, us x 1e-6, else 1. */
export function timeScale(h: NiftiHeader): number {
  return h.timeUnits === 16 ? 1e-3 : h.timeUnits === 24 ? 1e-6 : 1;
}
