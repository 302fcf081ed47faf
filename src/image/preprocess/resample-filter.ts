/**
 * SimpleITK's ResampleImageFilter with the identity transform, as ITK 5.3 runs it
 * (itk::ResampleImageFilter::LinearThreadedGenerateData):
 * - for each output row (j, k) the continuous input indices of output voxels (0, j, k) and
 *   (size_x, j, k) are computed (output index -> physical point -> input continuous index, see
 *   ./geometry.ts), and voxel i of the row is sampled at start + (i / size_x) * (end - start);
 * - a sample is taken only where the interpolator's IsInsideBuffer holds: every coordinate in
 *   [-0.5, n - 0.5), a half-open test without tolerance. Elsewhere the default value 0 is written;
 * - the interpolated double is cast to the output pixel type with ITK's bounds checking:
 *   v <= min -> min, v >= max -> max, otherwise static_cast (truncation toward zero for
 *   integers, round-to-nearest for float32).
 */
import { allocate, doubleVec3, pixelTypeOf, type PixelType, type Vec3, type Volume } from '../volume.js';
import { gridMatrices, indexToPoint, pointToContinuousIndex, type Grid, type GridMatrices } from './geometry.js';
import { makeInterpolator, type InterpolatorKind } from './interpolators.js';
import { coefficientBox, type IndexBox, type ValueMap } from './bspline.js';

export function resampleOntoGrid(
  input: Volume,
  grid: Grid,
  interpolator: InterpolatorKind,
  outputPixelType: PixelType = input.pixelType,
  map?: ValueMap,
): Volume {
  const [nx, ny, nz] = grid.size;
  const out = allocate(outputPixelType, nx * ny * nz);
  const cast = castFunction(outputPixelType);
  // float64 output is stored as computed, and so are nearest-neighbour samples of an input of the
  // output's own pixel type (its values cast to themselves)
  const rowCast = outputPixelType === 'float64' || (interpolator === 'nearest' && pixelTypeOf(input.data) === outputPixelType) ? null : cast;
  const outM = gridMatrices(grid);
  const inM = gridMatrices(input);
  const range = evaluationRange(outM, inM, grid.size, input.size);
  const result: Volume = {
    data: out,
    size: [nx, ny, nz],
    spacing: doubleVec3(grid.spacing),
    origin: doubleVec3(grid.origin),
    direction: Float64Array.from(grid.direction),
    pixelType: outputPixelType,
  };
  if (!range) return result; // no output voxel falls inside the input: all default value
  // the interpolator lives for this call only: its coefficient array may be reused by the next call
  const interp = makeInterpolator(interpolator, input.data, input.size, range, map, true);
  const lowX = -0.5, highX = input.size[0] - 0.5;
  const lowY = -0.5, highY = input.size[1] - 0.5;
  const lowZ = -0.5, highZ = input.size[2] - 0.5;
  const point = new Float64Array(3);
  const start = new Float64Array(3);
  const end = new Float64Array(3);
  let o = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      indexToPoint(outM, 0, j, k, point);
      pointToContinuousIndex(inM, point, start);
      indexToPoint(outM, nx, j, k, point);
      pointToContinuousIndex(inM, point, end);
      const vx = end[0] - start[0], vy = end[1] - start[1], vz = end[2] - start[2];
      if (vy === 0 && vz === 0 && interp.sampleRow) {
        interp.sampleRow(out, o, nx, start[0], vx, start[1], start[2], rowCast);
        o += nx;
        continue;
      }
      for (let i = 0; i < nx; i++, o++) {
        const alpha = i / nx;
        const x = start[0] + alpha * vx;
        const y = start[1] + alpha * vy;
        const z = start[2] + alpha * vz;
        // Written as ITK writes it: !(x >= low && x < high) also rejects NaN.
        if (x >= lowX && x < highX && y >= lowY && y < highY && z >= lowZ && z < highZ) {
          out[o] = cast(interp.evaluate(x, y, z));
        }
        // else: the typed array already holds the default value 0.
      }
    }
  }
  return result;
}

/**
 * The box of input voxels that resampling `input` onto `grid` reads (undefined: none): for the
 * B-spline the box it prefilters, for linear and nearest neighbour the voxels around the sampled
 * indices. A caller may then compute only these input voxels (e.g. normalisation before resampling).
 */
export function inputRegion(input: Grid, grid: Grid, interpolator: InterpolatorKind): IndexBox | undefined {
  const range = evaluationRange(gridMatrices(grid), gridMatrices(input), grid.size, input.size);
  if (!range) return undefined;
  if (interpolator === 'bspline') {
    const box = coefficientBox(input.size, range.lo, range.hi);
    return { lower: box.lower, size: box.size };
  }
  const lower: number[] = [], size: number[] = [];
  for (let a = 0; a < 3; a++) {
    const from = Math.max(0, Math.floor(range.lo[a]) - 1);
    const to = Math.min(input.size[a] - 1, Math.ceil(range.hi[a]) + 1);
    lower.push(from);
    size.push(to - from + 1);
  }
  return { lower: lower as Vec3, size: size as Vec3 };
}

/**
 * Bounds of the input continuous indices the output grid samples inside the input (the output
 * box maps to a parallelepiped, bounded by its 8 corners), or undefined when none is inside.
 */
function evaluationRange(outM: GridMatrices, inM: GridMatrices, outSize: Vec3, inSize: Vec3): { lo: Vec3; hi: Vec3 } | undefined {
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  const p = new Float64Array(3), c = new Float64Array(3);
  for (let corner = 0; corner < 8; corner++) {
    indexToPoint(outM, corner & 1 ? outSize[0] - 1 : 0, corner & 2 ? outSize[1] - 1 : 0, corner & 4 ? outSize[2] - 1 : 0, p);
    pointToContinuousIndex(inM, p, c);
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a], c[a]);
      hi[a] = Math.max(hi[a], c[a]);
    }
  }
  for (let a = 0; a < 3; a++) {
    // A little slack for the rounding of the scanline interpolation between corners.
    lo[a] = Math.max(lo[a] - 1e-6, -0.5);
    hi[a] = Math.min(hi[a] + 1e-6, inSize[a] - 0.5);
    if (!(lo[a] <= hi[a])) return undefined;
  }
  return { lo, hi };
}

const LIMITS: Record<PixelType, [number, number]> = {
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE],
  float32: [-3.4028234663852886e38, 3.4028234663852886e38],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int8: [-128, 127],
  uint8: [0, 255],
};

/** ResampleImageFilter::CastComponentWithBoundsChecking for one output pixel type. */
export function castFunction(type: PixelType): (v: number) => number {
  const [min, max] = LIMITS[type];
  if (type === 'float64') return (v) => v;
  if (type === 'float32') return (v) => (v <= min ? min : v >= max ? max : Math.fround(v));
  return (v) => (v <= min ? min : v >= max ? max : Number.isNaN(v) ? 0 : Math.trunc(v));
}
