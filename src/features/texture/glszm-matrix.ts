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
  const find = (z: number): number => {
    while (parent[z] !== z) {
      parent[z] = parent[parent[z]];
      z = parent[z];
    }
    return z;
  };
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
        if (other !== zone) {
          const ra = find(zone), rb = find(other);
          if (ra < rb) parent[rb] = ra;
          else if (rb < ra) parent[ra] = rb;
          zone = ra < rb ? ra : rb;
        }
      }
      zoneOf[i] = zone;
      joined[zone]++;
      continue;
    }
    // the same-level neighbours as bits (no branch per neighbour: equal and unequal ones
    // alternate unpredictably in a smooth image), then a visit of the set bits only
    const same = na === 13 ? sameThirteen(bins, i, label, steps) : sameBits(bins, i, label, steps);
    for (let bits = same; bits !== 0;) {
      const a = 31 - Math.clz32(bits);
      bits ^= 1 << a;
      const j = i - steps[a];
      const other = zoneOf[j];
      if (zone < 0) {
        zone = other;
      } else if (other !== zone) {
        const ra = find(zone), rb = find(other);
        // the older zone stays the root
        if (ra < rb) parent[rb] = ra;
        else if (rb < ra) parent[ra] = rb;
        zone = ra < rb ? ra : rb;
      }
    }
    if (zone < 0) {
      zone = zones++;
      parent[zone] = zone;
      zoneLevel[zone] = label;
    }
    zoneOf[i] = zone;
    joined[zone]++;
  }
  // zone sizes: each provisional zone's voxels go to its root (roots are the oldest, smaller numbers)
  let maxSize = 0;
  for (let z = 0; z < zones; z++) {
    const root = find(z);
    if (root !== z) {
      joined[root] += joined[z];
      joined[z] = 0;
    }
  }
  for (let z = 0; z < zones; z++) if (joined[z] > maxSize) maxSize = joined[z];
  // the zone sizes that occur (PyRadiomics removes the others), ascending, and the counts
  const column = new Int32Array(maxSize + 1).fill(-1);
  for (let z = 0; z < zones; z++) if (joined[z] > 0) column[joined[z]] = 0;
  const columns: number[] = [];
  for (let size = 1; size <= maxSize; size++) if (column[size] === 0) column[size] = columns.push(size - 1) - 1;
  const nc = columns.length;
  const p = new Float64Array(n * nc);
  for (let z = 0; z < zones; z++) if (joined[z] > 0) p[(zoneLevel[z] - 1) * nc + column[joined[z]]]++;
  return { n, levels: Float64Array.from(t.levels), sizes: Float64Array.from(columns, (c) => c + 1), p };
}

/** Bit a set when the voxel one step back along angle a (at most 31 angles) has the same label: ((x ^ y) - 1) >>> 31 is 1 exactly when x == y. */
function sameBits(bins: LabelArray, i: number, label: number, steps: Int32Array): number {
  let same = 0;
  for (let a = 0; a < steps.length; a++) same |= (((bins[i - steps[a]] ^ label) - 1) >>> 31) << a;
  return same;
}

/** sameBits for the 13 angles of 3D, written out. */
function sameThirteen(bins: LabelArray, i: number, label: number, steps: Int32Array): number {
  return (((bins[i - steps[0]] ^ label) - 1) >>> 31)
    | ((((bins[i - steps[1]] ^ label) - 1) >>> 31) << 1)
    | ((((bins[i - steps[2]] ^ label) - 1) >>> 31) << 2)
    | ((((bins[i - steps[3]] ^ label) - 1) >>> 31) << 3)
    | ((((bins[i - steps[4]] ^ label) - 1) >>> 31) << 4)
    | ((((bins[i - steps[5]] ^ label) - 1) >>> 31) << 5)
    | ((((bins[i - steps[6]] ^ label) - 1) >>> 31) << 6)
    | ((((bins[i - steps[7]] ^ label) - 1) >>> 31) << 7)
    | ((((bins[i - steps[8]] ^ label) - 1) >>> 31) << 8)
    | ((((bins[i - steps[9]] ^ label) - 1) >>> 31) << 9)
    | ((((bins[i - steps[10]] ^ label) - 1) >>> 31) << 10)
    | ((((bins[i - steps[11]] ^ label) - 1) >>> 31) << 11)
    | ((((bins[i - steps[12]] ^ label) - 1) >>> 31) << 12);
}
