/**
 * The demo end to end at a reduced size (48 patients, a light params file: the Original image's
 * features on the largest slice), then its report; the cohort generator's determinism; the
 * demo's NIfTI writer read back by readVolume (ITK).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo } from '../../src/demo/run.js';
import { singleCaseBackend } from '../../src/study/images.js';
import { writeDemoCohort } from '../../src/demo/cohort.js';
import { niftiBytes, rotationToQuaternion, writeNifti } from '../../src/demo/nifti.js';
import { demoParamsText } from '../../src/demo/study-file.js';
import { readVolume } from '../../src/image/read.js';
import type { Volume } from '../../src/image/volume.js';

const LIGHT_PARAMS = `imageType:
  Original: {}
featureClass:
  shape:
  firstorder:
  glcm:
  glrlm:
  glszm:
  gldm:
  ngtdm:
setting:
  largestSlice: true
  normalize: true
  normalizeScale: 100
  resampledPixelSpacing: [1, 1, 1]
  interpolator: sitkBSpline
  binWidth: 5
  voxelArrayShift: 300
  label: 1
  correctMask: true
`;

function folderHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(e.name).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

test('radnomo demo at a reduced size: cohort, extraction, study and a report with every figure', async () => {
  const out = mkdtempSync(join(tmpdir(), 'radnomo-demo-'));
  try {
    const stages = new Set<string>();
    // in-process extraction: worker threads would each load the TypeScript sources under tsx
    const r = await runDemo({
      out, seed: 20240611, size: { patients: 48, events: 20 }, secondReader: 6, bootstrap: 20, png: false, paramsText: LIGHT_PARAMS,
      backend: singleCaseBackend, onProgress: (s) => stages.add(s),
    });
    assert.deepEqual([...stages], ['cohort', 'study', 'report']);
    const results = JSON.parse(readFileSync(join(r.resultsDir, 'results.json'), 'utf8'));
    assert.equal(results.cohort.n, 48);
    assert.equal(results.cohort.events, 20);
    assert.deepEqual(results.study.sequences.map((s: { name: string }) => s.name), ['t1', 't2', 'ap', 'pvp', 'dp']);
    assert.ok(results.study.sequences.every((s: { second_reader: boolean; n_features: number }) => s.second_reader && s.n_features === 107));
    assert.equal(results.performance.length, 9, 'seven radiomics models, clinical, nomogram');
    const html = readFileSync(r.report, 'utf8');
    assert.match(html, /Synthetic data/);
    for (const kind of ['coefficients', 'nomogram', 'roc', 'calibration', 'dca']) assert.match(html, new RegExp(`data-figure="${kind}"`));
    for (const f of ['figure3-nomogram.svg', 'figure4-roc.svg', 'figure5-calibration.svg', 'figure6-dca.svg']) assert.ok(existsSync(join(r.resultsDir, 'report', 'figures', f)));
    assert.match(readFileSync(r.studyFile, 'utf8'), /observer2: \{ manifest: cohort\/manifest_reader2.csv \}/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('demo cohort: same seed, same bytes; another seed, other bytes', async () => {
  const root = mkdtempSync(join(tmpdir(), 'radnomo-cohort-'));
  try {
    const size = { patients: 4, events: 2 };
    await writeDemoCohort(join(root, 'a'), { seed: 7, size, secondReader: 2 });
    await writeDemoCohort(join(root, 'b'), { seed: 7, size, secondReader: 2 });
    await writeDemoCohort(join(root, 'c'), { seed: 8, size, secondReader: 2 });
    assert.equal(folderHash(join(root, 'a')), folderHash(join(root, 'b')));
    assert.notEqual(folderHash(join(root, 'a')), folderHash(join(root, 'c')));
    const reader2 = readFileSync(join(root, 'a', 'manifest_reader2.csv'), 'utf8').trim().split('\n');
    assert.equal(reader2.length, 1 + 2 * 5);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('demo NIfTI writer: readVolume reads back voxels, spacing, origin and direction', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'radnomo-nii-'));
  try {
    const size: [number, number, number] = [5, 4, 3];
    const data = new Int16Array(60).map((_, i) => i * 37 - 900);
    // an oblique direction (rotation about z by 30°), LPS as ITK holds it
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    const v: Volume<Int16Array> = { size, spacing: [0.75, 1.25, 5], origin: [-10.5, 20.25, -3], direction: Float64Array.from([c, -s, 0, s, c, 0, 0, 0, 1]), pixelType: 'int16', data };
    for (const name of ['x.nii', 'x.nii.gz']) {
      writeNifti(v, join(dir, name));
      const r = await readVolume(join(dir, name));
      assert.equal(r.pixelType, 'int16');
      assert.deepEqual(r.size, size);
      assert.deepEqual(Array.from(r.data), Array.from(data));
      r.spacing.forEach((x, i) => assert.ok(Math.abs(x - v.spacing[i]) < 1e-6));
      r.origin.forEach((x, i) => assert.ok(Math.abs(x - v.origin[i]) < 1e-5));
      Array.from(r.direction).forEach((x, i) => assert.ok(Math.abs(x - v.direction[i]) < 1e-6, `direction[${i}] ${x}`));
    }
    const mask: Volume<Uint8Array> = { ...v, data: new Uint8Array(60).fill(1), pixelType: 'uint8' };
    assert.equal(niftiBytes(mask).length, 352 + 60);
    // identity LPS is a 180° turn about z in RAS: quaternion (0, 0, 1)
    assert.deepEqual(rotationToQuaternion([-1, 0, 0, 0, -1, 0, 0, 0, 1]), { b: 0, c: 0, d: 1, qfac: 1 });
    assert.throws(() => niftiBytes({ ...v, pixelType: 'float32', data: new Float32Array(60) }), /not supported/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('demo params: the ak1316 preset with largestSlice', () => {
  const t = demoParamsText();
  assert.match(t, /setting:\n  largestSlice: true\n  normalize: true/);
  assert.match(t, /LBP3D/);
});
