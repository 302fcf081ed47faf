/**
 * LBP3D: PyRadiomics' rotation-invariant 3D local binary pattern by spherical harmonics
 * (radiomics/imageoperations.py getLBP3DImage; Banerjee et al., "3D LBP-based rotationally invariant
 * region description", ACCV 2012 Workshops, LNCS 7728, doi:10.1007/978-3-642-37410-4_3).
 *
 * For each ROI voxel p (mask != 0), with the icosphere's vertices v (trimesh order, in voxel index
 * units, vertex x/y/z added to the numpy z/y/x index):
 *   f_v   = cubic-spline sample of the image at p + v (map_coordinates order 3, stored in the image's dtype)
 *   k(p)  = kurtosis of the f_v (scipy.stats.kurtosis: Fisher, biased; NaN when the f_v are constant)
 *   b_v   = 1 if f_v >= image(p) else 0
 *   c_nm  = sum_v b_v Y_nm(v)                     (no complex conjugate)
 *   g_n(v) = sum_m c_nm Y_nm(v)
 *   m_n(p) = Re sqrt( sum_v g_n(v)^2 )            (complex square, principal square root)
 * for n = 0 .. lbp3DLevels - 1, with Y_nm = scipy.special.sph_harm(m, n, theta_v, phi_v) called with
 * theta_v = arccos(v_z / radius) (polar) and phi_v = atan2(v_y, v_x) (azimuth), i.e. in the reverse
 * of SciPy's (azimuth, polar) order. Images: 'lbp-3D-m1' .. 'lbp-3D-m<levels>', then 'lbp-3D-k',
 * float64, 0 outside the ROI. Every deviation from a textbook LBP here is PyRadiomics' own and
 * kept on purpose (docs/conformance.md, Filters, LBP).
 *
 * Speed: the samples come from neighbour-samples.ts (separable, shared across vertices); the
 * energies use sum_v g_n(v)^2 = sum_{m,m'} c_nm c_nm' G_mm' with G_mm' = sum_v Y_nm(v) Y_nm'(v)
 * computed once, so a voxel costs O(levels^4) instead of O(vertices * levels^2).
 */
import type { Volume } from '../image/volume.js';
import { voxelCount, withData } from '../image/volume.js';
import { numpySum } from '../image/preprocess/numpy-sum.js';
import { transientRegion, type ImageFilter, type VoxelBox } from './types.js';
import { reusedFloat64, reusedInt32 } from '../features/scratch.js';
import { icosphere } from './icosphere.js';
import { sphHarm } from './spherical-harmonics.js';
import { forEachNeighbourSamples, type SampleVisitor } from './neighbour-samples.js';

export interface Lbp3dOptions {
  /** lbp3DLevels: spherical-harmonic degrees 0 .. levels - 1 (one image each). */
  levels: number;
  /** lbp3DIcosphereRadius, in voxels. */
  radius: number;
  /** lbp3DIcosphereSubdivision. */
  subdivision: number;
  /**
   * Write the images into arrays reused from call to call (../features/scratch.ts), valid until
   * the next call: for a caller that reads them before then (a transient region).
   */
  reuse?: boolean;
  /**
   * With `reuse`: the box the caller reads (its transient region). The images are then exact
   * inside it only (the ROI's values, 0 elsewhere in the box); outside it they hold anything.
   */
  region?: VoxelBox;
}

export interface Lbp3dResult {
  /** One image per level (m1, m2, ...), float64, 0 outside the ROI. */
  levels: Float64Array[];
  /** Spherical kurtosis image, float64, 0 outside the ROI. */
  kurtosis: Float64Array;
}

/**
 * Real part of the principal complex square root, computed as glibc's csqrt (which NumPy's sqrt
 * calls) for finite arguments: sqrt((|z| + re) / 2) when re > 0, else |im| / (2 sqrt((|z| - re) / 2)).
 */
export function csqrtReal(re: number, im: number): number {
  if (im === 0) return re < 0 ? 0 : Math.sqrt(re);
  if (re === 0) return Math.sqrt(0.5 * Math.abs(im));
  // |z| (hypot): the arguments here are far from overflow and underflow
  const d = Math.sqrt(re * re + im * im);
  if (re > 0) return Math.sqrt(0.5 * (d + re));
  const s = Math.sqrt(0.5 * (d - re));
  return Math.abs(0.5 * (im / s));
}

/** Spherical-harmonic table of PyRadiomics' LBP3D: columns (n, m) for n < levels, m = -n..n. */
interface HarmonicTable {
  nCols: number;
  /** first column of each level, plus the end */
  levelStart: Int32Array;
  /** Y[v * nCols + q], real and imaginary parts */
  re: Float64Array;
  im: Float64Array;
  /** Gram matrices per level, G[a][b] = sum_v Y_a(v) Y_b(v), flat per level (size (2n+1)^2) */
  gramRe: Float64Array[];
  gramIm: Float64Array[];
}

function harmonicTable(vertices: Float64Array, radius: number, levels: number): HarmonicTable {
  const nv = vertices.length / 3;
  const levelStart = new Int32Array(levels + 1);
  for (let n = 0; n < levels; n++) levelStart[n + 1] = levelStart[n] + 2 * n + 1;
  // PyRadiomics computes the degree-0 column even with lbp3DLevels 0
  const nCols = Math.max(levelStart[levels], 1);
  const re = new Float64Array(nv * nCols), im = new Float64Array(nv * nCols);
  const y: [number, number] = [0, 0];
  for (let v = 0; v < nv; v++) {
    const polar = Math.acos(vertices[3 * v + 2] / radius);
    const azimuth = Math.atan2(vertices[3 * v + 1], vertices[3 * v]);
    let q = 0;
    for (let n = 0; n < Math.max(levels, 1); n++) {
      for (let m = -n; m <= n; m++, q++) {
        // PyRadiomics: sph_harm(m, n, theta, phi) with its theta (polar) in SciPy's azimuth slot
        sphHarm(m, n, polar, azimuth, y);
        re[v * nCols + q] = y[0];
        im[v * nCols + q] = y[1];
      }
    }
  }
  const gramRe: Float64Array[] = [], gramIm: Float64Array[] = [];
  for (let n = 0; n < levels; n++) {
    const w = 2 * n + 1, q0 = levelStart[n];
    const gr = new Float64Array(w * w), gi = new Float64Array(w * w);
    for (let a = 0; a < w; a++) {
      for (let b = 0; b < w; b++) {
        let sr = 0, si = 0;
        for (let v = 0; v < nv; v++) {
          const ar = re[v * nCols + q0 + a], ai = im[v * nCols + q0 + a];
          const br = re[v * nCols + q0 + b], bi = im[v * nCols + q0 + b];
          sr += ar * br - ai * bi;
          si += ar * bi + ai * br;
        }
        gr[a * w + b] = sr;
        gi[a * w + b] = si;
      }
    }
    gramRe.push(gr);
    gramIm.push(gi);
  }
  return { nCols, levelStart, re, im, gramRe, gramIm };
}

function checkOptions(o: Lbp3dOptions): void {
  if (!Number.isInteger(o.levels) || o.levels < 0) {
    throw new Error(`lbp3DLevels must be a whole number >= 0 (got ${o.levels}); set it in the params file, e.g. 2.`);
  }
  if (!(o.radius > 0) || !Number.isFinite(o.radius)) {
    throw new Error(`lbp3DIcosphereRadius must be a positive number (got ${o.radius}); set it in the params file, e.g. 1.`);
  }
  if (!Number.isInteger(o.subdivision) || o.subdivision < 0) {
    throw new Error(`lbp3DIcosphereSubdivision must be a whole number >= 0 (got ${o.subdivision}); set it in the params file, e.g. 1.`);
  }
}

/** Vertices per lookup group: 2^6 partial sums per group. */
const GROUP = 6;

/**
 * For each group of GROUP consecutive vertices and each subset of them (bit i = vertex g * GROUP + i),
 * the sum of their Y values per column, added in vertex order.
 */
function groupSums(t: HarmonicTable, nv: number): { count: number; re: Float64Array; im: Float64Array } {
  const count = Math.ceil(nv / GROUP), size = 1 << GROUP, nCols = t.nCols;
  const re = new Float64Array(count * size * nCols), im = new Float64Array(count * size * nCols);
  for (let g = 0; g < count; g++) {
    for (let pattern = 0; pattern < size; pattern++) {
      const row = (g * size + pattern) * nCols;
      for (let i = 0; i < GROUP; i++) {
        const v = g * GROUP + i;
        if (v >= nv || !(pattern & (1 << i))) continue;
        for (let q = 0; q < nCols; q++) {
          re[row + q] += t.re[v * nCols + q];
          im[row + q] += t.im[v * nCols + q];
        }
      }
    }
  }
  return { count, re, im };
}

/**
 * m1 for each number k of vertices at or above the centre, with NumPy's operations in PyRadiomics'
 * order: c = Y00 added k times, g = c Y00 at every vertex, sqrt of the sum of the nv squares. Y00
 * is the same at every vertex and its imaginary part is 0, so m1 depends on k alone, and this
 * table reproduces PyRadiomics' m1 to the last bit (ties between voxels stay ties).
 */
function degreeZeroEnergies(y00: number, nv: number): Float64Array {
  const out = new Float64Array(nv + 1);
  let c = 0;
  for (let k = 0; k <= nv; k++) {
    const g = c * y00;
    let s = 0;
    for (let v = 0; v < nv; v++) s += g * g;
    out[k] = Math.sqrt(s);
    c += y00;
  }
  return out;
}

/** numpySum over the first n items, with the common case (n <= 128) inlinable. */
function sumOf(a: Float64Array, n: number): number {
  if (n < 8 || n > 128) return numpySum(a, 0, n);
  let r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7];
  const end8 = n - (n % 8);
  let i = 8;
  for (; i < end8; i += 8) {
    r0 += a[i]; r1 += a[i + 1]; r2 += a[i + 2]; r3 += a[i + 3];
    r4 += a[i + 4]; r5 += a[i + 5]; r6 += a[i + 6]; r7 += a[i + 7];
  }
  let s = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
  for (; i < n; i++) s += a[i];
  return s;
}

/**
 * scipy.stats.kurtosis of the samples (Fisher, biased): m4 / m2^2 - 3 with NumPy's means (float64
 * for integer and float64 samples); NaN when m2 <= (1e-15 * mean)^2.
 */
function kurtosis(f: Float64Array, nv: number, dev2: Float64Array, dev4: Float64Array): number {
  const mean = sumOf(f, nv) / nv;
  let m2: number, m4: number;
  if (nv >= 8 && nv <= 128) {
    // the same sums without storing the deviations (each recomputed as NumPy computes it)
    m2 = deviationSums(f, nv, mean) / nv;
    m4 = fourthPowerSum / nv;
  } else {
    for (let v = 0; v < nv; v++) {
      const d = f[v] - mean;
      const d2 = d * d;
      dev2[v] = d2;
      dev4[v] = d2 * d2;
    }
    m2 = sumOf(dev2, nv) / nv;
    m4 = sumOf(dev4, nv) / nv;
  }
  const tol = 1e-15 * mean;
  return m2 <= tol * tol ? NaN : m4 / (m2 * m2) - 3;
}

/** The sum of the fourth powers from the last deviationSums call. */
let fourthPowerSum = 0;

/**
 * sumOf over (f[v] - mean)^2, returned, and over ((f[v] - mean)^2)^2, left in fourthPowerSum,
 * 8 <= n <= 128: NumPy's 8 accumulators each, in its order (one pass for both: the same additions).
 */
function deviationSums(f: Float64Array, n: number, m: number): number {
  let d = f[0] - m, e = d * d, r0 = e, q0 = e * e;
  d = f[1] - m; e = d * d; let r1 = e, q1 = e * e;
  d = f[2] - m; e = d * d; let r2 = e, q2 = e * e;
  d = f[3] - m; e = d * d; let r3 = e, q3 = e * e;
  d = f[4] - m; e = d * d; let r4 = e, q4 = e * e;
  d = f[5] - m; e = d * d; let r5 = e, q5 = e * e;
  d = f[6] - m; e = d * d; let r6 = e, q6 = e * e;
  d = f[7] - m; e = d * d; let r7 = e, q7 = e * e;
  const end8 = n - (n % 8);
  let i = 8;
  for (; i < end8; i += 8) {
    d = f[i] - m; e = d * d; r0 += e; q0 += e * e;
    d = f[i + 1] - m; e = d * d; r1 += e; q1 += e * e;
    d = f[i + 2] - m; e = d * d; r2 += e; q2 += e * e;
    d = f[i + 3] - m; e = d * d; r3 += e; q3 += e * e;
    d = f[i + 4] - m; e = d * d; r4 += e; q4 += e * e;
    d = f[i + 5] - m; e = d * d; r5 += e; q5 += e * e;
    d = f[i + 6] - m; e = d * d; r6 += e; q6 += e * e;
    d = f[i + 7] - m; e = d * d; r7 += e; q7 += e * e;
  }
  let s = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
  let q = ((q0 + q1) + (q2 + q3)) + ((q4 + q5) + (q6 + q7));
  for (; i < n; i++) { d = f[i] - m; e = d * d; s += e; q += e * e; }
  fourthPowerSum = q;
  return s;
}

/** NumPy's float32 pairwise sum (float32 accumulators, numpy pairwise_sum_FLOAT). */
function sumOf32(a: Float64Array, start: number, n: number): number {
  const f = Math.fround;
  if (n < 8) {
    let s = 0;
    for (let i = 0; i < n; i++) s = f(s + a[start + i]);
    return s;
  }
  if (n <= 128) {
    const r = [a[start], a[start + 1], a[start + 2], a[start + 3], a[start + 4], a[start + 5], a[start + 6], a[start + 7]];
    const end8 = n - (n % 8);
    let i = 8;
    for (; i < end8; i += 8) for (let k = 0; k < 8; k++) r[k] = f(r[k] + a[start + i + k]);
    let s = f(f(f(r[0] + r[1]) + f(r[2] + r[3])) + f(f(r[4] + r[5]) + f(r[6] + r[7])));
    for (; i < n; i++) s = f(s + a[start + i]);
    return s;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return f(sumOf32(a, start, n2) + sumOf32(a, start + n2, n - n2));
}

/**
 * scipy.stats.kurtosis of float32 samples as NumPy runs it: every mean, deviation, square and
 * quotient in float32, and the zero test with float32's resolution, m2 <= (1e-6 * mean)^2.
 */
function kurtosisFloat32(f: Float64Array, nv: number, dev2: Float64Array, dev4: Float64Array): number {
  const r = Math.fround;
  const mean = r(sumOf32(f, 0, nv) / nv);
  for (let v = 0; v < nv; v++) {
    const d = r(f[v] - mean);
    const d2 = r(d * d);
    dev2[v] = d2;
    dev4[v] = r(d2 * d2);
  }
  const m2 = r(sumOf32(dev2, 0, nv) / nv);
  const m4 = r(sumOf32(dev4, 0, nv) / nv);
  const tol = r(r(1e-6) * mean);
  return m2 <= r(tol * tol) ? NaN : r(r(m4 / r(m2 * m2)) - 3);
}

/** Re sqrt(sum_{a,b} c_a c_b G_ab) over level l's columns q0 .. q0 + 2l. */
function levelEnergy(l: number, q0: number, gr: Float64Array, gi: Float64Array, cRe: Float64Array, cIm: Float64Array): number {
  const w = 2 * l + 1;
  let sRe = 0, sIm = 0;
  for (let a = 0; a < w; a++) {
    // t = sum_b G_ab c_b, then s += c_a t
    let tRe = 0, tIm = 0;
    for (let b = 0; b < w; b++) {
      const g0 = gr[a * w + b], g1 = gi[a * w + b];
      const c0 = cRe[q0 + b], c1 = cIm[q0 + b];
      tRe += g0 * c0 - g1 * c1;
      tIm += g0 * c1 + g1 * c0;
    }
    const a0 = cRe[q0 + a], a1 = cIm[q0 + a];
    sRe += a0 * tRe - a1 * tIm;
    sIm += a0 * tIm + a1 * tRe;
  }
  return csqrtReal(sRe, sIm);
}

/** PyRadiomics' LBP3D images of `image` over the ROI (mask != 0). */
export function lbp3d(image: Volume, mask: Volume<Uint8Array>, options: Lbp3dOptions): Lbp3dResult {
  checkOptions(options);
  const n = voxelCount(image);
  if (mask.data.length !== n || mask.size.some((s, a) => s !== image.size[a])) {
    throw new Error(`LBP3D: the mask grid ${mask.size.join('x')} differs from the image grid ${image.size.join('x')}; resample the mask onto the image first.`);
  }
  const plan = lbp3dPlan(options.subdivision, options.radius, options.levels);
  const roi = roiPositions(mask.data);
  const voxels = new Lbp3dVoxels(image, n, plan, options.levels, options.reuse === true, options.region);
  forEachNeighbourSamples(image.data, image.size, image.pixelType, roi, { nv: plan.nv, offsets: plan.vertices }, voxels);
  return { levels: voxels.out, kurtosis: voxels.kurt };
}

/** What LBP3D needs of its settings alone: the icosphere, its harmonics and their lookup tables. */
interface Lbp3dPlan {
  vertices: Float64Array;
  nv: number;
  table: HarmonicTable;
  groups: { count: number; re: Float64Array; im: Float64Array };
  degree0: Float64Array;
}

/** Plans by settings: an extraction calls LBP3D with the same settings for every case. */
const plans = new Map<string, Lbp3dPlan>();

/** The plan of these settings, made once (read only by its users). */
function lbp3dPlan(subdivision: number, radius: number, levels: number): Lbp3dPlan {
  const key = `${subdivision}/${radius}/${levels}`;
  let plan = plans.get(key);
  if (plan === undefined) {
    const vertices = icosphere(subdivision, radius);
    const nv = vertices.length / 3;
    const table = harmonicTable(vertices, radius, levels);
    plan = { vertices, nv, table, groups: groupSums(table, nv), degree0: degreeZeroEnergies(table.re[0], nv) };
    if (plans.size >= 8) plans.clear();
    plans.set(key, plan);
  }
  return plan;
}

/**
 * The positions of the mask's non-zero voxels, ascending (in an array reused from call to call:
 * used during the call only). Its own small function: as loops inside lbp3d (called once per case)
 * they were compiled on the stack (OSR) in each new process. One pass, 8 mask bytes per test where
 * they are all 0 (most of a mask is): the whole-grid scan was a sixth of LBP3D's time on brain1.
 */
function roiPositions(mask: Uint8Array): Int32Array {
  const n = mask.length;
  const out = reusedInt32('lbp3d roi', n, false);
  let r = 0, i = 0;
  // bytes up to a 4-byte boundary, then pairs of 32-bit words, then the rest
  const head = Math.min(n, (4 - (mask.byteOffset & 3)) & 3);
  for (; i < head; i++) if (mask[i] !== 0) out[r++] = i;
  const words = new Uint32Array(mask.buffer, mask.byteOffset + i, (n - i) >> 3 << 1);
  for (let w = 0; w < words.length; w += 2, i += 8) {
    if ((words[w] | words[w + 1]) === 0) continue;
    for (let k = i; k < i + 8; k++) if (mask[k] !== 0) out[r++] = k;
  }
  for (; i < n; i++) if (mask[i] !== 0) out[r++] = i;
  return out.subarray(0, r);
}

/** Sets the voxels of `box` to 0 in `a`, an image of grid `size`. */
function zeroBox(a: Float64Array, size: readonly number[], box: VoxelBox): void {
  const [nx, ny, nz] = size;
  // clipped to the grid
  const x0 = Math.max(box.lower[0], 0), x1 = Math.min(box.lower[0] + box.size[0], nx);
  const y0 = Math.max(box.lower[1], 0), y1 = Math.min(box.lower[1] + box.size[1], ny);
  const z0 = Math.max(box.lower[2], 0), z1 = Math.min(box.lower[2] + box.size[2], nz);
  if (x1 <= x0) return;
  for (let z = z0; z < z1; z++) {
    for (let y = y0; y < y1; y++) {
      const row = nx * (y + ny * z);
      a.fill(0, row + x0, row + x1);
    }
  }
}

/**
 * The per-voxel part of LBP3D, given a voxel's samples: kurtosis, the bits against the centre, m1
 * from the count of ones, the higher degrees from the group tables. (A class: its visit method is
 * one function for every image, so V8 keeps it optimised and inlined from one call to the next.)
 */
class Lbp3dVoxels implements SampleVisitor {
  readonly out: Float64Array[];
  readonly kurt: Float64Array;
  private readonly src: ArrayLike<number>;
  private readonly single: boolean;
  private readonly nCols: number;
  private readonly levelStart: Int32Array;
  private readonly gramRe: Float64Array[];
  private readonly gramIm: Float64Array[];
  private readonly groupCount: number;
  private readonly groupRe: Float64Array;
  private readonly groupIm: Float64Array;
  private readonly degree0: Float64Array;
  /** first column the sums c_nm are needed for (degree 0 comes from the count of ones) */
  private readonly q1: number;
  private readonly patterns: Int32Array;
  private readonly cRe: Float64Array;
  private readonly cIm: Float64Array;
  private readonly dev2: Float64Array;
  private readonly dev4: Float64Array;

  private readonly nv: number;

  constructor(image: Volume, n: number, plan: Lbp3dPlan, private readonly levels: number, reuse: boolean, region: VoxelBox | undefined) {
    const { nv, table, groups } = plan;
    this.nv = nv;
    // the visits write the ROI's voxels only: the rest must be 0 (reused arrays are zeroed: within
    // the caller's region only, when it gives one)
    const image0 = (slot: string) => {
      if (!reuse) return new Float64Array(n);
      if (region === undefined) return reusedFloat64(slot, n, true);
      const a = reusedFloat64(slot, n, false);
      zeroBox(a, image.size, region);
      return a;
    };
    this.out = [];
    for (let l = 0; l < levels; l++) this.out.push(image0(`lbp3d m${l + 1}`));
    this.kurt = image0('lbp3d k');
    this.src = image.data;
    // NumPy keeps float32 samples in float32 through scipy.stats.kurtosis
    this.single = image.pixelType === 'float32';
    this.nCols = table.nCols;
    this.levelStart = table.levelStart;
    this.gramRe = table.gramRe;
    this.gramIm = table.gramIm;
    this.groupCount = groups.count;
    this.groupRe = groups.re;
    this.groupIm = groups.im;
    this.degree0 = plan.degree0;
    this.q1 = levels > 1 ? table.levelStart[1] : table.nCols;
    this.patterns = new Int32Array(groups.count);
    this.cRe = new Float64Array(table.nCols);
    this.cIm = new Float64Array(table.nCols);
    this.dev2 = new Float64Array(nv);
    this.dev4 = new Float64Array(nv);
  }

  visit(voxel: number, f: Float64Array): void {
    const { nv, levels, patterns, groupCount, groupRe, groupIm, nCols, cRe, cIm } = this;
    this.kurt[voxel] = this.single ? kurtosisFloat32(f, nv, this.dev2, this.dev4) : kurtosis(f, nv, this.dev2, this.dev4);

    // c_nm = sum over the vertices whose sample is >= the centre: one table lookup per group of
    // 6 vertices (the group's bit pattern indexes the precomputed partial sums)
    const centre = this.src[voxel];
    // (unary + on a comparison gives its bit without a branch: the outcome is a coin toss, and a
    // branch would mispredict half the time)
    let ones = 0;
    for (let g = 0; g < groupCount; g++) {
      const v0 = g * GROUP;
      let pattern = 0;
      if (v0 + GROUP <= nv) {
        const b0 = +(f[v0] >= centre), b1 = +(f[v0 + 1] >= centre), b2 = +(f[v0 + 2] >= centre);
        const b3 = +(f[v0 + 3] >= centre), b4 = +(f[v0 + 4] >= centre), b5 = +(f[v0 + 5] >= centre);
        pattern = b0 | (b1 << 1) | (b2 << 2) | (b3 << 3) | (b4 << 4) | (b5 << 5);
        ones += b0 + b1 + b2 + b3 + b4 + b5;
      } else {
        for (let v = nv - 1; v >= v0; v--) {
          const bit = +(f[v] >= centre);
          pattern = (pattern << 1) | bit;
          ones += bit;
        }
      }
      patterns[g] = pattern;
    }
    if (levels > 0) this.out[0][voxel] = this.degree0[ones];
    if (levels < 2) return;
    if (nCols === 4) {
      // lbp3DLevels 2 (the default): the three columns of degree 1 in registers
      let r1 = 0, r2 = 0, r3 = 0, i1 = 0, i2 = 0, i3 = 0;
      for (let g = 0; g < groupCount; g++) {
        const row = (g * (1 << GROUP) + patterns[g]) * 4;
        r1 += groupRe[row + 1]; r2 += groupRe[row + 2]; r3 += groupRe[row + 3];
        i1 += groupIm[row + 1]; i2 += groupIm[row + 2]; i3 += groupIm[row + 3];
      }
      cRe[1] = r1; cRe[2] = r2; cRe[3] = r3;
      cIm[1] = i1; cIm[2] = i2; cIm[3] = i3;
    } else {
      const q1 = this.q1;
      for (let q = q1; q < nCols; q++) cRe[q] = cIm[q] = 0;
      for (let g = 0; g < groupCount; g++) {
        const row = (g * (1 << GROUP) + patterns[g]) * nCols;
        for (let q = q1; q < nCols; q++) {
          cRe[q] += groupRe[row + q];
          cIm[q] += groupIm[row + q];
        }
      }
    }
    for (let l = 1; l < levels; l++) this.out[l][voxel] = levelEnergy(l, this.levelStart[l], this.gramRe[l], this.gramIm[l], cRe, cIm);
  }
}

/**
 * The LBP3D image type: yields 'lbp-3D-m1' .. 'lbp-3D-m<lbp3DLevels>' and 'lbp-3D-k' (PyRadiomics'
 * order), each float64 on the input grid with the settings passed in.
 */
export const lbp3dImage: ImageFilter = function* (image, mask, settings, region) {
  const result = lbp3d(image, mask, {
    levels: settings.lbp3DLevels,
    radius: settings.lbp3DIcosphereRadius,
    subdivision: settings.lbp3DIcosphereSubdivision,
    // the images are computed together and yielded in turn: reused arrays only when the caller
    // reads each before asking for the next, and all before it calls again
    reuse: transientRegion(region),
    region: transientRegion(region) ? region : undefined,
  });
  for (let l = 0; l < result.levels.length; l++) {
    yield { name: `lbp-3D-m${l + 1}`, image: withData(image, result.levels[l]), settings };
  }
  yield { name: 'lbp-3D-k', image: withData(image, result.kurtosis), settings };
};
