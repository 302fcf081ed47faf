/**
 * PyRadiomics parameter files: accepted unchanged (the reference folder's own params files and
 * PyRadiomics-style YAML 1.1 / JSON), PyRadiomics' defaults when blocks are missing, and errors
 * that name the file, the line, the key and what it must be.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  defaultExtractionParams, parseParams, parseSettingOverride, readParamsFile, readPreset, resolveSettings, ParamsError,
} from '../../src/features/params.js';
import { PYRADIOMICS_CLASS_NAMES } from '../../src/features/registry.js';

const here = dirname(fileURLToPath(import.meta.url));
const refDir = process.env.RADNOMO_PYRADIOMICS_REF ?? join(here, '..', 'fixtures', 'pyradiomics');

function rejects(text: string, pattern: RegExp, format: 'yaml' | 'json' = 'yaml') {
  assert.throws(() => parseParams(text, 'p.yaml', format), (e: unknown) => {
    assert.ok(e instanceof ParamsError, String(e));
    assert.match((e as Error).message, pattern);
    return true;
  });
}

test('every params file of the reference folder is accepted', () => {
  const files = [join(refDir, 'ak1316.yaml'), ...readdirSync(join(refDir, 'params')).map((f) => join(refDir, 'params', f))];
  for (const f of files) {
    const p = readParamsFile(f);
    assert.ok(p.imageTypes.length >= 1, f);
    assert.ok(p.featureClasses.length >= 1, f);
  }
  const ak = readParamsFile(join(refDir, 'ak1316.yaml'));
  assert.deepEqual(ak.imageTypes.map((t) => t.name), ['Original', 'LoG', 'Wavelet', 'LBP3D']);
  assert.deepEqual(ak.imageTypes[1].settings.map((e) => [e.key, e.value]), [['sigma', [2, 3]]]);
  const s = resolveSettings(ak.settings);
  assert.equal(s.binWidth, 5);
  assert.deepEqual(s.resampledPixelSpacing, [1, 1, 1]);
  assert.equal(s.correctMask, true);
});

test("PyRadiomics' defaults: no file = Original and every class but shape2D; empty blocks = Original and every class", () => {
  const d = defaultExtractionParams();
  assert.deepEqual(d.imageTypes.map((t) => t.name), ['Original']);
  assert.deepEqual(d.featureClasses.map((c) => c.name), PYRADIOMICS_CLASS_NAMES.filter((c) => c !== 'shape2D'));
  const empty = parseParams('setting:\n  binWidth: 10\n', 'p.yaml');
  assert.deepEqual(empty.featureClasses.map((c) => c.name), PYRADIOMICS_CLASS_NAMES);
  assert.deepEqual(empty.imageTypes.map((t) => t.name), ['Original']);
});

test('YAML 1.1 as PyYAML reads it; ints and floats keep their Python type; JSON works the same', () => {
  const p = parseParams('setting:\n  binWidth: 25.0\n  normalize: yes\n  label: 2\n  geometryTolerance: 1e-06\n', 'p.yaml');
  assert.deepEqual(p.settings.map((e) => [e.key, e.value]), [['binWidth', 25], ['normalize', true], ['label', 2], ['geometryTolerance', 1e-6]]);
  assert.equal(p.settings[0].raw?.constructor?.name, 'PyFloat');
  assert.equal(p.settings[2].raw, 2);
  const j = parseParams('{"featureClass": {"glcm": ["Contrast", "Id"]}, "setting": {"binCount": 32}}', 'p.json', 'json');
  assert.deepEqual(j.featureClasses, [{ name: 'glcm', features: ['Contrast', 'Id'] }]);
  assert.equal(resolveSettings(j.settings).binCount, 32);
});

test('an unknown key is named with its line and a suggestion', () => {
  rejects('imageType:\n  Original: {}\nsetting:\n  binwidth: 5\n', /^p\.yaml:4: unknown setting 'binwidth' in 'setting' \(did you mean 'binWidth'\?\)/);
  rejects('settings:\n  binWidth: 5\n', /^p\.yaml:1: unknown top-level key 'settings' \(did you mean 'setting'\?\)/);
  rejects('imageType:\n  Original: {}\n  Wavlet: {}\n', /^p\.yaml:3: unknown image type 'Wavlet' \(did you mean 'Wavelet'\?\)/);
  rejects('featureClass:\n  glcm:\n  firstOrder:\n', /^p\.yaml:3: unknown feature class 'firstOrder' \(did you mean 'firstorder'\?\)/);
  rejects('featureClass:\n  glcm: [Contrast, Contrasts]\n', /^p\.yaml:2: feature class 'glcm' has no feature 'Contrasts' \(did you mean 'Contrast'\?\)/);
  rejects('imageType:\n  LoG:\n    sigma: [1, 2]\n    sigmas: [3]\n', /^p\.yaml:4: unknown setting 'sigmas' in 'imageType LoG'/);
});

test('a bad value is named with its line and what it must be', () => {
  rejects('setting:\n  binWidth: -5\n', /^p\.yaml:2: setting 'binWidth' must be a number > 0; got -5\./);
  rejects('setting:\n  label: 1.5\n', /^p\.yaml:2: setting 'label' must be an integer > 0; got 1\.5/);
  rejects('setting:\n\n  resegmentMode: sigmas\n', /^p\.yaml:3: setting 'resegmentMode' must be absolute, relative or sigma; got 'sigmas'/);
  rejects('setting:\n  resampledPixelSpacing: [1, 1]\n', /^p\.yaml:2: setting 'resampledPixelSpacing' must be a list of 3 numbers/);
  rejects('setting:\n  binWidth:\n', /^p\.yaml:2: setting 'binWidth' is empty \(null\)/);
  rejects('setting:\n  force2D: 1\n', /must be true or false; got 1/);
  rejects('setting: [1, 2]\n', /^p\.yaml:1: 'setting' must be a mapping/);
  rejects('setting:\n  binWidth: 5\n  binWidth: 6\n', /^p\.yaml:3: not valid YAML/);
  rejects('{"setting": {"binWidth": "x"}}', /^p\.yaml:1: setting 'binWidth' must be a number > 0; got 'x'/, 'json');
});

test('nullable settings accept null; --setting overrides parse like a file line', () => {
  const p = parseParams('setting:\n  resegmentRange:\n  binCount: null\n  weightingNorm: ~\n', 'p.yaml');
  assert.deepEqual(p.settings.map((e) => e.value), [null, null, null]);
  assert.deepEqual(parseSettingOverride('resegmentRange:[-500, 400]').value, [-500, 400]);
  assert.throws(() => parseSettingOverride('binWidth=5'), /write it as key:value/);
  assert.throws(() => parseSettingOverride('binWith:5'), /unknown setting 'binWith'.*did you mean 'binWidth'/);
});

test('the shipped default preset is PyRadiomics defaults', () => {
  const p = readPreset('default');
  const d = defaultExtractionParams();
  assert.deepEqual(p.imageTypes, d.imageTypes);
  assert.deepEqual(p.featureClasses, d.featureClasses);
  assert.deepEqual(resolveSettings(p.settings), resolveSettings(d.settings));
  assert.throws(() => readPreset('nope'), /no such preset/);
});
