/**
 * The same small volume stored every way radnomo reads it (NRRD attached raw and gzip, detached
 * .nhdr with raw and gzip data, NIfTI-1 .nii and .nii.gz, NIfTI-2) reads to the same voxels and
 * geometry; every pixel type survives a write and a read in NRRD and NIfTI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { ImageReadError } from '../../src/image/errors.js';
import { readVolume } from '../../src/image/read.js';
import { writeVolume } from '../../src/image/write.js';
import { allocate, type PixelType, type Volume } from '../../src/image/volume.js';
import { NIFTI_TYPE, niftiBytes, nrrdBytes, tempFolder, writeBytes } from './craft.js';

const size = [5, 4, 3];
const spacing = [0.5, 0.75, 2];
const origin = [-10, 20, 5]; // LPS
const data = Int16Array.from({ length: 60 }, (_, i) => i * 37 - 900);

function nrrdSpec(encoding: 'raw' | 'gzip', dataFile?: string) {
  return {
    type: 'short', sizes: size, spaceDirections: [[spacing[0], 0, 0], [0, spacing[1], 0], [0, 0, spacing[2]]], origin, data, encoding, dataFile,
  };
}

function nifti(version: 1 | 2): Uint8Array {
  // sform in RAS: x and y flipped relative to LPS
  const sform = [-spacing[0], 0, 0, -origin[0], 0, -spacing[1], 0, -origin[1], 0, 0, spacing[2], origin[2]];
  return niftiBytes({ version, dims: size, datatype: NIFTI_TYPE.int16, bitpix: 16, pixdim: [1, ...spacing, 1, 1, 1, 1], sform, data });
}

test('NRRD (raw, gzip, detached raw, detached gzip), NIfTI-1 (.nii, .nii.gz) and NIfTI-2 read alike', async () => {
  const t = tempFolder();
  try {
    const paths: string[] = [];
    paths.push(writeBytes(t.file('raw.nrrd'), nrrdBytes(nrrdSpec('raw')).header));
    paths.push(writeBytes(t.file('gzip.nrrd'), nrrdBytes(nrrdSpec('gzip')).header));
    for (const enc of ['raw', 'gzip'] as const) {
      const name = enc === 'raw' ? 'detached.raw' : 'detached.raw.gz';
      const parts = nrrdBytes(nrrdSpec(enc, name));
      writeBytes(t.file(name), parts.data);
      paths.push(writeBytes(t.file(`detached-${enc}.nhdr`), parts.header));
    }
    paths.push(writeBytes(t.file('v1.nii'), nifti(1)));
    paths.push(writeBytes(t.file('v1.nii.gz'), new Uint8Array(gzipSync(nifti(1)))));
    paths.push(writeBytes(t.file('v2.nii'), nifti(2)));
    paths.push(writeBytes(t.file('v2.nii.gz'), new Uint8Array(gzipSync(nifti(2)))));
    for (const p of paths) {
      const v = await readVolume(p);
      assert.equal(v.pixelType, 'int16', p);
      assert.deepEqual(v.size, size, p);
      assert.deepEqual(v.spacing, spacing, p);
      assert.deepEqual(v.origin, origin, p);
      assert.deepEqual(Array.from(v.direction), [1, 0, 0, 0, 1, 0, 0, 0, 1], p);
      assert.deepEqual(Array.from(v.data), Array.from(data), p);
    }
  } finally {
    t.cleanup();
  }
});

test('a detached .nhdr whose data file is missing names the header and says what to do', async () => {
  const t = tempFolder();
  try {
    const path = writeBytes(t.file('lost.nhdr'), nrrdBytes(nrrdSpec('raw', 'lost.raw')).header);
    await assert.rejects(readVolume(path), (e: unknown) => e instanceof ImageReadError && e.file === path && /could not be read as an image/.test(e.message));
  } finally {
    t.cleanup();
  }
});

test('every pixel type survives writing and reading NRRD and NIfTI', async () => {
  const t = tempFolder();
  try {
    const types: PixelType[] = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'float64'];
    for (const pixelType of types) {
      const values = allocate(pixelType, 60);
      for (let i = 0; i < 60; i++) values[i] = pixelType.startsWith('float') ? i / 7 - 3 : pixelType.startsWith('u') ? i * 3 : i * 3 - 90;
      const v: Volume = { data: values, size: [5, 4, 3], spacing: [1, 2, 3], origin: [4, 5, 6], direction: Float64Array.from([0, 1, 0, -1, 0, 0, 0, 0, 1]), pixelType };
      for (const ext of ['nrrd', 'nii.gz']) {
        const path = t.file(`${pixelType}.${ext}`);
        await writeVolume(v, path);
        const back = await readVolume(path);
        assert.equal(back.pixelType, pixelType, path);
        assert.deepEqual(Array.from(back.data), Array.from(values), path);
        assert.deepEqual(Array.from(back.direction), Array.from(v.direction), path);
        assert.deepEqual(back.spacing, v.spacing, path);
      }
    }
  } finally {
    t.cleanup();
  }
});
