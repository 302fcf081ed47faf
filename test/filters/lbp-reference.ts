/**
 * Helpers for the LBP reference tests: the PyRadiomics fixture tables (test/fixtures/pyradiomics)
 * and the first-order statistics that do not depend on discretisation, computed directly from the
 * ROI voxels of a derived image. The LBP images are piecewise constant, so these pin them down.
 *
 * Formulas: PyRadiomics radiomics/firstorder.py (docs "First Order Features"):
 * Energy = sum (x + voxelArrayShift)^2, TotalEnergy = prod(spacing) * Energy, RootMeanSquared = sqrt(Energy / N),
 * percentiles as numpy.percentile (linear), Variance = std^2 (biased), MeanAbsoluteDeviation =
 * mean |x - mean|, RobustMeanAbsoluteDeviation = the same over 10th..90th percentile voxels,
 * Skewness = m3 / m2^1.5, Kurtosis = m4 / m2^2 (both 0 when m2 = 0).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { defaultSettings, type Settings } from '../../src/features/settings.js';
import { readVolume } from '../../src/image/read.js';
import type { Volume } from '../../src/image/volume.js';
import { prepareCase } from '../../src/image/preprocess/index.js';
import { parseCsv } from '../helpers/csv.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pyradiomics');

export interface ReferenceRow { file: string; values: Map<string, string> }

/** Every row of every fixture table whose columns include one starting with `prefix`. */
export function referenceRows(prefix: string): ReferenceRow[] {
  const out: ReferenceRow[] = [];
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.csv')).sort()) {
    const [header, ...rows] = parseCsv(readFileSync(join(FIXTURES, file), 'utf8'));
    if (!header.some((h) => h.startsWith(prefix))) continue;
    for (const r of rows) out.push({ file, values: new Map(header.map((h, i) => [h, r[i]])) });
  }
  return out;
}

/**
 * PyRadiomics' settings for a fixture table: defaults, then the params file's `setting` block,
 * then the image type's own block (params/<table stem>.yaml, or <stem>.yaml beside the tables as
 * for ak1316).
 */
export function settingsFor(file: string, imageType: string): Settings {
  const stem = file.replace(/_(3d|maxslice)\.csv$/, '');
  const path = existsSync(join(FIXTURES, 'params', `${stem}.yaml`)) ? join(FIXTURES, 'params', `${stem}.yaml`) : join(FIXTURES, `${stem}.yaml`);
  const params = parseYaml(readFileSync(path, 'utf8')) as {
    setting?: Partial<Settings>; imageType?: Record<string, Partial<Settings> | null>;
  };
  return { ...defaultSettings(), ...(params.setting ?? {}), ...(params.imageType?.[imageType] ?? {}) };
}

/**
 * The case's image and ROI as PyRadiomics hands them to its image filters: read, then A2's
 * prepareCase (getMask, normalize, resample to the ROI box + padding, checkMask).
 */
export async function preparedCase(row: ReferenceRow, settings: Settings): Promise<{ image: Volume; mask: Volume<Uint8Array> }> {
  const image = await readVolume(join(FIXTURES, row.values.get('Image')!));
  const mask = await readVolume(join(FIXTURES, row.values.get('Mask')!));
  const prepared = prepareCase(image, mask, { ...settings, label: Number(row.values.get('Label') ?? settings.label) });
  return { image: prepared.image, mask: prepared.mask };
}

/** numpy.percentile (method 'linear', NumPy 1.24's lerp) of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  const idx = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(idx), hi = Math.min(lo + 1, sorted.length - 1);
  const t = idx - lo, a = sorted[lo], b = sorted[hi], diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** PyRadiomics first-order features that need no discretisation, of ROI voxel values. */
export function firstOrder(values: Float64Array, spacing: readonly number[], voxelArrayShift = 0): Map<string, number> {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const mu = mean(values);
  let m2 = 0, m3 = 0, m4 = 0, mad = 0, energy = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mu;
    m2 += d * d; m3 += d * d * d; m4 += d * d * d * d;
    mad += Math.abs(d);
    energy += (values[i] + voxelArrayShift) * (values[i] + voxelArrayShift);
  }
  m2 /= n; m3 /= n; m4 /= n; mad /= n;
  const p10 = percentile(sorted, 10), p90 = percentile(sorted, 90);
  const robust = values.filter((v) => v >= p10 && v <= p90);
  const rmu = mean(robust);
  let rmad = 0;
  for (let i = 0; i < robust.length; i++) rmad += Math.abs(robust[i] - rmu);
  return new Map([
    ['10Percentile', p10],
    ['90Percentile', p90],
    ['Energy', energy],
    ['InterquartileRange', percentile(sorted, 75) - percentile(sorted, 25)],
    ['Kurtosis', m2 === 0 ? 0 : m4 / (m2 * m2)],
    ['Maximum', sorted[n - 1]],
    ['MeanAbsoluteDeviation', mad],
    ['Mean', mu],
    ['Median', percentile(sorted, 50)],
    ['Minimum', sorted[0]],
    ['Range', sorted[n - 1] - sorted[0]],
    ['RobustMeanAbsoluteDeviation', rmad / robust.length],
    ['RootMeanSquared', Math.sqrt(energy / n)],
    ['Skewness', m2 === 0 ? 0 : m3 / Math.pow(m2, 1.5)],
    ['TotalEnergy', spacing[0] * spacing[1] * spacing[2] * energy],
    ['Variance', m2],
  ]);
}

/**
 * The range of RobustMeanAbsoluteDeviation over the ways of breaking the ties at its percentile
 * cut-offs: any number of the voxels within `tie` of the 10th or of the 90th percentile may count
 * as inside. LBP3D energies of rotated copies of a pattern are equal mathematically but differ in
 * the last bits, so which of them fall inside [p10, p90] is rounding noise (docs/conformance.md,
 * Filters, LBP). Tie counts are scanned on a grid of at most 257 x 257 (exactly when the clusters
 * are smaller) and the range is widened by what the skipped steps can change.
 */
export function robustMadRange(values: Float64Array, tie = 1e-9): [number, number] {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  const p10 = percentile(s, 10), p90 = percentile(s, 90);
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + s[i];
  const firstAtLeast = (x: number, lo = 0, hi = n): number => {
    while (lo < hi) { const mid = (lo + hi) >> 1; if (s[mid] < x) lo = mid + 1; else hi = mid; }
    return lo;
  };
  // candidates for the first included index (lo cluster) and the last one (hi cluster)
  const loA = firstAtLeast(p10 - tie), loB = firstAtLeast(p10 + tie + Number.EPSILON * Math.abs(p10));
  const hiA = firstAtLeast(p90 - tie) - 1, hiB = firstAtLeast(p90 + tie + Number.EPSILON * Math.abs(p90)) - 1;
  const mad = (i0: number, i1: number): number => {
    const m = i1 - i0 + 1, mu = (prefix[i1 + 1] - prefix[i0]) / m;
    const k = firstAtLeast(mu, i0, i1 + 1);
    return ((prefix[i1 + 1] - prefix[k]) - mu * (i1 + 1 - k) + mu * (k - i0) - (prefix[k] - prefix[i0])) / m;
  };
  const stepA = Math.max(1, Math.ceil((loB - loA) / 256)), stepB = Math.max(1, Math.ceil((hiB - hiA) / 256));
  let min = Infinity, max = -Infinity;
  for (let i0 = loA; ; i0 = Math.min(i0 + stepA, loB)) {
    for (let i1 = hiB; ; i1 = Math.max(i1 - stepB, hiA)) {
      const v = mad(i0, i1);
      if (v < min) min = v;
      if (v > max) max = v;
      if (i1 === hiA) break;
    }
    if (i0 === loB) break;
  }
  const slack = ((stepA - 1 + stepB - 1) * (p90 - p10)) / Math.max(1, hiA - loB + 1);
  return [min - slack, max + slack];
}

/** The ROI voxels (mask != 0) of an image, as float64. */
export function roiValues(image: ArrayLike<number>, mask: Uint8Array): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) out.push(image[i]);
  return Float64Array.from(out);
}

/** |ours - ref| within rel * |ref|, or within abs when the reference is 0 (1e-300 guards exact zeros). */
export function closeTo(ours: number, ref: number, rel = 1e-6, abs = 1e-12): boolean {
  return Math.abs(ours - ref) <= Math.max(rel * Math.abs(ref), abs);
}
