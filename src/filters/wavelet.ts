/**
 * Wavelet image type: undecimated separable wavelet decompositions.
 *
 * PyRadiomics (default): imageoperations.getWaveletImage / _swt3 call PyWavelets'
 * swtn(data, wavelet, level=1, start_level=0, axes=(x, y, z)) once per level on the previous
 * level's approximation (so every level uses the same, undilated filters), after padding each odd
 * dimension by one voxel taken from the opposite side (numpy.pad 'wrap'); each band is cropped
 * back. swtn filters along x, then y, then z with PyWavelets' periodic SWT convolution
 * out[o] = sum_j f[j] * in[(o + F/2 - j) mod N] (F = filter length). Bands are named by the filters
 * along x, y, z ('wavelet-LHL': low pass along x, high along y, low along z); level k > 1 is named
 * 'wavelet<k>-...'; the approximation of the last level comes last, 'wavelet-LLL'. force2D drops
 * the axis force2Ddimension (0 = z) from the decomposition (bands of two letters).
 * Arithmetic follows PyWavelets: float32 images are filtered in float32 (the order of its sums
 * included), anything else in float64.
 *
 * IBSI (settings.ibsi, or waveletFilterIbsi): the IBSI 2 reference manual's undecimated separable
 * wavelets: PyWavelets' decomposition filters, even-length ones extended by a trailing zero, convolved
 * (scipy.ndimage.convolve1d convention) with a padded image; level k uses the filters dilated by
 * 2^(k-1) (a trous) applied to the level k-1 low-pass (LLL) response; optional rotation invariance
 * averages the response over the 24 right-handed rotations of the filter set.
 */
import type { ImageFilter, VoxelBox } from './types.js';
import type { Vec3, Volume } from '../image/volume.js';
import { voxelCount, withData } from '../image/volume.js';
import { decompositionFilters, type DecompositionFilters } from './wavelet-banks.js';
import { convolveAxis, type Padding } from './separable.js';
import type { Settings } from '../features/settings.js';
import { swtnLevelSimd } from './wavelet-simd.js';
import { acrossRowsPlan, passNeeds, type Axis, type Needed } from './wavelet-plan.js';
import { regionFlags } from './region-flags.js';

export type { Needed } from './wavelet-plan.js';

type Real = Float64Array | Float32Array;

/**
 * One PyWavelets SWT pass (level 1, periodic) along `axis`: lo = src * dec_lo, hi = src * dec_hi.
 * Float32Array data is computed as PyWavelets computes float32 (each product and sum rounded to
 * float32, terms in its order); Float64Array data in float64, terms in the same order. With
 * `needed`, only the flagged voxels are computed (each output is a sum over its own line, so
 * they are the very numbers of the full pass); the others are left as they are.
 */
export function swtAxis(src: Real, lo: Real, hi: Real, size: Vec3, axis: Axis, f: DecompositionFilters, needed: Needed = null): void {
  if (src instanceof Float64Array && lo instanceof Float64Array && hi instanceof Float64Array) {
    if (axis === 0) swtAlongX64(src, lo, hi, size, f, needed);
    else swtAcrossRows64(src, lo, hi, size, axis, f, needed);
    return;
  }
  const [nx, ny] = size;
  const n = size[axis];
  const F = f.lo.length;
  const half = F >> 1;
  const stride = axis === 0 ? 1 : axis === 1 ? nx : nx * ny;
  const [na, nb] = axis === 0 ? [ny, size[2]] : axis === 1 ? [nx, size[2]] : [nx, ny];
  const [sa, sb] = axis === 0 ? [nx, nx * ny] : axis === 1 ? [1, nx * ny] : [1, nx];
  // flags of the line coordinates (a, b) and of the outputs along the axis
  const [needA, needB] = needed ? (axis === 0 ? [needed[1], needed[2]] : axis === 1 ? [needed[0], needed[2]] : [needed[0], needed[1]]) : [null, null];
  const needOut = needed ? needed[axis] : null;
  const fl = f.lo32;
  const fh = f.hi32;
  // Periodically extended line: ext[t] = line[(t - F) mod n], so x[(i - m) mod n] = ext[i - m + F].
  const ext = new Float64Array(n + half + F);
  const outLo = new Float64Array(n);
  const outHi = new Float64Array(n);
  for (let b = 0; b < nb; b++) {
    if (needB && !needB[b]) continue;
    for (let a = 0; a < na; a++) {
      if (needA && !needA[a]) continue;
      const start = a * sa + b * sb;
      for (let t = 0, q = ((-F % n) + n) % n; t < ext.length; t++) {
        ext[t] = src[start + q * stride];
        if (++q === n) q = 0;
      }
      swtLine32(ext, outLo, outHi, n, fl, fh, half, needOut);
      for (let i = 0, p = start; i < n; i++, p += stride) {
        if (needOut && !needOut[i]) continue;
        lo[p] = outLo[i];
        hi[p] = outHi[i];
      }
    }
  }
}

/**
 * swtAxis along y or z for float64 data, a whole run of x at a time: output row o is the weighted
 * sum of F input rows, each x's terms added in PyWavelets' order (swtTermOrder), so every value is
 * the one swtLine64 gives, without copying lines in and out.
 */
function swtAcrossRows64(src: Float64Array, lo: Float64Array, hi: Float64Array, size: Vec3, axis: 1 | 2, f: DecompositionFilters, needed: Needed): void {
  const F = f.lo.length;
  const { n, stride, nb, sb, needB, needOut, runs, order } = acrossRowsPlan(size, axis, needed, F);
  const rows = new Int32Array(F), wl = new Float64Array(F), wh = new Float64Array(F);
  for (let b = 0; b < nb; b++) {
    if (needB && !needB[b]) continue;
    for (let o = 0; o < n; o++) {
      if (needOut && !needOut[o]) continue;
      const out = b * sb + o * stride;
      for (let k = 0; k < F; k++) {
        const m = order.m[o * F + k];
        rows[k] = b * sb + order.at[o * F + k] * stride;
        wl[k] = f.lo[m];
        wh[k] = f.hi[m];
      }
      for (let r = 0; r < runs.length; r += 2) {
        if (F === 6) sixTermRows(src, lo, hi, out, rows, wl, wh, runs[r], runs[r + 1]);
        else termByTermRows(src, lo, hi, out, rows, wl, wh, F, runs[r], runs[r + 1]);
      }
    }
  }
}

/** lo[out + x] = 0 + sum_k wl[k] src[rows[k] + x] in k order (hi with wh), x in [from, to): six terms. */
function sixTermRows(
  src: Float64Array, lo: Float64Array, hi: Float64Array, out: number, rows: Int32Array, wl: Float64Array, wh: Float64Array, from: number, to: number,
): void {
  const r0 = rows[0], r1 = rows[1], r2 = rows[2], r3 = rows[3], r4 = rows[4], r5 = rows[5];
  const l0 = wl[0], l1 = wl[1], l2 = wl[2], l3 = wl[3], l4 = wl[4], l5 = wl[5];
  const h0 = wh[0], h1 = wh[1], h2 = wh[2], h3 = wh[3], h4 = wh[4], h5 = wh[5];
  for (let x = from; x < to; x++) {
    const v0 = src[r0 + x], v1 = src[r1 + x], v2 = src[r2 + x], v3 = src[r3 + x], v4 = src[r4 + x], v5 = src[r5 + x];
    lo[out + x] = 0 + l0 * v0 + l1 * v1 + l2 * v2 + l3 * v3 + l4 * v4 + l5 * v5;
    hi[out + x] = 0 + h0 * v0 + h1 * v1 + h2 * v2 + h3 * v3 + h4 * v4 + h5 * v5;
  }
}

/** The same for any number of terms: one term at a time over the run (the order per x is kept). */
function termByTermRows(
  src: Float64Array, lo: Float64Array, hi: Float64Array, out: number, rows: Int32Array, wl: Float64Array, wh: Float64Array,
  F: number, from: number, to: number,
): void {
  const r0 = rows[0], l0 = wl[0], h0 = wh[0];
  for (let x = from; x < to; x++) {
    const v = src[r0 + x];
    lo[out + x] = 0 + l0 * v;
    hi[out + x] = 0 + h0 * v;
  }
  for (let k = 1; k < F; k++) {
    const r = rows[k], l = wl[k], h = wh[k];
    for (let x = from; x < to; x++) {
      const v = src[r + x];
      lo[out + x] += l * v;
      hi[out + x] += h * v;
    }
  }
}

/** swtAxis along x for float64 data: each row periodically extended once, outputs written in place. */
function swtAlongX64(src: Float64Array, lo: Float64Array, hi: Float64Array, size: Vec3, f: DecompositionFilters, needed: Needed): void {
  const [n, ny, nz] = size;
  const F = f.lo.length;
  const half = F >> 1;
  const needA = needed ? needed[1] : null, needB = needed ? needed[2] : null;
  const needOut = needed ? needed[0] : null;
  const ext = new Float64Array(n + half + F);
  for (let b = 0; b < nz; b++) {
    if (needB && !needB[b]) continue;
    for (let a = 0; a < ny; a++) {
      if (needA && !needA[a]) continue;
      const start = (b * ny + a) * n;
      for (let t = 0, q = ((-F % n) + n) % n; t < ext.length; t++) {
        ext[t] = src[start + q];
        if (++q === n) q = 0;
      }
      swtLine64(ext, lo, hi, start, n, f.lo, f.hi, half, needOut);
    }
  }
}

/**
 * out[o] = sum_m f[m] x[(o + half - m) mod n]. PyWavelets adds the terms with m ascending, except
 * where o + half >= n: there it first adds m = o + half - n down to 0, then the rest ascending.
 */
function swtLine64(
  ext: Float64Array, lo: Float64Array, hi: Float64Array, at: number, n: number, fl: Float64Array, fh: Float64Array, half: number, need: Uint8Array | null,
): void {
  const F = fl.length;
  const plain = Math.min(n, n - half);
  if (F === 6) {
    const l0 = fl[0], l1 = fl[1], l2 = fl[2], l3 = fl[3], l4 = fl[4], l5 = fl[5];
    const h0 = fh[0], h1 = fh[1], h2 = fh[2], h3 = fh[3], h4 = fh[4], h5 = fh[5];
    for (let o = 0; o < plain; o++) {
      if (need && !need[o]) continue;
      const e = o + half + F;
      const v0 = ext[e], v1 = ext[e - 1], v2 = ext[e - 2], v3 = ext[e - 3], v4 = ext[e - 4], v5 = ext[e - 5];
      lo[at + o] = 0 + l0 * v0 + l1 * v1 + l2 * v2 + l3 * v3 + l4 * v4 + l5 * v5;
      hi[at + o] = 0 + h0 * v0 + h1 * v1 + h2 * v2 + h3 * v3 + h4 * v4 + h5 * v5;
    }
  } else {
    for (let o = 0; o < plain; o++) {
      if (need && !need[o]) continue;
      const e = o + half + F;
      let sl = 0, sh = 0;
      for (let m = 0; m < F; m++) { const v = ext[e - m]; sl += fl[m] * v; sh += fh[m] * v; }
      lo[at + o] = sl; hi[at + o] = sh;
    }
  }
  for (let o = Math.max(plain, 0); o < n; o++) {
    if (need && !need[o]) continue;
    const i = o + half;
    const e = i + F;
    let sl = 0, sh = 0;
    for (let m = i - n; m >= 0; m--) { const v = ext[e - m]; sl += fl[m] * v; sh += fh[m] * v; }
    for (let m = i - n + 1; m < F; m++) { const v = ext[e - m]; sl += fl[m] * v; sh += fh[m] * v; }
    lo[at + o] = sl; hi[at + o] = sh;
  }
}

function swtLine32(
  ext: Float64Array, lo: Float64Array, hi: Float64Array, n: number, fl: Float64Array, fh: Float64Array, half: number, need: Uint8Array | null,
): void {
  const F = fl.length;
  const r = Math.fround;
  for (let o = 0; o < n; o++) {
    if (need && !need[o]) continue;
    const i = o + half;
    const e = i + F;
    let sl = 0, sh = 0;
    let m0 = 0;
    if (i >= n) {
      for (let m = i - n; m >= 0; m--) { const v = ext[e - m]; sl = r(sl + r(fl[m] * v)); sh = r(sh + r(fh[m] * v)); }
      m0 = i - n + 1;
    }
    for (let m = m0; m < F; m++) { const v = ext[e - m]; sl = r(sl + r(fl[m] * v)); sh = r(sh + r(fh[m] * v)); }
    lo[o] = sl; hi[o] = sh;
  }
}

/** A wavelet band: its letters along the decomposed axes ('LHL') and its voxels on the padded grid. */
interface Band { letters: string; data: Real }

function allocLike(data: Real, n: number): Real {
  return data instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
}

/**
 * One level of PyWavelets' swtn over `axes` (in that order), bands in PyWavelets' dictionary order
 * (depth first: 'aa..a', 'aa..d', ...), with 'a' written L and 'd' written H. Generated lazily so
 * that only one branch of the tree is held at a time. `region`: flags (per axis x, y, z) of the
 * voxels wanted in the bands; each pass then computes only what the passes after it read.
 */
function* swtnLevel(
  data: Real, size: Vec3, axes: Axis[], f: DecompositionFilters, region: Needed = null, depth = 0, letters = '',
): Generator<Band> {
  if (depth === axes.length) {
    yield { letters, data };
    return;
  }
  const n = data.length;
  const lo = allocLike(data, n);
  const hi = allocLike(data, n);
  swtAxis(data, lo, hi, size, axes[depth], f, passNeeds(region, size, axes, depth, f.lo.length));
  yield* swtnLevel(lo, size, axes, f, region, depth + 1, letters + 'L');
  yield* swtnLevel(hi, size, axes, f, region, depth + 1, letters + 'H');
}

/** numpy.pad(data, [(0, size % 2) per axis], 'wrap'): odd dimensions get one more voxel, the first one. */
function padToEven(src: ArrayLike<number>, size: Vec3, single: boolean): { data: Real; size: Vec3 } {
  const psize: Vec3 = [size[0] + (size[0] % 2), size[1] + (size[1] % 2), size[2] + (size[2] % 2)];
  const out = single ? new Float32Array(psize[0] * psize[1] * psize[2]) : new Float64Array(psize[0] * psize[1] * psize[2]);
  for (let k = 0; k < psize[2]; k++) {
    const sk = k % size[2];
    for (let j = 0; j < psize[1]; j++) {
      const sj = j % size[1];
      const srow = size[0] * (sj + size[1] * sk);
      const drow = psize[0] * (j + psize[1] * k);
      for (let i = 0; i < psize[0]; i++) out[drow + i] = src[srow + (i % size[0])];
    }
  }
  return { data: out, size: psize };
}

/**
 * The first size[0] x size[1] x size[2] voxels of a padded volume (PyRadiomics' crop back). Where
 * only z was padded these are the first voxels of the buffer, returned as a view; otherwise rows are
 * copied (with `region`, only the rows crossing it: the other voxels of the band are not wanted).
 */
function cropFromEven(src: Real, psize: Vec3, size: Vec3, region?: VoxelBox): Real {
  if (psize[0] === size[0] && psize[1] === size[1]) return psize[2] === size[2] ? src : src.subarray(0, size[0] * size[1] * size[2]);
  const out = allocLike(src, size[0] * size[1] * size[2]);
  const [y0, y1] = region ? [region.lower[1], region.lower[1] + region.size[1]] : [0, size[1]];
  const [z0, z1] = region ? [region.lower[2], region.lower[2] + region.size[2]] : [0, size[2]];
  for (let k = z0; k < z1; k++) {
    for (let j = y0; j < y1; j++) {
      const s = psize[0] * (j + psize[1] * k);
      out.set(src.subarray(s, s + size[0]), size[0] * (j + size[1] * k));
    }
  }
  return out;
}

/** Axes PyRadiomics decomposes, in swtn's order (x, y, z), without force2Ddimension when force2D. */
export function waveletAxes(settings: Pick<Settings, 'force2D' | 'force2Ddimension'>): Axis[] {
  // PyRadiomics works on numpy (z, y, x) arrays: its axes [2, 1, 0] are x, y, z, and
  // force2Ddimension counts numpy axes (0 = z).
  const axes: Axis[] = [0, 1, 2];
  if (settings.force2D) {
    const itkAxis = 2 - settings.force2Ddimension;
    const at = axes.indexOf(itkAxis as Axis);
    if (at < 0) throw new Error(`wavelet: force2Ddimension must be 0, 1 or 2 (got ${settings.force2Ddimension})`);
    axes.splice(at, 1);
  }
  return axes;
}

/** A named band of the wavelet image type. */
export interface WaveletImage { name: string; image: Volume }

function bandName(levelIndex: number, letters: string): string {
  return levelIndex === 1 ? `wavelet-${letters}` : `wavelet${levelIndex}-${letters}`;
}

/**
 * PyRadiomics' wavelet images (getWaveletImage): for each of `level` levels after `start_level`
 * skipped ones, the 2^d - 1 detail bands in PyWavelets' order, then the last approximation.
 * `region`: only its voxels are wanted (one level, none skipped: the others are left 0).
 */
export function* pyradiomicsWavelet(
  image: Volume,
  settings: Pick<Settings, 'wavelet' | 'level' | 'start_level' | 'force2D' | 'force2Ddimension'>,
  region?: VoxelBox,
): Generator<WaveletImage> {
  const f = decompositionFilters(settings.wavelet);
  const axes = waveletAxes(settings);
  const single = image.data instanceof Float32Array;
  const approxLetters = 'L'.repeat(axes.length);
  // one level, none skipped (PyRadiomics' default), float64, six-tap filters: the SIMD passes
  const simd = settings.level === 1 && settings.start_level === 0 && !single ? swtnLevelSimd(image, axes, f, region) : null;
  if (simd) {
    let approx: Float64Array | null = null;
    for (const band of simd) {
      if (band.letters === approxLetters) { approx = band.data; continue; }
      yield { name: bandName(1, band.letters), image: withData(image, band.data) };
    }
    yield { name: bandName(1, approxLetters), image: withData(image, approx!) };
    return;
  }
  const padded = padToEven(image.data as ArrayLike<number>, image.size, single);
  let data = padded.data;
  const psize = padded.size;
  // (a level > 1 reads the previous approximation everywhere: the region then is the whole image)
  const wanted: Needed = region && settings.level === 1 && settings.start_level === 0 ? regionFlags(region, psize) : null;
  for (let i = 0; i < settings.start_level; i++) {
    for (const band of swtnLevel(data, psize, axes, f)) {
      if (band.letters === approxLetters) { data = band.data; break; }
    }
  }
  let levels = 0;
  for (let lvl = 0; lvl < settings.level; lvl++) {
    levels++;
    let approx: Real | null = null;
    for (const band of swtnLevel(data, psize, axes, f, wanted)) {
      if (band.letters === approxLetters) { approx = band.data; continue; }
      const cropped = cropFromEven(band.data, psize, image.size, wanted ? region : undefined);
      yield { name: bandName(levels, band.letters), image: withData(image, cropped) };
    }
    data = approx!;
  }
  const finalApprox = cropFromEven(data, psize, image.size, wanted ? region : undefined);
  yield { name: bandName(levels, approxLetters), image: withData(image, finalApprox) };
}

/** The Wavelet image type (PyRadiomics by default, IBSI definitions when settings.ibsi). */
export const waveletImage: ImageFilter = function* (image, _mask, settings, region) {
  const bands = settings.ibsi ? ibsiWaveletBands(image, settings) : pyradiomicsWavelet(image, settings, region);
  for (const band of bands) yield { name: band.name, image: band.image, settings };
};

// ---------------------------------------------------------------------------------------------
// IBSI 2 separable wavelets

/** Kernel for scipy-style convolution: even-length filters get a trailing zero (IBSI / MIRP convention). */
function oddKernel(k: Float64Array): Float64Array {
  if (k.length % 2 === 1) return Float64Array.from(k);
  const out = new Float64Array(k.length + 1);
  out.set(k);
  return out;
}

/** A trous dilation: a zero between consecutive taps (length 2L - 1). */
function dilate(k: Float64Array): Float64Array {
  const out = new Float64Array(2 * k.length - 1);
  for (let i = 0; i < k.length; i++) out[2 * i] = k[i];
  return out;
}

function flip(k: Float64Array): Float64Array {
  return Float64Array.from(k).reverse();
}

/** Per axis (x, y, z): the band's filter and the low-pass pre-filter of earlier levels, or null (axis not filtered). */
type FilterSet = (null | { band: Float64Array; pre: Float64Array })[];

/**
 * The right-handed rotations of the filter set: signed permutations P (det +1) of the filtered
 * axes; the filter along axis a becomes the filter of axis p(a), flipped when the sign is negative.
 */
function rotations(set: FilterSet, axes: Axis[]): FilterSet[] {
  const out: FilterSet[] = [];
  const perms = permutations(axes.length);
  for (const perm of perms) {
    const parity = permutationParity(perm);
    for (let signs = 0; signs < 1 << axes.length; signs++) {
      let neg = 0;
      for (let b = 0; b < axes.length; b++) if (signs & (1 << b)) neg++;
      if ((parity + neg) % 2 !== 0) continue;
      const rotated: FilterSet = [null, null, null];
      axes.forEach((axis, idx) => {
        const source = set[axes[perm[idx]]]!;
        const flipIt = (signs & (1 << idx)) !== 0;
        rotated[axis] = flipIt ? { band: flip(source.band), pre: flip(source.pre) } : source;
      });
      out.push(rotated);
    }
  }
  return out;
}

function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  const out: number[][] = [];
  for (const p of permutations(n - 1)) {
    for (let i = 0; i <= p.length; i++) out.push([...p.slice(0, i), n - 1, ...p.slice(i)]);
  }
  return out;
}

function permutationParity(p: number[]): number {
  let inv = 0;
  for (let i = 0; i < p.length; i++) for (let j = i + 1; j < p.length; j++) if (p[i] > p[j]) inv++;
  return inv % 2;
}

export interface IbsiWaveletOptions {
  /** Decomposition level (1 = first). */
  level: number;
  padding: Padding;
  /** Average over the 24 (3D) or 4 (2D) right-handed rotations of the filter set. */
  rotationInvariant?: boolean;
  /** 3: filter x, y, z; 2: filter x and y only (each axial slice on its own). */
  dims?: 2 | 3;
}

/** Applies a filter set (levels < `level` with the pre-filter, then the band filter) to a float64 volume. */
function applyFilterSet(src: Float64Array, size: Vec3, set: FilterSet, axes: Axis[], level: number, padding: Padding): Float64Array {
  const n = src.length;
  let cur = src;
  let a = new Float64Array(n);
  let b = new Float64Array(n);
  const kernels = set.map((s) => (s ? { band: s.band, pre: s.pre } : null));
  for (let lvl = 1; lvl <= level; lvl++) {
    const last = lvl === level;
    // IBSI applies the separable passes along z, then y, then x.
    for (const axis of [...axes].reverse()) {
      const k = kernels[axis]!;
      const kernel = last ? k.band : k.pre;
      convolveAxis(cur, a, size, axis, kernel, (kernel.length - 1) >> 1, padding);
      cur = a;
      [a, b] = [b, a];
    }
    if (!last) {
      for (const axis of axes) {
        const k = kernels[axis]!;
        kernels[axis] = { band: dilate(k.band), pre: dilate(k.pre) };
      }
    }
  }
  return cur === src ? Float64Array.from(src) : cur;
}

/**
 * IBSI 2 undecimated separable wavelet response map of one band ('LHL': low pass along x, high
 * along y, low along z) at a decomposition level, e.g. IBSI 2 test 5a: waveletFilterIbsi(impulse,
 * 'db2', 'LHL', { level: 1, padding: 'constant' }). Output float64 on the same grid.
 */
export function waveletFilterIbsi(volume: Volume, wavelet: string, band: string, options: IbsiWaveletOptions): Volume<Float64Array> {
  const dims = options.dims ?? 3;
  const axes: Axis[] = dims === 3 ? [0, 1, 2] : [0, 1];
  if (band.length !== axes.length || /[^LH]/i.test(band)) {
    throw new Error(`wavelet (IBSI): band '${band}' must have ${axes.length} letters L or H (x first)`);
  }
  if (!(options.level >= 1) || !Number.isInteger(options.level)) {
    throw new Error(`wavelet (IBSI): level must be a positive integer (got ${options.level})`);
  }
  const f = decompositionFilters(wavelet);
  const lo = oddKernel(f.lo);
  const hi = oddKernel(f.hi);
  const set: FilterSet = [null, null, null];
  axes.forEach((axis, i) => { set[axis] = { band: band[i].toUpperCase() === 'L' ? lo : hi, pre: lo }; });
  const src = Float64Array.from(volume.data as ArrayLike<number>);
  const sets = options.rotationInvariant ? uniqueSets(rotations(set, axes), axes) : [set];
  const n = voxelCount(volume);
  const sum = new Float64Array(n);
  for (const s of sets) {
    const r = applyFilterSet(src, volume.size, s, axes, options.level, options.padding);
    for (let i = 0; i < n; i++) sum[i] += r[i];
  }
  if (sets.length > 1) for (let i = 0; i < n; i++) sum[i] /= sets.length;
  return withData(volume, sum);
}

/** Distinct filter sets (each rotation appears equally often in the group, so the mean is unchanged). */
function uniqueSets(sets: FilterSet[], axes: Axis[]): FilterSet[] {
  const seen = new Set<string>();
  const out: FilterSet[] = [];
  for (const s of sets) {
    const key = axes.map((a) => `${Array.from(s[a]!.band).join(',')}|${Array.from(s[a]!.pre).join(',')}`).join(';');
    if (!seen.has(key)) { seen.add(key); out.push(s); }
  }
  return out;
}

/** Padding of the wavelet image type in IBSI mode. */
export const IBSI_WAVELET_PADDING: Padding = 'mirror';

/**
 * The wavelet image type in IBSI mode: the same band names as PyRadiomics, but each level k
 * dilates the filters (a trous) and the image is mirror-padded instead of wrapped.
 */
export function* ibsiWaveletBands(
  image: Volume,
  settings: Pick<Settings, 'wavelet' | 'level' | 'start_level' | 'force2D' | 'force2Ddimension'>,
): Generator<WaveletImage> {
  const axes = waveletAxes(settings);
  const dims = axes.length as 2 | 3;
  if (dims === 2 && !(axes[0] === 0 && axes[1] === 1)) {
    throw new Error('wavelet (IBSI): 2D decomposition is implemented in the axial plane only (force2Ddimension 0)');
  }
  const letters = (bits: number): string => axes.map((_, i) => ((bits >> (axes.length - 1 - i)) & 1 ? 'H' : 'L')).join('');
  const count = 1 << axes.length;
  let index = 0;
  for (let lvl = settings.start_level + 1; lvl <= settings.start_level + settings.level; lvl++) {
    index++;
    for (let bits = 1; bits < count; bits++) {
      const band = letters(bits);
      yield { name: bandName(index, band), image: waveletFilterIbsi(image, settings.wavelet, band, { level: lvl, padding: IBSI_WAVELET_PADDING, dims }) };
    }
  }
  const last = settings.start_level + settings.level;
  yield {
    name: bandName(index, 'L'.repeat(axes.length)),
    image: waveletFilterIbsi(image, settings.wavelet, 'L'.repeat(axes.length), { level: last, padding: IBSI_WAVELET_PADDING, dims }),
  };
}
