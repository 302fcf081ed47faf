/**
 * `radnomo info` and `radnomo convert`: the JSON fields, the readable summary, help, conversion
 * of an RTSTRUCT onto its image and of NRRD <-> NIfTI, byte-identical repeated writes, and the
 * real entry point's exit status (one child process each way).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProgram } from '../../src/cli/main.js';
import { readVolume } from '../../src/image/read.js';
import { runCli } from './cli-harness.js';
import { tempFolder } from './craft.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'fixtures');
const brain = join(fixtures, 'pyradiomics', 'data', 'brain1_image.nrrd');
const brainLabel = join(fixtures, 'pyradiomics', 'data', 'brain1_label.nrrd');
const sts = join(fixtures, 'mri', 'STS_001', 'MR_T1');

test('the entry point: info --json prints one object and exits 0; a failure exits 1 with the message on stderr', () => {
  const main = join(here, '..', '..', 'src', 'cli', 'main.ts');
  const ok = spawnSync(process.execPath, ['--import', 'tsx', main, 'info', '--json', brainLabel], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  const d = JSON.parse(ok.stdout);
  assert.deepEqual(d.size, [256, 256, 25]);
  assert.deepEqual(d.spacing, [0.7812499999999999, 0.7812499999999999, 6.499999999999998]);
  assert.deepEqual(d.direction, [1, 0, 0, 0, -1, 0, 0, 0, 1]);
  assert.equal(d.pixelType, 'int32');
  assert.equal(d.hash, '9dc2c3137b31fd872997d92c9a92d5178126d9d3');
  assert.deepEqual(d.labels, { 0: 256 * 256 * 25 - 4137, 1: 4137 });
  assert.deepEqual([d.min, d.max], [0, 1]);
  const bad = spawnSync(process.execPath, ['--import', 'tsx', main, 'info', join(fixtures, 'missing.nrrd')], { encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^radnomo: .*missing\.nrrd: no such file or folder/);
});

test('info: readable summary of an image, and of a DICOM folder (its series, the image described)', async () => {
  const r = await runCli('info', brain);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /size {7}256 x 256 x 25 voxels/);
  assert.match(r.stdout, /pixel type int16/);
  assert.match(r.stdout, /values {5}min 0, max 3057, mean 385\.65641/);
  assert.match(r.stdout, /hash {7}5c9ce3ca174f0f8324aa4d277e0fef82dc5ac566/);
  const folder = await runCli('info', '--json', join(sts, 'dicom'));
  assert.equal(folder.status, 0, folder.stderr);
  const d = JSON.parse(folder.stdout);
  assert.deepEqual(d.series.map((s: { modality: string; numberOfFiles: number }) => [s.modality, s.numberOfFiles]), [['MR', 59], ['RTSTRUCT', 1]]);
  assert.deepEqual(d.size, [174, 158, 59]);
  assert.equal(d.series[0].uid, d.seriesUid);
  const rs = await runCli('info', '--json', join(sts, 'dicom', 'mask', 'RS.dcm'));
  assert.deepEqual(JSON.parse(rs.stdout).rois, [{ number: 1, name: 'GTV_Mass_MR_T1', contours: 32 }]);
});

test('--help lists info and convert with their options', () => {
  const program = buildProgram();
  assert.match(program.helpInformation(), /info \[options\] <path>[\s\S]*convert \[options\] <input> <output>/);
  const help = (name: string): string => program.commands.find((c) => c.name() === name)!.helpInformation();
  for (const option of ['--reference', '--roi', '--label', '--series', '--volume']) assert.ok(help('convert').includes(option), option);
  for (const option of ['--json', '--series', '--roi', '--label', '--volume']) assert.ok(help('info').includes(option), option);
});

test('convert: RTSTRUCT onto its DICOM series as NIfTI; NRRD to NIfTI and back keeps voxels and geometry; repeated writes are identical', async () => {
  const t = tempFolder();
  try {
    const r = await runCli('convert', join(sts, 'dicom', 'mask', 'RS.dcm'), t.file('gtv.nii.gz'), '--reference', join(sts, 'dicom', 'image'), '--roi', 'GTV_Mass_MR_T1');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /wrote .*gtv\.nii\.gz \(174x158x59 uint8/);
    const info = JSON.parse((await runCli('info', '--json', t.file('gtv.nii.gz'))).stdout);
    assert.deepEqual(info.labels, { 0: 174 * 158 * 59 - 117145, 1: 117145 });
    assert.equal(info.maskHash, 'cdc92e501d1fd9e03601bda42fb0c87fb4aadb20'); // PyRadiomics' mask hash of STS_001's mask (ak1316_3d.csv)

    assert.equal((await runCli('convert', brain, t.file('brain.nii.gz'))).status, 0);
    assert.equal((await runCli('convert', t.file('brain.nii.gz'), t.file('brain.nrrd'))).status, 0);
    const a = await readVolume(brain);
    const b = await readVolume(t.file('brain.nrrd'));
    assert.equal(b.pixelType, 'int16');
    assert.deepEqual(Array.from(b.data), Array.from(a.data));
    for (let i = 0; i < 3; i++) {
      assert.ok(Math.abs(a.spacing[i] - b.spacing[i]) < 1e-6 && Math.abs(a.origin[i] - b.origin[i]) < 1e-4);
    }
    assert.deepEqual(Array.from(b.direction), Array.from(a.direction));

    assert.equal((await runCli('convert', brain, t.file('again.nii.gz'))).status, 0);
    assert.deepEqual(readFileSync(t.file('again.nii.gz')), readFileSync(t.file('brain.nii.gz')));
    // no temporary file is left behind
    assert.deepEqual(readdirSync(t.dir).sort(), ['again.nii.gz', 'brain.nii.gz', 'brain.nrrd', 'gtv.nii.gz']);
  } finally {
    t.cleanup();
  }
});

test('convert --label keeps one label of a label image as a 0/1 mask; an absent label lists those present', async () => {
  const t = tempFolder();
  try {
    assert.equal((await runCli('convert', brainLabel, t.file('l1.nrrd'), '--label', '1')).status, 0);
    const m = await readVolume(t.file('l1.nrrd'));
    assert.equal(m.pixelType, 'uint8');
    assert.equal(Array.from(m.data as ArrayLike<number>).reduce((s, x) => s + x, 0), 4137);
    const r = await runCli('convert', brainLabel, t.file('l2.nrrd'), '--label', '2');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no voxel has label 2; the labels present are 1/);
    assert.deepEqual(readdirSync(t.dir), ['l1.nrrd']);
  } finally {
    t.cleanup();
  }
});
