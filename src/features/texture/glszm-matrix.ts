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
import { nonEmptyColumns } from './zone-math.js';

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
  const zoneOf = new Int32Array(bins.length);
  const parent = new Int32Array(roi.length);
  const find = (z: number): number => {
    while (parent[z] !== z) {
      parent[z] = parent[parent[z]];
      z = parent[z];
    }
    return z;
  };
  let zones = 0;
  for (let r = 0; r < roi.length; r++) {
    const i = roi[r];
    const label = bins[i];
    let zone = -1;
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
    }
    zoneOf[i] = zone;
  }
  const zoneSize = new Int32Array(zones);
  const zoneLevel = new Int32Array(zones);
  for (let r = 0; r < roi.length; r++) {
    const i = roi[r];
    const z = find(zoneOf[i]);
    zoneSize[z]++;
    zoneLevel[z] = bins[i];
  }
  let maxSize = 0;
  for (let z = 0; z < zones; z++) if (zoneSize[z] > maxSize) maxSize = zoneSize[z];

  const counts = new Float64Array(n * maxSize);
  for (let z = 0; z < zones; z++) {
    if (zoneSize[z] > 0) counts[(zoneLevel[z] - 1) * maxSize + zoneSize[z] - 1]++;
  }
  const { columns, p } = nonEmptyColumns(counts, n, maxSize);
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
