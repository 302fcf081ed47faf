/**
 * The study file: the examples load; an unknown key, a missing key, a wrong value and an
 * inconsistent reference are errors that name the key and its line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadStudy, parseStudy, StudyFileError } from '../../src/study/config.js';
import { repoRoot } from './ref-compare.js';

const BASE = `version: 1
outcome: er
clinical:
  csv: clinical.csv
  variables:
    alb: numeric
split:
  column: split
sequences:
  mri:
    features: f.csv
selection:
  lasso:
    folds: { column: cv_fold }
models:
  radiomics: [mri]
`;

function fails(text: string, pattern: RegExp): void {
  assert.throws(() => parseStudy(text, 'study.yaml', '/tmp'), (e: Error) => {
    assert.ok(e instanceof StudyFileError, `a StudyFileError, got ${e.name}: ${e.message}`);
    assert.match(e.message, pattern);
    return true;
  });
}

test('the example study files load, with defaults filled in and paths relative to the file', () => {
  for (const ex of ['cohort-a', 'multiseq-a']) {
    const c = loadStudy(join(repoRoot, 'examples', ex, 'study.yaml'));
    assert.equal(c.file.selection.icc.form, 'ICC2');
    assert.equal(c.file.selection.lasso.thresh, 1e-14);
    assert.ok(c.resolvePath(c.file.clinical.csv).endsWith(join('test', 'fixtures', 'stats', 'data', ex === 'cohort-a' ? 'cohort_A.csv' : 'multiseq_A_clinical.csv')));
  }
  const c = parseStudy(BASE, 'study.yaml', '/data/study');
  assert.equal(c.resolvePath('f.csv'), '/data/study/f.csv');
  assert.equal(c.file.nomogram.radiomics, 'best');
  assert.deepEqual(c.file.evaluation.calibration.models, ['clinical', 'best', 'nomogram']);
});

test('an unknown key is named with its line', () => {
  fails(BASE + 'evalutaion:\n  epv_min: 5\n', /^study\.yaml:17: unknown key 'evalutaion' in \(top level\)/);
  fails(BASE.replace('    folds: { column: cv_fold }', '    folds: { column: cv_fold }\n    thres: 1e-7'), /^study\.yaml:15: unknown key 'thres' in selection\.lasso/);
  fails(BASE.replace('    alb: numeric', '    alb: { type: numeric, refrence: 1 }'), /^study\.yaml:6: unknown key 'refrence' in clinical\.variables\.alb/);
});

test('a missing key, a wrong type or value name the key and line', () => {
  fails(BASE.replace('outcome: er\n', ''), /^study\.yaml:1: outcome: this key is required/);
  fails(BASE.replace('    alb: numeric', '    alb: number'), /^study\.yaml:6: clinical\.variables\.alb\.type: .*numeric.*categorical/);
  fails(BASE.replace('  column: split', '  ratio: high\n  seed: 1'), /^study\.yaml:8: split\.ratio: expected number/);
  fails(BASE.replace('version: 1', 'version: 2'), /^study\.yaml:1: version:/);
  fails('version: 1\noutcome: [', /^study\.yaml:2: not valid YAML/);
});

test('inconsistent references are named with their line', () => {
  fails(BASE.replace('  radiomics: [mri]', '  radiomics: [mri, t2]'), /^study\.yaml:16: models\.radiomics\[1\]: 't2' is not a declared sequence \(mri\)/);
  fails(BASE.replace('  radiomics: [mri]', '  clinical: [mri]'), /models\.clinical: 'clinical' is reserved/);
  fails(BASE.replace('  column: split', '  ratio: 0.7'), /^study\.yaml:7: split: a ratio split needs a `seed`/);
  fails(BASE + 'nomogram:\n  clinical: { rule: list, variables: [albumin] }\n', /nomogram\.clinical\.variables\[0\]: 'albumin' is not a declared clinical variable \(alb\)/);
  fails(BASE + 'nomogram:\n  radiomics: t2\n', /^study\.yaml:18: nomogram\.radiomics: 't2' is neither 'best' nor a declared model/);
  fails(BASE.replace('    features: f.csv', '    features: f.csv\n    images: m.csv'), /sequences\.mri: give either `features`.*or `images`/);
  fails(BASE.replace('    folds: { column: cv_fold }', '    folds: { k: 5 }'), /selection\.lasso\.folds: give the folds as a `column`, or `k` and a `seed`/);
});
