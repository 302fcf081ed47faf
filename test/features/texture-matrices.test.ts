/**
 * Texture matrices against PyRadiomics' baseline matrices (baseline/<case>_<class>.npy: the
 * P_<class> a feature class holds after _initCalculation, with the settings of the baseline column
 * named <case>). Tolerance: max |difference| below 1e-6 of the matrix's largest entry (PyRadiomics'
 * own test allows 1e-3). Cases without an image in the fixtures are reported as skipped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readNpy, type NpyArray } from '../helpers/npy.js';
import { refDir, readBaseline, columnSettings, caseFiles, caseInput } from './texture-helpers.js';
import type { FeatureInput } from '../../src/features/types.js';
import { glcmMatrices } from '../../src/features/texture/glcm-matrix.js';
import { glrlmMatrices } from '../../src/features/texture/glrlm-matrix.js';
import { glszmMatrix } from '../../src/features/texture/glszm-matrix.js';
import { gldmMatrix } from '../../src/features/texture/gldm-matrix.js';
import { ngtdmMatrix } from '../../src/features/texture/ngtdm-matrix.js';

/** Our matrix in the layout of PyRadiomics' P_<class> (C order), with its shape. */
const ours: Record<string, (x: FeatureInput) => NpyArray> = {
  glcm(x) {
    const m = glcmMatrices(x.binned!, x.size, x.spacing, x.settings);
    const data = new Float64Array(m.n * m.n * m.count);
    for (let i = 0; i < m.n; i++) for (let j = 0; j < m.n; j++) for (let a = 0; a < m.count; a++) {
      data[(i * m.n + j) * m.count + a] = m.p[(a * m.n + i) * m.n + j];
    }
    return { shape: [m.n, m.n, m.count], data };
  },
  glrlm(x) {
    const m = glrlmMatrices(x.binned!, x.size, x.spacing, x.settings);
    const nr = m.runLengths.length;
    const data = new Float64Array(m.n * nr * m.count);
    for (let i = 0; i < m.n; i++) for (let j = 0; j < nr; j++) for (let a = 0; a < m.count; a++) {
      data[(i * nr + j) * m.count + a] = m.p[(a * m.n + i) * nr + j];
    }
    return { shape: [m.n, nr, m.count], data };
  },
  glszm(x) {
    const m = glszmMatrix(x.binned!, x.size, x.settings);
    return { shape: [m.n, m.sizes.length], data: m.p };
  },
  gldm(x) {
    const m = gldmMatrix(x.binned!, x.size, x.settings);
    return { shape: [m.n, m.sizes.length], data: m.p };
  },
  ngtdm(x) {
    const m = ngtdmMatrix(x.binned!, x.size, x.settings);
    const data = new Float64Array(m.n * 3);
    for (let k = 0; k < m.n; k++) {
      data[3 * k] = m.count[k];
      data[3 * k + 1] = m.s[k];
      data[3 * k + 2] = m.levels[k];
    }
    return { shape: [m.n, 3], data };
  },
};

const dir = join(refDir, 'baseline');
const files = existsSync(dir) ? readdirSync(dir).filter((f) => /^[a-z0-9]+_(glcm|glrlm|glszm|gldm|ngtdm)\.npy$/.test(f)).sort() : [];
test('baseline matrices are present', () => assert.ok(files.length > 0, `no <case>_<class>.npy under ${dir}`));

for (const file of files) {
  const [, testCase, cls] = /^([a-z0-9]+)_([a-z]+)\.npy$/.exec(file)!;
  const baseline = readBaseline(cls);
  const hasColumn = baseline?.columns.includes(testCase) ?? false;
  const skip = !caseFiles(testCase)
    ? `no image for ${testCase} in the fixtures (PyRadiomics ships ${testCase}'s label only here)`
    : !hasColumn ? `baseline_${cls}.csv has no column ${testCase} for the settings` : false;
  test(`${testCase} ${cls} matrix equals PyRadiomics' P_${cls}`, { skip }, async () => {
    const { settings } = columnSettings(baseline!, testCase);
    const ref = readNpy(join(dir, file));
    const got = ours[cls](await caseInput(testCase, settings));
    assert.deepEqual(got.shape, ref.shape);
    let largest = 0;
    let worst = 0;
    for (let k = 0; k < ref.data.length; k++) {
      largest = Math.max(largest, Math.abs(ref.data[k]));
      worst = Math.max(worst, Math.abs(ref.data[k] - got.data[k]));
    }
    assert.ok(worst <= 1e-6 * largest, `max |difference| ${worst} vs largest entry ${largest}`);
  });
}
