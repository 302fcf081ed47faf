/**
 * Texture features against PyRadiomics' baseline tables (baseline/baseline_<class>.csv): every
 * feature row of every column, within 1e-6 relative (zeros exactly). Data-driven: the columns
 * present in the tables, with each column's own settings (diagnostics_Configuration_Settings).
 * Columns that need normalisation or resampling are left to the extractor's test (they need the
 * preprocessing of src/image/preprocess); columns whose image is not in the fixtures are skipped.
 * Both are reported as skipped, with the reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  readBaseline, columnSettings, needsPreprocessing, caseFiles, caseInput, fileInput, agrees, refDir, settingsFrom,
} from './texture-helpers.js';
import { parseCsv } from '../helpers/csv.js';
import { parsePythonDict } from '../helpers/python-literal.js';
import type { FeatureClass } from '../../src/features/types.js';
import { glcmClass } from '../../src/features/texture/glcm.js';
import { glrlmClass } from '../../src/features/texture/glrlm.js';
import { glszmClass } from '../../src/features/texture/glszm.js';
import { gldmClass } from '../../src/features/texture/gldm.js';
import { ngtdmClass } from '../../src/features/texture/ngtdm.js';

const REL = 1e-6;

for (const cls of [glcmClass, glrlmClass, glszmClass, gldmClass, ngtdmClass] as FeatureClass[]) {
  const baseline = readBaseline(cls.name);
  if (!baseline) {
    test(`baseline_${cls.name}.csv`, { skip: 'not in the reference folder' }, () => {});
    continue;
  }
  const prefix = `original_${cls.name}_`;
  const rows = [...baseline.rows.keys()].filter((r) => r.startsWith(prefix));
  const defaults = cls.features.filter((f) => f.byDefault).map((f) => f.name);

  test(`${cls.name}: the default features are the baseline's rows`, () => {
    assert.deepEqual([...defaults].sort(), rows.map((r) => r.slice(prefix.length)).sort());
  });

  for (const column of baseline.columns) {
    const { settings, testCase } = columnSettings(baseline, column);
    const why = needsPreprocessing(settings);
    const skip = why
      ? `needs ${why}: left to the extractor's data-driven test (src/image/preprocess)`
      : !caseFiles(testCase) ? `no image for ${testCase} in the fixtures` : false;
    test(`${cls.name} ${column}: every feature within ${REL} relative`, { skip }, async () => {
      const input = await caseInput(testCase, settings);
      const values = cls.compute(input, defaults);
      const c = baseline.columns.indexOf(column);
      const bad: string[] = [];
      for (const row of rows) {
        const name = row.slice(prefix.length);
        const expected = Number(baseline.rows.get(row)![c]);
        const actual = values.get(name)!;
        if (!agrees(actual, expected, REL)) bad.push(`${name}: ${actual} vs ${expected}`);
      }
      assert.deepEqual(bad, []);
    });
  }
}

// The case tables made for radnomo with PyRadiomics (one row per case, one column per feature):
// rows with the Original image type and no preprocessing are checked here, the rest by the
// extractor's test.
const tables = existsSync(refDir) ? readdirSync(refDir).filter((f) => /_(3d|maxslice)\.csv$/.test(f)).sort() : [];
for (const file of tables) {
  const table = parseCsv(readFileSync(join(refDir, file), 'utf8'));
  const header = table[0];
  for (const row of table.slice(1)) {
    if (row.length !== header.length) continue;
    const cell = (name: string) => row[header.indexOf(name)];
    const settings = settingsFrom(cell('diagnostics_Configuration_Settings'));
    const types = parsePythonDict(cell('diagnostics_Configuration_EnabledImageTypes'));
    const why = !('Original' in types) ? 'no Original image type' : needsPreprocessing(settings);
    const image = join(refDir, cell('Image'));
    const mask = join(refDir, cell('Mask'));
    const skip = why ? `${why}: left to the extractor's test` : !existsSync(image) || !existsSync(mask) ? 'image not in the fixtures' : false;
    test(`${file} ${cell('case')}: original texture features within ${REL} relative`, { skip }, async () => {
      settings.label = Number(cell('Label'));
      const input = await fileInput(image, mask, settings);
      const bad: string[] = [];
      let checked = 0;
      for (const cls of [glcmClass, glrlmClass, glszmClass, gldmClass, ngtdmClass] as FeatureClass[]) {
        const prefix = `original_${cls.name}_`;
        const names = header.filter((h) => h.startsWith(prefix)).map((h) => h.slice(prefix.length));
        if (names.length === 0) continue;
        const values = cls.compute(input, names);
        assert.deepEqual([...values.keys()], cls.features.filter((f) => f.byDefault).map((f) => f.name), `${cls.name} order`);
        for (const name of names) {
          const expected = Number(cell(prefix + name));
          if (!agrees(values.get(name)!, expected, REL)) bad.push(`${cls.name} ${name}: ${values.get(name)} vs ${expected}`);
          checked++;
        }
      }
      assert.ok(checked > 0, 'no texture column');
      assert.deepEqual(bad, []);
    });
  }
}
