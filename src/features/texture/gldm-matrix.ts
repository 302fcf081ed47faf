/**
 * Grey Level Dependence Matrix as PyRadiomics computes it (radiomics/src/cmatrices.c
 * calculate_gldm, then radiomics/gldm.py _calculateMatrix): for each ROI voxel, the number of its
 * neighbours (generateAngles(distances, both directions, force2D); inside the grid and the ROI)
 * whose bin differs from its own by at most alpha (setting gldm_a) is its dependence count d;
 * P(i, j) counts voxels of level i with j = d + 1. Rows of absent levels and dependence sizes that
 * never occur are removed.
 */
import type { Settings } from '../settings.js';
import type { Vec3 } from '../../image/volume.js';
import { textureGrid, type TextureGrid } from './shared.js';
import { neighbourhoodStats } from './neighbourhood-stats.js';
import { nonEmptyColumns } from './zone-math.js';
import type { LabelArray } from './padded.js';

export interface GldmMatrix {
  /** Number of present grey levels (rows). */
  n: number;
  /** Present grey levels' values, ascending. */
  levels: Float64Array;
  /** Dependence sizes kept (columns, d + 1), ascending. */
  sizes: Float64Array;
  /** Counts, n x sizes.length: P[i * nd + j]. */
  p: Float64Array;
}

/**
 * The GLDM of a discretised ROI (binned: 1..N inside, 0 outside). `shared`: the labelled grid
 * (./shared.ts) when the caller has it, with a border of at least max(distances).
 */
export function gldmMatrix(
  binned: Int32Array,
  size: Vec3,
  settings: Pick<Settings, 'distances' | 'force2D' | 'force2Ddimension' | 'gldm_a'>,
  shared?: TextureGrid,
): GldmMatrix {
  const t = shared ?? textureGrid(binned, size, Math.max(...settings.distances));
  const { levels } = t;
  const n = levels.length;
  const { bins, roi } = t.grid;
  const { dependent } = neighbourhoodStats(t, size, settings);
  const width = widest(dependent);
  const counts = new Float64Array(n * width);
  countDependence(bins, roi, dependent, width, counts);
  const { columns, p } = nonEmptyColumns(counts, n, width);
  return { n, levels: Float64Array.from(levels), sizes: Float64Array.from(columns, plusOne), p };
}

// The loops over the ROI each in a function of its own: V8 on-stack-replaced them inside
// gldmMatrix, and the code after them, never run before, bailed out on every call (node --trace-deopt).

/** 1 + the largest dependence count (at least 1): the count matrix's width. */
function widest(dependent: Int32Array): number {
  let width = 1;
  for (let r = 0; r < dependent.length; r++) if (dependent[r] + 1 > width) width = dependent[r] + 1;
  return width;
}

/** counts[(label - 1) * width + d]++ for every ROI voxel. */
function countDependence(bins: LabelArray, roi: Int32Array, dependent: Int32Array, width: number, counts: Float64Array): void {
  for (let r = 0; r < roi.length; r++) counts[(bins[roi[r]] - 1) * width + dependent[r]]++;
}

/** Column index to size (module-level: V8 keeps a per-call closure's optimised code only weakly). */
const plusOne = (c: number) => c + 1;
