/**
 * A study over images, end to end: the demo generator's synthetic liver MRI (src/demo, 12
 * patients, two sequences on different grids, masks drawn on T2WI and used on T1WI, a second
 * reader on 4 patients) extracted with a small params file, through selection, rad-scores,
 * nomogram and evaluation (every case in one backend call); then `predict` from the same images
 * reproduces the study's predictions. The outcome is redrawn at random (stratified within the
 * split) so that the small training set is not perfectly separated by the demo's strong image
 * signal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoCohort } from '../../src/demo/cohort.js';
import { createRng } from '../../src/stats/random.js';
import { loadStudy } from '../../src/study/config.js';
import { runStudy } from '../../src/study/pipeline.js';
import { batchBackend, loadParams, singleCaseBackend, type ExtractionBackend, type ExtractionCase } from '../../src/study/images.js';
import { predict } from '../../src/study/predict.js';
import { readModelFile } from '../../src/study/model-file.js';
import { clearTableCache } from '../../src/study/tables.js';
import { readVolume } from '../../src/image/read.js';
import { parseCsv, numericColumn, stringColumn } from '../../src/stats/csv.js';

const PARAMS = `imageType:
  Original: {}
featureClass:
  firstorder: [Mean, Median, Entropy, Skewness, Kurtosis, 90Percentile, Energy, Range, Uniformity]
  glcm: [JointEntropy, Contrast, Idm, Correlation]
setting:
  binWidth: 25
  label: 1
`;

function study(manifest2: boolean): string {
  return `version: 1
name: demo images
outcome: er
clinical:
  csv: clinical.csv
  variables:
    alb: { type: numeric, label: albumin }
    tumor_number: numeric
split: { column: split }
sequences:
  t1:
    label: T1WI
    images: { manifest: manifest.csv, params: params.yaml }
    ${manifest2 ? 'observer2: { manifest: manifest_reader2.csv }' : ''}
  t2:
    label: T2WI
    images: { manifest: manifest.csv, params: params.yaml }
    ${manifest2 ? 'observer2: { manifest: manifest_reader2.csv }' : ''}
selection:
  lasso: { folds: { k: 3, seed: 7 } }
models:
  t1: [t1]
  t2: [t2]
  mp: [t1, t2]
nomogram:
  clinical: { rule: list, variables: [alb] }
evaluation:
  profile_ci: false
  calibration: { bootstrap: 0 }
`;
}

test('a study over images: extraction with masks mapped across grids, selection, nomogram, predict', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'radnomo-images-'));
  try {
    const files = await writeDemoCohort(dir, { seed: 11, size: { patients: 12, events: 5 }, secondReader: 4 });
    // keep two sequences; redraw the outcome within each split (seeded)
    const keep = (path: string) => {
      const lines = readFileSync(path, 'utf8').trim().split('\n');
      writeFileSync(path, [lines[0], ...lines.slice(1).filter((l) => /,(t1|t2),/.test(l))].join('\n') + '\n');
    };
    keep(files.manifest);
    keep(files.manifestReader2);
    const clin = parseCsv(readFileSync(files.clinical, 'utf8'), 'clinical.csv');
    const split = stringColumn(clin, 'split');
    const rng = createRng(3);
    const er = new Array(split.length).fill(0);
    for (const [s, events] of [['train', 4], ['validation', 1]] as const) {
      const rows = split.map((v, i) => (v === s ? i : -1)).filter((i) => i >= 0);
      for (const k of rng.sample(rows.length, events, false)) er[rows[k]] = 1;
    }
    const erAt = clin.columns.indexOf('er');
    writeFileSync(files.clinical, [clin.columns.join(','), ...clin.rows.map((r, i) => r.map((c, k) => (k === erAt ? String(er[i]) : c)).join(','))].join('\n') + '\n');
    writeFileSync(join(dir, 'params.yaml'), PARAMS);
    writeFileSync(join(dir, 'study.yaml'), study(true));

    // the T1WI images and the T2WI masks do not share a grid: the mapping is exercised
    const t1 = await readVolume(join(dir, 'images', 'D001', 't1.nii'));
    const t2mask = await readVolume(join(dir, 'masks', 'D001', 't2_reader1.nii'));
    assert.notDeepEqual(t1.size, t2mask.size);

    clearTableCache();
    // every case (both sequences, both readers) goes to the backend in one call: one warm pool
    const calls: ExtractionCase[][] = [];
    const counting: ExtractionBackend = { extract: (cases, params, opts) => (calls.push([...cases]), singleCaseBackend.extract(cases, params, opts)) };
    const out = await runStudy(loadStudy(join(dir, 'study.yaml')), { outDir: join(dir, 'out'), backend: counting });
    assert.equal(calls.length, 1, 'one extraction call for the whole study');
    assert.equal(calls[0].length, 2 * 12 + 2 * 4);
    assert.equal(new Set(calls[0].map((c) => c.id)).size, calls[0].length, 'unique ids in the batch');
    const r = out.results;
    assert.equal(r.cohort.n, 12);
    assert.deepEqual(r.cohort.excluded, []);
    assert.deepEqual(r.study.sequences.map((s) => [s.name, s.source, s.second_reader]), [['t1', 'images', true], ['t2', 'images', true]]);
    assert.equal(r.cohort.second_reader[0].ids.length, 4);
    // every image and mask is in the provenance with its hash (T1WI's masks are T2WI's)
    const mask = r.provenance.inputs.find((x) => x.role === 'mask:t1:D001')!;
    assert.equal(mask.path, join('masks', 'D001', 't2_reader1.nii'));
    assert.equal(mask.sha256, r.provenance.inputs.find((x) => x.role === 'mask:t2:D001')!.sha256);
    assert.equal(r.provenance.inputs.filter((x) => x.role.startsWith('image:')).length, 24);
    assert.equal(r.provenance.inputs.filter((x) => x.role.startsWith('observer2 mask:')).length, 8);
    // 9 first-order + 4 GLCM features per sequence, named <sequence>_<PyRadiomics name>
    assert.equal(r.features.length, 26);
    assert.ok(r.features.every((f) => /^t[12]_original_(firstorder|glcm)_/.test(f.name)));
    assert.ok(r.features.some((f) => f.icc !== null && f.icc < 1), 'second-reader masks give ICCs');
    for (const m of r.selection.models) assert.ok(m.step5_lasso.length >= 1, `${m.model}: a rad-score`);
    assert.equal(r.performance.length, 4 + (r.models.clinical ? 1 : 0));
    const nom = r.performance.find((p) => p.model === 'nomogram')!;
    assert.ok(nom.train.auc >= 0.5 && nom.train.auc <= 1);

    // outputs written whole, extraction cached for the next run
    assert.deepEqual(readdirSync(join(dir, 'out')).sort(), ['cache', 'model.json', 'predictions.csv', 'results.json']);
    const again = await runStudy(loadStudy(join(dir, 'study.yaml')), { outDir: join(dir, 'out2'), cacheDir: join(dir, 'out', 'cache'), backend: singleCaseBackend });
    assert.equal(again.resultsText, out.resultsText, 'a rerun from the cache writes the same bytes');

    // predict from the images of four patients reproduces the study's nomogram for them
    const model = readModelFile(join(dir, 'out', 'model.json'));
    const four = ['D001', 'D002', 'D003', 'D004'];
    const subset = (path: string, to: string) => {
      const lines = readFileSync(path, 'utf8').trim().split('\n');
      writeFileSync(to, [lines[0], ...lines.slice(1).filter((l) => four.includes(l.split(',')[0]))].join('\n') + '\n');
      return to;
    };
    const p = await predict(model, {
      clinical: subset(files.clinical, join(dir, 'new-clinical.csv')),
      images: subset(files.manifest, join(dir, 'new-manifest.csv')),
      backend: singleCaseBackend,
    });
    const studyPred = parseCsv(out.predictionsCsv, 'predictions.csv');
    const ours = parseCsv(p.csv, 'predict');
    assert.deepEqual(stringColumn(ours, 'id'), four);
    const close = (a: Float64Array, b: Float64Array, what: string) =>
      a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) <= 1e-9 * Math.max(1, Math.abs(b[i])), `${what} ${i}: ${v} vs ${b[i]}`));
    const first4 = (a: Float64Array) => a.subarray(0, 4);
    close(numericColumn(ours, 'p_nomogram'), first4(numericColumn(studyPred, 'p_nomogram')), 'p_nomogram');
    close(numericColumn(ours, 'nomogram_points'), first4(numericColumn(studyPred, 'nomogram_points')), 'points');
    close(numericColumn(ours, `radscore_${model.radiomics.model}`), first4(numericColumn(studyPred, `radscore_${model.radiomics.model}`)), 'radscore');
    t.diagnostic(`best model ${r.best_model.model}; nomogram AUC ${nom.train.auc.toFixed(3)} / ${nom.validation.auc.toFixed(3)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('batch extraction (worker threads, correctMask) gives the single-case features, masks mapped across grids', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'radnomo-images-batch-'));
  try {
    await writeDemoCohort(dir, { seed: 4, size: { patients: 2, events: 1 }, secondReader: 0 });
    writeFileSync(join(dir, 'params.yaml'), PARAMS);
    const params = loadParams({ params: 'params.yaml' }, (p) => join(dir, p));
    const cases = ['D001', 'D002'].map((id) => ({ id, image: join(dir, 'images', id, 't1.nii'), mask: join(dir, 'masks', id, 't2_reader1.nii') }));
    const opts = { cacheDir: null, version: 'test', key: 't1' };
    const [a, b] = [await singleCaseBackend.extract(cases, params, opts), await batchBackend.extract(cases, params, { ...opts, jobs: 1 })];
    assert.deepEqual(a.failures, []);
    assert.deepEqual(b.failures, []);
    for (const id of ['D001', 'D002']) assert.deepEqual([...b.rows.get(id)!], [...a.rows.get(id)!], id);
    assert.equal(a.rows.get('D001')!.size, 13);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
