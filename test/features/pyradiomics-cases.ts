/**
 * The PyRadiomics parity cases found in a reference folder laid out like reference/pyradiomics
 * (test/fixtures/pyradiomics, or RADNOMO_PYRADIOMICS_REF): every column of baseline/baseline_*.csv
 * and every row of a top-level table with `case, Image, Mask` columns (single_*_3d.csv, ...).
 * Each case carries its settings (diagnostics_Configuration_Settings), image types
 * (diagnostics_Configuration_EnabledImageTypes), the features it expects, and the files to read.
 * A case is added by dropping files: nothing here names a case.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { refDir } from './texture-helpers.js';
import { parseCsv } from '../helpers/csv.js';
import { parsePythonDict } from '../helpers/python-literal.js';
import { parseParams, type ExtractionParams } from '../../src/features/params.js';

export interface ParityCase {
  /** Test name: 'baseline brain1_FBN' or 'single_Original_3d.csv brain1'. */
  name: string;
  /** Where the expected values come from (file names), for messages. */
  source: string;
  imagePath: string | null;
  maskPath: string;
  /** Keep only the largest axial slice of the mask (the _shape2D columns of lung1/lung2). */
  largestSlice: boolean;
  label: number | null;
  settings: Record<string, unknown>;
  /** The image types and their own settings, with Python's int/float kept (LoG image names depend on it). */
  imageTypes: ExtractionParams['imageTypes'];
  /** Expected feature values in the table's order, as text. */
  expected: Map<string, string>;
}

/** The four brain1 3D shape values of baseline_shape.csv that README calls stale. */
export const STALE_BRAIN1_SHAPE = ['MeshVolume', 'SurfaceArea', 'Sphericity', 'SurfaceVolumeRatio'];

const isFeature = (name: string) => !name.startsWith('diagnostics_') && name.includes('_');

/** Every column of every baseline table, grouped by (column, settings). */
export function baselineCases(dir = refDir): ParityCase[] {
  const folder = join(dir, 'baseline');
  if (!existsSync(folder)) return [];
  const byKey = new Map<string, ParityCase>();
  for (const file of readdirSync(folder).filter((f) => /^baseline_.*\.csv$/.test(f)).sort()) {
    const table = parseCsv(readFileSync(join(folder, file), 'utf8'));
    const columns = table[0].slice(1);
    const rows = new Map(table.slice(1).filter((r) => r.length > 1).map((r) => [r[0], r.slice(1)]));
    columns.forEach((column, c) => {
      const settingsText = rows.get('diagnostics_Configuration_Settings')?.[c];
      if (!settingsText) throw new Error(`${file}: column ${column} has no diagnostics_Configuration_Settings`);
      const key = `${column}|${settingsText}`;
      let pc = byKey.get(key);
      if (!pc) {
        const testCase = column.split('_')[0];
        const shape2D = /_shape2D$/i.test(column);
        const maxslice = join(dir, 'masks', `${testCase}_maxslice_mask.nrrd`);
        const image = join(dir, 'data', `${testCase}_image.nrrd`);
        pc = {
          name: `baseline ${column}`,
          source: file,
          imagePath: existsSync(image) ? image : null,
          maskPath: shape2D && existsSync(maxslice) ? maxslice : join(dir, 'data', `${testCase}_label.nrrd`),
          largestSlice: shape2D && !existsSync(maxslice),
          label: null,
          settings: parsePythonDict(settingsText),
          imageTypes: parseImageTypes(rows.get('diagnostics_Configuration_EnabledImageTypes')?.[c], file),
          expected: new Map(),
        };
        byKey.set(key, pc);
      } else if (!pc.source.includes(file)) {
        pc.source += `, ${file}`;
      }
      for (const [name, values] of rows) if (isFeature(name) && values[c] !== '') pc.expected.set(name, values[c]);
    });
  }
  return [...byKey.values()];
}

/** Every row of every top-level table with case, Image and Mask columns. */
export function tableCases(dir = refDir): ParityCase[] {
  if (!existsSync(dir)) return [];
  const out: ParityCase[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()) {
    const table = parseCsv(readFileSync(join(dir, file), 'utf8'));
    const header = table[0];
    const col = (n: string) => header.indexOf(n);
    if (col('case') < 0 || col('Image') < 0 || col('Mask') < 0) continue;
    for (const r of table.slice(1).filter((x) => x.length === header.length)) {
      const expected = new Map<string, string>();
      header.forEach((h, i) => { if (isFeature(h) && r[i] !== '') expected.set(h, r[i]); });
      const imagePath = join(dir, r[col('Image')]);
      out.push({
        name: `${file} ${r[col('case')]}`,
        source: file,
        imagePath: existsSync(imagePath) ? imagePath : null,
        maskPath: join(dir, r[col('Mask')]),
        largestSlice: false,
        label: col('Label') >= 0 ? Number(r[col('Label')]) : null,
        settings: parsePythonDict(r[col('diagnostics_Configuration_Settings')]),
        imageTypes: parseImageTypes(r[col('diagnostics_Configuration_EnabledImageTypes')], file),
        expected,
      });
    }
  }
  return out;
}

/**
 * PyRadiomics' dict of enabled image types, read as a params file's imageType block: the dict
 * literal is YAML flow syntax, and YAML keeps 2.0 a float and 2 an int, as Python did.
 */
function parseImageTypes(text: string | undefined, source: string): ExtractionParams['imageTypes'] {
  if (!text) return [{ name: 'Original', settings: [] }];
  return parseParams(`imageType: ${text.replace(/\bNone\b/g, 'null')}\n`, source).imageTypes;
}

/** Features of the expected map grouped by (image type, class), in order: 'original_glcm_Id' -> original / glcm / Id. */
export function expectedClasses(expected: Map<string, string>): { imageType: string; featureClass: string; features: string[] }[] {
  const groups = new Map<string, { imageType: string; featureClass: string; features: string[] }>();
  for (const name of expected.keys()) {
    const m = /^(.*)_([A-Za-z0-9]+)_([^_]+)$/.exec(name);
    if (!m) throw new Error(`cannot split feature name ${name}`);
    const key = `${m[1]}|${m[2]}`;
    if (!groups.has(key)) groups.set(key, { imageType: m[1], featureClass: m[2], features: [] });
    groups.get(key)!.features.push(m[3]);
  }
  return [...groups.values()];
}
