/**
 * The filters alone against PyRadiomics: for every single_<Type>_3d.csv table of an image type
 * this file's filters implement (LoG, Wavelet, Square, SquareRoot, Logarithm, Exponential,
 * Gradient), apply the filter with the table's recorded image-type settings to the image as read
 * (the tables use no normalisation or resampling), and compare the binning-free first-order
 * features of the ROI voxels with PyRadiomics' at 1e-6 relative. These statistics (percentiles,
 * moments, extremes, energy) pin the filtered voxel values of the ROI. The derived image names
 * must be PyRadiomics' names, in its order. Data-driven: a table dropped in the folder is tested.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readVolume } from '../../src/image/read.js';
import { deriveImages } from '../../src/filters/index.js';
import { defaultSettings, type Settings } from '../../src/features/settings.js';
import type { ImageTypeName } from '../../src/filters/types.js';
import type { Volume } from '../../src/image/volume.js';
import { firstorderStatistics, readReferenceRow, relativeDifference, UNBINNED_FIRSTORDER } from './roi-statistics.js';
import { parsePythonDict } from '../helpers/python-literal.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pyradiomics');
const TYPES = ['LoG', 'Wavelet', 'Square', 'SquareRoot', 'Logarithm', 'Exponential', 'Gradient'];
const REL = 1e-6;

const tables = existsSync(FIXTURES)
  ? readdirSync(FIXTURES).filter((f) => TYPES.some((t) => f === `single_${t}_3d.csv`)).sort()
  : [];

test('every filter of this file has a single_<Type>_3d.csv reference', () => {
  assert.deepEqual(tables.map((f) => f.replace(/^single_|_3d\.csv$/g, '')).sort(), [...TYPES].sort());
});

for (const file of tables) {
  const type = file.replace(/^single_|_3d\.csv$/g, '') as ImageTypeName;
  test(`${file}: ${type} filtered ROI voxels match PyRadiomics' first-order statistics`, async () => {
    const row = readReferenceRow(join(FIXTURES, file), 'brain1');
    const image = await readVolume(join(FIXTURES, row.get('Image')!));
    const labels = await readVolume(join(FIXTURES, row.get('Mask')!));
    const label = Number(row.get('Label'));
    const mask = new Uint8Array(labels.data.length);
    for (let i = 0; i < mask.length; i++) mask[i] = labels.data[i] === label ? 1 : 0;
    const imageTypes = parsePythonDict(row.get('diagnostics_Configuration_EnabledImageTypes')!) as Record<string, Partial<Settings>>;
    const custom = imageTypes[type] ?? {};
    const roi: Volume<Uint8Array> = { ...labels, data: mask, pixelType: 'uint8' };
    const expectedNames = [...new Set([...row.keys()].filter((k) => k.includes('_firstorder_')).map((k) => k.split('_firstorder_')[0]))];
    const names: string[] = [];
    for (const derived of deriveImages(type, image, roi, defaultSettings(), custom)) {
      names.push(derived.name);
      const values: number[] = [];
      for (let i = 0; i < mask.length; i++) if (mask[i]) values.push(derived.image.data[i]);
      const [sx, sy, sz] = derived.image.spacing;
      const stats = firstorderStatistics(Float64Array.from(values), sx * sy * sz, derived.settings.voxelArrayShift);
      for (const feature of UNBINNED_FIRSTORDER) {
        const column = `${derived.name}_firstorder_${feature}`;
        const expected = Number(row.get(column));
        const d = relativeDifference(stats[feature], expected);
        assert.ok(d <= REL, `${column}: ${stats[feature]} vs PyRadiomics ${expected} (relative difference ${d.toExponential(2)})`);
      }
    }
    assert.deepEqual(names, expectedNames);
  });
}
