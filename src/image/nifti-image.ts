/**
 * A NIfTI file (header + voxel bytes, either version) as the itk-wasm Image that ITK 5.4.3's
 * NiftiImageIO would hand over (see nifti-orientation.ts for the geometry): the same number of
 * axes, pixel type (scaled integer voxels become float32, as NiftiImageIO promotes them), voxel
 * values (scaled as ITK does: integer -> float32 first, then value * slope + intercept in double,
 * stored in the pixel type), spacing, origin and direction. One difference on purpose: NaN and
 * +-Inf voxels keep their values (nifti1_io turns them into 0; readVolume puts them back there too).
 *
 * The caller decides what is not handled here; this module answers `{ unsure }` for files it will
 * not reproduce exactly (the NIfTI-1 reader then falls back to itk-wasm).
 */
import type { Image } from 'itk-wasm';
import { endianness } from 'node:os';
import type { NiftiHeader } from './nifti-header.js';
import { itkDimension, niftiScaling, singleFileOffset } from './nifti-header.js';
import { chooseTransform, itkGeometry } from './nifti-orientation.js';
import { allocate, type PixelType, type VoxelArray } from './volume.js';

/** NIfTI datatype codes (nifti1.h) read as scalars, with their bytes per voxel. */
export const NIFTI_SCALAR_TYPES: Record<number, { pixelType: PixelType; bytes: number }> = {
  2: { pixelType: 'uint8', bytes: 1 },
  256: { pixelType: 'int8', bytes: 1 },
  4: { pixelType: 'int16', bytes: 2 },
  512: { pixelType: 'uint16', bytes: 2 },
  8: { pixelType: 'int32', bytes: 4 },
  768: { pixelType: 'uint32', bytes: 4 },
  16: { pixelType: 'float32', bytes: 4 },
  64: { pixelType: 'float64', bytes: 8 },
};

/** NIfTI intent codes that ITK reads as vectors, tensors or matrices rather than scalars. */
const NON_SCALAR_INTENTS = new Set([1004, 1005, 1006, 1007]);

const HOST_LITTLE = endianness() === 'LE';

/** `count` voxels of `type` from `bytes` at `offset`, in the file's byte order, as a new array. */
function decode(bytes: Uint8Array, offset: number, count: number, type: PixelType, size: number, littleEndian: boolean): VoxelArray {
  const out = allocate(type, count);
  const raw = new Uint8Array(out.buffer, out.byteOffset, count * size);
  raw.set(bytes.subarray(offset, offset + count * size));
  if (size > 1 && littleEndian !== HOST_LITTLE) {
    for (let i = 0; i < raw.length; i += size) {
      for (let a = i, b = i + size - 1; a < b; a++, b--) {
        const t = raw[a];
        raw[a] = raw[b];
        raw[b] = t;
      }
    }
  }
  return out;
}

/** value * slope + inter in double, integer values first made float32 (NiftiImageIO's CastCopy). */
function rescale(values: VoxelArray, slope: number, inter: number, toFloat32: boolean): VoxelArray {
  const n = values.length;
  if (values instanceof Float64Array) {
    for (let i = 0; i < n; i++) values[i] = values[i] * slope + inter;
    return values;
  }
  const out = values instanceof Float32Array ? values : new Float32Array(n);
  const round = toFloat32 && !(values instanceof Float32Array);
  for (let i = 0; i < n; i++) out[i] = (round ? Math.fround(values[i]) : values[i]) * slope + inter;
  return out;
}

export type NiftiImageResult = { image: Image } | { unsure: string } | { refused: string };

/**
 * Builds the Image from a parsed header and the bytes holding the voxels from `offset` on (by
 * default the single-file layout: vox_offset, at least the header size). `exact`: NIfTI-1 rules
 * in float32 (answers unsure rather than guess); otherwise NIfTI-2 in double.
 */
export function niftiImage(h: NiftiHeader, bytes: Uint8Array, exact: boolean, offset = singleFileOffset(h)): NiftiImageResult {
  if (h.dim[1] <= 0) return { unsure: `dim[1] is ${h.dim[1]}` };
  if (NON_SCALAR_INTENTS.has(h.intentCode)) return { unsure: `intent code ${h.intentCode} (vector, tensor or matrix voxels)` };
  const type = NIFTI_SCALAR_TYPES[h.datatype];
  if (!type) return { unsure: `datatype ${h.datatype}` };
  const dims = itkDimension(h);
  if (dims < 1 || dims > 4) return { unsure: `${dims} axes` };
  if (![1, 2, 3].every((i) => Number.isFinite(h.pixdim[i]))) return { unsure: 'a pixdim that is not finite' };
  const choice = chooseTransform(h, exact);
  if ('unsure' in choice || 'refused' in choice) return choice;
  const geometry = itkGeometry(h, dims, choice);
  const size = h.dim.slice(1, dims + 1);
  const count = size.reduce((a, b) => a * b, 1);
  if (!Number.isSafeInteger(offset) || offset + count * type.bytes > bytes.length) {
    return { unsure: 'fewer voxel bytes than the header announces after vox_offset' };
  }
  const { slope, inter, rescale: scaled } = niftiScaling(h);
  let data = decode(bytes, offset, count, type.pixelType, type.bytes, h.littleEndian);
  let componentType = type.pixelType;
  if (scaled) {
    data = rescale(data, slope, inter, true);
    if (componentType !== 'float64') componentType = 'float32';
  }
  const image = {
    imageType: { dimension: dims, componentType, pixelType: 'Scalar', components: 1 },
    name: 'image',
    origin: geometry.origin,
    spacing: geometry.spacing,
    direction: geometry.direction,
    size,
    metadata: new Map(),
    data,
  } as unknown as Image;
  return { image };
}
