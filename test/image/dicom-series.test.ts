/**
 * DICOM series: the real MRI of test/fixtures/mri/STS_001 read from its DICOM folder agrees with
 * the NIfTI of the same scan; folders with several series, a missing slice, repeated positions or
 * no images give errors that name the folder, the files and what to do.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImageReadError } from '../../src/image/errors.js';
import { listDicomSeries } from '../../src/image/dicom-series.js';
import { readVolume } from '../../src/image/read.js';
import { tempFolder } from './craft.js';

const sts = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'mri', 'STS_001', 'MR_T1');
const dicomImages = join(sts, 'dicom', 'image');
const SERIES_UID = '1.3.6.1.4.1.14519.5.2.1.5168.1900.251522783846522173126679797698';
const DESCRIPTION = 'IBSI_1_STS_001_MR_T1_image';

/** Copies DICOM files, replacing equal-length byte strings (a UID digit, a description word). */
function copyPatched(from: string, to: string, replace: [string, string][] = []): void {
  let bytes = readFileSync(from);
  for (const [a, b] of replace) {
    assert.equal(a.length, b.length);
    const i = bytes.indexOf(a, 0, 'latin1');
    assert.ok(i >= 0, `${a} in ${from}`);
    bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(b, 'latin1'), bytes.subarray(i + a.length)]);
  }
  writeFileSync(to, bytes);
}

const files = readdirSync(dicomImages).filter((f) => f.endsWith('.dcm')).sort();

test('STS_001: the DICOM series reads as its NIfTI (size, spacing, origin, direction, every voxel)', async () => {
  const dicom = await readVolume(dicomImages);
  const nifti = await readVolume(join(sts, 'nifti', 'image', 'image.nii.gz'));
  assert.deepEqual(dicom.size, [174, 158, 59]);
  assert.deepEqual(dicom.size, nifti.size);
  for (let a = 0; a < 3; a++) {
    assert.ok(Math.abs(dicom.spacing[a] - nifti.spacing[a]) <= 1e-4, `spacing ${a}: ${dicom.spacing[a]} vs ${nifti.spacing[a]}`);
    assert.ok(Math.abs(dicom.origin[a] - nifti.origin[a]) <= 1e-3, `origin ${a}: ${dicom.origin[a]} vs ${nifti.origin[a]}`);
  }
  for (let i = 0; i < 9; i++) assert.ok(Math.abs(dicom.direction[i] - nifti.direction[i]) <= 1e-6, `direction ${i}`);
  assert.equal(dicom.data.length, nifti.data.length);
  let differ = 0;
  for (let i = 0; i < dicom.data.length; i++) if (dicom.data[i] !== nifti.data[i]) differ++;
  assert.equal(differ, 0);
});

test('one file of a series stands for its series; the folder above lists image and RTSTRUCT series', async () => {
  const fromFile = await readVolume(join(dicomImages, files[10]));
  assert.deepEqual(fromFile.size, [174, 158, 59]);
  const series = listDicomSeries(join(sts, 'dicom'));
  assert.deepEqual(series.map((s) => [s.kind, s.numberOfFiles, s.description]), [
    ['image', 59, DESCRIPTION],
    ['rtstruct', 1, 'IBSI_1_STS_001_MR_T1_mask'],
  ]);
});

test('a folder with two image series: ambiguous without a choice (both listed), read by UID or description', async () => {
  const t = tempFolder();
  try {
    const otherUid = SERIES_UID.slice(0, -1) + '9';
    for (const f of files) {
      copyFileSync(join(dicomImages, f), t.file(f));
      copyPatched(join(dicomImages, f), t.file(`b_${f}`), [[SERIES_UID, otherUid], [DESCRIPTION, 'IBSI_1_STS_001_MR_T1_other']]);
    }
    await assert.rejects(readVolume(t.dir), (e: unknown) => {
      assert.ok(e instanceof ImageReadError);
      assert.match(e.message, /holds 2 image series/);
      assert.ok(e.message.includes(SERIES_UID) && e.message.includes(otherUid), e.message);
      assert.match(e.message, /--series/);
      return true;
    });
    const byUid = await readVolume(t.dir, { series: otherUid });
    const byDescription = await readVolume(t.dir, { series: 'ibsi_1_sts_001_mr_t1_image' });
    assert.deepEqual(byUid.size, [174, 158, 59]);
    assert.deepEqual(Array.from(byUid.data), Array.from(byDescription.data));
    await assert.rejects(readVolume(t.dir, { series: 'T2' }), /no image series has the SeriesInstanceUID or description "T2"/);
  } finally {
    t.cleanup();
  }
});

test('a missing slice: the gap is named with its files and positions', async () => {
  const t = tempFolder();
  try {
    for (const f of files) if (f !== files[30]) copyFileSync(join(dicomImages, f), t.file(f));
    await assert.rejects(readVolume(t.dir), (e: unknown) => {
      assert.ok(e instanceof ImageReadError);
      assert.equal(e.file, t.dir);
      assert.match(e.message, /uneven slice spacing: from \S+ \(at [-\d.]+ mm\) to \S+ \(at [-\d.]+ mm\) the step is 6\.540 mm, elsewhere 3\.270 mm: about 1 slice missing/);
      assert.ok(e.message.includes(files[29]) || e.message.includes(files[31]), e.message);
      return true;
    });
  } finally {
    t.cleanup();
  }
});

test('two files at one position (repeated acquisition under one series UID) are refused', async () => {
  const t = tempFolder();
  try {
    for (const f of files) copyFileSync(join(dicomImages, f), t.file(f));
    copyFileSync(join(dicomImages, files[5]), t.file('repeat.dcm'));
    await assert.rejects(readVolume(t.dir), /2 files lie at the same slice position .*several volumes/);
  } finally {
    t.cleanup();
  }
});

test('folders without DICOM images: empty, other files only, an RTSTRUCT only', async () => {
  const t = tempFolder();
  try {
    mkdirSync(t.file('empty'));
    await assert.rejects(readVolume(t.file('empty')), /the folder is empty/);
    mkdirSync(t.file('text'));
    writeFileSync(t.file('text/notes.txt'), 'not an image');
    await assert.rejects(readVolume(t.file('text')), /holds no DICOM files \(1 other file, e\.g\. notes\.txt\)/);
    mkdirSync(t.file('rs'));
    copyFileSync(join(sts, 'dicom', 'mask', 'RS.dcm'), t.file('rs/RS.dcm'));
    await assert.rejects(readVolume(t.file('rs')), (e: unknown) => {
      assert.ok(e instanceof ImageReadError);
      assert.match(e.message, /holds no DICOM image series, only: RTSTRUCT/);
      assert.match(e.advice, /--reference/);
      return true;
    });
  } finally {
    t.cleanup();
  }
});
