/**
 * Synthetic liver MRI for the demo cohort: five sequences per patient (T1WI, T2WI and the
 * arterial, portal-venous and delayed phases of contrast-enhanced T1), a liver background and
 * one to three tumours whose enhancement and texture depend on the patient's latent
 * aggressiveness (and so on early recurrence). docs/demo.md describes the model.
 *
 * Tumours live in physical space (mm, LPS) so that every sequence, on its own grid, images the
 * same lesions; the masks are drawn on T2WI (used for T1WI too) and on the delayed phase (used
 * for the arterial and portal-venous phases), as in the paper.
 */
import { createRng, type Rng } from '../stats/random.js';
import type { Vec3, Volume } from '../image/volume.js';
import type { DemoPatient } from './clinical.js';

export const SEQUENCES = ['t1', 't2', 'ap', 'pvp', 'dp'] as const;
export type Sequence = (typeof SEQUENCES)[number];

/** The sequence whose reader mask is used for each sequence (the paper drew on T2WI and DP). */
export const MASK_SOURCE: Record<Sequence, 't2' | 'dp'> = { t1: 't2', t2: 't2', ap: 'dp', pvp: 'dp', dp: 'dp' };

interface GridSpec {
  spacing: Vec3;
  size: Vec3;
}

/** Field of view about 90 x 90 x 45 mm; the three acquisitions have different in-plane matrices. */
const GRIDS: Record<'t1' | 't2' | 'ce', GridSpec> = {
  t1: { spacing: [1.4, 1.4, 5], size: [64, 64, 9] },
  t2: { spacing: [1.2, 1.2, 5], size: [75, 75, 9] },
  ce: { spacing: [1.3, 1.3, 5], size: [69, 69, 9] },
};

function gridOf(seq: Sequence): GridSpec {
  return seq === 't1' ? GRIDS.t1 : seq === 't2' ? GRIDS.t2 : GRIDS.ce;
}

/** The grids share a field-of-view centre at the physical origin, as one scanner session's series do. */
function volumeGrid(seq: Sequence): Omit<Volume<Int16Array>, 'data'> {
  const g = gridOf(seq);
  const origin: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) origin[a] = -((g.size[a] - 1) * g.spacing[a]) / 2;
  return {
    size: [...g.size] as Vec3,
    spacing: [...g.spacing] as Vec3,
    origin,
    direction: Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]),
    pixelType: 'int16',
  };
}

/** A smooth random field as a sum of random cosines (random Fourier features), evaluable anywhere. */
class CosineField {
  private readonly w: Float64Array;
  private readonly phase: Float64Array;
  private readonly norm: number;

  constructor(rng: Rng, readonly terms: number, correlationMm: number) {
    this.w = new Float64Array(terms * 3);
    this.phase = new Float64Array(terms);
    for (let k = 0; k < terms; k++) {
      for (let a = 0; a < 3; a++) this.w[k * 3 + a] = rng.norm() / correlationMm;
      this.phase[k] = 2 * Math.PI * rng.unif();
    }
    this.norm = Math.sqrt(2 / terms);
  }

  /** Zero-mean, unit-variance value at a physical point. */
  at(x: number, y: number, z: number): number {
    let s = 0;
    const w = this.w;
    for (let k = 0; k < this.terms; k++) s += Math.cos(w[k * 3] * x + w[k * 3 + 1] * y + w[k * 3 + 2] * z + this.phase[k]);
    return s * this.norm;
  }
}

interface Tumour {
  centre: Vec3;
  /** semi-axes in mm */
  radii: Vec3;
  /** lobulation: relative radius modulation amplitudes and phases of angular harmonics 2..4 */
  lobes: Float64Array;
  lobePhase: Float64Array;
}

/** Everything of one patient that is shared by the five sequences. */
export interface PatientAnatomy {
  tumours: Tumour[];
  /** cellular texture (fine) and enhancement pattern (coarse) inside tumours */
  fine: CosineField;
  coarse: CosineField;
  /** liver parenchyma's slow variation */
  liver: CosineField;
  /** heterogeneity in 0..1, from aggressiveness */
  heterogeneity: number;
  aggressiveness: number;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

function drawTumour(rng: Rng, centre: Vec3, diameterMm: number, aggressiveness: number): Tumour {
  const r = diameterMm / 2;
  const irregularity = 0.04 + 0.1 * sigmoid(1.5 * (aggressiveness - 0.5));
  const lobes = new Float64Array(3);
  const lobePhase = new Float64Array(3);
  for (let h = 0; h < 3; h++) {
    lobes[h] = irregularity * (0.5 + rng.unif()) / (h + 1);
    lobePhase[h] = 2 * Math.PI * rng.unif();
  }
  return {
    centre,
    radii: [r * (0.9 + 0.2 * rng.unif()), r * (0.9 + 0.2 * rng.unif()), r * (0.85 + 0.2 * rng.unif())],
    lobes,
    lobePhase,
  };
}

export function drawAnatomy(seed: number, patientIndex: number, p: DemoPatient): PatientAnatomy {
  const rng = createRng(seed + 7919 * (patientIndex + 1));
  const tumours: Tumour[] = [];
  // The index tumour near the centre of the field of view, its centre within 1 mm of the middle
  // slice (z = 0 on every grid) so that even an 8 mm tumour is seen on 5 mm slices; satellites further out.
  const zc = Math.max(-1, Math.min(1, 0.6 * rng.norm()));
  tumours.push(drawTumour(rng, [4 * rng.norm(), 4 * rng.norm(), zc], p.tumor_size * 10, p.aggressiveness));
  for (let t = 1; t < p.tumor_number; t++) {
    const angle = 2 * Math.PI * rng.unif();
    const dist = 24 + 6 * rng.unif();
    const size = Math.max(6, p.tumor_size * 10 * (0.35 + 0.3 * rng.unif()));
    tumours.push(drawTumour(rng, [dist * Math.cos(angle), dist * Math.sin(angle), 4 * rng.norm()], size, p.aggressiveness));
  }
  const heterogeneity = sigmoid(1.3 * (p.aggressiveness - 0.4));
  return {
    tumours,
    fine: new CosineField(rng, 32, 1.6 + 1.2 * (1 - heterogeneity)),
    coarse: new CosineField(rng, 16, 4 + 2 * rng.unif()),
    liver: new CosineField(rng, 8, 25),
    heterogeneity,
    aggressiveness: p.aggressiveness,
  };
}

/** Normalised radial coordinate of a point in a tumour: < 1 inside, with lobulated boundary. */
function tumourRadius(t: Tumour, x: number, y: number, z: number, scale = 1, shift: Vec3 = [0, 0, 0]): number {
  const dx = (x - t.centre[0] - shift[0]) / (t.radii[0] * scale);
  const dy = (y - t.centre[1] - shift[1]) / (t.radii[1] * scale);
  const dz = (z - t.centre[2] - shift[2]) / (t.radii[2] * scale);
  const rho = Math.sqrt(dx * dx + dy * dy + dz * dz);
  const theta = Math.atan2(dy, dx);
  let modulation = 1;
  for (let h = 0; h < 3; h++) modulation += t.lobes[h] * Math.cos((h + 2) * theta + t.lobePhase[h]);
  return rho / modulation;
}

interface SequenceModel {
  liver: number;
  tumour: number;
  /** change of tumour mean per unit aggressiveness */
  meanShift: number;
  /** texture amplitude: base + per heterogeneity */
  fineBase: number;
  fineHet: number;
  coarseBase: number;
  coarseHet: number;
  /** enhancing rim (delayed-phase capsule) */
  rim: number;
  noise: number;
}

/**
 * Signal model per sequence (arbitrary MR units). HCC: hypointense on T1WI, mildly hyperintense on
 * T2WI, arterial hyperenhancement, washout in the portal-venous and delayed phases, capsule in the
 * delayed phase. Aggressive tumours enhance more heterogeneously (AP strongest), wash out more and
 * show coarser T2 texture; T1WI carries the least signal.
 */
const MODELS: Record<Sequence, SequenceModel> = {
  t1: { liver: 520, tumour: 390, meanShift: -8, fineBase: 22, fineHet: 10, coarseBase: 10, coarseHet: 8, rim: 0, noise: 18 },
  t2: { liver: 300, tumour: 520, meanShift: 12, fineBase: 26, fineHet: 34, coarseBase: 16, coarseHet: 22, rim: 0, noise: 16 },
  ap: { liver: 640, tumour: 960, meanShift: 35, fineBase: 30, fineHet: 80, coarseBase: 30, coarseHet: 90, rim: 0, noise: 22 },
  pvp: { liver: 820, tumour: 720, meanShift: -30, fineBase: 26, fineHet: 30, coarseBase: 20, coarseHet: 20, rim: 30, noise: 22 },
  dp: { liver: 760, tumour: 580, meanShift: -26, fineBase: 24, fineHet: 26, coarseBase: 18, coarseHet: 18, rim: 90, noise: 20 },
};

/**
 * Gaussian noise by Box-Muller on the seeded uniform stream: R's inversion normals cost ~1 us
 * each, and a cohort needs ~20 million noise values; the noise need not match R's rnorm.
 */
function fillNoise(rng: Rng, out: Float64Array): void {
  for (let i = 0; i < out.length; i += 2) {
    const u1 = 1 - rng.unif();
    const u2 = rng.unif();
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < out.length) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
}

/** Body outline: semi-axes in mm of the ellipse that holds the liver (satellites lie within 36 mm). */
const BODY: [number, number] = [41, 38];
/** Air signal as a fraction of the liver's. */
const AIR = 0.04;

/** 1 inside the body, 0 outside, linear over a 2 mm edge. */
function bodyWeight(x: number, y: number): number {
  const r = Math.sqrt((x / BODY[0]) ** 2 + (y / BODY[1]) ** 2);
  const insideMm = (1 - r) * (BODY[0] + BODY[1]) / 2;
  return Math.min(1, Math.max(0, insideMm / 2 + 0.5));
}

/** Index range along one axis of the voxels within `reach` mm of a centre. */
function axisRange(origin: number, spacing: number, n: number, centre: number, reach: number): [number, number] {
  const lo = Math.max(0, Math.floor((centre - reach - origin) / spacing));
  const hi = Math.min(n - 1, Math.ceil((centre + reach - origin) / spacing));
  return [lo, hi];
}

/**
 * Visits, in index order, the voxels of a grid (axis-aligned, as the demo's are) within `reach`
 * mm of `centre` along every axis, with each voxel's index and physical position: a tumour is
 * rendered only within its box.
 */
function forEachVoxelNear(
  grid: Omit<Volume<Int16Array>, 'data'>, centre: Vec3, reach: number, visit: (index: number, x: number, y: number, z: number) => void,
): void {
  const [nx, ny, nz] = grid.size;
  const [k0, k1] = axisRange(grid.origin[2], grid.spacing[2], nz, centre[2], reach);
  const [j0, j1] = axisRange(grid.origin[1], grid.spacing[1], ny, centre[1], reach);
  const [q0, q1] = axisRange(grid.origin[0], grid.spacing[0], nx, centre[0], reach);
  for (let k = k0; k <= k1; k++) {
    const z = grid.origin[2] + k * grid.spacing[2];
    for (let j = j0; j <= j1; j++) {
      const y = grid.origin[1] + j * grid.spacing[1];
      for (let q = q0; q <= q1; q++) visit(q + nx * (j + ny * k), grid.origin[0] + q * grid.spacing[0], y, z);
    }
  }
}

/**
 * What a patient's sequences on one grid share: the body weight and liver variation per voxel,
 * and each tumour voxel's radial coordinate and texture values. The three contrast phases share
 * a grid, so these are computed once per grid (a WeakMap on the anatomy), not once per sequence.
 */
interface GridFields {
  body: Float64Array;
  liver: Float64Array;
  /** per tumour, in visiting order: voxel index, radial coordinate, fine and coarse texture */
  tumours: { at: Int32Array; r: Float64Array; fine: Float64Array; coarse: Float64Array }[];
}

const fieldCache = new WeakMap<PatientAnatomy, Map<string, GridFields>>();

function gridFields(anatomy: PatientAnatomy, seq: Sequence): GridFields {
  const grid = volumeGrid(seq);
  const key = grid.size.join('x') + '@' + grid.spacing.join('x');
  let perGrid = fieldCache.get(anatomy);
  if (!perGrid) fieldCache.set(anatomy, (perGrid = new Map()));
  const cached = perGrid.get(key);
  if (cached) return cached;
  const [nx, ny, nz] = grid.size;
  const body = new Float64Array(nx * ny * nz);
  const liver = new Float64Array(nx * ny * nz);
  let i = 0;
  for (let k = 0; k < nz; k++) {
    const z = grid.origin[2] + k * grid.spacing[2];
    for (let j = 0; j < ny; j++) {
      const y = grid.origin[1] + j * grid.spacing[1];
      for (let q = 0; q < nx; q++, i++) {
        const x = grid.origin[0] + q * grid.spacing[0];
        body[i] = bodyWeight(x, y);
        if (body[i] > 0) liver[i] = anatomy.liver.at(x, y, z);
      }
    }
  }
  // Tumours, visited only within their bounding boxes (lobulation adds at most ~35% to a radius).
  const tumours = anatomy.tumours.map((t) => {
    const reach = 1.6 * Math.max(t.radii[0], t.radii[1], t.radii[2]);
    const at: number[] = [];
    const rs: number[] = [];
    const fine: number[] = [];
    const coarse: number[] = [];
    forEachVoxelNear(grid, t.centre, reach, (index, x, y, z) => {
      const r = tumourRadius(t, x, y, z);
      if (r >= 1.15) return;
      at.push(index);
      rs.push(r);
      fine.push(anatomy.fine.at(x, y, z));
      coarse.push(anatomy.coarse.at(x, y, z));
    });
    return { at: Int32Array.from(at), r: Float64Array.from(rs), fine: Float64Array.from(fine), coarse: Float64Array.from(coarse) };
  });
  const f = { body, liver, tumours };
  perGrid.set(key, f);
  return f;
}

/** One sequence's image of a patient, int16 like a scanner's DICOM. */
export function renderSequence(seed: number, patientIndex: number, seq: Sequence, anatomy: PatientAnatomy): Volume<Int16Array> {
  const grid = volumeGrid(seq);
  const m = MODELS[seq];
  const rng = createRng(seed + 104729 * (patientIndex + 1) + 1299709 * (SEQUENCES.indexOf(seq) + 1));
  const [nx, ny, nz] = grid.size;
  const h = anatomy.heterogeneity;
  const mean = m.tumour + m.meanShift * anatomy.aggressiveness;
  const fineAmp = m.fineBase + m.fineHet * h;
  const coarseAmp = m.coarseBase + m.coarseHet * h;
  const fields = gridFields(anatomy, seq);
  // The body: liver inside an ellipse with a slow variation and a left-right coil gradient, air
  // outside (a 2 mm edge), as a real field of view has; the air makes the whole-image z-score
  // realistic (PyRadiomics normalises the whole image).
  const signal = new Float64Array(nx * ny * nz);
  const bg = AIR * m.liver;
  for (let i = 0; i < signal.length; i++) {
    const w = fields.body[i];
    if (w === 0) {
      signal[i] = bg;
      continue;
    }
    const x = grid.origin[0] + (i % nx) * grid.spacing[0];
    signal[i] = bg + w * (m.liver * (1 + 0.05 * fields.liver[i]) + 0.08 * m.liver * (x / 90) - bg);
  }
  for (const t of fields.tumours) {
    for (let v = 0; v < t.at.length; v++) {
      const r = t.r[v];
      // a smooth edge over ~20% of the radius: partial volume at the tumour boundary
      const w = r <= 0.95 ? 1 : (1.15 - r) / 0.2;
      const inside = mean + fineAmp * t.fine[v] + coarseAmp * t.coarse[v];
      const rim = m.rim * Math.exp(-((r - 1) * (r - 1)) / 0.01);
      const at = t.at[v];
      signal[at] = (1 - w) * signal[at] + w * inside + rim;
    }
  }
  const noise = new Float64Array(signal.length);
  fillNoise(rng, noise);
  const data = new Int16Array(signal.length);
  for (let v = 0; v < signal.length; v++) data[v] = Math.max(0, Math.min(4095, Math.round(signal[v] + m.noise * noise[v])));
  return { ...grid, data };
}

/**
 * A reader's mask of the index tumour (label 1) on a sequence's grid. Reader 2 draws with a
 * slightly different boundary (scale) and position (shift), as a second radiologist would.
 */
export function renderMask(seq: 't2' | 'dp', anatomy: PatientAnatomy, reader: 1 | 2, readerRng?: Rng): Volume<Uint8Array> {
  const grid = volumeGrid(seq);
  const t = anatomy.tumours[0];
  let scale = 1;
  const shift: Vec3 = [0, 0, 0];
  if (reader === 2) {
    if (!readerRng) throw new Error('renderMask: reader 2 needs its generator');
    scale = 1 + 0.05 * readerRng.norm();
    shift[0] = 0.5 * readerRng.norm();
    shift[1] = 0.5 * readerRng.norm();
  }
  const [nx, ny, nz] = grid.size;
  const data = new Uint8Array(nx * ny * nz);
  // inside needs rho < modulation ≤ 1 + Σ lobes < 1.4: visit the box within 1.6 radii only
  const reach = 1.6 * scale * Math.max(t.radii[0], t.radii[1], t.radii[2]);
  const centre: Vec3 = [t.centre[0] + shift[0], t.centre[1] + shift[1], t.centre[2] + shift[2]];
  forEachVoxelNear(grid, centre, reach, (index, x, y, z) => {
    if (tumourRadius(t, x, y, z, scale, shift) < 1) data[index] = 1;
  });
  return { ...grid, data, pixelType: 'uint8' };
}

export function readerRng(seed: number, patientIndex: number): Rng {
  return createRng(seed + 15485863 * (patientIndex + 1));
}
