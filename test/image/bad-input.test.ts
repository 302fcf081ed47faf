/**
 * Bad input, one test each: a clear ImageReadError naming the file and what to do, a non-zero
 * exit from the CLI, and no output file left behind. The broken inputs are made in a temporary
 * folder from the fixtures (truncated, overwritten) or written by hand (craft.ts).
 * (DICOM folders without images, with mixed series or a missing slice: dicom-series.test.ts;
 * an RTSTRUCT ROI that is not there: rtstruct.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImageReadError } from '../../src/image/errors.js';
import { describeImage } from '../../src/image/info.js';
import { readVolume } from '../../src/image/read.js';
import { runCli } from './cli-harness.js';
import { NIFTI_TYPE, niftiBytes, nrrdBytes, tempFolder, writeBytes } from './craft.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'fixtures');
const brain = join(fixtures, 'pyradiomics', 'data', 'brain1_image.nrrd');
const stsNifti = join(fixtures, 'mri', 'STS_001', 'MR_T1', 'nifti', 'image', 'image.nii.gz');
const cli = runCli;

/** Asserts an ImageReadError for `file` whose message matches `pattern`. */
async function rejectsFor(p: Promise<unknown>, file: string, pattern: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ImageReadError, String(e));
    assert.equal(e.file, file);
    assert.match(e.message, pattern);
    assert.ok(e.advice.length > 10, 'advice given');
    return true;
  });
}

const cube = (n: number): number[] => [n, n, n];

test('missing file: named, with what to check; CLI exits 1 and writes nothing', async () => {
  const t = tempFolder();
  try {
    const missing = t.file('nope.nii.gz');
    await rejectsFor(readVolume(missing), missing, /no such file or folder/);
    const r = await cli('convert', missing, t.file('out.nii.gz'));
    assert.equal(r.status, 1);
    assert.match(r.stderr, /nope\.nii\.gz: no such file or folder/);
    assert.deepEqual(readdirSync(t.dir), []);
  } finally {
    t.cleanup();
  }
});

test('truncated files: .nii.gz (gzip cut), .nii (voxels cut), .nrrd (gzip data cut); CLI exit 1, no output', async () => {
  const t = tempFolder();
  try {
    const gz = readFileSync(stsNifti);
    const niiGz = writeBytes(t.file('cut.nii.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    await rejectsFor(readVolume(niiGz), niiGz, /gzip stream is damaged or cut short/);
    const raw = niftiBytes({ dims: cube(8), datatype: NIFTI_TYPE.int16, bitpix: 16, data: new Int16Array(512) });
    const nii = writeBytes(t.file('cut.nii'), raw.subarray(0, 700));
    await rejectsFor(readVolume(nii), nii, /cut short: its header announces 512 voxels \(1376 bytes\) but it holds 700 bytes/);
    const nrrdFile = readFileSync(brain);
    const nrrd = writeBytes(t.file('cut.nrrd'), nrrdFile.subarray(0, Math.floor(nrrdFile.length * 0.6)));
    await rejectsFor(readVolume(nrrd), nrrd, /could not be read as an image .*damaged, cut short/);
    const garbage = writeBytes(t.file('garbage.nii.gz'), new TextEncoder().encode('not an image at all'));
    await rejectsFor(readVolume(garbage), garbage, /gzip stream is damaged|not a NIfTI file/);
    const r = await cli('convert', niiGz, t.file('out.nrrd'));
    assert.equal(r.status, 1);
    assert.match(r.stderr, /cut\.nii\.gz: the gzip stream is damaged or cut short/);
    assert.ok(!existsSync(t.file('out.nrrd')));
    assert.deepEqual(readdirSync(t.dir).filter((f) => f.startsWith('.') || f.startsWith('out')), []);
  } finally {
    t.cleanup();
  }
});

test('unsupported pixel types: RGB, complex, 64-bit integer (NIfTI-1 and NIfTI-2)', async () => {
  const t = tempFolder();
  try {
    const rgb = writeBytes(t.file('rgb.nii'), niftiBytes({ dims: cube(2), datatype: NIFTI_TYPE.rgb24, bitpix: 24, data: new Uint8Array(24) }));
    await rejectsFor(readVolume(rgb), rgb, /unsupported pixel type: RGB colour voxels/);
    const complex = writeBytes(t.file('complex.nii'), niftiBytes({ dims: cube(2), datatype: NIFTI_TYPE.complex64, bitpix: 64, data: new Float32Array(16) }));
    await rejectsFor(readVolume(complex), complex, /unsupported pixel type: complex voxels/);
    const int64 = writeBytes(t.file('int64.nii'), niftiBytes({ dims: cube(2), datatype: NIFTI_TYPE.int64, bitpix: 64, data: new BigInt64Array(8) }));
    await rejectsFor(readVolume(int64), int64, /unsupported pixel type int64/);
    const int64v2 = writeBytes(t.file('int64v2.nii'), niftiBytes({ version: 2, dims: cube(2), datatype: NIFTI_TYPE.int64, bitpix: 64, data: new BigInt64Array(8) }));
    await rejectsFor(readVolume(int64v2), int64v2, /unsupported pixel type: 64-bit integer/);
    const r = await cli('info', rgb);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /rgb\.nii: unsupported pixel type/);
  } finally {
    t.cleanup();
  }
});

test('a 4D image: refused without a volume choice (how many, and how to choose); read with volumeIndex / --volume', async () => {
  const t = tempFolder();
  try {
    const data = Int16Array.from({ length: 2 * 3 * 4 * 3 }, (_, i) => i);
    for (const version of [1, 2] as const) {
      const path = writeBytes(t.file(`series${version}.nii`), niftiBytes({ version, dims: [2, 3, 4, 3], datatype: NIFTI_TYPE.int16, bitpix: 16, pixdim: [1, 2, 2, 2, 1, 1, 1, 1], data }));
      await rejectsFor(readVolume(path), path, /a 4D image: 3 volumes of 2x3x4 voxels/);
      await assert.rejects(readVolume(path), /--volume N \(N from 0 to 2/);
      const second = await readVolume(path, { volumeIndex: 1 });
      assert.deepEqual(second.size, [2, 3, 4]);
      assert.deepEqual(Array.from(second.data), Array.from(data.subarray(24, 48)));
      await rejectsFor(readVolume(path, { volumeIndex: 3 }), path, /volume 3 does not exist/);
    }
    const r = await cli('convert', t.file('series1.nii'), t.file('out.nii.gz'));
    assert.equal(r.status, 1);
    assert.match(r.stderr, /a 4D image: 3 volumes/);
    assert.ok(!existsSync(t.file('out.nii.gz')));
    const ok = await cli('convert', t.file('series1.nii'), t.file('third.nrrd'), '--volume', '2');
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(Array.from((await readVolume(t.file('third.nrrd'))).data), Array.from(data.subarray(48, 72)));
  } finally {
    t.cleanup();
  }
});

test('NaN and Inf voxels: refused for features (how many, where), described by info (also in NIfTI, which ITK reads as 0)', async () => {
  const t = tempFolder();
  try {
    const data = Float32Array.from({ length: 27 }, (_, i) => i);
    data[4] = NaN;
    data[13] = Infinity;
    data[26] = -Infinity;
    const nii = writeBytes(t.file('nan.nii'), niftiBytes({ dims: cube(3), datatype: NIFTI_TYPE.float32, bitpix: 32, data }));
    const nrrd = writeBytes(t.file('nan.nrrd'), nrrdBytes({ type: 'float', sizes: cube(3), spaceDirections: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], origin: [0, 0, 0], data }).header);
    for (const path of [nii, nrrd]) {
      await rejectsFor(readVolume(path), path, /3 voxels are not a finite number \(1 NaN, 1 \+Inf, 1 -Inf\), at index \(i,j,k\) \(1,1,0\), \(1,1,1\), \(2,2,2\)/);
      const v = await readVolume(path, { allowNonFinite: true });
      assert.ok(Number.isNaN(v.data[4]) && v.data[13] === Infinity && v.data[26] === -Infinity);
      const d = await describeImage(path);
      assert.equal(d.nonFinite?.count, 3);
      assert.equal(d.min, 0);
      assert.equal(d.max, 25);
    }
    const r = await cli('info', '--json', nii);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).nonFinite.count, 3);
  } finally {
    t.cleanup();
  }
});

test('convert refuses an output format it does not write before reading anything', async () => {
  const t = tempFolder();
  try {
    const r = await cli('convert', brain, t.file('out.png'));
    assert.equal(r.status, 1);
    assert.match(r.stderr, /out\.png: radnomo writes NIfTI \(\.nii, \.nii\.gz\) and NRRD \(\.nrrd\) images only/);
    writeFileSync(t.file('keep.txt'), '');
    assert.deepEqual(readdirSync(t.dir), ['keep.txt']);
  } finally {
    t.cleanup();
  }
});
