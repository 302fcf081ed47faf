/**
 * LBP2D: PyRadiomics' imageoperations.getLBP2DImage, i.e. scikit-image's
 * skimage.feature.local_binary_pattern(slice, P=lbp2DSamples, R=lbp2DRadius, method=lbp2DMethod)
 * on every slice across numpy axis force2Ddimension (0: axial z slices, 1: y, 2: x), written back
 * into an array of the image's own pixel type. Image name 'lbp-2D'.
 *
 * scikit-image 0.19 (_texture.pyx, _local_binary_pattern) as facts:
 * - sample i of P sits at (r - R sin(2 pi i / P), c + R cos(2 pi i / P)), both offsets rounded to 5
 *   decimals (np.round), R held as a C float (float32);
 * - a sample's value is the bilinear interpolation of its 4 neighbours ((1-dr) * ((1-dc) tl + dc tr)
 *   + dr * ((1-dc) bl + dc br)), pixels outside the slice counting as 0;
 * - s_i = 1 when sample_i - centre >= 0;
 * - 'default': sum s_i 2^i; 'ror': the smallest of the P right rotations of that code;
 *   'uniform': sum s_i when the number of changes s_i != s_{i+1} for i < P - 1 (NOT around the
 *   circle) is <= 2, else P + 1; 'nri_uniform': scikit-image's index of the uniform pattern
 *   (0, 1 + (ones - 1) P + rotation, P (P - 1) + 1 all ones, P (P - 1) + 2 non-uniform);
 *   'var': the biased variance of the samples, NaN when it is 0.
 * Sources: T. Ojala, M. Pietikainen, T. Maenpaa, "Multiresolution gray-scale and rotation invariant
 * texture classification with local binary patterns", IEEE PAMI 24(7), 2002; scikit-image docs.
 */
import type { PixelType, Volume, VoxelArray } from '../image/volume.js';
import { allocate, withData } from '../image/volume.js';
import type { ImageFilter } from './types.js';

export type Lbp2dMethod = 'default' | 'ror' | 'uniform' | 'nri_uniform' | 'var';
const METHODS: readonly Lbp2dMethod[] = ['default', 'ror', 'uniform', 'nri_uniform', 'var'];
const DEFAULT = 0, ROR = 1, UNIFORM = 2, NRI_UNIFORM = 3, VAR = 4; // indices into METHODS

export interface Lbp2dOptions {
  /** lbp2DRadius (held as float32, as scikit-image's Cython signature does). */
  radius: number;
  /** lbp2DSamples, P. */
  samples: number;
  /** lbp2DMethod, case-insensitive. */
  method: string;
  /** force2Ddimension: the numpy axis (0 z, 1 y, 2 x) across which slices are taken. */
  axis: number;
}

/** numpy's round(x, 5): rint(x * 1e5) / 1e5, ties to even. */
function round5(x: number): number {
  const y = x * 1e5;
  let r = Math.round(y);
  if (r - y === 0.5 && r % 2 !== 0) r -= 1; // Math.round sends .5 up; rint sends it to even
  return r / 1e5;
}

/**
 * The conversion NumPy applies when a float64 result is assigned into an array of `pixelType`
 * (x86-64: truncation through a 32-bit integer for types up to 16 bits, NaN and overflow to the
 * integer minimum, then the low bits). Only 'var' and large 'default' codes can reach these corners.
 */
function numpyAssignCast(pixelType: PixelType): (x: number) => number {
  const via32 = (x: number): number => (Number.isNaN(x) || x >= 2147483648 || x < -2147483648 ? -2147483648 : Math.trunc(x));
  switch (pixelType) {
    case 'float64': return (x) => x;
    case 'float32': return Math.fround;
    case 'int8': return (x) => (via32(x) << 24) >> 24;
    case 'uint8': return (x) => via32(x) & 0xff;
    case 'int16': return (x) => (via32(x) << 16) >> 16;
    case 'uint16': return (x) => via32(x) & 0xffff;
    case 'int32': return via32;
    case 'uint32': return (x) => (x >= 0 && x < 4294967296 ? Math.trunc(x) : 2147483648);
  }
}

function checkOptions(o: Lbp2dOptions): Lbp2dMethod {
  const method = String(o.method).toLowerCase() as Lbp2dMethod;
  if (!METHODS.includes(method)) {
    throw new Error(`lbp2DMethod '${o.method}' is not one of ${METHODS.join(', ')}; fix it in the params file.`);
  }
  if (!Number.isInteger(o.samples) || o.samples < 1 || o.samples > 31) {
    throw new Error(`lbp2DSamples must be a whole number from 1 to 31 (got ${o.samples}); fix it in the params file.`);
  }
  if (!(o.radius >= 0) || !Number.isFinite(o.radius)) {
    throw new Error(`lbp2DRadius must be a number >= 0 (got ${o.radius}); fix it in the params file.`);
  }
  if (o.axis !== 0 && o.axis !== 1 && o.axis !== 2) {
    throw new Error(`force2Ddimension must be 0, 1 or 2 (got ${o.axis}); fix it in the params file.`);
  }
  return method;
}

/**
 * Where sample i of every pixel reads, per row (and per column): scikit-image computes
 * sr = r + rp[i], minr = floor(sr), maxr = ceil(sr), dr = sr - minr for each pixel; these depend
 * only on (i, r), so they are tabulated once with the same floating-point operations.
 */
interface SampleTable {
  /** flat offsets into the padded slice of rows minr and maxr, and dr (per r * P + i) */
  rowLo: Int32Array; rowHi: Int32Array; dr: Float64Array;
  /** columns minc and maxc, and dc (per i * cols + c) */
  colLo: Int32Array; colHi: Int32Array; dc: Float64Array;
  /**
   * Samples whose offsets are whole numbers (dr = dc = 0 at every pixel): scikit-image's formula
   * then returns the pixel itself exactly, provided the slice has no NaN or infinity.
   */
  onGrid: Uint8Array;
}

function sampleTable(rows: number, cols: number, pad: number, P: number, rp: Float64Array, cp: Float64Array, finite: boolean): SampleTable {
  const pc = cols + 2 * pad;
  const rowLo = new Int32Array(rows * P), rowHi = new Int32Array(rows * P), dr = new Float64Array(rows * P);
  const colLo = new Int32Array(cols * P), colHi = new Int32Array(cols * P), dc = new Float64Array(cols * P);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < P; i++) {
      const sr = r + rp[i], lo = Math.floor(sr);
      rowLo[r * P + i] = (lo + pad) * pc + pad;
      rowHi[r * P + i] = (Math.ceil(sr) + pad) * pc + pad;
      dr[r * P + i] = sr - lo;
    }
  }
  for (let i = 0; i < P; i++) {
    for (let c = 0; c < cols; c++) {
      const sc = c + cp[i], lo = Math.floor(sc);
      colLo[i * cols + c] = lo;
      colHi[i * cols + c] = Math.ceil(sc);
      dc[i * cols + c] = sc - lo;
    }
  }
  const onGrid = new Uint8Array(P);
  for (let i = 0; i < P; i++) onGrid[i] = finite && Number.isInteger(rp[i]) && Number.isInteger(cp[i]) ? 1 : 0;
  return { rowLo, rowHi, dr, colLo, colHi, dc, onGrid };
}

/** Scratch buffers for one row of a slice: the P samples and bits of every pixel (per i * cols + c). */
interface RowBuffers { tex: Float64Array; bits: Uint8Array; texture: Float64Array; pixelBits: Uint8Array }

/**
 * local_binary_pattern of one 2D slice into `out` (rows x cols, row-major). `padded` holds the
 * slice inside a border of `pad` zeros on every side (scikit-image's constant mode, cval 0), so the
 * bilinear reads need no bounds checks. Each row is done sample by sample (one pass over the
 * columns per sample), then pixel by pixel for the codes.
 */
function lbpSlice(
  padded: Float64Array, pad: number, rows: number, cols: number, P: number, tab: SampleTable,
  method: number, out: Float64Array, buf: RowBuffers,
): void {
  const pc = cols + 2 * pad;
  for (let r = 0; r < rows; r++) {
    const centreRow = (r + pad) * pc + pad;
    for (let i = 0; i < P; i++) {
      if (tab.onGrid[i]) gridSampleRow(padded, centreRow, cols, tab.rowLo[r * P + i] + tab.colLo[i * cols], i * cols, buf, method === VAR);
      else sampleRow(padded, centreRow, cols, tab, r * P + i, i * cols, buf, method === VAR);
    }
    const o = r * cols;
    if (method === UNIFORM) uniformCodes(buf.bits, cols, P, out, o);
    else if (method === DEFAULT) {
      for (let c = 0; c < cols; c++) {
        let code = 0; // P <= 31, so the code fits a 31-bit integer
        for (let i = 0; i < P; i++) code |= buf.bits[i * cols + c] << i;
        out[o + c] = code;
      }
    } else {
      for (let c = 0; c < cols; c++) {
        for (let i = 0; i < P; i++) {
          buf.texture[i] = buf.tex[i * cols + c];
          buf.pixelBits[i] = buf.bits[i * cols + c];
        }
        out[o + c] = lbpCode(P, method, buf.texture, buf.pixelBits);
      }
    }
  }
}

/** Sample i of every pixel of one row: scikit-image's bilinear interpolation, then its threshold. */
function sampleRow(padded: Float64Array, centreRow: number, cols: number, tab: SampleTable, ri: number, at: number, buf: RowBuffers, keep: boolean): void {
  const t = tab.rowLo[ri], b = tab.rowHi[ri], wr = tab.dr[ri], vr = 1 - wr;
  const { colLo, colHi, dc } = tab;
  const { tex, bits } = buf;
  for (let c = 0; c < cols; c++) {
    const ci = at + c;
    const l = colLo[ci], h = colHi[ci], wc = dc[ci], vc = 1 - wc;
    const top = vc * padded[t + l] + wc * padded[t + h];
    const bottom = vc * padded[b + l] + wc * padded[b + h];
    const value = vr * top + wr * bottom;
    if (keep) tex[ci] = value;
    bits[ci] = value - padded[centreRow + c] >= 0 ? 1 : 0;
  }
}

/** A whole-number sample of every pixel of one row: the pixel at `from + c` itself, thresholded. */
function gridSampleRow(padded: Float64Array, centreRow: number, cols: number, from: number, at: number, buf: RowBuffers, keep: boolean): void {
  const { tex, bits } = buf;
  for (let c = 0; c < cols; c++) {
    const value = padded[from + c];
    if (keep) tex[at + c] = value;
    bits[at + c] = value - padded[centreRow + c] >= 0 ? 1 : 0;
  }
}

/** 'uniform' codes of one row from its bits: the number of ones when at most 2 changes, else P + 1. */
function uniformCodes(bits: Uint8Array, cols: number, P: number, out: Float64Array, o: number): void {
  for (let c = 0; c < cols; c++) {
    let prev = bits[c], ones = prev, changes = 0;
    for (let i = 1; i < P; i++) {
      const b = bits[i * cols + c];
      changes += b ^ prev;
      ones += b;
      prev = b;
    }
    out[o + c] = changes <= 2 ? ones : P + 1;
  }
}

/** The code of one pixel from its samples and thresholded bits (scikit-image's rules, above). */
function lbpCode(P: number, method: number, texture: Float64Array, bits: Uint8Array): number {
  if (method === VAR) {
    let sum = 0, sq = 0;
    for (let i = 0; i < P; i++) {
      sum += texture[i];
      sq += texture[i] * texture[i];
    }
    const v = (sq - (sum * sum) / P) / P;
    return v !== 0 ? v : NaN;
  }
  if (method === UNIFORM || method === NRI_UNIFORM) {
    let changes = 0;
    for (let i = 0; i < P - 1; i++) if (bits[i] !== bits[i + 1]) changes++;
    if (method === UNIFORM) {
      if (changes > 2) return P + 1;
      let ones = 0;
      for (let i = 0; i < P; i++) ones += bits[i];
      return ones;
    }
    if (changes > 2) return P * (P - 1) + 2;
    let ones = 0, firstOne = -1, firstZero = -1;
    for (let i = 0; i < P; i++) {
      if (bits[i]) {
        ones++;
        if (firstOne === -1) firstOne = i;
      } else if (firstZero === -1) firstZero = i;
    }
    if (ones === 0) return 0;
    if (ones === P) return P * (P - 1) + 1;
    const rot = firstOne === 0 ? ones - firstZero : P - firstOne;
    return 1 + (ones - 1) * P + rot;
  }
  let code = 0; // P <= 31, so the code fits a 31-bit integer
  for (let i = 0; i < P; i++) code |= bits[i] << i;
  if (method === ROR) {
    let best = code, x = code;
    for (let i = 1; i < P; i++) {
      x = (x >>> 1) | ((x & 1) << (P - 1));
      if (x < best) best = x;
    }
    code = best;
  }
  return code;
}

interface SliceGeometry { rows: number; cols: number; rowStride: number; colStride: number }

/** Copy one slice of the volume into the middle of `padded` (border left at 0). */
function gatherSlice(src: ArrayLike<number>, base: number, g: SliceGeometry, padded: Float64Array, pad: number): void {
  const pc = g.cols + 2 * pad;
  for (let r = 0; r < g.rows; r++) {
    const from = base + r * g.rowStride, to = (r + pad) * pc + pad;
    for (let c = 0; c < g.cols; c++) padded[to + c] = src[from + c * g.colStride];
  }
}

/** Store a slice's codes into the volume with NumPy's assignment conversion. */
function scatterSlice(out: Float64Array, result: VoxelArray, base: number, g: SliceGeometry, cast: (x: number) => number): void {
  for (let r = 0; r < g.rows; r++) {
    const to = base + r * g.rowStride, from = r * g.cols;
    for (let c = 0; c < g.cols; c++) result[to + c * g.colStride] = cast(out[from + c]);
  }
}

/** PyRadiomics' LBP2D image of `image` (every slice across the chosen axis), in the image's pixel type. */
export function lbp2d(image: Volume, options: Lbp2dOptions): Volume {
  const method = checkOptions(options);
  const P = options.samples;
  const R = Math.fround(options.radius);
  const rp = new Float64Array(P), cp = new Float64Array(P);
  for (let i = 0; i < P; i++) {
    const angle = (2 * Math.PI * i) / P;
    rp[i] = round5(-R * Math.sin(angle));
    cp[i] = round5(R * Math.cos(angle));
  }
  const [nx, ny, nz] = image.size;
  // numpy axes (z, y, x); after swapaxes(0, axis) each slice is (rows, cols) of the remaining two
  const strides = [nx * ny, nx, 1]; // strides of numpy axes 0, 1, 2 in our x-fastest layout
  const lengths = [nz, ny, nx];
  const a = options.axis;
  const [rowAxis, colAxis] = a === 0 ? [1, 2] : a === 1 ? [0, 2] : [1, 0];
  const rows = lengths[rowAxis], cols = lengths[colAxis];
  const sliceStride = strides[a], rowStride = strides[rowAxis], colStride = strides[colAxis];

  const src = image.data;
  const result = allocate(image.pixelType, src.length);
  const cast = numpyAssignCast(image.pixelType);
  const pad = Math.ceil(Math.max(Math.abs(R), 1)) + 1;
  const padded = new Float64Array((rows + 2 * pad) * (cols + 2 * pad)), out = new Float64Array(rows * cols);
  const buffers: RowBuffers = {
    tex: new Float64Array(P * cols), bits: new Uint8Array(P * cols), texture: new Float64Array(P), pixelBits: new Uint8Array(P),
  };
  const methodId = METHODS.indexOf(method);
  const geometry = { rows, cols, rowStride, colStride };
  let finite = true;
  for (let i = 0; i < src.length && finite; i++) finite = Number.isFinite(src[i]);
  const table = sampleTable(rows, cols, pad, P, rp, cp, finite);
  for (let s = 0; s < lengths[a]; s++) {
    gatherSlice(src, s * sliceStride, geometry, padded, pad);
    lbpSlice(padded, pad, rows, cols, P, table, methodId, out, buffers);
    scatterSlice(out, result, s * sliceStride, geometry, cast);
  }
  return withData(image, result);
}

/** The LBP2D image type: one image 'lbp-2D' (computed per slice whatever force2D says, as PyRadiomics). */
export const lbp2dImage: ImageFilter = function* (image, _mask, settings) {
  const lbp = lbp2d(image, {
    radius: settings.lbp2DRadius,
    samples: settings.lbp2DSamples,
    method: settings.lbp2DMethod,
    axis: settings.force2Ddimension,
  });
  yield { name: 'lbp-2D', image: lbp, settings };
};
