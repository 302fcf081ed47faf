/**
 * The interpolators of SimpleITK's ResampleImageFilter, evaluated at a continuous index that the
 * caller has found inside the buffer ([-0.5, n - 0.5) on every axis):
 * - nearest neighbour: itk::NearestNeighborInterpolateImageFunction, index rounded half up
 *   (itk::Math::RoundHalfIntegerUp, SSE form: round-half-even(2x + 0.5) >> 1);
 * - linear: itk::LinearInterpolateImageFunction (3D EvaluateOptimized): base = floor(x) clamped
 *   to 0, distance d = x - base; an axis with d <= 0 or whose next index is past the end is not
 *   interpolated; the others are blended x first, then y, then z as a + (b - a) d;
 * - B-spline (order 3): ./bspline.ts.
 */
import { BSplineEvaluator, bsplineCoefficients, coefficientBox, kernelMemoryBytes, type ValueMap } from './bspline.js';
import { bsplineKernel } from './bspline-wasm.js';
import type { Vec3, VoxelArray } from '../volume.js';

export type InterpolatorKind = 'nearest' | 'linear' | 'bspline';

export interface Interpolator {
  evaluate(x: number, y: number, z: number): number;
  /**
   * ResampleImageFilter's scanline for a row moving along the input's x axis only (vy = vz = 0):
   * voxel i at x = x0 + (i / n) * vx, y, z, written (through `cast`, none for float64 output) to
   * out[offset + i] where inside the buffer; the same numbers as evaluate() voxel by voxel.
   */
  sampleRow?(out: VoxelArray, offset: number, n: number, x0: number, vx: number, y: number, z: number, cast: ((v: number) => number) | null): void;
}

/** itk::Math::RoundHalfIntegerUp as ITK computes it on x86-64 (SSE2). */
export function roundHalfIntegerUp(x: number): number {
  const t = 2 * x + 0.5;
  let r = Math.round(t);
  // Math.round rounds halves up; the SSE conversion rounds them to even.
  if (r - t === 0.5 && r % 2 !== 0) r -= 1;
  return Math.floor(r / 2) + 0; // + 0: no -0
}

/**
 * An interpolator over an image of `size`. `range` (continuous indices inside the image that
 * bound every evaluation) lets the B-spline prefilter only the part it needs (./bspline.ts).
 * `map` (B-spline only): interpolate the mapped image (e.g. normalised), mapped as it is read.
 */
export function makeInterpolator(
  kind: InterpolatorKind,
  data: ArrayLike<number>,
  size: Vec3,
  range?: { lo: Vec3; hi: Vec3 },
  map?: ValueMap,
  reuse = false,
): Interpolator {
  if (map && kind !== 'bspline') throw new Error(`makeInterpolator: a value map is only applied by the B-spline (got ${kind})`);
  switch (kind) {
    case 'nearest': return new NearestInterpolator(data, size);
    case 'linear': return new LinearInterpolator(data, size);
    case 'bspline': {
      const box = range ? coefficientBox(size, range.lo, range.hi) : undefined;
      const [nx, ny, nz] = (box ?? { size }).size;
      const kernel = reuse && nx * ny * nz <= KEEP_AT_MOST ? bsplineKernel() : null;
      // the coefficients written straight into the WebAssembly kernel's memory (./bspline-wasm.ts),
      // kept from case to case like the JavaScript array below; a memory that cannot grow: no kernel
      let buffer: ArrayBuffer | null = null;
      try {
        // the coefficients, then room for the prefilter's constants, scratch and input rows (bsplineCoefficients)
        if (kernel) buffer = kernel.reserve(kernelMemoryBytes(size, box));
      } catch {
        buffer = null;
      }
      if (kernel && buffer) {
        const coef = bsplineCoefficients(data, size, box, map, new Float64Array(buffer, 0, nx * ny * nz), kernel);
        return new BSplineEvaluator(coef, size, box, kernel);
      }
      return new BSplineEvaluator(bsplineCoefficients(data, size, box, map, coefficientArray(box, size, reuse)), size, box);
    }
  }
}

/** Coefficient arrays up to this many elements (64 MB) are kept for the next resampling (in JavaScript or in the kernel's memory). */
const KEEP_AT_MOST = 1 << 23;
let keptCoefficients: Float64Array | null = null;

/**
 * With `reuse`, an array for the B-spline coefficients of `box` kept from the previous call (the
 * caller is done with the interpolator before the next one is made): a case's resampling then
 * costs no fresh megabytes (page faults, collections). Without, undefined: a new array.
 */
function coefficientArray(box: { size: Vec3 } | undefined, size: Vec3, reuse: boolean): Float64Array | undefined {
  const [nx, ny, nz] = (box ?? { size }).size;
  const n = nx * ny * nz;
  if (!reuse || n > KEEP_AT_MOST) return undefined;
  if (!keptCoefficients || keptCoefficients.length < n) keptCoefficients = new Float64Array(n);
  return keptCoefficients;
}

class NearestInterpolator implements Interpolator {
  // sampleRow's cache: the x index of each voxel of the last row (-1 outside), while x0, vx and n repeat
  private rowStart = NaN;
  private rowStep = NaN;
  private rowIndex = new Int32Array(0);

  constructor(private readonly data: ArrayLike<number>, private readonly size: Vec3) {}
  evaluate(x: number, y: number, z: number): number {
    const [nx, ny, nz] = this.size;
    // Inside [-0.5, n - 0.5) the rounded index is in [0, n - 1]; clamp anyway against rounding.
    const i = Math.min(Math.max(roundHalfIntegerUp(x), 0), nx - 1);
    const j = Math.min(Math.max(roundHalfIntegerUp(y), 0), ny - 1);
    const k = Math.min(Math.max(roundHalfIntegerUp(z), 0), nz - 1);
    return this.data[i + nx * (j + ny * k)];
  }

  sampleRow(out: VoxelArray, offset: number, n: number, x0: number, vx: number, y: number, z: number, cast: ((v: number) => number) | null): void {
    const [nx, ny, nz] = this.size;
    if (!(y >= -0.5 && y < ny - 0.5 && z >= -0.5 && z < nz - 0.5)) return;
    if (x0 !== this.rowStart || vx !== this.rowStep || n !== this.rowIndex.length) {
      if (this.rowIndex.length !== n) this.rowIndex = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const x = x0 + (i / n) * vx;
        this.rowIndex[i] = x >= -0.5 && x < nx - 0.5 ? Math.min(Math.max(roundHalfIntegerUp(x), 0), nx - 1) : -1;
      }
      this.rowStart = x0;
      this.rowStep = vx;
    }
    const j = Math.min(Math.max(roundHalfIntegerUp(y), 0), ny - 1);
    const k = Math.min(Math.max(roundHalfIntegerUp(z), 0), nz - 1);
    const row = nx * (j + ny * k);
    const index = this.rowIndex, data = this.data;
    for (let i = 0; i < n; i++) {
      const at = index[i];
      if (at >= 0) out[offset + i] = cast === null ? data[row + at] : cast(data[row + at]);
    }
  }
}

class LinearInterpolator implements Interpolator {
  constructor(private readonly data: ArrayLike<number>, private readonly size: Vec3) {}
  evaluate(x: number, y: number, z: number): number {
    const [nx, ny, nz] = this.size;
    const d = this.data;
    let bx = Math.floor(x); if (bx < 0) bx = 0;
    let by = Math.floor(y); if (by < 0) by = 0;
    let bz = Math.floor(z); if (bz < 0) bz = 0;
    const dx = x - bx, dy = y - by, dz = z - bz;
    // Step to the next voxel along an axis only where ITK interpolates along it.
    const sx = dx > 0 && bx + 1 <= nx - 1 ? 1 : 0;
    const sy = dy > 0 && by + 1 <= ny - 1 ? nx : 0;
    const sz = dz > 0 && bz + 1 <= nz - 1 ? nx * ny : 0;
    const i000 = bx + nx * (by + ny * bz);
    const v000 = d[i000];
    if (sx === 0 && sy === 0 && sz === 0) return v000;
    // Blend in ITK's order: along x, then y, then z, skipping axes that are not interpolated.
    const a = lerpXY(d, i000, sx, sy, dx, dy);
    return sz ? a + (lerpXY(d, i000 + sz, sx, sy, dx, dy) - a) * dz : a;
  }
}

function lerpX(d: ArrayLike<number>, i: number, sx: number, dx: number): number {
  return sx ? d[i] + (d[i + sx] - d[i]) * dx : d[i];
}

function lerpXY(d: ArrayLike<number>, i: number, sx: number, sy: number, dx: number, dy: number): number {
  const a = lerpX(d, i, sx, dx);
  return sy ? a + (lerpX(d, i + sy, sx, dx) - a) * dy : a;
}
