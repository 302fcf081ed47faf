/**
 * Test helpers: the first-order statistics of PyRadiomics (radiomics/firstorder.py) that need no
 * discretisation, computed straight from the ROI voxels of a filtered image, and the reader of the
 * single_<Type>_3d.csv reference tables. They let the filter tests pin every filtered voxel value
 * of the ROI against PyRadiomics' own output without the feature extractor.
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from '../helpers/csv.js';

/** PyRadiomics firstorder features that do not depend on binning (voxelArrayShift 0 unless given). */
export const UNBINNED_FIRSTORDER = [
  '10Percentile', '90Percentile', 'Energy', 'InterquartileRange', 'Kurtosis', 'Maximum',
  'MeanAbsoluteDeviation', 'Mean', 'Median', 'Minimum', 'Range', 'RobustMeanAbsoluteDeviation',
  'RootMeanSquared', 'Skewness', 'TotalEnergy', 'Variance',
] as const;

/** numpy.percentile with linear interpolation (numpy's _lerp, including its t >= 0.5 branch). */
function percentile(sorted: Float64Array, p: number): number {
  const pos = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const t = pos - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** The unbinned firstorder features of the voxels (PyRadiomics' formulas, firstorder.py docs). */
export function firstorderStatistics(values: Float64Array, voxelVolume: number, voxelArrayShift = 0): Record<string, number> {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const mu = mean(values);
  let energy = 0, m2 = 0, m3 = 0, m4 = 0, mad = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    energy += (v + voxelArrayShift) * (v + voxelArrayShift);
    const d = v - mu;
    m2 += d * d; m3 += d * d * d; m4 += d * d * d * d; mad += Math.abs(d);
  }
  m2 /= n; m3 /= n; m4 /= n; mad /= n;
  const p10 = percentile(sorted, 10);
  const p90 = percentile(sorted, 90);
  const robust: number[] = [];
  for (let i = 0; i < n; i++) if (values[i] >= p10 && values[i] <= p90) robust.push(values[i]);
  const rmu = robust.reduce((s, v) => s + v, 0) / robust.length;
  const rmad = robust.reduce((s, v) => s + Math.abs(v - rmu), 0) / robust.length;
  return {
    '10Percentile': p10,
    '90Percentile': p90,
    Energy: energy,
    InterquartileRange: percentile(sorted, 75) - percentile(sorted, 25),
    Kurtosis: m2 === 0 ? 0 : m4 / (m2 * m2),
    Maximum: sorted[n - 1],
    MeanAbsoluteDeviation: mad,
    Mean: mu,
    Median: percentile(sorted, 50),
    Minimum: sorted[0],
    Range: sorted[n - 1] - sorted[0],
    RobustMeanAbsoluteDeviation: rmad,
    RootMeanSquared: Math.sqrt(energy / n),
    Skewness: m2 === 0 ? 0 : m3 / Math.pow(m2, 1.5),
    TotalEnergy: energy * voxelVolume,
    Variance: m2,
  };
}

/** One row of a PyRadiomics output table (single_*_3d.csv), as column name -> text. */
export function readReferenceRow(path: string, caseName: string): Map<string, string> {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  for (const cells of rows) {
    if (cells[0] === caseName) return new Map(header.map((h, i) => [h, cells[i]]));
  }
  throw new Error(`${path}: no row for case ${caseName}`);
}

/** Relative difference |a - b| / max(|b|, tiny): the 1e-6 criterion of the conformance page. */
export function relativeDifference(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}
