/**
 * Cubic-spline samples of a volume at fixed offsets around every ROI voxel: the values
 * scipy.ndimage.map_coordinates(image, roiIndex + offset, order=3) gives in PyRadiomics'
 * getLBP3DImage (mode 'constant', cval 0, output in the image's own dtype), computed separably.
 *
 * SciPy evaluates the 4 x 4 x 4 tensor product for each sample. Here the three 1D passes are shared:
 * along x for each distinct x offset, then along y for each distinct (x, y) offset pair, then along
 * z per offset, over one z plane at a time (a ring of planes), so a voxel costs about 4 multiply-adds
 * per offset instead of 64 (with 42 offsets, ~10x fewer operations). Results equal SciPy's up to the
 * order of the floating-point sums (~1e-16 relative) and the prefilter window (cubic-spline.ts,
 * SPLINE_MARGIN); the tap positions, weights, mirrored edge taps and the out-of-image rule
 * (coordinate < 0 or > len - 1 gives cval) are SciPy's. The 4-tap weighted sums of the three
 * passes run in WebAssembly SIMD where available (weighted-rows-simd.ts: the same numbers).
 */
import type { PixelType, Vec3 } from '../image/volume.js';
import { cubicSplineWindow, cubicWeights, mirrorIndex, splineWindowBox, SPLINE_MARGIN, type CoefficientWindow } from './cubic-spline.js';
import { releaseWeightedRowsMemory, weightedRowsKernel, type WeightedRowsKernel } from './weighted-rows-simd.js';

/** Sample offsets in voxel index units, per numpy axis: offsets[3v] along z, [3v+1] along y, [3v+2] along x. */
export interface SamplePlan {
  nv: number;
  offsets: Float64Array;
}

/** The (unsafe) conversion scipy.ndimage applies when it stores an interpolated value in `pixelType`. */
export function scipyOutputCast(pixelType: PixelType): (t: number) => number {
  const intCast = (min: number, max: number) => (t: number) => {
    t = t > 0 ? t + 0.5 : t - 0.5;
    t = t > max ? max : t;
    t = t < min ? min : t;
    return Math.trunc(t);
  };
  const uintCast = (max: number) => (t: number) => {
    t = t > 0 ? t + 0.5 : 0;
    t = t > max ? max : t;
    return Math.trunc(t);
  };
  switch (pixelType) {
    case 'float64': return (t) => t;
    case 'float32': return Math.fround;
    case 'int8': return intCast(-128, 127);
    case 'int16': return intCast(-32768, 32767);
    case 'int32': return intCast(-2147483648, 2147483647);
    case 'uint8': return uintCast(255);
    case 'uint16': return uintCast(65535);
    case 'uint32': return uintCast(4294967295);
  }
}

/** Index of each distinct value of `values`, and the list of distinct values in first-seen order. */
function distinct(values: ArrayLike<number>): { index: Int32Array; list: number[] } {
  const seen = new Map<number, number>();
  const index = new Int32Array(values.length);
  const list: number[] = [];
  for (let i = 0; i < values.length; i++) {
    let k = seen.get(values[i]);
    if (k === undefined) {
      k = list.length;
      seen.set(values[i], k);
      list.push(values[i]);
    }
    index[i] = k;
  }
  return { index, list };
}

interface AxisTaps {
  /** per distinct offset: first tap relative to the voxel (floor(offset) - 1) */
  start: Int32Array;
  /** per distinct offset: 4 weights */
  weights: Float64Array;
  minStart: number;
  maxStart: number;
}

function axisTaps(list: readonly number[]): AxisTaps {
  const start = new Int32Array(list.length);
  const weights = new Float64Array(list.length * 4);
  let minStart = Infinity, maxStart = -Infinity;
  list.forEach((o, i) => {
    start[i] = Math.floor(o) - 1;
    cubicWeights(o, weights, 4 * i);
    minStart = Math.min(minStart, start[i]);
    maxStart = Math.max(maxStart, start[i]);
  });
  return { start, weights, minStart, maxStart };
}

/** Receives the samples of each ROI voxel (a class instance keeps the call site monomorphic). */
export interface SampleVisitor {
  visit(voxel: number, samples: Float64Array): void;
}

/**
 * Calls `visit(voxel, samples)` for every ROI voxel (flat index, ascending) with its samples at the
 * plan's offsets (in the plan's order), converted as SciPy stores them in `pixelType`. `samples` is
 * reused between calls.
 */
export function forEachNeighbourSamples(
  data: ArrayLike<number>,
  size: Vec3,
  pixelType: PixelType,
  roi: Int32Array,
  plan: SamplePlan,
  visit: ((voxel: number, samples: Float64Array) => void) | SampleVisitor,
): void {
  if (roi.length === 0) return;
  const wasInUse = kernelInUse;
  let sampler: NeighbourSampler | null = null;
  try {
    sampler = new NeighbourSampler(data, size, pixelType, roi, plan);
    sampler.run(typeof visit === 'function' ? { visit } : visit);
  } finally {
    if (sampler) sampler.release();
    else if (!wasInUse) kernelInUse = false; // a constructor that threw after taking the memory
  }
}

/**
 * The state of one sampling pass: the tap tables, the mirrored block of spline coefficients around
 * the ROI, and the ring of z planes interpolated along x and y. Its methods are shared by every
 * pass (no closures per call), so V8 keeps their optimised code from one image to the next.
 */
class NeighbourSampler {
  private readonly nx: number; private readonly ny: number; private readonly nz: number;
  private readonly nv: number;
  private readonly ox: Float64Array; private readonly oy: Float64Array; private readonly oz: Float64Array;
  private readonly tx: AxisTaps; private readonly ty: AxisTaps;
  private readonly nPairs: number; private readonly pairX: Int32Array; private readonly nDx: number;
  private readonly xl: number; private readonly yl: number; private readonly zl: number;
  private readonly rx: number; private readonly ry: number;
  private readonly bxLo: number; private readonly byLo: number; private readonly bx: number; private readonly by: number;
  private readonly block: Float64Array;
  private readonly W: number;
  private readonly xPass: Float64Array;
  private readonly ring: Float64Array;
  private readonly rowSamples: Float64Array;
  private readonly kernel: WeightedRowsKernel | null;
  private readonly nSlabs: number;
  private readonly rowLo: Int32Array; private readonly rowHi: Int32Array;
  private readonly need2Lo: Int32Array; private readonly need2Hi: Int32Array;
  private readonly need1Lo: Int32Array; private readonly need1Hi: Int32Array;
  private readonly vPair: Int32Array; private readonly wz: Float64Array; private readonly zShift: Int32Array;
  private readonly minO: Vec3; private readonly maxO: Vec3;
  private readonly cast: ((t: number) => number) | null;
  private readonly integer: boolean;
  private readonly tol: number;
  private readonly win: CoefficientWindow;
  private readonly ew = new Float64Array(12);
  private readonly iz = new Int32Array(4); private readonly iy = new Int32Array(4); private readonly ix = new Int32Array(4);

  constructor(private readonly data: ArrayLike<number>, size: Vec3, pixelType: PixelType, private readonly roi: Int32Array, plan: SamplePlan) {
    const [nx, ny, nz] = size;
    this.nx = nx; this.ny = ny; this.nz = nz;
    const nxy = nx * ny;
    const { nv, offsets } = plan;
    this.nv = nv;
    const oz = new Float64Array(nv), oy = new Float64Array(nv), ox = new Float64Array(nv);
    for (let v = 0; v < nv; v++) {
      oz[v] = offsets[3 * v];
      oy[v] = offsets[3 * v + 1];
      ox[v] = offsets[3 * v + 2];
    }
    this.ox = ox; this.oy = oy; this.oz = oz;
    // distinct x offsets, distinct (x, y) pairs, per-vertex z offsets
    const dx = distinct(ox);
    const pairKey = new Float64Array(nv);
    const dyAll = distinct(oy);
    for (let v = 0; v < nv; v++) pairKey[v] = dx.index[v] * nv + dyAll.index[v];
    const pairs = distinct(pairKey);
    const nPairs = pairs.list.length;
    const pairX = new Int32Array(nPairs), pairY = new Float64Array(nPairs);
    for (let v = 0; v < nv; v++) {
      pairX[pairs.index[v]] = dx.index[v];
      pairY[pairs.index[v]] = oy[v];
    }
    this.nPairs = nPairs; this.pairX = pairX; this.nDx = dx.list.length;
    const tx = axisTaps(dx.list);
    const ty = axisTaps(Array.from(pairY));
    const dzAll = distinct(oz);
    const tz = axisTaps(dzAll.list);
    this.tx = tx; this.ty = ty;

    // ROI bounding box (roi is ascending, so z is ordered), and the ROI's rows: the flat index of
    // each row start and its first and last x (rows found without a division per voxel)
    let xl = nx, xh = -1, yl = ny, yh = -1;
    const zl = Math.floor(roi[0] / nxy), zh = Math.floor(roi[roi.length - 1] / nxy);
    const rows: number[] = [];
    for (let r = 0; r < roi.length;) {
      const rowStart = roi[r] - (roi[r] % nx);
      const y = Math.floor(rowStart / nx) % ny;
      const first = roi[r] - rowStart;
      while (r < roi.length && roi[r] < rowStart + nx) r++;
      const last = roi[r - 1] - rowStart;
      rows.push(rowStart, first, last);
      if (first < xl) xl = first;
      if (last > xh) xh = last;
      if (y < yl) yl = y;
      if (y > yh) yh = y;
    }
    const rx = xh - xl + 1, ry = yh - yl + 1;
    this.xl = xl; this.yl = yl; this.zl = zl; this.rx = rx; this.ry = ry;
    // the block of (mirrored) coefficients every tap falls in
    const bxLo = xl + tx.minStart, bx = rx + tx.maxStart - tx.minStart + 3;
    const byLo = yl + ty.minStart, by = ry + ty.maxStart - ty.minStart + 3;
    const bzLo = zl + tz.minStart, bz = zh - zl + 1 + tz.maxStart - tz.minStart + 3;
    this.bxLo = bxLo; this.byLo = byLo; this.bx = bx; this.by = by;
    const mx = new Int32Array(bx), my = new Int32Array(by), mz = new Int32Array(bz);
    for (let i = 0; i < bx; i++) mx[i] = mirrorIndex(bxLo + i, nx);
    for (let i = 0; i < by; i++) my[i] = mirrorIndex(byLo + i, ny);
    for (let i = 0; i < bz; i++) mz[i] = mirrorIndex(bzLo + i, nz);
    const span = (m: Int32Array) => ({ lo: Math.min(...m), hi: Math.max(...m) });
    const spans = [span(mx), span(my), span(mz)] as const;
    // the spline window and its accumulator, the block, the x pass, the ring and one row's samples:
    // in the SIMD kernel's memory when there is one (its loops then run two elements per
    // instruction), else ordinary arrays
    this.W = tz.maxStart - tz.minStart + 4;
    const wbox = splineWindowBox(size, spans).size;
    const sizes = [wbox[0] * wbox[1] * wbox[2], Math.max(wbox[0] * wbox[1], 1), bx * by * bz, this.nDx * by * rx, this.W * rx * ry * nPairs, nv * rx];
    const arrays = workArrays(sizes);
    this.kernel = arrays.kernel;
    const win = cubicSplineWindow(data, size, spans, SPLINE_MARGIN, { coef: arrays.views[0], acc: arrays.views[1], kernel: arrays.kernel });
    this.win = win;
    this.block = mirroredBlock(win, mx, my, mz, arrays.views[2]);

    // ring of z planes holding the x- and y-interpolated values, [y][slot][pair][x]: rows of x are
    // contiguous, so the z pass below runs along whole ROI rows, and the rows one ROI row reads lie
    // together
    this.xPass = arrays.views[3];
    this.ring = arrays.views[4];
    this.rowSamples = arrays.views[5];
    // x extent of the ROI per (slab, row), to skip bounding-box positions no voxel reads
    const nSlabs = zh - zl + 1;
    this.nSlabs = nSlabs;
    const rowLo = new Int32Array(nSlabs * ry).fill(rx), rowHi = new Int32Array(nSlabs * ry).fill(-1);
    for (let q = 0; q < rows.length; q += 3) {
      const rowStart = rows[q];
      const k = (Math.floor(rowStart / nxy) - zl) * ry + (Math.floor(rowStart / nx) % ny) - yl;
      rowLo[k] = rows[q + 1] - xl;
      rowHi[k] = rows[q + 2] - xl;
    }
    this.rowLo = rowLo; this.rowHi = rowHi;
    this.need2Lo = new Int32Array(ry); this.need2Hi = new Int32Array(ry); // per ROI row, for one plane
    this.need1Lo = new Int32Array(by); this.need1Hi = new Int32Array(by); // per block row

    // per vertex: its pair, its z taps' weights, its z offset index
    const vDz = dzAll.index;
    this.vPair = pairs.index;
    const wz = new Float64Array(nv * 4);
    const zShift = new Int32Array(nv);
    for (let v = 0; v < nv; v++) {
      for (let i = 0; i < 4; i++) wz[4 * v + i] = tz.weights[4 * vDz[v] + i];
      zShift[v] = tz.start[vDz[v]] - tz.minStart;
    }
    this.wz = wz; this.zShift = zShift;
    const minO: Vec3 = [Infinity, Infinity, Infinity], maxO: Vec3 = [-Infinity, -Infinity, -Infinity];
    for (let v = 0; v < nv; v++) {
      minO[0] = Math.min(minO[0], ox[v]); minO[1] = Math.min(minO[1], oy[v]); minO[2] = Math.min(minO[2], oz[v]);
      maxO[0] = Math.max(maxO[0], ox[v]); maxO[1] = Math.max(maxO[1], oy[v]); maxO[2] = Math.max(maxO[2], oz[v]);
    }
    this.minO = minO; this.maxO = maxO;
    this.cast = pixelType === 'float64' ? null : scipyOutputCast(pixelType);
    this.integer = pixelType !== 'float64' && pixelType !== 'float32';
    // Near a decision (a float sample next to the centre value, an integer sample next to .5) the
    // order of the sums could decide; there the sample is recomputed in SciPy's own order from the
    // same coefficients (bit-identical to SciPy's prefilter), so ties fall as they do in SciPy.
    this.tol = 1e-11 * largestAbs(this.block);
  }

  /** Plane zb of the block interpolated along x (per distinct x offset), then y (per pair), into the ring. */
  private computePlane(zb: number): void {
    const { rx, ry, W, nSlabs, rowLo, rowHi, need2Lo, need2Hi, need1Lo, need1Hi, tx, ty, bx, by, xl, yl, bxLo, byLo, block, xPass, ring, nPairs, pairX } = this;
    // the slabs reading plane zb are those with zb - W < slab <= zb (block plane = slab + tap)
    need2Lo.fill(rx);
    need2Hi.fill(-1);
    for (let slab = Math.max(0, zb - W + 1); slab <= Math.min(nSlabs - 1, zb); slab++) {
      for (let y = 0; y < ry; y++) {
        const k = slab * ry + y;
        if (rowLo[k] < need2Lo[y]) need2Lo[y] = rowLo[k];
        if (rowHi[k] > need2Hi[y]) need2Hi[y] = rowHi[k];
      }
    }
    need1Lo.fill(rx);
    need1Hi.fill(-1);
    for (let y = 0; y < ry; y++) {
      if (need2Hi[y] < 0) continue;
      for (let j = y + yl - byLo + ty.minStart; j <= y + yl - byLo + ty.maxStart + 3; j++) {
        if (need2Lo[y] < need1Lo[j]) need1Lo[j] = need2Lo[y];
        if (need2Hi[y] > need1Hi[j]) need1Hi[j] = need2Hi[y];
      }
    }
    for (let a = 0; a < this.nDx; a++) {
      const w0 = tx.weights[4 * a], w1 = tx.weights[4 * a + 1], w2 = tx.weights[4 * a + 2], w3 = tx.weights[4 * a + 3];
      const shift = xl - bxLo + tx.start[a];
      for (let j = 0; j < by; j++) {
        const src = (zb * by + j) * bx + shift;
        this.rows(xPass, (a * by + j) * rx, block, src, src + 1, src + 2, src + 3, need1Lo[j], need1Hi[j] + 1, w0, w1, w2, w3);
      }
    }
    const slot = zb % W, yStep = W * nPairs * rx;
    for (let p = 0; p < nPairs; p++) {
      const w0 = ty.weights[4 * p], w1 = ty.weights[4 * p + 1], w2 = ty.weights[4 * p + 2], w3 = ty.weights[4 * p + 3];
      const a = pairX[p];
      for (let y = 0; y < ry; y++) {
        const r0 = (a * by + y + yl - byLo + ty.start[p]) * rx;
        this.rows(ring, y * yStep + (slot * nPairs + p) * rx, xPass, r0, r0 + rx, r0 + 2 * rx, r0 + 3 * rx, need2Lo[y], need2Hi[y] + 1, w0, w1, w2, w3);
      }
    }
  }

  /** map_coordinates' sample at (cz, cy, cx) in SciPy's own order of sums, from the window's coefficients. */
  private exactSample(cz: number, cy: number, cx: number): number {
    const { ew, iz, iy, ix, win, nx, ny, nz } = this;
    const [lx, ly, lz] = win.lo, [wx, wy] = win.size;
    cubicWeights(cz, ew, 0);
    cubicWeights(cy, ew, 4);
    cubicWeights(cx, ew, 8);
    const sz = Math.floor(cz) - 1, sy = Math.floor(cy) - 1, sx = Math.floor(cx) - 1;
    for (let k = 0; k < 4; k++) {
      iz[k] = (mirrorIndex(sz + k, nz) - lz) * wy * wx;
      iy[k] = (mirrorIndex(sy + k, ny) - ly) * wx;
      ix[k] = mirrorIndex(sx + k, nx) - lx;
    }
    let t = 0;
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        for (let k = 0; k < 4; k++) {
          let c = win.coef[iz[i] + iy[j] + ix[k]];
          c *= ew[i];
          c *= ew[4 + j];
          c *= ew[8 + k];
          t += c;
        }
      }
    }
    return t;
  }

  /** Gives the kernel's memory back (a sampler made meanwhile, e.g. from a visitor, used ordinary arrays). */
  release(): void {
    if (this.kernel === null) return;
    kernelInUse = false;
    releaseWeightedRowsMemory();
  }

  /** weightedRows, by the SIMD kernel when the arrays are in its memory. */
  private rows(
    out: Float64Array, o: number, src: Float64Array, a: number, b: number, c: number, d: number,
    from: number, to: number, w0: number, w1: number, w2: number, w3: number,
  ): void {
    const k = this.kernel;
    if (k === null) {
      weightedRows(out, o, src, a, b, c, d, from, to, w0, w1, w2, w3);
      return;
    }
    if (to <= from) return;
    const so = src.byteOffset + 8 * from;
    k.fns.rows(out.byteOffset + 8 * (o + from), so + 8 * a, so + 8 * b, so + 8 * c, so + 8 * d, to - from, w0, w1, w2, w3);
  }

  /** Every ROI voxel's samples, slab by slab and row by row, to the visitor. */
  run(visitor: SampleVisitor): void {
    const { roi, nx, ny, nv, W, zl, yl, rx, ry, nPairs, zShift, vPair, wz, ring, rowLo, rowHi, minO, maxO } = this;
    const nxy = nx * ny;
    const samples = new Float64Array(nv);
    // z-interpolated samples of one ROI row, [vertex][x - row start]
    const rowSamples = this.rowSamples;
    const rowTaps = new Int32Array(nv * 4);
    let nextPlane = 0;
    let r = 0;
    while (r < roi.length) {
      const z0 = Math.floor(roi[r] / nxy);
      const first = z0 - zl; // block plane index of this slab's lowest tap
      if (nextPlane < first) nextPlane = first;
      for (; nextPlane < first + W; nextPlane++) this.computePlane(nextPlane);
      // ring offset of each vertex's 4 z taps (slot, pair), to which the row's offset is added
      for (let v = 0; v < nv; v++) {
        for (let i = 0; i < 4; i++) rowTaps[4 * v + i] = (((first + zShift[v] + i) % W) * nPairs + vPair[v]) * rx;
      }
      const zNearEdge = z0 + minO[2] < 0 || z0 + maxO[2] > this.nz - 1;
      const slabEnd = (z0 + 1) * nxy;
      while (r < roi.length && roi[r] < slabEnd) {
        const y = Math.floor(roi[r] / nx) % ny;
        const k = (z0 - zl) * ry + y - yl;
        const lo = rowLo[k], len = rowHi[k] - lo + 1;
        const rowBase = (y - yl) * W * nPairs * rx + lo;
        for (let v = 0; v < nv; v++) {
          const t = 4 * v;
          this.rows(rowSamples, v * len, ring, rowTaps[t] + rowBase, rowTaps[t + 1] + rowBase, rowTaps[t + 2] + rowBase,
            rowTaps[t + 3] + rowBase, 0, len, wz[t], wz[t + 1], wz[t + 2], wz[t + 3]);
        }
        const rowEnd = slabEnd - nxy + (y + 1) * nx;
        r = this.visitRow(visitor, r, rowEnd, z0, y, lo, len, zNearEdge || y + minO[1] < 0 || y + maxO[1] > ny - 1, rowSamples, samples);
      }
    }
  }

  /** The ROI voxels roi[r ..] of one row (before rowEnd): their samples finished and visited; returns the next r. */
  private visitRow(
    visitor: SampleVisitor, r: number, rowEnd: number, z0: number, y: number, lo: number, len: number, nearEdge: boolean,
    rowSamples: Float64Array, samples: Float64Array,
  ): number {
    const { roi, data, nv, nx, ny, nz, xl, ox, oy, oz, tol, integer, cast, minO, maxO } = this;
    for (; r < roi.length && roi[r] < rowEnd; r++) {
      const voxel = roi[r];
      const x = voxel % nx;
      const at = x - xl - lo;
      const centre = data[voxel];
      for (let v = 0, o = at; v < nv; v++, o += len) {
        const t = rowSamples[o];
        samples[v] = t;
        let near: boolean;
        if (integer) {
          const a = Math.abs(t);
          near = Math.abs(a - Math.floor(a) - 0.5) <= tol;
        } else {
          near = Math.abs(t - centre) <= tol;
        }
        if (near) {
          const cz = z0 + oz[v], cy = y + oy[v], cx = x + ox[v];
          if (cz >= 0 && cz <= nz - 1 && cy >= 0 && cy <= ny - 1 && cx >= 0 && cx <= nx - 1) samples[v] = this.exactSample(cz, cy, cx);
        }
      }
      if (nearEdge || x + minO[0] < 0 || x + maxO[0] > nx - 1) {
        // SciPy's mode 'constant': a sample whose coordinate leaves [0, len - 1] on any axis is cval (0)
        for (let v = 0; v < nv; v++) {
          const cz = z0 + oz[v], cy = y + oy[v], cx = x + ox[v];
          if (cz < 0 || cz > nz - 1 || cy < 0 || cy > ny - 1 || cx < 0 || cx > nx - 1) samples[v] = 0;
        }
      }
      if (cast !== null) for (let v = 0; v < nv; v++) samples[v] = cast(samples[v]);
      visitor.visit(voxel, samples);
    }
    return r;
  }
}

/**
 * The largest |a[i]|. Its own function: as a loop at the end of the sampler's constructor it was
 * compiled on the stack (OSR) before the multiplication after it had run, and that code bailed out
 * there ("insufficient type feedback") on every call.
 */
function largestAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** The window's coefficients at the mirrored block indices (mx, my, mz), x fastest, into `block`. */
function mirroredBlock(win: CoefficientWindow, mx: Int32Array, my: Int32Array, mz: Int32Array, block: Float64Array): Float64Array {
  const coef = win.coef, [cwx, cwy] = win.size, [clx, cly, clz] = win.lo;
  const bx = mx.length, by = my.length;
  for (let k = 0; k < mz.length; k++) {
    for (let j = 0; j < by; j++) {
      const src = ((mz[k] - clz) * cwy + my[j] - cly) * cwx - clx;
      const dst = (k * by + j) * bx;
      for (let i = 0; i < bx; i++) block[dst + i] = coef[src + mx[i]];
    }
  }
  return block;
}

/**
 * Float64 arrays of the given sizes (their content undefined: stale from an earlier sampler): views into the weighted-rows kernel's memory (grown as
 * needed, reused from one sampler to the next: one sampler at a time uses it), or ordinary arrays
 * without the kernel.
 */
function workArrays(sizes: number[]): { kernel: WeightedRowsKernel | null; views: Float64Array[] } {
  const kernel = kernelInUse ? null : weightedRowsKernel();
  const total = sizes.reduce((t, n) => t + n, 0);
  if (kernel === null || 8 * total > MAX_KERNEL_BYTES) return { kernel: null, views: sizes.map((n) => new Float64Array(n)) };
  let mem: Float64Array;
  try {
    mem = new Float64Array(kernel.reserve(8 * total));
  } catch {
    return { kernel: null, views: sizes.map((n) => new Float64Array(n)) };
  }
  // not zeroed: every element is written before it is read (the spline window and its accumulator
  // by cubicSplineWindow, the block by mirroredBlock, the x pass, ring and row samples by the passes
  // for exactly the ranges read later); zeroing them was ~5 MB of stores per brain1 3D call
  kernelInUse = true;
  const views: Float64Array[] = [];
  let at = 0;
  for (const n of sizes) {
    views.push(mem.subarray(at, at + n));
    at += n;
  }
  return { kernel, views };
}

/** Whether a sampler holds the kernel's memory (from its construction to its release). */
let kernelInUse = false;

/** The most the kernel's memory may grow to (its byte offsets are 32-bit integers). */
const MAX_KERNEL_BYTES = 2 ** 31;

/**
 * out[o + i] = w0 a[i] + w1 b[i] + w2 c[i] + w3 d[i] for i in [from, to), with a, b, c, d rows of
 * `src` starting at the given offsets (terms added left to right, as every pass here adds them).
 */
function weightedRows(
  out: Float64Array, o: number, src: Float64Array, a: number, b: number, c: number, d: number,
  from: number, to: number, w0: number, w1: number, w2: number, w3: number,
): void {
  for (let i = from; i < to; i++) out[o + i] = w0 * src[a + i] + w1 * src[b + i] + w2 * src[c + i] + w3 * src[d + i];
}
