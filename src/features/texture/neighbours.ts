/**
 * Neighbourhood offsets of GLDM and NGTDM: generateAngles(distances, both directions, force2D).
 */
import { generateAngles, force2DAxis, type AngleSet } from '../angles.js';
import type { Settings } from '../settings.js';
import type { Grid } from './grid.js';

export function neighbourhood(grid: Grid, settings: Pick<Settings, 'distances' | 'force2D' | 'force2Ddimension'>): AngleSet {
  return generateAngles([grid.nz, grid.ny, grid.nx], settings.distances, true, force2DAxis(settings));
}
