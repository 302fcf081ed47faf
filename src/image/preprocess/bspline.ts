/**
 * Cubic B-spline interpolation as ITK's BSplineInterpolateImageFunction (spline order 3,
 * double coefficients, mirror boundaries) computes it; SimpleITK's sitkBSpline is this function.
 *
 * 1. Coefficients (itk::BSplineDecompositionImageFilter): the image is prefiltered along x, then
 *    y, then z with the recursive filter of Unser, "B-spline signal processing", IEEE TSP 41(2),
 *    1993, part II, eq. 2.5 and Unser 1999 (IEEE Signal Processing Magazine 16(6)) Box 2:
 *    one pole z = sqrt(3) - 2 (Unser 1997 table I), gain (1 - z)(1 - 1/z), a causal and an
 *    anti-causal pass with mirror-boundary initialisation; the causal initial value sums
 *    ceil(ln(1e-10) / ln|z|) = 18 terms when the line is longer than that (ITK's tolerance 1e-10)
 *    and uses the exact closed form otherwise. A line of length 1 is left as it is.
 * 2. Evaluation at continuous index x, per axis: support starts at floor(float(x)) - 1 (ITK
 *    rounds x to single precision before the floor), weights from w = x - (start + 1):
 *      w3 = w^3/6, w0 = 1/6 + w(w - 1)/2 - w3, w2 = w + w0 - 2 w3, w1 = 1 - w0 - w2 - w3,
 *    indices mirrored at the borders (i < 0 -> -i, i >= n-1 -> 2(n-1) - i; all 0 when n = 1),
 *    and the 64 terms summed with x fastest, each weight formed as (wx * wy) * wz.
 * The caller checks ITK's "inside the buffer" rule before evaluating.
 *
 * ITK prefilters the whole image. Here only a box of it is prefiltered: the voxels the
 * evaluations can reach plus COEFFICIENT_MARGIN = 64 voxels on every side that is not the
 * image's own border. A cut line end perturbs the recursion by terms weighted |z|^d over the
 * distance d to the cut, |z|^64 ~ 1e-37 at the voxels used: the interpolated values came out
 * bit-identical to whole-image prefiltering on every fixture case (a margin of 32 still left
 * 1-ulp differences in 6 of 337k voxels). A 512 x 512 x 300 CT then costs the ROI's
 * neighbourhood, not a 600 MB coefficient image.
 */
import type { Vec3, VoxelArray } from '../volume.js';
import { ROW_GROUP, type BSplineKernel, type RowPixel } from './bspline-wasm.js';
import { GAIN, HORIZON, POLE } from './bspline-constants.js';

export const COEFFICIENT_MARGIN = 64;

/** A box of the image: first index and size per axis. */
export interface IndexBox {
  lower: Vec3;
  size: Vec3;
}

/** A box to prefilter, and within it the box whose coefficients the evaluations read. */
export interface CoefficientBox extends IndexBox {
  need?: IndexBox;
}

/**
 * A map applied to every input value before prefiltering, as normalizeImage computes it:
 * v = (x + shift) * factor, clipped to [-clip, clip] when clip is not null, times scale.
 */
export interface ValueMap {
  shift: number;
  factor: number;
  clip: number | null;
  scale: number;
}

/**
 * The B-spline coefficients of the image box `box` (default: the whole image), float64,
 * x fastest within the box. With `box.need`, only the coefficients inside `need` are final: the
 * x pass runs on every row of the box, the y pass only on the columns of `need`'s x range, the z
 * pass only on its x and y ranges. Every line is filtered on its own, so the coefficients in
 * `need` are the very numbers of the full computation, at a fraction of its cost. With `map`,
 * the coefficients are those of the mapped image (e.g. normalised), mapped row by row as the
 * x pass reads them. `into`: an array to write them in (its first box-size elements), instead of a
 * new one; outside `need` its content is then unspecified.
 */
export function bsplineCoefficients(
  data: ArrayLike<number>, size: Vec3, box: CoefficientBox = { lower: [0, 0, 0], size }, map?: ValueMap, into?: Float64Array,
  kernel?: BSplineKernel | null,
): Float64Array {
  const [nx, ny, nz] = box.size;
  const [x0, y0, z0] = box.lower;
  // the x and y ranges (box-relative) whose columns the y and z passes filter
  const need = box.need;
  const ax = need ? need.lower[0] - x0 : 0, wx = need ? need.size[0] : nx;
  const ay = need ? need.lower[1] - y0 : 0, wy = need ? need.size[1] : ny;
  const az = need ? need.lower[2] - z0 : 0;
  // Only coefficients inside `need` are read afterwards: each anticausal recursion (which runs
  // from the line's end down) stops at need's start along its axis; the causal one must reach the
  // end, where the anticausal one starts.
  // `into` (at least the box's size; any content): the caller's array, e.g. one reused from case to
  // case; every coefficient inside `need` is written below before it is read
  const coef = into ? into.subarray(0, nx * ny * nz) : new Float64Array(nx * ny * nz);
  const typed = ArrayBuffer.isView(data) ? (data as unknown as Float64Array) : null;
  // x pass, straight from the image's rows: four at a time (rows4) where the rows are longer than HORIZON
  const row = new Float64Array(nx);
  const scratch = new Float64Array(nx);
  const lanes = HORIZON < nx ? rowScratch(4 * nx) : scratch;
  const rowKernel = HORIZON < nx ? rowPairsKernel(data, size, box.size, map, coef, kernel) : null;
  let o = 0;
  for (let z = 0; z < nz; z++) {
    let y = 0;
    if (rowKernel) {
      y = rowKernel(z0 + z, y0, x0, ny, o, ax);
      o += y * nx;
    } else if (HORIZON < nx) {
      const plane = x0 + size[0] * (y0 + size[1] * (z0 + z));
      for (; y + 4 <= ny; y += 4, o += 4 * nx) filterRows4(data, plane + size[0] * y, size[0], nx, map, coef, o, lanes, ax);
    }
    for (; y < ny; y++) {
      const from = x0 + size[0] * (y0 + y + size[1] * (z0 + z));
      if (HORIZON < nx) {
        filterRow(data, from, nx, map, coef, o, scratch, ax);
        o += nx;
        continue;
      }
      if (map) mapRow(data, from, nx, map, row);
      else if (typed) row.set(typed.subarray(from, from + nx));
      else for (let x = 0; x < nx; x++) row[x] = data[from + x];
      if (nx > 1) filterLine(row, coef, o, nx, scratch, ax);
      else coef[o] = row[0];
      o += nx;
    }
  }
  // Along y and z the lines are strided: run the same recursion on whole rows (resp. planes) at
  // once, element by element, so that memory is read in order. The arithmetic per element is
  // the line filter's.
  const lines = lanesFilter(coef, kernel);
  if (ny > 1) {
    const acc = new Float64Array(wx);
    for (let z = 0; z < nz; z++) lines(z * nx * ny + ax, wx, nx, ny, acc, ay);
  }
  if (nz > 1) {
    if (wx === nx && wy === ny) {
      lines(0, nx * ny, nx * ny, nz, new Float64Array(nx * ny), az);
    } else {
      const acc = new Float64Array(wx);
      for (let y = ay; y < ay + wy; y++) lines(y * nx + ax, wx, nx * ny, nz, acc, az);
    }
  }
  return coef;
}

/**
 * filterLines on `coef`, by the WebAssembly kernel (./bspline-wasm.ts filterLanes: two lanes per
 * f64x2, each the same operations) when `coef` lies in its memory with room after it for the
 * initial sum's powers of the pole, and the lines are longer than HORIZON; else in JavaScript.
 */
function lanesFilter(coef: Float64Array, kernel: BSplineKernel | null | undefined) {
  const plain = (base: number, width: number, step: number, n: number, acc: Float64Array, stop: number): void =>
    filterLines(coef, base, width, step, n, acc, stop);
  if (!kernel || coef.buffer !== kernel.memory.buffer) return plain;
  const zn = (coef.byteOffset + 8 * coef.length + 15) & ~15;
  if (zn + 8 * HORIZON > coef.buffer.byteLength) return plain;
  // z, z^2, ... as filterLines forms them (zn *= z)
  const powers = new Float64Array(coef.buffer, zn, HORIZON);
  for (let k = 1, p = POLE; k < HORIZON; k++, p *= POLE) powers[k - 1] = p;
  return (base: number, width: number, step: number, n: number, acc: Float64Array, stop: number): void => {
    if (n <= HORIZON || width < 2) return plain(base, width, step, n, acc, stop);
    const pairs = width >> 1;
    kernel.filterLanes(coef.byteOffset + 8 * base, pairs, 8 * step, n, stop, zn);
    if (width & 1) plain(base + 2 * pairs, 1, step, n, acc, stop);
  };
}

/** row[x] = map(data[from + x]) for x < n, in normalizeImage's arithmetic. */
function mapRow(data: ArrayLike<number>, from: number, n: number, map: ValueMap, row: Float64Array): void {
  const { shift, factor, clip, scale } = map;
  for (let x = 0; x < n; x++) {
    let v = (data[from + x] + shift) * factor;
    if (clip !== null) {
      if (v > clip) v = clip;
      else if (v < -clip) v = -clip;
    }
    row[x] = v * scale;
  }
}


/** One line of the recursive prefilter (DataToCoefficients1D): `src` (n values) in, c[start ...] out. */
function filterLine(src: Float64Array, c: Float64Array, start: number, n: number, s: Float64Array, stop: number): void {
  const z = POLE;
  for (let k = 0; k < n; k++) s[k] = src[k] * GAIN;
  // the causal initial value, then the recursion from the first element it has not reached
  let prev: number, k0: number;
  if (HORIZON < n) {
    prev = causalStart(s);
    k0 = HORIZON;
  } else {
    let zn = z;
    const iz = 1.0 / z;
    let z2n = Math.pow(z, n - 1);
    let sum = s[0] + z2n * s[n - 1];
    z2n *= z2n * iz;
    for (let k = 1; k <= n - 2; k++) {
      sum += (zn + z2n) * s[k];
      zn *= z;
      z2n *= iz;
    }
    s[0] = sum / (1.0 - zn * zn);
    prev = s[0];
    k0 = 1;
  }
  // The two recursions carry their last value in a register (the same operations as
  // s[k] += z * s[k - 1] and s[k] = z * (s[k + 1] - s[k]); a store-and-reload per step made the
  // dependency chain several times slower), the anticausal one writing the result in place.
  for (let k = k0; k < n; k++) {
    prev = s[k] + z * prev;
    s[k] = prev;
  }
  anticausalInto(s, n, c, start, stop);
}

/** The anticausal recursion over the causal values s[0 .. n): c[start + k] for k from n - 1 down to stop. */
function anticausalInto(s: Float64Array, n: number, c: Float64Array, start: number, stop: number): void {
  const z = POLE;
  let next = ANTICAUSAL_END * (z * s[n - 2] + s[n - 1]);
  c[start + n - 1] = next;
  for (let k = n - 2; k >= stop; k--) {
    next = z * (next - s[k]);
    c[start + k] = next;
  }
}

/**
 * filterLine of an image row longer than HORIZON, read straight from the image (through `map`
 * when given): each value is mapped and scaled by the gain as the causal recursion reads it, the
 * same operations on the same numbers as mapRow then filterLine, without their separate passes.
 */
function filterRow(
  data: ArrayLike<number>, from: number, n: number, map: ValueMap | undefined, c: Float64Array, start: number, s: Float64Array, stop: number,
): void {
  const z = POLE, G = GAIN;
  // s[k] = gain * value for the first HORIZON values (the causal initial sum reads them) ...
  let prev: number;
  if (map && map.clip !== null) {
    const { shift, factor, scale, clip } = map;
    for (let k = 0; k < HORIZON; k++) {
      let v = (data[from + k] + shift) * factor;
      if (v > clip) v = clip;
      else if (v < -clip) v = -clip;
      s[k] = (v * scale) * G;
    }
    prev = causalStart(s);
    // ... then the rest mapped as the recursion reads them
    for (let k = HORIZON; k < n; k++) {
      let v = (data[from + k] + shift) * factor;
      if (v > clip) v = clip;
      else if (v < -clip) v = -clip;
      prev = (v * scale) * G + z * prev;
      s[k] = prev;
    }
  } else if (map) {
    const { shift, factor, scale } = map;
    for (let k = 0; k < HORIZON; k++) s[k] = (((data[from + k] + shift) * factor) * scale) * G;
    prev = causalStart(s);
    for (let k = HORIZON; k < n; k++) {
      prev = (((data[from + k] + shift) * factor) * scale) * G + z * prev;
      s[k] = prev;
    }
  } else {
    for (let k = 0; k < HORIZON; k++) s[k] = data[from + k] * G;
    prev = causalStart(s);
    for (let k = HORIZON; k < n; k++) {
      prev = data[from + k] * G + z * prev;
      s[k] = prev;
    }
  }
  anticausalInto(s, n, c, start, stop);
}

/** The kernel's name for the pixel type of `data`, or null where the kernel does not read it. */
function rowPixel(data: ArrayLike<number>): RowPixel | null {
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Uint16Array) return 'uint16';
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  return null;
}

/**
 * Where the x pass's scratch (16 ROW_GROUP bytes per row voxel) and one plane of input rows lie in the
 * kernel's memory: after the coefficients (ending at byte `coefEnd`) and the pole's powers
 * (lanesFilter's, HORIZON float64). `end`: the bytes needed.
 */
function rowPairsLayout(coefEnd: number, size: Vec3, boxSize: Vec3, width: number): { scratch: number; input: number; end: number } {
  const powers = (coefEnd + 15) & ~15;
  const scratch = (powers + 8 * HORIZON + 15) & ~15;
  const input = scratch + 16 * ROW_GROUP * boxSize[0];
  return { scratch, input, end: input + width * size[0] * boxSize[1] };
}

/**
 * Bytes of kernel memory bsplineCoefficients may use with a kernel when the coefficients of `box`
 * start at byte 0: the coefficients, the y and z passes' constants, the x pass's scratch and input plane.
 */
export function kernelMemoryBytes(size: Vec3, box: IndexBox = { lower: [0, 0, 0], size }): number {
  const [nx, ny, nz] = box.size;
  return rowPairsLayout(8 * nx * ny * nz, size, box.size, 8).end + 512;
}

/**
 * The x pass by the WebAssembly kernel (./bspline-wasm.ts rowPairs: two rows per f64x2, each lane
 * filterRow's operations), when `coef` lies in the kernel's memory with room after it for the
 * scratch and a plane of input rows, the pixel type is one it reads and no clipping is asked for;
 * else null. The function filters the rows y0 .. y0 + ny - 1 (image indices) of plane z, x from x0,
 * to coefficients from coef[o], in pairs, and returns how many rows it did (an odd last one is the caller's).
 */
function rowPairsKernel(
  data: ArrayLike<number>, size: Vec3, boxSize: Vec3, map: ValueMap | undefined, coef: Float64Array, kernel: BSplineKernel | null | undefined,
): ((z: number, y0: number, x0: number, ny: number, o: number, stop: number) => number) | null {
  const pixel = rowPixel(data);
  if (!kernel || !pixel || coef.buffer !== kernel.memory.buffer || (map && map.clip !== null)) return null;
  const typed = data as unknown as Float64Array;
  const width = typed.BYTES_PER_ELEMENT;
  const layout = rowPairsLayout(coef.byteOffset + 8 * coef.length, size, boxSize, width);
  if (layout.end > coef.buffer.byteLength) return null;
  const input = new (typed.constructor as Float64ArrayConstructor)(coef.buffer, layout.input, size[0] * boxSize[1]);
  const nx = boxSize[0];
  return (z, y0, x0, ny, o, stop) => {
    const pairs = ny >> 1;
    const first = size[0] * (y0 + size[1] * z);
    input.set(typed.subarray(first, first + size[0] * 2 * pairs));
    kernel.rowPairs(pixel, map, layout.input + width * x0, width * size[0], pairs, nx, coef.byteOffset + 8 * o, 8 * nx, stop, layout.scratch);
    return 2 * pairs;
  };
}

/** filterRows4's interleaved scratch, kept from call to call (it never outlives a call). */
let keptRowScratch = new Float64Array(0);

function rowScratch(n: number): Float64Array {
  if (keptRowScratch.length < n) keptRowScratch = new Float64Array(n);
  return keptRowScratch;
}

/**
 * filterRow on four image rows at once (from, from + step, from + 2 step, from + 3 step; n >
 * HORIZON), their coefficients to c[start + r * n ...] (r = 0..3): per row the very operations
 * of filterRow in the same order, the four recursions interleaved (their values at s[4k + r]) so
 * that each step's four independent multiply-adds overlap instead of waiting on one another.
 */
function filterRows4(
  data: ArrayLike<number>, from: number, step: number, n: number, map: ValueMap | undefined, c: Float64Array, start: number,
  s: Float64Array, stop: number,
): void {
  const z = POLE, G = GAIN;
  const f1 = from + step, f2 = from + 2 * step, f3 = from + 3 * step;
  // s[4k + r] = gain * value (mapped as mapRow maps it)
  if (map && map.clip !== null) {
    const { shift, factor, scale, clip } = map;
    for (let k = 0, i = 0; k < n; k++, i += 4) {
      let a = (data[from + k] + shift) * factor, b = (data[f1 + k] + shift) * factor;
      let d = (data[f2 + k] + shift) * factor, e = (data[f3 + k] + shift) * factor;
      if (a > clip) a = clip; else if (a < -clip) a = -clip;
      if (b > clip) b = clip; else if (b < -clip) b = -clip;
      if (d > clip) d = clip; else if (d < -clip) d = -clip;
      if (e > clip) e = clip; else if (e < -clip) e = -clip;
      s[i] = (a * scale) * G; s[i + 1] = (b * scale) * G; s[i + 2] = (d * scale) * G; s[i + 3] = (e * scale) * G;
    }
  } else if (map) {
    const { shift, factor, scale } = map;
    for (let k = 0, i = 0; k < n; k++, i += 4) {
      s[i] = (((data[from + k] + shift) * factor) * scale) * G;
      s[i + 1] = (((data[f1 + k] + shift) * factor) * scale) * G;
      s[i + 2] = (((data[f2 + k] + shift) * factor) * scale) * G;
      s[i + 3] = (((data[f3 + k] + shift) * factor) * scale) * G;
    }
  } else {
    for (let k = 0, i = 0; k < n; k++, i += 4) {
      s[i] = data[from + k] * G; s[i + 1] = data[f1 + k] * G; s[i + 2] = data[f2 + k] * G; s[i + 3] = data[f3 + k] * G;
    }
  }
  // causalStart's initial sums, then the causal recursion over the whole rows
  let p0 = s[0], p1 = s[1], p2 = s[2], p3 = s[3];
  let zn = z;
  for (let k = 1, i = 4; k < HORIZON; k++, i += 4) {
    p0 += zn * s[i]; p1 += zn * s[i + 1]; p2 += zn * s[i + 2]; p3 += zn * s[i + 3];
    zn *= z;
  }
  s[0] = p0; s[1] = p1; s[2] = p2; s[3] = p3;
  for (let i = 4; i < 4 * n; i += 4) {
    p0 = s[i] + z * p0; p1 = s[i + 1] + z * p1; p2 = s[i + 2] + z * p2; p3 = s[i + 3] + z * p3;
    s[i] = p0; s[i + 1] = p1; s[i + 2] = p2; s[i + 3] = p3;
  }
  // anticausalInto per row
  const l = 4 * (n - 1), m = 4 * (n - 2);
  const c0 = start, c1 = start + n, c2 = start + 2 * n, c3 = start + 3 * n;
  let q0 = ANTICAUSAL_END * (z * s[m] + s[l]), q1 = ANTICAUSAL_END * (z * s[m + 1] + s[l + 1]);
  let q2 = ANTICAUSAL_END * (z * s[m + 2] + s[l + 2]), q3 = ANTICAUSAL_END * (z * s[m + 3] + s[l + 3]);
  c[c0 + n - 1] = q0; c[c1 + n - 1] = q1; c[c2 + n - 1] = q2; c[c3 + n - 1] = q3;
  for (let k = n - 2, i = m; k >= stop; k--, i -= 4) {
    q0 = z * (q0 - s[i]); q1 = z * (q1 - s[i + 1]); q2 = z * (q2 - s[i + 2]); q3 = z * (q3 - s[i + 3]);
    c[c0 + k] = q0; c[c1 + k] = q1; c[c2 + k] = q2; c[c3 + k] = q3;
  }
}

/**
 * filterLine's causal initial value from the gained samples s[0 .. HORIZON), then its recursion
 * over them in place; returns s[HORIZON - 1].
 */
function causalStart(s: Float64Array): number {
  const z = POLE;
  let sum = s[0];
  let zn = z;
  for (let k = 1; k < HORIZON; k++) {
    sum += zn * s[k];
    zn *= z;
  }
  s[0] = sum;
  let prev = sum;
  for (let k = 1; k < HORIZON; k++) {
    prev = s[k] + z * prev;
    s[k] = prev;
  }
  return prev;
}

/** z / (z^2 - 1): the anticausal recursion's initial factor. */
const ANTICAUSAL_END = POLE / (POLE * POLE - 1.0);

/**
 * `width` parallel lines of length n: element e of line step k is c[base + k * step + e].
 * Same operations as filterLine, in the same order for each element.
 */
function filterLines(c: Float64Array, base: number, width: number, step: number, n: number, acc: Float64Array, stop: number): void {
  const z = POLE;
  const G = GAIN;
  const at = (k: number) => base + k * step;
  // The gain is applied where each sample is first read (ITK scales the line first: the same numbers).
  const r0 = at(0);
  if (HORIZON < n) {
    for (let e = 0; e < width; e++) acc[e] = c[r0 + e] * G;
    let zn = z;
    for (let k = 1; k < HORIZON; k++) {
      const r = at(k);
      for (let e = 0; e < width; e++) acc[e] += zn * (c[r + e] * G);
      zn *= z;
    }
    for (let e = 0; e < width; e++) c[r0 + e] = acc[e];
  } else {
    const iz = 1.0 / z;
    let zn = z;
    let z2n = Math.pow(z, n - 1);
    const rl = at(n - 1);
    for (let e = 0; e < width; e++) acc[e] = c[r0 + e] * G + z2n * (c[rl + e] * G);
    z2n *= z2n * iz;
    for (let k = 1; k <= n - 2; k++) {
      const r = at(k);
      const f = zn + z2n;
      for (let e = 0; e < width; e++) acc[e] += f * (c[r + e] * G);
      zn *= z;
      z2n *= iz;
    }
    const d = 1.0 - zn * zn;
    for (let e = 0; e < width; e++) c[r0 + e] = acc[e] / d;
  }
  for (let k = 1; k < n; k++) {
    const r = at(k), p = at(k - 1);
    for (let e = 0; e < width; e++) c[r + e] = c[r + e] * G + z * c[p + e];
  }
  const last = at(n - 1), before = at(n - 2);
  const g = z / (z * z - 1.0);
  for (let e = 0; e < width; e++) c[last + e] = g * (z * c[before + e] + c[last + e]);
  for (let k = n - 2; k >= stop; k--) {
    const r = at(k), q = at(k + 1);
    for (let e = 0; e < width; e++) c[r + e] = z * (c[q + e] - c[r + e]);
  }
}

/**
 * The box to prefilter for evaluations at continuous indices within [lo, hi] per axis (both
 * inside the image): the reachable support, mirrored indices included, plus the margin.
 */
export function coefficientBox(size: Vec3, lo: Vec3, hi: Vec3): CoefficientBox {
  const lower: number[] = [], extent: number[] = [];
  const needLower: number[] = [], needSize: number[] = [];
  for (let a = 0; a < 3; a++) {
    const end = size[a] - 1;
    const first = Math.floor(Math.fround(lo[a])) - 1;
    const last = Math.floor(Math.fround(hi[a])) + 2;
    // Raw support indices run from first to last; mirroring sends those below 0 to at most
    // -first and those above end to at least 2 end - last.
    const needLo = Math.max(0, Math.min(first, 2 * end - last));
    const needHi = Math.min(end, Math.max(last, -first));
    const from = Math.max(0, Math.min(needLo, end) - COEFFICIENT_MARGIN);
    const to = Math.min(end, Math.max(needHi, from) + COEFFICIENT_MARGIN);
    lower.push(from);
    extent.push(to - from + 1);
    const needFrom = Math.max(from, Math.min(needLo, to));
    needLower.push(needFrom);
    needSize.push(Math.min(to, Math.max(needHi, needFrom)) - needFrom + 1);
  }
  return { lower: lower as Vec3, size: extent as Vec3, need: { lower: needLower as Vec3, size: needSize as Vec3 } };
}

/** Evaluates the cubic B-spline of a (boxed) coefficient image at continuous indices of the image. */
export class BSplineEvaluator {
  private readonly wx = new Float64Array(4);
  private readonly wy = new Float64Array(4);
  private readonly wz = new Float64Array(4);
  private readonly ox = new Int32Array(4);
  private readonly oy = new Int32Array(4);
  private readonly oz = new Int32Array(4);
  private readonly box: IndexBox;
  private readonly strideY: number;
  private readonly strideZ: number;
  // Row cache (sampleRow): x supports of the last row, valid while its start and step repeat.
  private rowStart = NaN;
  private rowStep = NaN;
  private rowLength = -1;
  private rowInside = new Uint8Array(0);
  private rowW = new Float64Array(0);
  private rowO = new Int32Array(0);
  private rowSums = new Float64Array(0);
  private rowAllInside = false;

  /** `size`: the image's size; `box`: where `coef` lies in it (default: everywhere). */
  /** With the WebAssembly kernel: its row buffers' byte offsets in the kernel's memory (after the coefficients). */
  private readonly kernel: BSplineKernel | null;
  private kernelRow: { w: number; p: number; yz: number; b: number; s: number; pairs: number } | null = null;

  /**
   * `size`: the image's size; `box`: where `coef` lies in it (default: everywhere). `kernel`: sum
   * rows with ./bspline-wasm.ts, `coef` then being a view of the kernel's memory from byte 0.
   */
  constructor(private coef: Float64Array, private readonly size: Vec3, box?: IndexBox, kernel: BSplineKernel | null = null) {
    this.box = box ?? { lower: [0, 0, 0], size };
    this.strideY = this.box.size[0];
    this.strideZ = this.box.size[0] * this.box.size[1];
    this.kernel = kernel && coef.buffer === kernel.memory.buffer && coef.byteOffset === 0 ? kernel : null;
    this.coefCount = coef.length;
  }

  /** The number of coefficients (kept here: a view of a replaced kernel memory is not the coefficients any more). */
  private readonly coefCount: number;

  /** The interpolated value at continuous index (x, y, z), which must be inside the buffer. */
  evaluate(x: number, y: number, z: number): number {
    axisSupport(x, this.size[0], this.box.lower[0], 1, this.wx, this.ox, 0);
    axisSupport(y, this.size[1], this.box.lower[1], this.strideY, this.wy, this.oy, 0);
    axisSupport(z, this.size[2], this.box.lower[2], this.strideZ, this.wz, this.oz, 0);
    return this.sum(this.wx, this.ox, 0);
  }

  /**
   * ResampleImageFilter's scanline for a row that moves along the input's x axis only
   * (vy = vz = 0, any axis-aligned grid): voxel i at x = x0 + (i / n) * vx, y = y0, z = z0, written
   * through `cast` where inside the buffer. The same arithmetic as evaluate() per voxel, with the
   * y and z supports computed once per row and the x supports once per distinct (x0, vx).
   */
  sampleRow(out: VoxelArray, offset: number, n: number, x0: number, vx: number, y: number, z: number, cast: ((v: number) => number) | null): void {
    const [nx, ny, nz] = this.size;
    if (!(y >= -0.5 && y < ny - 0.5 && z >= -0.5 && z < nz - 0.5)) return;
    if (x0 !== this.rowStart || vx !== this.rowStep || n !== this.rowLength) {
      if (this.rowInside.length < n) {
        this.rowInside = new Uint8Array(n);
        this.rowW = new Float64Array(4 * n);
        this.rowO = new Int32Array(4 * n);
      }
      this.rowAllInside = true;
      for (let i = 0; i < n; i++) {
        const x = x0 + (i / n) * vx;
        const inside = x >= -0.5 && x < nx - 0.5;
        this.rowInside[i] = inside ? 1 : 0;
        if (inside) axisSupport(x, nx, this.box.lower[0], 1, this.rowW, this.rowO, 4 * i);
        else this.rowAllInside = false;
      }
      this.rowStart = x0;
      this.rowStep = vx;
      this.rowLength = n;
    }
    axisSupport(y, ny, this.box.lower[1], this.strideY, this.wy, this.oy, 0);
    axisSupport(z, nz, this.box.lower[2], this.strideZ, this.wz, this.oz, 0);
    const inside = this.rowInside;
    let sums: Float64Array;
    if (this.kernel) {
      sums = this.kernelSums(n);
    } else {
      if (this.rowSums.length < n) this.rowSums = new Float64Array(n);
      sums = this.rowSums;
      for (let i = 0; i < n; i++) {
        if (inside[i]) rowVoxelSum(this.coef, this.rowW, this.rowO, 4 * i, this.wy, this.oy, this.wz, this.oz, sums, i);
      }
    }
    if (cast === null && this.rowAllInside) {
      out.set(sums.subarray(0, n), offset);
    } else {
      for (let k = 0; k < n; k++) {
        if (inside[k]) out[offset + k] = cast === null ? sums[k] : cast(sums[k]);
      }
    }
  }

  /**
   * The row's sums by the WebAssembly kernel (the same numbers as rowVoxelSum): the x supports
   * copied into the kernel's memory when they change (outside voxels and the even-count pad get
   * weight 0 at offset 0, whose sums are not used), the y and z taps per row.
   */
  private kernelSums(n: number): Float64Array {
    const k = this.kernel!;
    const pairs = (n + 1) >> 1;
    let row = this.kernelRow;
    if (!row || this.kernelRowLength !== n || this.kernelRowStart !== this.rowStart || this.kernelRowStep !== this.rowStep) {
      const w = (this.coefCount * 8 + 15) & ~15;
      row = { w, p: w + 64 * pairs, yz: w + 96 * pairs, b: w + 96 * pairs + 64, s: w + 96 * pairs + 128, pairs };
      const buffer = k.reserve(row.s + 16 * pairs);
      // reserving may replace the memory (its bytes copied): the coefficients' view is made again
      if (this.coef.buffer !== buffer) this.coef = new Float64Array(buffer, 0, this.coefCount);
      const weights = new Float64Array(buffer, row.w, 8 * pairs);
      const offsets = new Int32Array(buffer, row.p, 8 * pairs);
      weights.fill(0);
      offsets.fill(0);
      for (let i = 0; i < n; i++) {
        if (!this.rowInside[i]) continue;
        for (let t = 4 * i; t < 4 * i + 4; t++) {
          weights[t] = this.rowW[t];
          offsets[t] = 8 * this.rowO[t];
        }
      }
      this.kernelRow = row;
      this.kernelRowStart = this.rowStart;
      this.kernelRowStep = this.rowStep;
      this.kernelRowLength = n;
    }
    const buffer = k.memory.buffer;
    const yz = new Float64Array(buffer, row.yz, 8);
    const lines = new Int32Array(buffer, row.b, 16);
    for (let t = 0; t < 4; t++) {
      yz[t] = this.wy[t];
      yz[4 + t] = this.wz[t];
      for (let j = 0; j < 4; j++) lines[4 * t + j] = 8 * (this.oz[t] + this.oy[j]);
    }
    k.rowSums(pairs, row.w, row.p, row.yz, row.b, row.s);
    return new Float64Array(buffer, row.s, 2 * pairs);
  }

  // the row layout (x0, vx, n) whose x supports the kernel's memory holds
  private kernelRowStart = NaN;
  private kernelRowStep = NaN;
  private kernelRowLength = -1;

  /** The 64-term sum, x fastest, weight (wx * wy) * wz, as ITK forms it. */
  private sum(wxs: Float64Array, oxs: Int32Array, at: number): number {
    const c = this.coef;
    const wy = this.wy, wz = this.wz, oy = this.oy, oz = this.oz;
    const wx0 = wxs[at], wx1 = wxs[at + 1], wx2 = wxs[at + 2], wx3 = wxs[at + 3];
    const ox0 = oxs[at], ox1 = oxs[at + 1], ox2 = oxs[at + 2], ox3 = oxs[at + 3];
    let sum = 0;
    for (let k = 0; k < 4; k++) {
      const wzk = wz[k];
      const ozk = oz[k];
      for (let j = 0; j < 4; j++) {
        const wyj = wy[j];
        const base = ozk + oy[j];
        sum += ((wx0 * wyj) * wzk) * c[base + ox0];
        sum += ((wx1 * wyj) * wzk) * c[base + ox1];
        sum += ((wx2 * wyj) * wzk) * c[base + ox2];
        sum += ((wx3 * wyj) * wzk) * c[base + ox3];
      }
    }
    return sum;
  }
}

/**
 * BSplineEvaluator's 64-term sum for voxel i of a row (x supports at [at, at + 4), y and z
 * supports shared by the row), into sums[i]: the same terms in the same order, with the 16
 * products wx * wy formed once instead of once per z tap (each term is still (wx * wy) * wz * c).
 */
function rowVoxelSum(
  c: Float64Array, w: Float64Array, o: Int32Array, at: number,
  wy: Float64Array, oy: Int32Array, wz: Float64Array, oz: Int32Array, sums: Float64Array, i: number,
): void {
  const a0 = w[at], a1 = w[at + 1], a2 = w[at + 2], a3 = w[at + 3];
  const p0 = o[at], p1 = o[at + 1], p2 = o[at + 2], p3 = o[at + 3];
  const y0 = wy[0], y1 = wy[1], y2 = wy[2], y3 = wy[3];
  const e0 = oy[0], e1 = oy[1], e2 = oy[2], e3 = oy[3];
  const t00 = a0 * y0, t01 = a1 * y0, t02 = a2 * y0, t03 = a3 * y0;
  const t10 = a0 * y1, t11 = a1 * y1, t12 = a2 * y1, t13 = a3 * y1;
  const t20 = a0 * y2, t21 = a1 * y2, t22 = a2 * y2, t23 = a3 * y2;
  const t30 = a0 * y3, t31 = a1 * y3, t32 = a2 * y3, t33 = a3 * y3;
  let s = 0;
  for (let k = 0; k < 4; k++) {
    const z = wz[k];
    const b0 = oz[k] + e0, b1 = oz[k] + e1, b2 = oz[k] + e2, b3 = oz[k] + e3;
    s += (t00 * z) * c[b0 + p0]; s += (t01 * z) * c[b0 + p1]; s += (t02 * z) * c[b0 + p2]; s += (t03 * z) * c[b0 + p3];
    s += (t10 * z) * c[b1 + p0]; s += (t11 * z) * c[b1 + p1]; s += (t12 * z) * c[b1 + p2]; s += (t13 * z) * c[b1 + p3];
    s += (t20 * z) * c[b2 + p0]; s += (t21 * z) * c[b2 + p1]; s += (t22 * z) * c[b2 + p2]; s += (t23 * z) * c[b2 + p3];
    s += (t30 * z) * c[b3 + p0]; s += (t31 * z) * c[b3 + p1]; s += (t32 * z) * c[b3 + p2]; s += (t33 * z) * c[b3 + p3];
  }
  sums[i] = s;
}

/** Weights and (mirrored, box-relative) offsets of the 4 support points along one axis. */
function axisSupport(x: number, n: number, boxLower: number, stride: number, w: Float64Array, off: Int32Array, at: number): void {
  const first = Math.floor(Math.fround(x)) - 1;
  const t = x - (first + 1);
  const w3 = (1.0 / 6.0) * t * t * t;
  const w0 = (1.0 / 6.0) + 0.5 * t * (t - 1.0) - w3;
  const w2 = t + w0 - 2.0 * w3;
  w[at] = w0;
  w[at + 1] = 1.0 - w0 - w2 - w3;
  w[at + 2] = w2;
  w[at + 3] = w3;
  if (n === 1) {
    off[at] = off[at + 1] = off[at + 2] = off[at + 3] = 0;
    return;
  }
  const end = n - 1;
  for (let k = 0; k < 4; k++) {
    let i = first + k;
    if (i < 0) i = -i;
    if (i >= end) i = end - (i - end);
    // ITK reads outside the buffer here for lines of length 2 (undefined behaviour); stay inside.
    if (i < 0) i = 0;
    else if (i > end) i = end;
    off[at + k] = (i - boxLower) * stride;
  }
}
