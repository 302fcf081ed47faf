/**
 * The icosphere PyRadiomics samples LBP3D neighbours on: trimesh.creation.icosphere(subdivisions,
 * radius), reproduced vertex for vertex and in the same order, because PyRadiomics adds the
 * vertices (in voxel index units) to each ROI voxel's index.
 *
 * Construction (trimesh's, as a fact about its output):
 * - the regular icosahedron with vertices (+-1, +-phi, 0) and their cyclic permutations scaled to
 *   unit length, in trimesh's order (trimesh/resources/creation.json "icosahedron"), with its 20
 *   faces;
 * - each subdivision appends one vertex per unique edge, at the edge's midpoint (a + b) / 2, edges
 *   taken as (smaller, larger) vertex index and ordered by (larger, smaller) ascending (trimesh
 *   sorts edges by a packed 64-bit key whose high half is the larger index); each face
 *   (a, b, c) becomes (a, ab, ca), (ab, b, bc), (ca, bc, c), (ab, bc, ca);
 * - after each subdivision every vertex v is pushed to the sphere: v + (v / |v|) * (radius - |v|)
 *   (not v * radius / |v|: the rounding is trimesh's);
 * - with no subdivision the icosahedron itself is pushed to the radius the same way.
 * Vertex counts: 12, 42, 162, 642, ... (10 * 4^s + 2).
 */

/** The golden ratio and the unit-length icosahedron coordinates (0.5257311121191336, 0.85065080835204). */
const PHI = (1 + Math.sqrt(5)) / 2;
const A = 1 / Math.sqrt(1 + PHI * PHI);
const B = PHI / Math.sqrt(1 + PHI * PHI);

/** trimesh's icosahedron vertex order. */
const ICOSAHEDRON_VERTICES: readonly number[] = [
  -A, B, 0, A, B, 0, -A, -B, 0, A, -B, 0,
  0, -A, B, 0, A, B, 0, -A, -B, 0, A, -B,
  B, 0, -A, B, 0, A, -B, 0, -A, -B, 0, A,
];

/** trimesh's icosahedron faces (vertex indices, counter-clockwise seen from outside). */
const ICOSAHEDRON_FACES: readonly number[] = [
  0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11,
  1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
  3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9,
  4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1,
];

export interface Mesh {
  /** x, y, z of each vertex, flat. */
  vertices: Float64Array;
  /** Three vertex indices per triangle, flat. */
  faces: Uint32Array;
}

/** One midpoint subdivision (no projection to the sphere). */
function subdivide(mesh: Mesh): Mesh {
  const { vertices, faces } = mesh;
  const nv = vertices.length / 3;
  const nf = faces.length / 3;
  // unique edges keyed by (larger, smaller): the key orders them as trimesh does
  const keyOf = (a: number, b: number): number => (a < b ? b * nv + a : a * nv + b);
  const keys = new Float64Array(nf * 3);
  for (let f = 0; f < nf; f++) {
    const a = faces[3 * f], b = faces[3 * f + 1], c = faces[3 * f + 2];
    keys[3 * f] = keyOf(a, b);
    keys[3 * f + 1] = keyOf(b, c);
    keys[3 * f + 2] = keyOf(c, a);
  }
  const unique = Float64Array.from(new Set(keys)).sort();
  const midIndex = new Map<number, number>();
  const out = new Float64Array((nv + unique.length) * 3);
  out.set(vertices);
  unique.forEach((key, e) => {
    const hi = Math.floor(key / nv);
    const lo = key - hi * nv;
    const m = nv + e;
    midIndex.set(key, m);
    for (let d = 0; d < 3; d++) out[3 * m + d] = (vertices[3 * lo + d] + vertices[3 * hi + d]) / 2;
  });
  const newFaces = new Uint32Array(nf * 12);
  for (let f = 0; f < nf; f++) {
    const a = faces[3 * f], b = faces[3 * f + 1], c = faces[3 * f + 2];
    const ab = midIndex.get(keyOf(a, b))!, bc = midIndex.get(keyOf(b, c))!, ca = midIndex.get(keyOf(c, a))!;
    newFaces.set([a, ab, ca, ab, b, bc, ca, bc, c, ab, bc, ca], 12 * f);
  }
  return { vertices: out, faces: newFaces };
}

/** Push every vertex to the sphere of `radius` the way trimesh does: v + (v / |v|) * (radius - |v|). */
function pushToSphere(vertices: Float64Array, radius: number): void {
  for (let i = 0; i < vertices.length; i += 3) {
    const x = vertices[i], y = vertices[i + 1], z = vertices[i + 2];
    const s = Math.sqrt(x * x + y * y + z * z);
    const d = radius - s;
    vertices[i] = x + (x / s) * d;
    vertices[i + 1] = y + (y / s) * d;
    vertices[i + 2] = z + (z / s) * d;
  }
}

/** The icosphere mesh of trimesh.creation.icosphere(subdivisions, radius). */
export function icosphereMesh(subdivisions: number, radius: number): Mesh {
  if (!Number.isInteger(subdivisions) || subdivisions < 0) {
    throw new Error(`lbp3DIcosphereSubdivision must be a whole number >= 0 (got ${subdivisions}); set it in the params file, e.g. 1.`);
  }
  if (!(radius > 0) || !Number.isFinite(radius)) {
    throw new Error(`lbp3DIcosphereRadius must be a positive number (got ${radius}); set it in the params file, e.g. 1.`);
  }
  let mesh: Mesh = { vertices: Float64Array.from(ICOSAHEDRON_VERTICES), faces: Uint32Array.from(ICOSAHEDRON_FACES) };
  for (let s = 0; s < subdivisions; s++) {
    mesh = subdivide(mesh);
    pushToSphere(mesh.vertices, radius);
  }
  if (subdivisions === 0) pushToSphere(mesh.vertices, radius);
  return mesh;
}

/**
 * The icosphere's vertices (x, y, z flat, trimesh's order), as PyRadiomics' getLBP3DImage takes
 * them: `icosphere(lbp3DIcosphereSubdivision, lbp3DIcosphereRadius).vertices`.
 * @example icosphere(1, 1).length / 3 // 42
 */
export function icosphere(subdivisions: number, radius: number): Float64Array {
  return icosphereMesh(subdivisions, radius).vertices;
}
