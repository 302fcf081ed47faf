/**
 * Our NIfTI-1 writer against the one it stands in for in writeVolume, itk-wasm's (ITK 5.4.3
 * NiftiImageIO): for every axis-aligned direction (the 48 signed permutations) and every pixel
 * type, the file is ITK's byte for byte except the signs of zeros in the quaternion and sform,
 * and readVolume reads both files to the same voxels and geometry (our NIfTI reader, which
 * native-readers.test.ts holds to itk-wasm's bit for bit; itk-wasm's own for the .nii.gz case).
 * Oblique directions stay with ITK.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { writeImageNode } from '@itk-wasm/image-io';
import { itkImageFromVolume } from '../../src/image/itk-image.js';
import { quietItk } from '../../src/image/itk-quiet.js';
import { nifti1Bytes, writesAsItk } from '../../src/image/nifti1-write.js';
import { readVolume } from '../../src/image/read.js';
import { writeVolume } from '../../src/image/write.js';
import { allocate, type PixelType, type Vec3, type Volume } from '../../src/image/volume.js';

const PIXEL_TYPES: PixelType[] = ['float64', 'float32', 'int32', 'uint32', 'int16', 'uint16', 'int8', 'uint8'];
const SIZES: Vec3[] = [[5, 4, 3], [3, 4, 1], [1, 1, 1], [7, 1, 2]];
/** Header offsets of float fields (pixdim, quatern_*, qoffset_*, srow_*). */
const FLOAT_FIELDS = new Set([...Array.from({ length: 8 }, (_, i) => 76 + 4 * i), ...Array.from({ length: 18 }, (_, i) => 256 + 4 * i)]);

/** The 48 directions whose columns are signed unit axes, LPS as a Volume holds them. */
function signedPermutations(): Float64Array[] {
  const out: Float64Array[] = [];
  for (const p of [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]) {
    for (let signs = 0; signs < 8; signs++) {
      const d = new Float64Array(9);
      for (let c = 0; c < 3; c++) d[p[c] * 3 + c] = (signs >> c) & 1 ? -1 : 1;
      out.push(d);
    }
  }
  return out;
}

function volume(k: number, pixelType: PixelType, direction: Float64Array): Volume {
  const size = SIZES[k % SIZES.length];
  const n = size[0] * size[1] * size[2];
  const data = allocate(pixelType, n);
  for (let i = 0; i < n; i++) data[i] = pixelType.startsWith('float') ? (i * 7919 + k) * 0.37 - 900.125 : (i * 37 + k) % 120;
  // spacings that are not floats, origins with zeros (their negation is -0 in x and y) and negatives
  const spacing: Vec3 = [0.3 + 0.11 * (k % 7), 1.7 - 0.13 * (k % 5), 0.05 + 0.9 * (k % 9)];
  const origin: Vec3 = [k % 3 === 0 ? 0 : -123.456 + k, k % 4 === 0 ? 0 : 77.7 * (k % 5), k % 5 === 0 ? 0 : -3.1 * k];
  return { data, size, spacing, origin, direction, pixelType };
}

async function itkBytes(v: Volume, path: string): Promise<Buffer> {
  await quietItk(() => writeImageNode(itkImageFromVolume(v), path, { useCompression: path.endsWith('.gz') }));
  const bytes = readFileSync(path);
  return path.endsWith('.gz') ? gunzipSync(bytes) : bytes;
}

/** Byte offsets where two files differ other than by the sign of a zero float header field. */
function differences(itk: Buffer, ours: Buffer): number[] {
  assert.equal(ours.length, itk.length);
  const out: number[] = [];
  for (let i = 0; i < itk.length; i++) {
    if (itk[i] === ours[i]) continue;
    const field = i - (i % 4);
    if (i < 348 && FLOAT_FIELDS.has(field) && itk.readFloatLE(field) === 0 && ours.readFloatLE(field) === 0) continue;
    out.push(i);
  }
  return out;
}

/** readVolume (our reader, or itk-wasm's with native: false) gives the same volume for both files. */
async function assertReadAlike(itkPath: string, ourPath: string, label: string, readers = [true]): Promise<void> {
  for (const native of readers) {
    const a = await readVolume(itkPath, { native });
    const b = await readVolume(ourPath, { native });
    assert.equal(b.pixelType, a.pixelType, label);
    assert.deepEqual(b.size, a.size, label);
    // deepStrictEqual tells -0 from 0, so geometry is compared to the bit
    assert.deepEqual(b.spacing, a.spacing, label);
    assert.deepEqual(b.origin, a.origin, label);
    assert.deepEqual(Array.from(b.direction), Array.from(a.direction), label);
    assert.deepEqual(Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength), Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength), label);
  }
}

test('every axis-aligned direction and pixel type: ITK\'s file (zeros up to sign), read back alike', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'radnomo-nifti1-write-'));
  try {
    const directions = signedPermutations();
    let k = 0;
    // every direction once, each pixel type over six of them
    for (const [d, direction] of directions.entries()) {
      const v = volume(k++, PIXEL_TYPES[d % PIXEL_TYPES.length], direction);
      const label = `direction ${Array.from(direction)} ${v.pixelType} ${v.size}`;
      assert.ok(writesAsItk(v), label);
      const itkPath = join(dir, 'itk.nii');
      const ourPath = join(dir, 'ours.nii');
      const itk = await itkBytes(v, itkPath);
      const ours = nifti1Bytes(v);
      writeFileSync(ourPath, ours);
      assert.deepEqual(differences(itk, ours), [], label);
      await assertReadAlike(itkPath, ourPath, label);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('writeVolume: .nii.gz by our writer decompresses to ITK\'s bytes (zeros up to sign); oblique directions stay with ITK', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'radnomo-nifti1-write-'));
  try {
    const flipped = volume(5, 'int16', Float64Array.from([-1, 0, 0, 0, 0, 1, 0, -1, 0]));
    await writeVolume(flipped, join(dir, 'ours.nii.gz'));
    const itk = await itkBytes(flipped, join(dir, 'itk.nii.gz'));
    assert.deepEqual(differences(itk, gunzipSync(readFileSync(join(dir, 'ours.nii.gz')))), []);
    await assertReadAlike(join(dir, 'itk.nii.gz'), join(dir, 'ours.nii.gz'), 'nii.gz', [true, false]);

    // a rotation about z by 30 degrees: ITK's float polar decomposition decides the last bits
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    const oblique = volume(6, 'float32', Float64Array.from([c, -s, 0, s, c, 0, 0, 0, 1]));
    assert.equal(writesAsItk(oblique), false);
    await writeVolume(oblique, join(dir, 'oblique.nii'));
    assert.deepEqual(readFileSync(join(dir, 'oblique.nii')), await itkBytes(oblique, join(dir, 'oblique-itk.nii')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('writesAsItk: only axis-aligned directions with +0 zeros, NIfTI-1 sizes and finite geometry', () => {
  const v = volume(1, 'uint8', Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]));
  assert.equal(writesAsItk(v), true);
  assert.equal(writesAsItk({ ...v, direction: Float64Array.from([1, -0, 0, 0, 1, 0, 0, 0, 1]) }), false);
  assert.equal(writesAsItk({ ...v, direction: Float64Array.from([1, 0, 0, 1, 0, 0, 0, 0, 1]) }), false);
  assert.equal(writesAsItk({ ...v, direction: Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 0.5]) }), false);
  assert.equal(writesAsItk({ ...v, size: [32768, 1, 1], data: new Uint8Array(32768) }), false);
  assert.equal(writesAsItk({ ...v, origin: [0, NaN, 0] }), false);
});
