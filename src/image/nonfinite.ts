/**
 * NaN and infinite voxels. Features cannot be computed on them (PyRadiomics would propagate NaN
 * into every statistic), so reading for features refuses them; `radnomo info` reports them.
 */
import { ImageReadError } from './errors.js';
import type { Vec3, Volume } from './volume.js';

export interface NonFiniteReport {
  count: number;
  nan: number;
  positiveInfinity: number;
  negativeInfinity: number;
  /** Indices (i, j, k) of the first few, in storage order. */
  first: Vec3[];
}

/** Counts NaN and +-Inf voxels and lists where the first `maxListed` are. */
export function findNonFinite(v: Volume, maxListed = 5): NonFiniteReport {
  const report: NonFiniteReport = { count: 0, nan: 0, positiveInfinity: 0, negativeInfinity: 0, first: [] };
  const d = v.data;
  if (!(d instanceof Float32Array) && !(d instanceof Float64Array)) return report;
  const nx = v.size[0];
  const nxy = v.size[0] * v.size[1];
  for (let i = 0; i < d.length; i++) {
    const x = d[i];
    if (x - x === 0) continue; // finite (NaN - NaN and Inf - Inf are NaN)
    report.count++;
    if (Number.isNaN(x)) report.nan++;
    else if (x > 0) report.positiveInfinity++;
    else report.negativeInfinity++;
    if (report.first.length < maxListed) {
      report.first.push([i % nx, Math.floor(i / nx) % v.size[1], Math.floor(i / nxy)]);
    }
  }
  return report;
}

/** One line: "3 voxels are not finite (2 NaN, 1 +Inf), at (i,j,k) (1,2,3), (4,5,6), ...". */
export function describeNonFinite(r: NonFiniteReport): string {
  const kinds: string[] = [];
  if (r.nan) kinds.push(`${r.nan} NaN`);
  if (r.positiveInfinity) kinds.push(`${r.positiveInfinity} +Inf`);
  if (r.negativeInfinity) kinds.push(`${r.negativeInfinity} -Inf`);
  const where = r.first.map((p) => `(${p.join(',')})`).join(', ');
  const more = r.count > r.first.length ? ', ...' : '';
  return `${r.count} voxel${r.count === 1 ? ' is' : 's are'} not a finite number (${kinds.join(', ')}), at index (i,j,k) ${where}${more}`;
}

/** Throws an ImageReadError naming the file when the volume holds NaN or infinite voxels. */
export function assertFinite(v: Volume, file: string): void {
  const r = findNonFinite(v);
  if (r.count === 0) return;
  throw new ImageReadError(file, describeNonFinite(r),
    'Features cannot be computed on them: repair the image (or replace them by a value outside the ROI and exclude them from the mask); `radnomo info` shows them');
}
