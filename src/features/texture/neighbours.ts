/**
 * Neighbourhood offsets of GLDM and NGTDM: generateAngles(distances, both directions, force2D),
 * as flat index steps plus their (dz, dy, dx) for the bounds test.
 */
import { generateAngles, force2DAxis } from '../angles.js';
import type { Settings } from '../settings.js';
import type { Grid } from './grid.js';

export interface Neighbourhood {
  count: number;
  /** (dz, dy, dx) per neighbour. */
  offsets: Int32Array;
  /** Flat index step per neighbour. */
  steps: Int32Array;
  /** Largest |offset| per axis (voxels farther than this from every face need no bounds test). */
  reach: [number, number, number];
}

export function neighbourhood(grid: Grid, settings: Pick<Settings, 'distances' | 'force2D' | 'force2Ddimension'>): Neighbourhood {
  const { nz, ny, nx } = grid;
  const angles = generateAngles([nz, ny, nx], settings.distances, true, force2DAxis(settings));
  const o = angles.offsets;
  const steps = new Int32Array(angles.count);
  const reach: [number, number, number] = [0, 0, 0];
  for (let a = 0; a < angles.count; a++) {
    steps[a] = o[3 * a] * nx * ny + o[3 * a + 1] * nx + o[3 * a + 2];
    for (let d = 0; d < 3; d++) reach[d] = Math.max(reach[d], Math.abs(o[3 * a + d]));
  }
  return { count: angles.count, offsets: o, steps, reach };
}
