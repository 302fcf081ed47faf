/**
 * Maximum diameters of a mesh's vertex set, exactly as comparing every pair (PyRadiomics
 * cshape.c calculate_meshDiameter), without comparing every pair.
 *
 * The largest distance of a finite point set is reached between two vertices of its convex hull.
 * Vertices are half-voxel points, so their doubled indices are integers and hull tests on them are
 * exact; scaling the axes by the spacing keeps convexity, so the hull in index space has the same
 * vertices as the hull in mm. For the in-plane diameters (vertices sharing z, y or x), the hull of
 * each plane is enough. For the 3D diameter: a vertex of the 3D hull is the only maximiser of some
 * linear function, so it is also a vertex of the hull of its own z-plane, y-plane and x-plane; the
 * vertices that are hull vertices in all three planes through them are the only candidates.
 * Distances are computed as cshape.c does (squared differences summed in z, y, x order), so the
 * maxima are the same numbers.
 */

/**
 * Indices (into the point arrays) of the strict vertices of the 2D convex hull of the points
 * idx[start..end), with integer coordinates (u, v): Andrew's monotone chain (A. M. Andrew,
 * "Another efficient algorithm for convex hulls in two dimensions", Inf. Proc. Letters 9, 1979).
 */
export function hullVertices(
  u: ArrayLike<number>, v: ArrayLike<number>, idx: Int32Array, start: number, end: number, sorted = false,
): Int32Array {
  const n = end - start;
  const pts = idx.slice(start, end);
  if (n <= 2) return pts;
  if (!sorted) {
    sortU = u;
    sortV = v;
    pts.sort(byUThenV);
    sortU = sortV = NO_POINTS;
  }
  const h = new Int32Array(2 * n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    while (k >= 2 && cross(u, v, h[k - 2], h[k - 1], pts[i]) <= 0) k--;
    h[k++] = pts[i];
  }
  for (let i = n - 2, t = k + 1; i >= 0; i--) {
    while (k >= t && cross(u, v, h[k - 2], h[k - 1], pts[i]) <= 0) k--;
    h[k++] = pts[i];
  }
  return h.slice(0, k - 1);
}

// The sort comparators and the cross product are module functions, their arrays passed in module
// variables for the length of a sort: closures made per call are compiled again by V8 after every
// full garbage collection (it holds their optimised code weakly).
const NO_POINTS: ArrayLike<number> = new Float64Array(0);
let sortU = NO_POINTS, sortV = NO_POINTS, sortRadius = NO_POINTS;
function byUThenV(a: number, b: number): number {
  return (sortU[a] - sortU[b]) || (sortV[a] - sortV[b]);
}
function byRadiusDescending(a: number, b: number): number {
  return sortRadius[b] - sortRadius[a];
}
function cross(u: ArrayLike<number>, v: ArrayLike<number>, o: number, a: number, b: number): number {
  return (u[a] - u[o]) * (v[b] - v[o]) - (v[a] - v[o]) * (u[b] - u[o]);
}

/** 0, 1, ..., n - 1. */
function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) out[k] = k;
  return out;
}

/** Squared distance between points p and q of a z, y, x interleaved array, summed as cshape.c does. */
function d2(xyz: Float64Array, p: number, q: number): number {
  const a = xyz[3 * p] - xyz[3 * q], b = xyz[3 * p + 1] - xyz[3 * q + 1], c = xyz[3 * p + 2] - xyz[3 * q + 2];
  return a * a + b * b + c * c;
}

/**
 * Largest squared distance between two of the points `list` (z, y, x interleaved in xyz), pruned
 * with the triangle inequality around their centroid: |p - q| <= |p - c| + |q - c|.
 */
export function maxSquaredDistance(xyz: Float64Array, list: Int32Array): number {
  const n = list.length;
  if (n < 2) return 0;
  let cz = 0, cy = 0, cx = 0;
  for (let k = 0; k < n; k++) { cz += xyz[3 * list[k]]; cy += xyz[3 * list[k] + 1]; cx += xyz[3 * list[k] + 2]; }
  cz /= n; cy /= n; cx /= n;
  const radius = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const p = 3 * list[k];
    radius[k] = Math.hypot(xyz[p] - cz, xyz[p + 1] - cy, xyz[p + 2] - cx);
  }
  sortRadius = radius;
  const order = identity(n).sort(byRadiusDescending);
  sortRadius = NO_POINTS;
  let best = 0;
  let bound = 0; // sqrt(best) less a margin far above rounding error, so no candidate is skipped wrongly
  for (let a = 0; a < n - 1; a++) {
    const ra = radius[order[a]];
    if (ra + radius[order[a + 1]] < bound) break;
    const p = list[order[a]];
    for (let b = a + 1; b < n; b++) {
      if (ra + radius[order[b]] < bound) break;
      const d = d2(xyz, p, list[order[b]]);
      if (d > best) {
        best = d;
        bound = Math.sqrt(best) * (1 - 1e-9);
      }
    }
  }
  return best;
}

export interface Diameters3D {
  /** Largest distance between vertices with equal z (axial plane), mm. */
  slice: number;
  /** ... with equal y (coronal plane). */
  column: number;
  /** ... with equal x (sagittal plane). */
  row: number;
  /** Largest distance between any two vertices. */
  max3D: number;
}

/**
 * Diameters of n vertices: xyz their physical (z, y, x) coordinates, keys their doubled indices
 * (z, y, x), both interleaved by 3.
 */
export function meshDiameters(xyz: Float64Array, keys: Int32Array, n: number): Diameters3D {
  const onHull = new Uint8Array(n);
  const perPlane = [0, 0, 0];
  const u = new Int32Array(n), v = new Int32Array(n);
  const rows = new RowExtremes(largestKey(keys, 0, 1, 3 * n) + 1);
  for (let axis = 0; axis < 3; axis++) {
    const [a, b] = axis === 0 ? [1, 2] : axis === 1 ? [0, 2] : [0, 1];
    project(keys, a, b, n, u, v);
    const { sorted, starts } = groupBy(keys, axis, n);
    let best = 0;
    for (let g = 0; g + 1 < starts.length; g++) {
      if (starts[g + 1] === starts[g]) continue;
      // candidates come ordered by (u, v)
      const hull = hullVertices(u, v, rows.candidates(u, v, sorted, starts[g], starts[g + 1]), 0, rows.count, true);
      for (let i = 0; i < hull.length; i++) {
        onHull[hull[i]]++;
        for (let j = 0; j < i; j++) {
          const d = d2(xyz, hull[i], hull[j]);
          if (d > best) best = d;
        }
      }
    }
    perPlane[axis] = best;
  }
  const candidates = onEveryHull(onHull, n);
  return {
    slice: Math.sqrt(perPlane[0]),
    column: Math.sqrt(perPlane[1]),
    row: Math.sqrt(perPlane[2]),
    max3D: Math.sqrt(maxSquaredDistance(xyz, candidates)),
  };
}

/**
 * Hull candidates of a point group on an integer grid: in each row (equal u) only the points with
 * the smallest and the largest v can be hull vertices, so the group shrinks to at most two points
 * per row before the hull is taken.
 */
class RowExtremes {
  private lo: Int32Array;
  private hi: Int32Array;
  private out: Int32Array;
  count = 0;
  constructor(size: number) {
    this.lo = new Int32Array(size).fill(-1);
    this.hi = new Int32Array(size).fill(-1);
    this.out = new Int32Array(2 * size);
  }
  candidates(u: Int32Array, v: Int32Array, idx: Int32Array, start: number, end: number): Int32Array {
    let uMin = Infinity, uMax = -1;
    for (let k = start; k < end; k++) {
      const p = idx[k], r = u[p];
      if (this.lo[r] < 0 || v[p] < v[this.lo[r]]) this.lo[r] = p;
      if (this.hi[r] < 0 || v[p] > v[this.hi[r]]) this.hi[r] = p;
      if (r < uMin) uMin = r;
      if (r > uMax) uMax = r;
    }
    let c = 0;
    for (let r = uMin; r <= uMax; r++) {
      if (this.lo[r] < 0) continue;
      this.out[c++] = this.lo[r];
      if (this.hi[r] !== this.lo[r]) this.out[c++] = this.hi[r];
      this.lo[r] = this.hi[r] = -1;
    }
    this.count = c;
    return this.out;
  }
}

/** Largest distance between n 2D vertices: xy physical (row, col) coordinates, keys doubled indices, interleaved by 2. */
export function maxDiameter2D(xy: Float64Array, keys: Int32Array, n: number): number {
  const u = new Int32Array(n), v = new Int32Array(n);
  for (let i = 0; i < n; i++) { u[i] = keys[2 * i]; v[i] = keys[2 * i + 1]; }
  const hull = hullVertices(u, v, identity(n), 0, n);
  let best = 0;
  for (let i = 0; i < hull.length; i++) for (let j = 0; j < i; j++) {
    const a = xy[2 * hull[i]] - xy[2 * hull[j]], b = xy[2 * hull[i] + 1] - xy[2 * hull[j] + 1];
    const d = a * a + b * b;
    if (d > best) best = d;
  }
  return Math.sqrt(best);
}

/**
 * The largest of keys[from], keys[from + step], ... (count of them), at least 0. The loops of
 * meshDiameters and groupBy are each in a function of their own: V8 compiles a long loop while it
 * runs (on-stack replacement), and untried code after it made that code bail out on every call.
 */
function largestKey(keys: Int32Array, from: number, step: number, count: number): number {
  let max = 0;
  for (let i = 0, at = from; i < count; i++, at += step) if (keys[at] > max) max = keys[at];
  return max;
}

/** u[i], v[i] = the keys of vertex i along axes a and b. */
function project(keys: Int32Array, a: number, b: number, n: number, u: Int32Array, v: Int32Array): void {
  for (let i = 0; i < n; i++) { u[i] = keys[3 * i + a]; v[i] = keys[3 * i + b]; }
}

/** The vertices on the hull of all three plane directions (onHull === 3), in index order. */
function onEveryHull(onHull: Uint8Array, n: number): Int32Array {
  let m = 0;
  for (let i = 0; i < n; i++) if (onHull[i] === 3) m++;
  const candidates = new Int32Array(m);
  for (let i = 0, k = 0; i < n; i++) if (onHull[i] === 3) candidates[k++] = i;
  return candidates;
}

/** Counting sort of the vertex indices by their key along `axis`: group g is sorted[starts[g]..starts[g+1]). */
function groupBy(keys: Int32Array, axis: number, n: number): { sorted: Int32Array; starts: Int32Array } {
  const max = largestKey(keys, axis, 3, n);
  const starts = new Int32Array(max + 2);
  countKeys(keys, axis, n, starts);
  for (let k = 1; k < starts.length; k++) starts[k] += starts[k - 1];
  const sorted = new Int32Array(n);
  placeByKey(keys, axis, n, starts.slice(), sorted);
  return { sorted, starts };
}

/** starts[key + 1] += 1 for each vertex's key along `axis`. */
function countKeys(keys: Int32Array, axis: number, n: number, starts: Int32Array): void {
  for (let i = 0; i < n; i++) starts[keys[3 * i + axis] + 1]++;
}

/** sorted[next[key]++] = i for each vertex i in order (the counting sort's placement). */
function placeByKey(keys: Int32Array, axis: number, n: number, next: Int32Array, sorted: Int32Array): void {
  for (let i = 0; i < n; i++) sorted[next[keys[3 * i + axis]]++] = i;
}
