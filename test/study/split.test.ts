/**
 * The seeded 7:3 split (stratified by outcome) and seeded CV folds: counts per class, the same
 * split for the same seed, a study run with them (seeds recorded in the provenance).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitByRatio } from '../../src/study/split.js';
import { loadStudy } from '../../src/study/config.js';
import { runStudy } from '../../src/study/pipeline.js';
import { clearTableCache } from '../../src/study/tables.js';
import { writeSyntheticStudy } from './synthetic.js';

const y = Array.from({ length: 90 }, (_, i) => (i % 90 < 38 ? 1 : 0));

test('stratified ratio split: round(0.7·n) of each class in training, seeded', () => {
  const s = splitByRatio(y, 0.7, 2024);
  const count = (cls: number, set: string) => s.filter((v, i) => y[i] === cls && v === set).length;
  assert.equal(count(1, 'train'), 27); // round(0.7 · 38) = 26.6 → 27
  assert.equal(count(0, 'train'), 36); // round(0.7 · 52) = 36.4 → 36
  assert.deepEqual(splitByRatio(y, 0.7, 2024), s);
  assert.notDeepEqual(splitByRatio(y, 0.7, 2025), s);
  const u = splitByRatio(y, 0.7, 2024, false);
  assert.equal(u.filter((v) => v === 'train').length, 63);
  // R's round half to even: 0.5 · 5 = 2.5 → 2
  assert.equal(splitByRatio([1, 1, 1, 1, 1, 0, 0, 0, 0, 0], 0.5, 1).filter((v) => v === 'train').length, 4);
});

test('a study with a ratio split and seeded folds runs and records its seeds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'radnomo-split-'));
  try {
    const path = writeSyntheticStudy(dir, { n: 70, events: 28, seed: 13, sequences: { a: 5 }, signal: 1 });
    writeFileSync(path, readFileSync(path, 'utf8').replace('split:\n  column: split', 'split:\n  ratio: 0.7\n  seed: 99').replace('folds: { column: cv_fold }', 'folds: { k: 5, seed: 3 }'));
    clearTableCache();
    const r = (await runStudy(loadStudy(path))).results;
    assert.equal(r.cohort.split_rule, 'ratio 0.7, stratified by outcome, seed 99');
    assert.deepEqual(r.cohort.splits.train, { n: 49, events: 20, non_events: 29 });
    assert.equal(r.provenance.seeds.split, 99);
    assert.equal(r.provenance.seeds.lasso_folds, 3);
    assert.equal(r.provenance.seeds.calibration_bootstrap, null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
