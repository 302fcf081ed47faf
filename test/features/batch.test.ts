/**
 * Batch extraction end to end, on a 40-case manifest built in a temporary folder (small synthetic
 * volumes written with src/image/write.ts, 3 of them corrupt: a truncated image, a missing image,
 * a mask without the label): 37 rows and 3 listed failures, the same bytes with 1 or 2 workers, a
 * Ctrl-C'd CLI run resumed to the same bytes as an uninterrupted run, shards merged to the same
 * bytes, a changed file extracted again, and one small ak1316 batch equal to direct extraction.
 */
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeVolume } from '../../src/image/write.js';
import type { Volume } from '../../src/image/volume.js';
import { createRng } from '../../src/stats/random.js';
import { readManifest } from '../../src/features/manifest.js';
import { extractBatch, extractCases, writeBatchResult, type BatchResult } from '../../src/features/batch.js';
import { mergeBatchFiles } from '../../src/features/batch-merge.js';
import { batchTableCsv, parseBatchTable } from '../../src/features/batch-table.js';
import { extractFiles } from '../../src/features/extractor.js';
import { parseParams, readParamsFile, type ExtractionParams } from '../../src/features/params.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'pyradiomics');

const LIGHT_YAML = 'imageType:\n  Original: {}\nfeatureClass:\n  shape:\n  firstorder:\n  glcm:\nsetting:\n  binWidth: 10\n';
const light: ExtractionParams = parseParams(LIGHT_YAML, 'light.yaml');

let dir: string;
let manifestPath: string;
let lightPath: string;
/** The uninterrupted two-worker run: the reference every other run is compared with. */
let reference: { result: BatchResult; csv: string; errors: string };

const SIZE: [number, number, number] = [20, 20, 6];
const CORRUPT = { truncated: 7, missing: 19, noLabel: 31 };

function grid<T extends Volume['data']>(data: T, pixelType: Volume['pixelType']): Volume<T> {
  return { data, size: [...SIZE], spacing: [1, 1, 2], origin: [0, 0, 0], direction: Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]), pixelType };
}

function image(seed: number): Volume {
  const rng = createRng(seed);
  const data = new Int16Array(SIZE[0] * SIZE[1] * SIZE[2]);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(200 * rng.unif()) + (i % SIZE[0]) * seed;
  return grid(data, 'int16');
}

/** A ball of `label` (radius r voxels in-plane, the slices at 2 mm) around (cx, cy, cz). */
function mask(cx: number, cy: number, cz: number, r: number, label: number): Volume {
  const data = new Uint8Array(SIZE[0] * SIZE[1] * SIZE[2]);
  for (let z = 0; z < SIZE[2]; z++) {
    for (let y = 0; y < SIZE[1]; y++) {
      for (let x = 0; x < SIZE[0]; x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 + (2 * (z - cz)) ** 2 <= r * r) data[x + SIZE[0] * (y + SIZE[1] * z)] = label;
      }
    }
  }
  return grid(data, 'uint8');
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'radnomo-batch-'));
  mkdirSync(join(dir, 'images'));
  mkdirSync(join(dir, 'masks'));
  for (let k = 0; k < 8; k++) await writeVolume(image(k + 1), join(dir, 'images', `img${k}.nii`));
  for (let k = 0; k < 4; k++) await writeVolume(mask(7 + k, 9 + (k % 2), 2 + (k % 2), 4 + k, 1), join(dir, 'masks', `m${k}.nii`));
  await writeVolume(mask(10, 10, 3, 5, 2), join(dir, 'masks', 'two.nii'));
  copyFileSync(join(dir, 'images', 'img0.nii'), join(dir, 'images', 'cut.nii'));
  truncateSync(join(dir, 'images', 'cut.nii'), Math.floor(statSync(join(dir, 'images', 'cut.nii')).size / 2));

  const lines = ['patient,Image,Mask,Label,note'];
  for (let r = 1; r <= 40; r++) {
    let img = `images/img${(r * 3) % 8}.nii`;
    let msk = `masks/m${r % 4}.nii`;
    let label = '';
    if (r % 10 === 5) {
      msk = 'masks/two.nii';
      label = '2';
    }
    if (r === CORRUPT.truncated) img = 'images/cut.nii';
    if (r === CORRUPT.missing) img = 'images/not-there.nii';
    if (r === CORRUPT.noLabel) label = '3'; // masks/m3.nii holds label 1 only
    if (r % 9 === 0) img = join(dir, img); // an absolute path among the relative ones
    const note = r % 6 === 0 ? '"left, upper"' : `n${r}`;
    lines.push(`P${String(r).padStart(3, '0')},${img},${msk},${label},${note}`);
  }
  manifestPath = join(dir, 'manifest.csv');
  writeFileSync(manifestPath, lines.join('\n') + '\n');
  lightPath = join(dir, 'light.yaml');
  writeFileSync(lightPath, LIGHT_YAML);

  const result = await extractBatch(readManifest(manifestPath), light, { jobs: 2 });
  const out = join(dir, 'reference.csv');
  writeBatchResult(out, result);
  reference = { result, csv: readFileSync(out, 'utf8'), errors: readFileSync(`${out}.errors.csv`, 'utf8') };
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('40 cases, 3 corrupt: 37 rows in manifest order, 3 failures naming the row, case and file', () => {
  const { result } = reference;
  assert.equal(result.total, 40);
  assert.equal(result.extracted, 37);
  assert.equal(result.failed, 3);
  assert.equal(result.aborted, false);
  const rows = result.table.rows.map((r) => r.row);
  assert.deepEqual(rows, Array.from({ length: 40 }, (_, i) => i + 1).filter((r) => !Object.values(CORRUPT).includes(r)));
  assert.deepEqual(result.errors.map((e) => e.row), [CORRUPT.truncated, CORRUPT.missing, CORRUPT.noLabel]);
  const [truncated, missing, noLabel] = result.errors;
  assert.equal(truncated.case, 'P007/n7');
  assert.match(truncated.file, /images\/cut\.nii$/);
  assert.match(truncated.message, /cut\.nii/);
  assert.match(missing.file, /images\/not-there\.nii$/);
  assert.match(missing.message, /no such file/);
  assert.match(noLabel.file, /masks\/m3\.nii$/);
  assert.match(noLabel.message, /label 3/);

  // The output: manifest columns as written, batch columns, then diagnostics and features.
  const table = parseBatchTable(reference.csv, 'reference.csv');
  assert.deepEqual(table.manifestColumns, ['patient', 'Image', 'Mask', 'Label', 'note']);
  assert.equal(table.rows.length, 37);
  const r6 = table.rows.find((r) => r.row === 6)!;
  assert.deepEqual(r6.cells, ['P006', 'images/img2.nii', 'masks/m2.nii', '', 'left, upper']);
  const header = reference.csv.slice(0, reference.csv.indexOf('\n')).split(',');
  assert.deepEqual(header.slice(0, 10), [
    'patient', 'Image', 'Mask', 'Label', 'note', 'diagnostics_Batch_Row', 'diagnostics_Batch_SettingsHash',
    'diagnostics_Batch_Settings', 'diagnostics_Batch_ImageHash', 'diagnostics_Batch_MaskHash',
  ]);
  assert.ok(header.includes('original_glcm_Contrast') && header.includes('original_shape_Sphericity'));
  const text = batchTableCsv(table);
  assert.equal(text, reference.csv, 'the output reads back and writes again to the same bytes');
});

test('each row holds exactly what extracting its case alone gives (Label column, shared masks, relative paths)', async () => {
  for (const row of [5, 9, 12]) { // Label 2 on masks/two.nii; an absolute image path; mask m0 shared with other rows
    const c = readManifest(manifestPath).rows[row - 1];
    const alone = await extractFiles(c.image, c.mask, {
      params: light, overrides: c.label === undefined ? [] : [{ key: 'label', value: c.label, raw: c.label }],
    });
    const inBatch = reference.result.table.rows.find((r) => r.row === row)!.values;
    assert.deepEqual([...inBatch.keys()], [...alone.row.keys()]);
    for (const [k, v] of alone.row) assert.ok(Object.is(inBatch.get(k), v), `row ${row} ${k}: ${inBatch.get(k)} vs ${v}`);
  }
  const labelled = reference.result.table.rows.find((r) => r.row === 5)!.values;
  assert.match(String(labelled.get('diagnostics_Configuration_Settings')), /'label': 2/);
});

test('one worker gives the same bytes as two', async () => {
  const result = await extractBatch(readManifest(manifestPath), light, { jobs: 1 });
  const out = join(dir, 'one-job.csv');
  writeBatchResult(out, result);
  assert.equal(readFileSync(out, 'utf8'), reference.csv);
  assert.equal(readFileSync(`${out}.errors.csv`, 'utf8'), reference.errors);
});

/** Run the CLI; `interruptAfter` progress lines, send SIGINT. */
function runCli(args: string[], interruptAfter?: number): Promise<{ code: number | null; stderr: string; progressLines: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), ...args], { cwd: root });
    let stderr = '';
    let progressLines = 0;
    let sent = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      progressLines = stderr.split('\n').filter((l) => /^radnomo extract: \[\d+\/\d+\]/.test(l)).length;
      if (interruptAfter !== undefined && !sent && progressLines >= interruptAfter) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.on('close', (code) => resolve({ code, stderr, progressLines }));
  });
}

test('CLI: Ctrl-C keeps the finished rows and says how to resume; the rerun gives the uninterrupted bytes', async () => {
  const out = join(dir, 'cli.csv');
  const args = ['extract', '--batch', manifestPath, '--out', out, '--params', lightPath, '--jobs', '2'];
  const first = await runCli(args, 6);
  assert.equal(first.code, 130, first.stderr);
  assert.match(first.stderr, /interrupted after \d+ of 40 cases/);
  assert.match(first.stderr, /Run the same command again to resume/);
  const partial = parseBatchTable(readFileSync(out, 'utf8'), out);
  assert.ok(partial.rows.length >= 4 && partial.rows.length < 37, `${partial.rows.length} rows kept`);
  const byRow = new Map(reference.result.table.rows.map((r) => [r.row, r]));
  for (const r of partial.rows) assert.deepEqual(r.values, byRow.get(r.row)!.values);

  const second = await runCli(args);
  assert.equal(second.code, 1, second.stderr);
  assert.match(second.stderr, new RegExp(`reused from the previous .*cli\\.csv, 3 failed`));
  assert.match(second.stderr, /cli\.csv\.errors\.csv/);
  const reusedLines = second.stderr.split('\n').filter((l) => /: reused in /.test(l)).length;
  assert.equal(reusedLines, partial.rows.length);
  assert.equal(readFileSync(out, 'utf8'), reference.csv);
  assert.equal(readFileSync(`${out}.errors.csv`, 'utf8'), reference.errors);
});

test('shards merge to the bytes of the unsharded run, in any order of the parts', async () => {
  const manifest = readManifest(manifestPath);
  const parts = await Promise.all([1, 2].map(async (index) => {
    const result = await extractBatch(manifest, light, { jobs: 1, shard: { index, count: 2 } });
    assert.equal(result.total, 20);
    const out = join(dir, `part${index}.csv`);
    writeBatchResult(out, result);
    return out;
  }));
  const merged = mergeBatchFiles([parts[1], parts[0]]);
  assert.equal(batchTableCsv(merged.table), reference.csv);
  assert.deepEqual(merged.errors, reference.result.errors);
  assert.deepEqual(merged.missingRows, []);
  assert.deepEqual(mergeBatchFiles([parts[0]]).missingRows, []);
});

test('a rerun extracts again only the case whose file changed', async () => {
  const out = join(dir, 'changed.csv');
  writeFileSync(out, reference.csv);
  // Row 1 uses images/img3.nii alone among the rows (rows 1, 9 (absolute path), 17, 25, 33 share it by content).
  const changed = join(dir, 'images', 'img3.nii');
  const before = readFileSync(changed);
  await writeVolume(image(99), changed);
  try {
    const users = readManifest(manifestPath).rows.filter((r) => r.image.endsWith('img3.nii') && !r.problem).map((r) => r.row);
    const result = await extractBatch(readManifest(manifestPath), light, { jobs: 2, resumeFrom: out });
    const expectedFresh = users.length + 3; // the changed image's cases, and the 3 failed ones are tried again
    assert.equal(result.extracted + result.failed, expectedFresh);
    assert.equal(result.reused, 37 - users.length);
    const row1 = result.table.rows.find((r) => r.row === users[0])!;
    const old1 = reference.result.table.rows.find((r) => r.row === users[0])!;
    assert.notEqual(row1.imageHash, old1.imageHash);
    assert.notEqual(row1.values.get('original_firstorder_Mean'), old1.values.get('original_firstorder_Mean'));
  } finally {
    writeFileSync(changed, before);
  }
});

test('other settings are not reused: every case is extracted again', async () => {
  const other = parseParams(LIGHT_YAML.replace('binWidth: 10', 'binWidth: 20'), 'other.yaml');
  const manifest = readManifest(manifestPath);
  const result = await extractBatch({ ...manifest, rows: manifest.rows.slice(0, 3) }, other, {
    jobs: 1, resumeFrom: parseBatchTable(reference.csv, 'reference.csv'),
  });
  assert.equal(result.reused, 0);
  assert.equal(result.extracted, 3);
  assert.deepEqual(result.previous, { rows: 37, otherSettings: 3, notInRun: 34 });
});

test('extractCases: features per id for the study, failures with their reason', async () => {
  const rows = readManifest(manifestPath).rows;
  const cases = [rows[0], rows[CORRUPT.missing - 1], rows[1]].map((r, i) => ({ id: `id${i}`, image: r.image, mask: r.mask }));
  const out = await extractCases(cases, light, { jobs: 1 });
  assert.deepEqual([...out.rows.keys()], ['id0', 'id2']);
  const features = out.rows.get('id0')!;
  assert.ok([...features.keys()].every((k) => !k.startsWith('diagnostics_')));
  assert.equal(features.get('original_glcm_Contrast'), reference.result.table.rows[0].values.get('original_glcm_Contrast'));
  assert.deepEqual(out.failures.map((f) => f.id), ['id1']);
  assert.match(out.failures[0].reason, /not-there\.nii: no such file/);
});

test('ak1316 in a batch: 1316 features per case, equal to extracting each case alone', async () => {
  const cases = [
    ['breast1', join(fixtures, 'data', 'breast1_image.nrrd'), join(fixtures, 'data', 'breast1_label.nrrd')],
    ['brain1_maxslice', join(fixtures, 'data', 'brain1_image.nrrd'), join(fixtures, 'masks', 'brain1_maxslice_mask.nrrd')],
  ];
  const path = join(dir, 'ak.csv');
  writeFileSync(path, `case,Image,Mask\n${cases.map((c) => c.join(',')).join('\n')}\n`);
  const params = readParamsFile(join(fixtures, 'ak1316.yaml'));
  const result = await extractBatch(readManifest(path), params, { jobs: 2, timings: true });
  assert.equal(result.failed, 0, JSON.stringify(result.errors));
  for (let i = 0; i < cases.length; i++) {
    const values = result.table.rows[i].values;
    assert.equal([...values.keys()].filter((k) => !k.startsWith('diagnostics_')).length, 1316);
    const alone = await extractFiles(cases[i][1], cases[i][2], { params });
    for (const [k, v] of alone.row) assert.ok(Object.is(values.get(k), v), `${cases[i][0]} ${k}: ${values.get(k)} vs ${v}`);
  }
  assert.ok(result.timings.every((t) => t.steps.some(([step]) => step === 'glcm')), 'per-step timings are kept');
});
