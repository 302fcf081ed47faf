/**
 * Helpers for the LBP reference tests: the PyRadiomics fixture tables (test/fixtures/pyradiomics)
 * and the first-order statistics that do not depend on discretisation, computed directly from the
 * ROI voxels of a derived image. The LBP images are piecewise constant, so these pin them down.
 *
 * Formulas: PyRadiomics radiomics/firstorder.py (docs "First Order Features"), voxelArrayShift 0:
 * Energy = sum x^2, TotalEnergy = prod(spacing) * Energy, RootMeanSquared = sqrt(Energy / N),
 * percentiles as numpy.percentile (linear), Variance = std^2 (biased), MeanAbsoluteDeviation =
 * mean |x - mean|, RobustMeanAbsoluteDeviation = the same over 10th..90th percentile voxels,
 * Skewness = m3 / m2^1.5, Kurtosis = m4 / m2^2 (both 0 when m2 = 0).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { defaultSettings, type Settings } from '../../src/features/settings.js';
import { readVolume } from '../../src/image/read.js';
import type { Volume } from '../../src/image/volume.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pyradiomics');

/** Parse RFC 4180 CSV text (quoted fields may hold commas and doubled quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

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
 * Why a reference row cannot be reproduced by a filter applied to the image as read, or null when
 * it can: PyRadiomics normalised or resampled before filtering.
 */
export function needsPreprocessing(row: ReferenceRow): string | null {
  const s = row.values.get('diagnostics_Configuration_Settings') ?? '';
  if (/'normalize': True/.test(s)) return 'normalises the image first';
  if (!/'resampledPixelSpacing': None/.test(s)) return 'resamples the image first';
  return null;
}

/**
 * PyRadiomics' settings for a fixture table: defaults, then the params file's `setting` block,
 * then the image type's own block (params/<table without _3d>.yaml). Settings' lbp2DSamples
 * default is corrected to 8, PyRadiomics' effective default (getLBP2DImage:
 * kwargs.get("lbp2DSamples", 8); its docstring's 9 is not what runs).
 */
export function settingsFor(file: string, imageType: string): Settings {
  const params = parseYaml(readFileSync(join(FIXTURES, 'params', file.replace(/_3d\.csv$/, '.yaml')), 'utf8')) as {
    setting?: Partial<Settings>; imageType?: Record<string, Partial<Settings> | null>;
  };
  return { ...defaultSettings(), lbp2DSamples: 8, ...(params.setting ?? {}), ...(params.imageType?.[imageType] ?? {}) };
}

/** The case's image and its ROI (mask == Label) as 0/1. */
export async function loadCase(row: ReferenceRow): Promise<{ image: Volume; mask: Volume<Uint8Array> }> {
  const image = await readVolume(join(FIXTURES, row.values.get('Image')!));
  const m = await readVolume(join(FIXTURES, row.values.get('Mask')!));
  const label = Number(row.values.get('Label') ?? 1);
  const data = new Uint8Array(m.data.length);
  for (let i = 0; i < data.length; i++) data[i] = m.data[i] === label ? 1 : 0;
  return { image, mask: { ...m, data, pixelType: 'uint8' } };
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
export function firstOrder(values: Float64Array, spacing: readonly number[]): Map<string, number> {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const mu = mean(values);
  let m2 = 0, m3 = 0, m4 = 0, mad = 0, energy = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mu;
    m2 += d * d; m3 += d * d * d; m4 += d * d * d * d;
    mad += Math.abs(d);
    energy += values[i] * values[i];
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
 * The range of RobustMeanAbsoluteDeviation over every way of breaking the ties at its percentile
 * cut-offs: voxels within `tie` of the 10th or 90th percentile are included in any number. LBP3D
 * energies of rotated copies of a pattern are equal mathematically but differ in the last bits,
 * so which of them fall inside [p10, p90] is rounding noise (docs/conformance.md, Filters, LBP).
 */
export function robustMadRange(values: Float64Array, tie = 1e-9): [number, number] {
  const sorted = Float64Array.from(values).sort();
  const p10 = percentile(sorted, 10), p90 = percentile(sorted, 90);
  const core = values.filter((v) => v > p10 + tie && v < p90 - tie);
  const lo = values.filter((v) => Math.abs(v - p10) <= tie), hi = values.filter((v) => Math.abs(v - p90) <= tie);
  let min = Infinity, max = -Infinity;
  for (let a = 0; a <= lo.length; a++) {
    for (let b = 0; b <= hi.length; b++) {
      const s = Float64Array.from([...core, ...lo.subarray(0, a), ...hi.subarray(0, b)]);
      const mu = mean(s);
      let m = 0;
      for (let i = 0; i < s.length; i++) m += Math.abs(s[i] - mu);
      m /= s.length;
      if (m < min) min = m;
      if (m > max) max = m;
    }
  }
  return [min, max];
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
