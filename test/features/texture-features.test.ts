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
import { readBaseline, columnSettings, needsPreprocessing, caseFiles, caseInput, agrees } from './texture-helpers.js';
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
