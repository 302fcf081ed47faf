/**
 * Grey Level Size Zone Matrix as PyRadiomics computes it (radiomics/src/cmatrices.c
 * calculate_glszm / fill_glszm, then radiomics/glszm.py): a zone is a connected set of ROI voxels
 * of one grey level, connected through the neighbour offsets of generateAngles(distance 1, both
 * directions, force2D), i.e. 26-connectivity in 3D and 8-connectivity within slices with force2D;
 * P(i, j) counts zones of level i and size j. Rows of absent levels and zone sizes that never occur
 * are removed.
 */
import { generateAngles, force2DAxis } from '../angles.js';
import type { Settings } from '../settings.js';
import type { Vec3 } from '../../image/volume.js';
import { gridOf } from './grid.js';
import { stepOf, type LabelArray } from './padded.js';
import { textureGrid, type TextureGrid } from './shared.js';
import { reusedInt32 } from '../scratch.js';

export interface GlszmMatrix {
  /** Number of present grey levels (rows). */
  n: number;
  /** Present grey levels' values, ascending. */
  levels: Float64Array;
  /** Zone sizes kept (columns), ascending. */
  sizes: Float64Array;
  /** Counts, n x sizes.length: P[i * ns + j]. */
  p: Float64Array;
}

/**
 * The GLSZM of a discretised ROI (binned: 1..N inside, 0 outside). `shared`: the labelled grid
 * (./shared.ts) when the caller has it.
 *
 * Zones by one raster pass with provisional zone numbers (two-pass connected-component labelling
 * with union-find) instead of a flood fill: a voxel takes the zone of its first same-level
 * neighbour among those one step back along the offsets of one direction (half the
 * neighbourhood; the other half sees it when the later voxel comes), and two different zones
 * meeting at a voxel are merged. The zones, a partition of the ROI, are the flood fill's; only the
 * order they are found in differs, which the counts do not keep.
 */
export function glszmMatrix(
  binned: Int32Array,
  size: Vec3,
  settings: Pick<Settings, 'force2D' | 'force2Ddimension'>,
  shared?: TextureGrid,
): GlszmMatrix {
  const grid = gridOf(size, [1, 1, 1]);
  const t = shared ?? textureGrid(binned, size, 1);
  const n = t.levels.length;
  const angles = generateAngles([grid.nz, grid.ny, grid.nx], [1], false, force2DAxis(settings));
  const g = t.grid;
  const na = angles.count;
  // one-direction offsets have positive index steps: i - step is a voxel visited before i
  const steps = new Int32Array(na);
  for (let a = 0; a < na; a++) steps[a] = stepOf(g, angles.offsets[3 * a], angles.offsets[3 * a + 1], angles.offsets[3 * a + 2]);
  const { bins, roi } = g;
  // provisional zone number of every ROI voxel (grid-indexed), and the zones' union-find forest
  // (reused scratch: zoneOf and parent are written before they are read, voxel by voxel)
  const zoneOf = reusedInt32('glszm zoneOf', bins.length, false);
  const parent = reusedInt32('glszm parent', roi.length, false);
  // voxels that joined each provisional zone, and its level
  const joined = reusedInt32('glszm joined', roi.length);
  const zoneLevel = reusedInt32('glszm zoneLevel', roi.length, false);
  // The pivot: the backward neighbour with the smallest step (i - 1 in 3D). When it has the voxel's
  // level, the voxel joins its zone, and of the other backward neighbours only those that are not
  // neighbours of the pivot are looked at: a neighbour of both came before the pivot (a smaller
  // step), so the pivot, of the same level, was joined with it already.
  let pivot = 0;
  for (let a = 1; a < na; a++) if (steps[a] < steps[pivot]) pivot = a;
  const pivotStep = steps[pivot];
  const off = angles.offsets;
  const rest: number[] = [];
  for (let a = 0; a < na; a++) {
    if (a === pivot) continue;
    const far = Math.max(Math.abs(off[3 * a] - off[3 * pivot]), Math.abs(off[3 * a + 1] - off[3 * pivot + 1]), Math.abs(off[3 * a + 2] - off[3 * pivot + 2]));
    if (far > 1) rest.push(steps[a]);
  }
  const restSteps = Int32Array.from(rest);
  const zones = na === 13
    ? labelThirteen(bins, roi, steps, pivotStep, restSteps, zoneOf, parent, joined, zoneLevel)
    : labelZones(bins, roi, steps, pivotStep, restSteps, zoneOf, parent, joined, zoneLevel);
  // zone sizes: each provisional zone's voxels go to its root (roots are the oldest, smaller numbers)
  gatherAtRoots(parent, joined, zones);
  const maxSize = largestZone(joined, zones);
  // the zone sizes that occur (PyRadiomics removes the others), ascending, and the counts
  const column = new Int32Array(maxSize + 1).fill(-1);
  markSizes(joined, zones, column);
  const columns = sizeColumns(column, maxSize);
  const nc = columns.length;
  const p = new Float64Array(n * nc);
  countZones(joined, zoneLevel, zones, column, nc, p);
  return { n, levels: Float64Array.from(t.levels), sizes: Float64Array.from(columns, plusOne), p };
}

// The loops over the zones each in a function of its own: V8 on-stack-replaced such a loop inside
// glszmMatrix, and the code after it, never run before, bailed out on every call (node --trace-deopt).

/** Each provisional zone's voxel count added to its root's (and zeroed). */
function gatherAtRoots(parent: Int32Array, joined: Int32Array, zones: number): void {
  for (let z = 0; z < zones; z++) {
    const root = find(parent, z);
    if (root !== z) {
      joined[root] += joined[z];
      joined[z] = 0;
    }
  }
}

/** The largest zone size (0 when there is no zone). */
function largestZone(joined: Int32Array, zones: number): number {
  let maxSize = 0;
  for (let z = 0; z < zones; z++) if (joined[z] > maxSize) maxSize = joined[z];
  return maxSize;
}

/** column[size] = 0 for every zone size that occurs (the others stay -1). */
function markSizes(joined: Int32Array, zones: number, column: Int32Array): void {
  for (let z = 0; z < zones; z++) if (joined[z] > 0) column[joined[z]] = 0;
}

/** The sizes that occur minus 1, ascending; column[size] becomes the size's column. */
function sizeColumns(column: Int32Array, maxSize: number): number[] {
  const columns: number[] = [];
  for (let size = 1; size <= maxSize; size++) if (column[size] === 0) column[size] = columns.push(size - 1) - 1;
  return columns;
}

/** P(level, size column) counted zone by zone. */
function countZones(joined: Int32Array, zoneLevel: Int32Array, zones: number, column: Int32Array, nc: number, p: Float64Array): void {
  for (let z = 0; z < zones; z++) if (joined[z] > 0) p[(zoneLevel[z] - 1) * nc + column[joined[z]]]++;
}

/** The root of zone z in the union-find forest `parent` (path halving). */
function find(parent: Int32Array, z: number): number {
  while (parent[z] !== z) {
    parent[z] = parent[parent[z]];
    z = parent[z];
  }
  return z;
}

/** Zones a and b joined, the older (smaller) root staying the root; returns it. */
function union(parent: Int32Array, a: number, b: number): number {
  const ra = find(parent, a), rb = find(parent, b);
  if (ra < rb) parent[rb] = ra;
  else if (rb < ra) parent[ra] = rb;
  return ra < rb ? ra : rb;
}

/**
 * The raster pass of glszmMatrix: each ROI voxel's provisional zone into zoneOf, the forest of
 * provisional zones into parent, their voxel counts into joined and levels into zoneLevel;
 * returns the number of provisional zones.
 */
function labelZones(
  bins: LabelArray, roi: Int32Array, steps: Int32Array, pivotStep: number, restSteps: Int32Array,
  zoneOf: Int32Array, parent: Int32Array, joined: Int32Array, zoneLevel: Int32Array,
): number {
  const nRest = restSteps.length;
  let zones = 0;
  for (let r = 0; r < roi.length; r++) {
    const i = roi[r];
    const label = bins[i];
    let zone = -1;
    if (bins[i - pivotStep] === label) {
      zone = zoneOf[i - pivotStep];
      for (let q = 0; q < nRest; q++) {
        const j = i - restSteps[q];
        if (bins[j] !== label) continue;
        const other = zoneOf[j];
        if (other !== zone) zone = union(parent, zone, other);
      }
      zoneOf[i] = zone;
      joined[zone]++;
      continue;
    }
    // the same-level neighbours as bits (no branch per neighbour: equal and unequal ones
    // alternate unpredictably in a smooth image), then a visit of the set bits only
    for (let bits = sameBits(bins, i, label, steps); bits !== 0;) {
      const a = 31 - Math.clz32(bits);
      bits ^= 1 << a;
      const other = zoneOf[i - steps[a]];
      if (zone < 0) zone = other;
      else if (other !== zone) zone = union(parent, zone, other);
    }
    if (zone < 0) {
      zone = zones++;
      parent[zone] = zone;
      zoneLevel[zone] = label;
    }
    zoneOf[i] = zone;
    joined[zone]++;
  }
  return zones;
}

/**
 * labelZones for the 13 backward offsets of 3D, written out (deliberate: the steps in registers; its
 * tail shared with labelZones through a function measured 1-2% slower, so it is repeated here).
 */
function labelThirteen(
  bins: LabelArray, roi: Int32Array, steps: Int32Array, pivotStep: number, restSteps: Int32Array,
  zoneOf: Int32Array, parent: Int32Array, joined: Int32Array, zoneLevel: Int32Array,
): number {
  const s0 = steps[0], s1 = steps[1], s2 = steps[2], s3 = steps[3], s4 = steps[4], s5 = steps[5], s6 = steps[6];
  const s7 = steps[7], s8 = steps[8], s9 = steps[9], s10 = steps[10], s11 = steps[11], s12 = steps[12];
  const t0 = restSteps[0], t1 = restSteps[1], t2 = restSteps[2], t3 = restSteps[3];
  if (restSteps.length !== 4) return labelZones(bins, roi, steps, pivotStep, restSteps, zoneOf, parent, joined, zoneLevel);
  let zones = 0;
  for (let r = 0; r < roi.length; r++) {
    const i = roi[r];
    const label = bins[i];
    let zone = -1;
    if (bins[i - pivotStep] === label) {
      zone = zoneOf[i - pivotStep];
      let other = zone;
      if (bins[i - t0] === label && (other = zoneOf[i - t0]) !== zone) zone = union(parent, zone, other);
      if (bins[i - t1] === label && (other = zoneOf[i - t1]) !== zone) zone = union(parent, zone, other);
      if (bins[i - t2] === label && (other = zoneOf[i - t2]) !== zone) zone = union(parent, zone, other);
      if (bins[i - t3] === label && (other = zoneOf[i - t3]) !== zone) zone = union(parent, zone, other);
      zoneOf[i] = zone;
      joined[zone]++;
      continue;
    }
    let bits = (((bins[i - s0] ^ label) - 1) >>> 31)
      | ((((bins[i - s1] ^ label) - 1) >>> 31) << 1)
      | ((((bins[i - s2] ^ label) - 1) >>> 31) << 2)
      | ((((bins[i - s3] ^ label) - 1) >>> 31) << 3)
      | ((((bins[i - s4] ^ label) - 1) >>> 31) << 4)
      | ((((bins[i - s5] ^ label) - 1) >>> 31) << 5)
      | ((((bins[i - s6] ^ label) - 1) >>> 31) << 6)
      | ((((bins[i - s7] ^ label) - 1) >>> 31) << 7)
      | ((((bins[i - s8] ^ label) - 1) >>> 31) << 8)
      | ((((bins[i - s9] ^ label) - 1) >>> 31) << 9)
      | ((((bins[i - s10] ^ label) - 1) >>> 31) << 10)
      | ((((bins[i - s11] ^ label) - 1) >>> 31) << 11)
      | ((((bins[i - s12] ^ label) - 1) >>> 31) << 12);
    while (bits !== 0) {
      const a = 31 - Math.clz32(bits);
      bits ^= 1 << a;
      const other = zoneOf[i - steps[a]];
      if (zone < 0) zone = other;
      else if (other !== zone) zone = union(parent, zone, other);
    }
    if (zone < 0) {
      zone = zones++;
      parent[zone] = zone;
      zoneLevel[zone] = label;
    }
    zoneOf[i] = zone;
    joined[zone]++;
  }
  return zones;
}

/** Bit a set when the voxel one step back along angle a (at most 31 angles) has the same label: ((x ^ y) - 1) >>> 31 is 1 exactly when x == y. */
function sameBits(bins: LabelArray, i: number, label: number, steps: Int32Array): number {
  let same = 0;
  for (let a = 0; a < steps.length; a++) same |= (((bins[i - steps[a]] ^ label) - 1) >>> 31) << a;
  return same;
}

/** Column index to size (module-level: V8 keeps a per-call closure's optimised code only weakly). */
const plusOne = (c: number) => c + 1;
