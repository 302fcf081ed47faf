/**
 * Test support for the texture and discretisation tests: PyRadiomics' baseline tables and test
 * cases (test/fixtures/pyradiomics, or the folder named by RADNOMO_PYRADIOMICS_REF), loaded the way
 * PyRadiomics' own tests load them for a segment-based extraction of the original image: read image
 * and label, select the label, resegment when the column asks for it, crop to the ROI's bounding
 * box, discretise.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readVolume } from '../../src/image/read.js';
import type { Vec3 } from '../../src/image/volume.js';
import { defaultSettings, type Settings } from '../../src/features/settings.js';
import { discretize } from '../../src/features/discretize.js';
import { resegmentValues } from '../../src/image/preprocess/resegment.js';
import type { FeatureInput } from '../../src/features/types.js';
import { parseCsv } from '../helpers/csv.js';
import { parsePythonDict } from '../helpers/python-literal.js';

const here = dirname(fileURLToPath(import.meta.url));
export const refDir = process.env.RADNOMO_PYRADIOMICS_REF ?? join(here, '..', 'fixtures', 'pyradiomics');

export interface Baseline {
  /** Column names (test cases such as brain1_2d), in file order. */
  columns: string[];
  /** Row name -> one cell per column. */
  rows: Map<string, string[]>;
}

export function readBaseline(featureClass: string): Baseline | null {
  const path = join(refDir, 'baseline', `baseline_${featureClass}.csv`);
  if (!existsSync(path)) return null;
  const table = parseCsv(readFileSync(path, 'utf8'));
  const columns = table[0].slice(1);
  const rows = new Map<string, string[]>();
  for (const r of table.slice(1)) if (r.length > 1) rows.set(r[0], r.slice(1));
  return { columns, rows };
}

/** PyRadiomics' settings of one baseline column over radnomo's defaults (minus the keys PyRadiomics did not set). */
export function columnSettings(baseline: Baseline, column: string): { settings: Settings; raw: Record<string, unknown>; testCase: string } {
  const c = baseline.columns.indexOf(column);
  const raw = parsePythonDict(baseline.rows.get('diagnostics_Configuration_Settings')![c]);
  const testCase = baseline.rows.get('diagnostics_Configuration_TestCase')?.[c] ?? column.split('_')[0];
  const settings = defaultSettings() as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'interpolator' && v === null) continue;
    settings[k] = v;
  }
  return { settings: settings as unknown as Settings, raw, testCase };
}

/** Why a column cannot be computed from the original image alone (it needs preprocessing), or null. */
export function needsPreprocessing(s: Settings): string | null {
  if (s.normalize) return 'normalisation';
  if (s.resampledPixelSpacing) return 'resampling';
  return null;
}

export function caseFiles(testCase: string): { image: string; mask: string } | null {
  const image = join(refDir, 'data', `${testCase}_image.nrrd`);
  const mask = join(refDir, 'data', `${testCase}_label.nrrd`);
  return existsSync(image) && existsSync(mask) ? { image, mask } : null;
}

const cache = new Map<string, { image: Float64Array; label: Float64Array; size: Vec3; spacing: Vec3 }>();

async function readPair(imagePath: string, maskPath: string) {
  const key = `${imagePath}|${maskPath}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const im = await readVolume(imagePath);
  const ma = await readVolume(maskPath);
  const v = { image: Float64Array.from(im.data), label: Float64Array.from(ma.data), size: im.size, spacing: im.spacing };
  cache.set(key, v);
  return v;
}

async function readCase(testCase: string) {
  const files = caseFiles(testCase);
  if (!files) throw new Error(`${testCase}: image or label missing under ${refDir}/data`);
  return readPair(files.image, files.mask);
}

/** Bounding box of the mask (lower and upper index per axis, ITK order). */
export function boundingBox(mask: Uint8Array, size: Vec3): { lo: Vec3; hi: Vec3 } {
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-1, -1, -1];
  const [nx, ny] = size;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const x = i % nx, y = Math.floor(i / nx) % ny, z = Math.floor(i / (nx * ny));
    if (x < lo[0]) lo[0] = x; if (y < lo[1]) lo[1] = y; if (z < lo[2]) lo[2] = z;
    if (x > hi[0]) hi[0] = x; if (y > hi[1]) hi[1] = y; if (z > hi[2]) hi[2] = z;
  }
  return { lo, hi };
}

/** Copy the box out of an x-fastest array (PyRadiomics cropToTumorMask, no padding). */
export function cropBox<T extends Float64Array | Uint8Array>(data: T, size: Vec3, box: { lo: Vec3; hi: Vec3 }): { data: T; size: Vec3 } {
  const cs: Vec3 = [box.hi[0] - box.lo[0] + 1, box.hi[1] - box.lo[1] + 1, box.hi[2] - box.lo[2] + 1];
  const out = new (data.constructor as new (n: number) => T)(cs[0] * cs[1] * cs[2]);
  const [nx, ny] = size;
  let k = 0;
  for (let z = box.lo[2]; z <= box.hi[2]; z++) {
    for (let y = box.lo[1]; y <= box.hi[1]; y++) {
      const row = nx * (y + ny * z);
      for (let x = box.lo[0]; x <= box.hi[0]; x++) out[k++] = data[row + x];
    }
  }
  return { data: out, size: cs };
}

/** The FeatureInput of a test case under a column's settings (original image type). */
export async function caseInput(testCase: string, settings: Settings): Promise<FeatureInput> {
  return inputFrom(await readCase(testCase), settings);
}

/** The FeatureInput of an image and mask file (paths as given) under `settings` (original image type). */
export async function fileInput(imagePath: string, maskPath: string, settings: Settings): Promise<FeatureInput> {
  return inputFrom(await readPair(imagePath, maskPath), settings);
}

function inputFrom(c: { image: Float64Array; label: Float64Array; size: Vec3; spacing: Vec3 }, settings: Settings): FeatureInput {
  const label = new Uint8Array(c.label.length);
  for (let i = 0; i < label.length; i++) label[i] = c.label[i] === settings.label ? 1 : 0;
  // PyRadiomics' execute crops every class to the bounding box of the resegmented ROI
  const roi = settings.resegmentRange
    ? resegmentValues(c.image, label, { resegmentRange: settings.resegmentRange, resegmentMode: settings.resegmentMode }).mask
    : label;
  const box = boundingBox(roi, c.size);
  const image = cropBox(c.image, c.size, box);
  const mask = cropBox(roi, c.size, box).data;
  const { binned, ng } = discretize(image.data, mask, settings);
  return {
    image: image.data,
    mask,
    morphologicalMask: cropBox(label, c.size, box).data,
    size: image.size,
    spacing: c.spacing,
    binned,
    ng,
    settings,
  };
}

/** Settings from a Python dict literal over radnomo's defaults. */
export function settingsFrom(text: string): Settings {
  const settings = defaultSettings() as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(parsePythonDict(text))) {
    if (k === 'interpolator' && v === null) continue;
    settings[k] = v;
  }
  return settings as unknown as Settings;
}

/** Relative difference with zeros compared exactly (the tests' tolerance rule). */
export function agrees(actual: number, expected: number, rel: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (expected === 0) return actual === 0;
  return Math.abs(actual - expected) <= rel * Math.abs(expected);
}
