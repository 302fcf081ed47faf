/**
 * The one image type of radnomo: a 3D scalar volume in ITK's LPS physical space.
 *
 * Voxel (i, j, k) is stored at data[i + size[0] * (j + size[1] * k)] (x fastest, as ITK).
 * The physical point of an index is origin + D * diag(spacing) * index, where D is the
 * direction matrix (its columns are the directions of the x, y and z axes), exactly as
 * itk::ImageBase::TransformIndexToPhysicalPoint defines it.
 */

export type VoxelArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array;

/** Pixel type names as ITK / itk-wasm spell them (componentType). */
export type PixelType =
  | 'float64'
  | 'float32'
  | 'int32'
  | 'uint32'
  | 'int16'
  | 'uint16'
  | 'int8'
  | 'uint8';

export type Vec3 = [number, number, number];

export interface Volume<T extends VoxelArray = VoxelArray> {
  data: T;
  size: Vec3;
  spacing: Vec3;
  origin: Vec3;
  /** 3x3 direction cosines, row-major: direction[r * 3 + c] is row r, column c. Column c is axis c. */
  direction: Float64Array;
  pixelType: PixelType;
}

/**
 * A copy of v whose elements V8 keeps as doubles (PACKED_DOUBLE_ELEMENTS) whatever the values: a
 * literal [a, b, c] holds small integers (1, 0) as Smis or as doubles depending on how a and b were
 * computed and by which compiler tier, so the same call site produced arrays of either kind from
 * one run to the next; every function optimised for one kind then deoptimised ("wrong map") when
 * the other came, and objects copying the values changed shape (Smi to double fields).
 */
export function doubleVec3(v: ArrayLike<number>): Vec3 {
  const out: Vec3 = [0.5, 0.5, 0.5];
  out[0] = v[0];
  out[1] = v[1];
  out[2] = v[2];
  return out;
}

export function voxelCount(v: { size: Vec3 }): number {
  return v.size[0] * v.size[1] * v.size[2];
}

export function identityDirection(): Float64Array {
  return Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
}

export function pixelTypeOf(data: VoxelArray): PixelType {
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Uint32Array) return 'uint32';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Uint16Array) return 'uint16';
  if (data instanceof Int8Array) return 'int8';
  return 'uint8';
}

export function allocate(pixelType: PixelType, n: number): VoxelArray {
  switch (pixelType) {
    case 'float64': return new Float64Array(n);
    case 'float32': return new Float32Array(n);
    case 'int32': return new Int32Array(n);
    case 'uint32': return new Uint32Array(n);
    case 'int16': return new Int16Array(n);
    case 'uint16': return new Uint16Array(n);
    case 'int8': return new Int8Array(n);
    case 'uint8': return new Uint8Array(n);
  }
}

/** A new volume on the same grid as `like`, with the given voxels. */
export function withData<T extends VoxelArray>(like: Volume, data: T): Volume<T> {
  if (data.length !== voxelCount(like)) {
    throw new Error(`withData: ${data.length} voxels given for a grid of ${voxelCount(like)}`);
  }
  return {
    data,
    size: [...like.size] as Vec3,
    spacing: [...like.spacing] as Vec3,
    origin: [...like.origin] as Vec3,
    direction: Float64Array.from(like.direction),
    pixelType: pixelTypeOf(data),
  };
}

/** Continuous index -> physical point (ITK TransformContinuousIndexToPhysicalPoint). */
export function indexToPhysical(v: Volume, index: ArrayLike<number>, out: Vec3 = [0, 0, 0]): Vec3 {
  const d = v.direction;
  const a = index[0] * v.spacing[0];
  const b = index[1] * v.spacing[1];
  const c = index[2] * v.spacing[2];
  out[0] = v.origin[0] + d[0] * a + d[1] * b + d[2] * c;
  out[1] = v.origin[1] + d[3] * a + d[4] * b + d[5] * c;
  out[2] = v.origin[2] + d[6] * a + d[7] * b + d[8] * c;
  return out;
}

/**
 * Physical point -> continuous index (ITK TransformPhysicalPointToContinuousIndex):
 * index = diag(1/spacing) * D^-1 * (p - origin).
 */
export function physicalToIndex(v: Volume, point: ArrayLike<number>, out: Vec3 = [0, 0, 0]): Vec3 {
  const inv = invert3(v.direction);
  const x = point[0] - v.origin[0];
  const y = point[1] - v.origin[1];
  const z = point[2] - v.origin[2];
  out[0] = (inv[0] * x + inv[1] * y + inv[2] * z) / v.spacing[0];
  out[1] = (inv[3] * x + inv[4] * y + inv[5] * z) / v.spacing[1];
  out[2] = (inv[6] * x + inv[7] * y + inv[8] * z) / v.spacing[2];
  return out;
}

/** Inverse of a row-major 3x3 matrix. */
export function invert3(m: ArrayLike<number>): Float64Array {
  const [a, b, c, d, e, f, g, h, i] = [m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (det === 0) throw new Error('direction matrix is singular');
  return Float64Array.from([
    A / det, -(b * i - c * h) / det, (b * f - c * e) / det,
    B / det, (a * i - c * g) / det, -(a * f - c * d) / det,
    C / det, -(a * h - b * g) / det, (a * e - b * d) / det,
  ]);
}
