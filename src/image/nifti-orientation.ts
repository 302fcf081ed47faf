/**
 * NIfTI geometry as ITK 5.4.3's NiftiImageIO derives it (SetImageIOOrientationFromNIfTI and
 * ReadImageInformation, over nifti1_io's nifti_convert_nhdr2nim), shared by the NIfTI-1 reader
 * (nifti1.ts, which must match itk-wasm bit for bit) and the NIfTI-2 reader (nifti2.ts, which ITK
 * 5.4.3 does not read, so the same rules are applied in double precision).
 *
 * The rules:
 * - no qform and no sform code: origin 0, identity directions, spacing from pixdim;
 * - no sform code: the qform (nifti1.h method 2, from the quaternion and pixdim);
 * - an sform code and an sform that is affine with orthonormal columns (to 1e-4): the sform when
 *   there is no qform code or the sform code is SCANNER_ANAT (1); with both codes set otherwise,
 *   the sform only when an SVD comparison finds it "very similar" to the qform (rotation,
 *   singular values, offsets and bottom rows each to 1e-4), else the qform;
 * - an sform that is skewed: the qform when there is one (unless the two agree to 1e-5), else ITK
 *   refuses the file (itk-wasm's ITK is built without SFORM_PERMISSIVE, which would orthogonalise it);
 * then RAS -> LPS (x and y negated), each direction column normalised, origin = the matrix offset
 * (x, y negated), spacing = pixdim (not the matrix column norms), each scaled by xyz_units (m, um).
 *
 * For NIfTI-1 every step that ITK does in float32 (nifti1_io keeps the matrices as float mat44)
 * is rounded the same way here. Where ITK's answer hangs on its own float SVD or float tolerance
 * tests near their thresholds, the exact mode answers "unsure" and the caller hands the file to
 * itk-wasm instead of guessing; the NIfTI-2 mode decides with elementwise tolerances instead.
 */
import type { NiftiHeader } from './nifti-header.js';
import { spaceScale, timeScale } from './nifti-header.js';

/** RAS (mm, before unit scaling) = matrix * [i, j, k, 1]; 3 x 4, row-major. */
export type Affine = number[];

export type TransformChoice =
  | { source: 'none' | 'qform' | 'sform'; matrix: Affine }
  | { unsure: string }
  | { refused: string };

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float next to `f` (a float32 value) going up or down. */
function adjacentFloat(f: number, up: boolean): number {
  if (f === 0) return up ? 2 ** -149 : -(2 ** -149);
  f32[0] = f;
  if ((f > 0) === up) u32[0]++;
  else u32[0]--;
  return f32[0];
}

/** Dekker's split, for the exact error of a double product. */
function productError(a: number, b: number, p: number): number {
  const ca = 134217729 * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = 134217729 * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * u * v rounded once to float32. nifti1_io computes `2.0l * (b*c-a*d) * yd` in long double
 * (binary128 in WebAssembly, where the product of two doubles is exact) and stores it in a float;
 * rounding to double first would differ when the double lands exactly on a float midpoint.
 */
export function productToFloat(u: number, v: number): number {
  const p = u * v;
  const f = Math.fround(p);
  if (f === p || !Number.isFinite(p)) return f;
  const e = productError(u, v, p);
  if (e === 0) return f;
  const other = adjacentFloat(f, p > f);
  if ((f + other) / 2 !== p) return f;
  return (e > 0) === (other > f) ? other : f;
}

/**
 * nifti1_io's nifti_quatern_to_mat44 (nifti1.h, method 2): R from the quaternion (b, c, d) with
 * a = sqrt(1 - b^2 - c^2 - d^2) (or a 180-degree turn when that is below 1e-7), columns scaled by
 * pixdim (non-positive -> 1), the third negated when qfac (pixdim[0]) < 0. `float32`: store the
 * entries as nifti1_io's float mat44 does.
 */
export function quaternMatrix(h: NiftiHeader, float32: boolean): Affine {
  const store = float32 ? Math.fround : (x: number): number => x;
  const mul = float32 ? productToFloat : (u: number, v: number): number => u * v;
  let [b, c, d] = h.quatern;
  const [qx, qy, qz] = h.quatern.slice(3);
  let a = 1 - (b * b + c * c + d * d);
  // `a < 1.e-7l` compares with the long double 1e-7, which lies above the double 1e-7 (the
  // double nearest 1e-7 is just below it), so for a double a it is `a <= 1e-7`.
  if (a <= 1e-7) {
    // nifti1_io divides in long double and rounds to double; dividing in double differs only if
    // the binary128 quotient sits on a double midpoint (about 2^-60 odds), not emulated.
    a = 1 / Math.sqrt(b * b + c * c + d * d);
    b *= a;
    c *= a;
    d *= a;
    a = 0;
  } else {
    a = Math.sqrt(a);
  }
  const [dx, dy, dz] = [h.pixdim[1], h.pixdim[2], h.pixdim[3]];
  const xd = dx > 0 ? dx : 1;
  const yd = dy > 0 ? dy : 1;
  let zd = dz > 0 ? dz : 1;
  if (h.pixdim[0] < 0) zd = -zd;
  return [
    store((a * a + b * b - c * c - d * d) * xd), mul(2 * (b * c - a * d), yd), mul(2 * (b * d + a * c), zd), qx,
    mul(2 * (b * c + a * d), xd), store((a * a + c * c - b * b - d * d) * yd), mul(2 * (c * d - a * b), zd), qy,
    mul(2 * (b * d - a * c), xd), mul(2 * (c * d + a * b), yd), store((a * a + d * d - c * c - b * b) * zd), qz,
  ];
}

const lin = (m: Affine, r: number, c: number): number => m[r * 4 + c];

/**
 * How far the sform is from having orthonormal columns: max |R R^T - I| with R its 3x3 with unit
 * columns (ITK tests this against 1e-4, in float32), and whether it is well-conditioned enough
 * that ITK's SVD-based IsAffine test surely passes (NaN entries or a zero column: deviation
 * Infinity).
 */
function sformShape(S: Affine): { deviation: number; conditioned: boolean } {
  if (!S.every(Number.isFinite)) return { deviation: Infinity, conditioned: false };
  const norms = [0, 1, 2].map((c) => Math.sqrt(lin(S, 0, c) ** 2 + lin(S, 1, c) ** 2 + lin(S, 2, c) ** 2));
  if (norms.some((n) => n === 0)) return { deviation: Infinity, conditioned: false };
  let deviation = 0;
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let g = 0;
      for (let c = 0; c < 3; c++) g += (lin(S, i, c) / norms[c]) * (lin(S, j, c) / norms[c]);
      deviation = Math.max(deviation, Math.abs(g - (i === j ? 1 : 0)));
    }
  }
  // IsAffine inverts the 4x4 (and the 3x3) through an SVD and compares the two inverses to 1e-2;
  // with column norms and offsets within 1e4 of each other that comparison is off by far less.
  const big = Math.max(...norms, Math.abs(S[3]), Math.abs(S[7]), Math.abs(S[11]), 1);
  const small = Math.min(...norms, 1);
  return { deviation, conditioned: big / small <= 1e4 };
}

/** Elementwise |a - b| <= tol over the 3x3 and over the offsets. */
function close(S: Affine, Q: Affine, tolLinear: number, tolOffset: number): boolean {
  for (let i = 0; i < 12; i++) {
    if (Math.abs(S[i] - Q[i]) > (i % 4 === 3 ? tolOffset : tolLinear)) return false;
  }
  return true;
}

/**
 * Chooses the matrix ITK uses. `exact` (NIfTI-1): float32 matrices and 'unsure' where only ITK's
 * own float SVD could tell; otherwise (NIfTI-2) double matrices and elementwise tolerances there.
 */
export function chooseTransform(h: NiftiHeader, exact: boolean): TransformChoice {
  const q = h.qformCode > 0;
  const s = h.sformCode > 0;
  const [dx, dy, dz] = [h.pixdim[1], h.pixdim[2], h.pixdim[3]];
  if (!q && !s) return { source: 'none', matrix: [dx, 0, 0, 0, 0, dy, 0, 0, 0, 0, dz, 0] };
  const Q = q ? quaternMatrix(h, exact) : [dx, 0, 0, 0, 0, dy, 0, 0, 0, 0, dz, 0];
  if (!s) return { source: 'qform', matrix: Q };
  const S = h.srow.slice();
  const shape = sformShape(S);
  let orthonormal = shape.deviation <= 1e-4;
  if (exact) {
    // ITK's float32 test rounds at ~1e-7: only deviations near 1e-4 could go either way.
    if (shape.deviation > 2e-4) orthonormal = false;
    else if (shape.deviation < 0.5e-4 && shape.conditioned) orthonormal = true;
    else return { unsure: 'the sform is near ITK\'s orthonormality or conditioning limits' };
  }
  if (!orthonormal) {
    // ITK (built, as in itk-wasm, without SFORM_PERMISSIVE: a skewed sform beside a qform reads as
    // the qform, checked): the sform only if it already agrees with the qform (1e-5 on the 3x3,
    // 1e-7 on the one-norm of the offsets' differences), else the qform; with neither, a refusal.
    if (exact) {
      if (!q) return { unsure: 'a skewed sform and no qform (ITK refuses the file)' };
      // (vnl's tolerance tests pass NaN differences as equal: leave such headers to ITK itself)
      if (!S.every(Number.isFinite)) return { unsure: 'an sform with entries that are not finite' };
      const rotationClose = [0, 1, 2, 4, 5, 6, 8, 9, 10].every((i) => Math.abs(Math.fround(S[i] - Q[i])) <= 1e-5);
      const offsetGap = Math.max(...[3, 7, 11].map((i) => Math.abs(S[i] - Q[i])));
      if (!rotationClose || offsetGap > 1e-6) return { source: 'qform', matrix: Q };
      if (offsetGap === 0) return { source: 'sform', matrix: S };
      return { unsure: 'a skewed sform within 1e-6 of the qform\'s offsets' };
    }
    if (close(S, Q, 1e-5, 1e-7)) return { source: 'sform', matrix: S };
    if (q) return { source: 'qform', matrix: Q };
    return { refused: 'the sform is skewed (non-orthogonal axes) and there is no qform' };
  }
  if (!q || h.sformCode === 1) return { source: 'sform', matrix: S };
  // Both codes set, sform code not SCANNER_ANAT: ITK compares the SVDs of the two 3x3 matrices.
  if (S.every((x, i) => x === Q[i])) return { source: 'sform', matrix: S };
  const diff = exact ? (x: number, y: number): number => Math.abs(Math.fround(x - y)) : (x: number, y: number): number => Math.abs(x - y);
  const offsetsSimilar = [3, 7, 11].every((i) => diff(S[i], Q[i]) <= 1e-4);
  if (!offsetsSimilar) return { source: 'qform', matrix: Q };
  if (exact) return { unsure: 'sform and qform differ slightly; ITK decides with a float32 SVD of each' };
  return close(S, Q, 1e-4, 1e-4) ? { source: 'sform', matrix: S } : { source: 'qform', matrix: Q };
}

export interface ItkGeometry {
  spacing: number[];
  origin: number[];
  /** dims x dims, element [row * dims + column], column c = the direction of axis c. */
  direction: Float64Array;
}

/**
 * Spacing, origin and direction as NiftiImageIO sets them on an image of `dims` axes (1 to 4)
 * from the chosen matrix.
 */
export function itkGeometry(h: NiftiHeader, dims: number, choice: { source: string; matrix: Affine }): ItkGeometry {
  const ss = spaceScale(h);
  const ts = timeScale(h);
  const spacing: number[] = [];
  for (let i = 0; i < dims; i++) spacing.push(i < 3 ? h.pixdim[i + 1] * ss : h.pixdim[i + 1] * ts);
  const direction = new Float64Array(dims * dims);
  for (let i = 0; i < dims; i++) direction[i * dims + i] = 1;
  const origin = new Array<number>(dims).fill(0);
  if (choice.source === 'none') return { spacing, origin, direction };
  const m = choice.matrix;
  origin[0] = -m[3] * ss;
  if (dims > 1) origin[1] = -m[7] * ss;
  if (dims > 2) origin[2] = m[11] * ss;
  if (dims > 3) origin[3] = h.toffset * ts;
  const defined = Math.min(dims, 3);
  const v = new Array<number>(defined);
  for (let c = 0; c < defined; c++) {
    for (let r = 0; r < defined; r++) v[r] = r < 2 ? m[r * 4 + c] * -1 : m[r * 4 + c];
    // ITK's Normalize: a plain sum of squares in order, then divide (not Math.hypot).
    let sum = 0;
    for (let r = 0; r < defined; r++) sum += v[r] * v[r];
    if (sum !== 0) {
      sum = Math.sqrt(sum);
      for (let r = 0; r < defined; r++) v[r] = v[r] / sum;
    }
    for (let r = 0; r < defined; r++) direction[r * dims + c] = v[r];
  }
  return { spacing, origin, direction };
}
