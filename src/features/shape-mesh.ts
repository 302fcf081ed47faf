/**
 * The surface mesh of a binary ROI, computed as PyRadiomics' C extension computes it
 * (radiomics/src/cshape.c: calculate_coefficients, calculate_coefficients2D), so that MeshVolume,
 * SurfaceArea, the maximum diameters and their 2D counterparts agree with PyRadiomics to rounding.
 *
 * 3D: marching cubes (Lorensen & Cline 1987) over the mask padded by one empty voxel on every side;
 * every vertex lies half-way along a cube edge. The volume is the sum of the signed volumes of the
 * tetrahedra (origin, triangle) (IBSI 1 manual, "Volume (mesh)", RNU0), the area the sum of triangle
 * areas (IBSI "Surface area (mesh)", C0JK). Diameters are the largest distances between mesh vertices:
 * over all vertices (Maximum3DDiameter) and between vertices that share a z (Slice), y (Column) or
 * x (Row) coordinate, as PyRadiomics defines them.
 * 2D: marching squares over the slice padded by one empty pixel: perimeter (sum of segment lengths),
 * area (half the sum of the signed cross products), maximum diameter.
 *
 * Array layout: masks are x fastest (ITK order), i.e. the flat index of a numpy (z, y, x) array, so
 * the loops below visit cubes in the same order as PyRadiomics (z outermost).
 */
import type { Vec3 } from '../image/volume.js';
import { maxDiameter2D, meshDiameters } from './shape-diameters.js';

/** Cube corners p0..p7 as (dz, dy, dx), in the numbering of Bourke's and PyRadiomics' tables. */
const CORNERS: readonly (readonly [number, number, number])[] = [
  [0, 0, 0], [0, 0, 1], [0, 1, 1], [0, 1, 0],
  [1, 0, 0], [1, 0, 1], [1, 1, 1], [1, 1, 0],
];

/** The 12 cube edges as corner pairs (P. Bourke, "Polygonising a scalar field", 1994). */
const EDGES: readonly (readonly [number, number])[] = [
  [0, 1], [1, 2], [2, 3], [3, 0], [4, 5], [5, 6], [6, 7], [7, 4], [0, 4], [1, 5], [2, 6], [3, 7],
];

/** Each edge's vertex: the midpoint between its corners, as (z, y, x) offsets within the cube. */
const EDGE_VERTEX: readonly (readonly [number, number, number])[] = EDGES.map(([a, b]) => [
  (CORNERS[a][0] + CORNERS[b][0]) / 2,
  (CORNERS[a][1] + CORNERS[b][1]) / 2,
  (CORNERS[a][2] + CORNERS[b][2]) / 2,
] as const);

/**
 * Triangles of cube configurations 0..127 (bit k set = corner pk inside), three hex digits (edge
 * indices) per triangle, oriented with outward normals. This is the classic marching-cubes table
 * (Bourke 1994, after Lorensen & Cline 1987) as PyRadiomics' cshape.c tabulates it (BSD-3-Clause):
 * in 15 configurations (30, 45, 51, 53, 60, 75, 83, 85, 86, 89, 92, 101, 105, 106, 120) it splits a
 * quadrilateral along the other diagonal than Bourke's table, which changes the area of non-planar
 * quadrilaterals, so PyRadiomics' split is the one used here. Configurations 128..255 use the
 * complement's triangles with the volume sign flipped, as PyRadiomics does.
 */
const TRIANGLES_HEX: readonly string[] = [
  '', '083', '190', '183198', '12a', '08312a', '92a029', '2832a8a98',
  'b23', 'b2008b', '190b23', 'b2119b98b', '3a1ba3', 'a1008a8ba', '9033b9ba9', '98aba8',
  '478', '043473', '190478', '194147173', '12a478', '34730412a', '92a902478', '2a9297273479',
  '478b23', 'b47b24204', '190478b23', '47b94bb29192', '3a1ba3478', 'ba114b10447b', '4789033b9ba9', '47b4b99ba',
  '954', '954083', '054015', '854835315', '12a954', '08312a954', '2a5542240', '2a5325354834',
  '954b23', 'b2008b954', '054015b23', '215258b28548', '3a1ba3954', '549a1008a8ba', '54050ba5bb03', '548a58ba8',
  '789579', '309539357', '780017715', '157173', '78957912a', '12a309395357', '0288258572a5', '2a5253357',
  '579789b23', '579972209b27', 'b23018178157', '21b17b157', '7895793a1ba3', '5705097b0a10ba0', 'ba003ba50078570', 'ba557b',
  '65a', '08365a', '19065a', '18319865a', '165126', '165126083', '965906026', '598582526832',
  'b2365a', 'b2008b65a', '190b2365a', 'b2119b98b65a', '63b653513', '08b0b50515b6', '63b036065059', '65969bb98',
  '47865a', '04347365a', '19047865a', '19414717365a', '478165126', '043473165126', '478965906026', '739479329596269',
  'b2347865a', 'b47b2420465a', '190b2347865a', '47b94bb2919265a', '47863b653513', '51b5b610b47b04b', '47863b036065059', '65969b4797b9',
  'a4964a', 'a4964a083', '01aa60640', '18316886461a', '149124264', '149124264083', '024426', '832824426',
  'b23a4964a', 'b2008ba4964a', 'b2301aa60640', '64161a148b2118b', '964369139b63', '18b081b61149641', '63b036640', '86468b',
  '67a78a89a', '67a0a709a073', '67a1a7178018', '67a1a7173', '126168189678', '269129679309739', '078706602', '273267',
  'b2367a78a89a', '207b2709767a9a7', '67a1a7178018b23', 'b2117ba61167', '896678169b63136', '09167b', '07870603bb60', '67b',
];

/** Per configuration: the triangles' vertex offsets, 9 numbers (a, b, c as z, y, x) per triangle. */
const TRIANGLE_OFFSETS: readonly Float64Array[] = TRIANGLES_HEX.map((hex) => {
  const out = new Float64Array(hex.length * 3);
  for (let i = 0; i < hex.length; i++) {
    const v = EDGE_VERTEX[parseInt(hex[i], 16)];
    out[i * 3] = v[0];
    out[i * 3 + 1] = v[1];
    out[i * 3 + 2] = v[2];
  }
  return out;
});

/**
 * Vertices stored for the diameters: each edge vertex is kept once, by the cube for which it lies on
 * edge 6, 7 or 11 (the edges at the cube's far corner p7). After the complement flip p7 is outside,
 * so an edge p7-pk carries a vertex exactly when pk (p6, p4, p3 respectively) is inside.
 */
const DIAMETER_EDGES: readonly (readonly [number, number])[] = [[6, 6], [4, 7], [3, 11]];
const DIAMETER_BITS = DIAMETER_EDGES.map(([bit]) => 1 << bit);
const DIAMETER_VERTEX = DIAMETER_EDGES.map(([, edge]) => EDGE_VERTEX[edge]);

export interface Mesh3D {
  /** Sum of the triangle areas, mm^2. */
  surfaceArea: number;
  /** Signed volume enclosed by the mesh, mm^3. */
  volume: number;
  /** Largest vertex distance among vertices in the same axial plane (equal z). */
  maxDiameterSlice: number;
  /** ... in the same coronal plane (equal y). */
  maxDiameterColumn: number;
  /** ... in the same sagittal plane (equal x). */
  maxDiameterRow: number;
  /** Largest distance between any two vertices. */
  maxDiameter3D: number;
}

/** Growable store of vertices: physical coordinates plus each coordinate as a doubled integer index (plane key). */
class VertexStore {
  n = 0;
  xyz = new Float64Array(3 * 1024);
  keys = new Int32Array(3 * 1024);
  push(z: number, y: number, x: number, kz: number, ky: number, kx: number): void {
    if (3 * (this.n + 1) > this.xyz.length) {
      const xyz = new Float64Array(this.xyz.length * 2);
      xyz.set(this.xyz);
      this.xyz = xyz;
      const keys = new Int32Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
    }
    const o = 3 * this.n++;
    this.xyz[o] = z; this.xyz[o + 1] = y; this.xyz[o + 2] = x;
    this.keys[o] = kz; this.keys[o + 1] = ky; this.keys[o + 2] = kx;
  }
}

/** The mask copied into a grid one voxel larger on every side, values 0/1. */
function padMask(mask: ArrayLike<number>, nx: number, ny: number, nz: number): Uint8Array {
  const px = nx + 2, py = ny + 2;
  const out = new Uint8Array(px * py * (nz + 2));
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const src = nx * (y + ny * z);
      const dst = 1 + px * (y + 1 + py * (z + 1));
      for (let x = 0; x < nx; x++) out[dst + x] = mask[src + x] ? 1 : 0;
    }
  }
  return out;
}

/**
 * Mesh coefficients of a 3D mask (nonzero = inside), size and spacing in x, y, z order.
 * Source: PyRadiomics radiomics/src/cshape.c calculate_coefficients (same cube order, vertex
 * positions, table and per-triangle arithmetic).
 */
export function mesh3D(mask: ArrayLike<number>, size: Vec3, spacing: Vec3): Mesh3D {
  const [nx, ny, nz] = size;
  const padded = padMask(mask, nx, ny, nz);
  const px = nx + 2, py = ny + 2, pz = nz + 2;
  const cornerOffset = CORNERS.map(([dz, dy, dx]) => dz * px * py + dy * px + dx);
  const c0 = cornerOffset[0], c1 = cornerOffset[1], c2 = cornerOffset[2], c3 = cornerOffset[3];
  const c4 = cornerOffset[4], c5 = cornerOffset[5], c6 = cornerOffset[6], c7 = cornerOffset[7];
  const vertices = new VertexStore();
  const { area, volume } = marchCubes(padded, px, py, pz, spacing, [c0, c1, c2, c3, c4, c5, c6, c7], vertices);
  const d = meshDiameters(vertices.xyz, vertices.keys, vertices.n);
  return {
    surfaceArea: area,
    volume: volume / 6,
    maxDiameterSlice: d.slice,
    maxDiameterColumn: d.column,
    maxDiameterRow: d.row,
    maxDiameter3D: d.max3D,
  };
}

/**
 * mesh3D's cube loop: the surface area and 6 x the signed volume, the diameter vertices pushed to
 * `vertices`. A function of its own whose loop only the result follows: V8 compiles it while the
 * loop runs (on-stack replacement), and code after the loop that had never run made that
 * compiled code bail out on every call.
 */
function marchCubes(
  padded: Uint8Array, px: number, py: number, pz: number, spacing: Vec3, corners: number[], vertices: VertexStore,
): { area: number; volume: number } {
  // the running sums, carried from slice to slice (the same additions in the same order)
  const sums = new Float64Array(2);
  for (let iz = 0; iz < pz - 1; iz++) marchSlice(padded, px, py, iz, spacing, corners, vertices, sums);
  return { area: sums[0], volume: sums[1] };
}

/**
 * marchCubes for the cubes of slice iz, adding to sums = [area, 6 x volume]. A function called
 * once per slice rather than one loop over the whole grid: V8 then optimises it with the
 * feedback of earlier slices, instead of compiling the running loop before its rarer paths (a
 * first diameter vertex, a first triangle) had run and bailing out there on every call.
 */
function marchSlice(
  padded: Uint8Array, px: number, py: number, iz: number, spacing: Vec3, corners: number[], vertices: VertexStore, sums: Float64Array,
): void {
  const sz = spacing[2], sy = spacing[1], sx = spacing[0];
  const [c0, c1, c2, c3, c4, c5, c6, c7] = corners;
  let area = sums[0];
  let volume = sums[1];
  {
    for (let iy = 0; iy < py - 1; iy++) {
      const rowBase = px * (iy + py * iz);
      for (let ix = 0; ix < px - 1; ix++) {
        const i = rowBase + ix;
        let cube = padded[i + c0] | (padded[i + c1] << 1) | (padded[i + c2] << 2) | (padded[i + c3] << 3)
          | (padded[i + c4] << 4) | (padded[i + c5] << 5) | (padded[i + c6] << 6) | (padded[i + c7] << 7);
        let sign = 1;
        if (cube & 0x80) {
          cube ^= 0xff;
          sign = -1;
        }
        if (cube & 0x58) {
          for (let e = 0; e < 3; e++) {
            if (cube & DIAMETER_BITS[e]) {
              const v = DIAMETER_VERTEX[e];
              vertices.push((iz + v[0]) * sz, (iy + v[1]) * sy, (ix + v[2]) * sx,
                2 * iz + 2 * v[0], 2 * iy + 2 * v[1], 2 * ix + 2 * v[2]);
            }
          }
        }
        if (cube === 0) continue;
        const tri = TRIANGLE_OFFSETS[cube];
        for (let t = 0; t < tri.length; t += 9) {
          const a0 = (iz + tri[t]) * sz, a1 = (iy + tri[t + 1]) * sy, a2 = (ix + tri[t + 2]) * sx;
          const b0 = (iz + tri[t + 3]) * sz, b1 = (iy + tri[t + 4]) * sy, b2 = (ix + tri[t + 5]) * sx;
          const d0 = (iz + tri[t + 6]) * sz, d1 = (iy + tri[t + 7]) * sy, d2 = (ix + tri[t + 8]) * sx;
          // signed volume of the tetrahedron (origin, a, b, c), times 6: (a x b) . c
          const x0 = a1 * b2 - b1 * a2;
          const x1 = a2 * b0 - b2 * a0;
          const x2 = a0 * b1 - b0 * a1;
          volume += sign * (x0 * d0 + x1 * d1 + x2 * d2);
          // triangle area: half the norm of (a - c) x (b - c)
          const e0 = a0 - d0, e1 = a1 - d1, e2 = a2 - d2;
          const f0 = b0 - d0, f1 = b1 - d1, f2 = b2 - d2;
          const y0 = e1 * f2 - f1 * e2;
          const y1 = e2 * f0 - f2 * e0;
          const y2 = e0 * f1 - f0 * e1;
          area += 0.5 * Math.sqrt(y0 * y0 + y1 * y1 + y2 * y2);
        }
      }
    }
  }
  sums[0] = area;
  sums[1] = volume;
}

export interface Mesh2D {
  /** Sum of the segment lengths, mm. */
  perimeter: number;
  /** Area enclosed by the contour, mm^2. */
  surface: number;
  /** Largest distance between two contour vertices, mm. */
  maxDiameter: number;
}

/** Square corners q0..q3 as (drow, dcol): (0,0), (0,1), (1,1), (1,0); edge k joins qk and q(k+1 mod 4). */
const SQUARE_CORNERS: readonly (readonly [number, number])[] = [[0, 0], [0, 1], [1, 1], [1, 0]];
const SQUARE_EDGE_VERTEX: readonly (readonly [number, number])[] = SQUARE_CORNERS.map((c, k) => {
  const d = SQUARE_CORNERS[(k + 1) % 4];
  return [(c[0] + d[0]) / 2, (c[1] + d[1]) / 2] as const;
});

/**
 * Contour segments of each square configuration (bit k = corner qk inside), as pairs of edge
 * indices. Walking the corners in order, each run of inside corners qk..qm yields one segment from
 * the edge before the run (k - 1) to the edge after it (m), which orients every segment the same
 * way around the ROI; in the two saddle configurations (5, 10) the inside corners stay apart.
 * This reproduces PyRadiomics' lineTable2D (cshape.c).
 */
const SQUARE_SEGMENTS: readonly number[][] = Array.from({ length: 16 }, (_, cfg) => {
  if (cfg === 0 || cfg === 15) return [];
  const inside = (k: number) => ((cfg >> ((k + 4) % 4)) & 1) === 1;
  const segments: number[] = [];
  for (let k = 0; k < 4; k++) {
    if (inside(k) && !inside(k - 1)) {
      let m = k;
      while (inside(m + 1)) m++;
      segments.push((k + 3) % 4, m % 4);
    }
  }
  return segments;
});

/**
 * Perimeter, area and maximum diameter of a 2D mask (rows x cols, col fastest) with the given
 * (row, col) spacing. Source: PyRadiomics radiomics/src/cshape.c calculate_coefficients2D.
 */
export function mesh2D(mask: ArrayLike<number>, rows: number, cols: number, spacing: [number, number]): Mesh2D {
  const pr = rows + 2, pc = cols + 2;
  const padded = new Uint8Array(pr * pc);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) padded[(r + 1) * pc + c + 1] = mask[r * cols + c] ? 1 : 0;
  const [s0, s1] = spacing;
  let perimeter = 0;
  let surface = 0;
  const pts: number[] = [];
  const keys: number[] = [];
  for (let iy = 0; iy < pr - 1; iy++) {
    for (let ix = 0; ix < pc - 1; ix++) {
      const i = iy * pc + ix;
      let cfg = padded[i] | (padded[i + 1] << 1) | (padded[i + pc + 1] << 2) | (padded[i + pc] << 3);
      if (cfg === 0 || cfg === 15) continue;
      const seg = SQUARE_SEGMENTS[cfg];
      for (let t = 0; t < seg.length; t += 2) {
        const va = SQUARE_EDGE_VERTEX[seg[t]], vb = SQUARE_EDGE_VERTEX[seg[t + 1]];
        const a0 = (iy + va[0]) * s0, a1 = (ix + va[1]) * s1;
        const b0 = (iy + vb[0]) * s0, b1 = (ix + vb[1]) * s1;
        surface += a0 * b1 - b0 * a1;
        const d0 = a0 - b0, d1 = a1 - b1;
        perimeter += Math.sqrt(d0 * d0 + d1 * d1);
      }
      // each edge vertex once: by the square where it lies on edge 3 (q3-q0) or edge 2 (q2-q3);
      // after the complement flip q3 is outside, so those edges carry a vertex when q0 / q2 is inside
      if (cfg > 7) cfg ^= 0xf;
      for (const [bit, edge] of [[1, 3], [4, 2]]) {
        if (!(cfg & bit)) continue;
        const v = SQUARE_EDGE_VERTEX[edge];
        pts.push((iy + v[0]) * s0, (ix + v[1]) * s1);
        keys.push(2 * iy + 2 * v[0], 2 * ix + 2 * v[1]);
      }
    }
  }
  return { perimeter, surface: surface / 2, maxDiameter: maxDiameter2D(Float64Array.from(pts), Int32Array.from(keys), keys.length / 2) };
}
