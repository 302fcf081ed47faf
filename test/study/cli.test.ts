/**
 * `radnomo study` and `radnomo predict` end to end on cohort A: the three outputs written whole,
 * progress on stderr, a rerun byte-identical, predict from the feature table reproducing the
 * study's nomogram, and the errors and warnings of predict (missing feature or value, values
 * outside the training range), and of a study file with an unknown key.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStudy } from '../../src/study/config.js';
import { runStudy } from '../../src/study/pipeline.js';
import { predict } from '../../src/study/predict.js';
import { readModelFile } from '../../src/study/model-file.js';
import { clearTableCache } from '../../src/study/tables.js';
import { parseCsv, numericColumn, stringColumn } from '../../src/stats/csv.js';
import { repoRoot } from './ref-compare.js';

const study = join(repoRoot, 'examples', 'cohort-a', 'study.yaml');
const cohortCsv = join(repoRoot, 'test', 'fixtures', 'stats', 'data', 'cohort_A.csv');

function radnomo(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), ...args], { encoding: 'utf8', cwd: repoRoot });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('radnomo study writes results.json, model.json, predictions.csv whole; a rerun gives the same bytes; predict reproduces the nomogram', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'radnomo-study-cli-'));
  try {
    const out = join(dir, 'out');
    const r = radnomo('study', study, '--out', out, '--no-report');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /radnomo study: selection radiomics: 40 → ICC 37 → test 12/);
    assert.match(r.stderr, /90 patients \(63 training, 27 validation\), 0 excluded; best radiomics model radiomics; nomogram AUC 0\.889 \(training\), 0\.818 \(validation\)/);
    assert.deepEqual(readdirSync(out).sort(), ['model.json', 'predictions.csv', 'results.json']);
    const results = readFileSync(join(out, 'results.json'), 'utf8');
    assert.equal(JSON.parse(results).format, 'radnomo-results');

    // the same study in this process: byte-identical outputs
    clearTableCache();
    const again = await runStudy(loadStudy(study));
    assert.equal(again.resultsText, results);
    assert.equal(again.modelText, readFileSync(join(out, 'model.json'), 'utf8'));
    assert.equal(again.predictionsCsv, readFileSync(join(out, 'predictions.csv'), 'utf8'));

    // predict from the cohort's feature table (plain names: one sequence)
    const pOut = join(dir, 'new.csv');
    const p = radnomo('predict', '--model', join(out, 'model.json'), '--clinical', cohortCsv, '--features', cohortCsv, '--out', pOut);
    assert.equal(p.status, 0, p.stderr);
    assert.equal(p.stdout, '');
    const mine = parseCsv(readFileSync(pOut, 'utf8'), 'new.csv');
    const theirs = parseCsv(again.predictionsCsv, 'predictions.csv');
    assert.deepEqual(mine.columns, ['id', 'radscore_radiomics', 'p_radiomics', 'points_radscore', 'points_alb', 'points_tumor_number', 'nomogram_points', 'p_nomogram']);
    assert.deepEqual(stringColumn(mine, 'id'), stringColumn(theirs, 'id'));
    for (const [a, b] of [['p_nomogram', 'p_nomogram'], ['nomogram_points', 'nomogram_points'], ['radscore_radiomics', 'radscore_radiomics'], ['p_radiomics', 'p_radiomics']]) {
      const x = numericColumn(mine, a);
      const y = numericColumn(theirs, b);
      x.forEach((v, i) => assert.ok(Math.abs(v - y[i]) <= 1e-12 * Math.max(1, Math.abs(y[i])), `${a} of ${stringColumn(mine, 'id')[i]}: ${v} vs ${y[i]}`));
    }
    const pts = numericColumn(mine, 'points_radscore').map((v, i) => v + numericColumn(mine, 'points_alb')[i] + numericColumn(mine, 'points_tumor_number')[i]);
    pts.forEach((v, i) => assert.ok(Math.abs(v - numericColumn(mine, 'nomogram_points')[i]) < 1e-9));

    // predict: a missing feature column, a missing value, values outside the training range
    const model = readModelFile(join(out, 'model.json'));
    const table = readFileSync(cohortCsv, 'utf8').split('\n');
    const header = table[0].split(',');
    const feat = model.radiomics.features[0].name;
    const k = header.indexOf(`"${feat}"`);
    const without = join(dir, 'without.csv');
    writeFileSync(without, table.map((l) => l.split(',').filter((_, j) => j !== k).join(',')).join('\n'));
    await assert.rejects(predict(model, { clinical: cohortCsv, features: [without] }), new RegExp(`feature '${feat}' .* is in none of the feature tables`));
    const albAt = header.indexOf('"alb"');
    const gap = join(dir, 'gap.csv');
    writeFileSync(gap, table.map((l, i) => (i === 3 ? l.split(',').map((c, j) => (j === albAt ? '' : c)).join(',') : l)).join('\n'));
    await assert.rejects(predict(model, { clinical: gap, features: [cohortCsv] }), /gap\.csv: patient 'P003', column 'alb': value is missing or not a number/);
    const far = join(dir, 'far.csv');
    writeFileSync(far, table.map((l, i) => (i === 1 ? l.split(',').map((c, j) => (j === albAt ? '12.5' : c)).join(',') : l)).join('\n'));
    const w = await predict(model, { clinical: far, features: [cohortCsv] });
    assert.ok(w.warnings.some((x) => /^alb \(training [\d.]+\.\.[\d.]+\): outside the training range for 1 patient\(s\): P001 \(12\.5\)/.test(x)), w.warnings.join('\n'));
    const okRun = await predict(model, { clinical: cohortCsv, features: [cohortCsv] });
    assert.ok(okRun.warnings.every((x) => !/alb/.test(x)), 'the training patients themselves are inside the training range for albumin');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('radnomo study with an unknown key: exit 1, the key and its line on stderr, nothing written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'radnomo-study-cli-'));
  try {
    const bad = join(dir, 'study.yaml');
    writeFileSync(bad, readFileSync(study, 'utf8').replace('  spearman: { threshold: 0.9', '  spearmen: { threshold: 0.9').replace(/\.\.\/\.\.\/test/g, join(repoRoot, 'test')));
    const r = radnomo('study', bad, '--out', join(dir, 'out'));
    assert.equal(r.status, 1);
    const line = readFileSync(bad, 'utf8').split('\n').findIndex((l) => l.includes('spearmen')) + 1;
    assert.match(r.stderr, new RegExp(`study\\.yaml:${line}: unknown key 'spearmen' in selection`));
    assert.deepEqual(readdirSync(dir), ['study.yaml']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
