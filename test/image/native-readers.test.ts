/**
 * Our NIfTI-1 and NRRD readers (nifti1.ts, nrrd.ts) against itk-wasm's (ITK 5.4.3 NiftiImageIO /
 * NrrdImageIO, which they replace for speed): every fixture and a set of hand-made edge cases are
 * read both ways and must agree exactly: dimension, pixel type, size, spacing, origin, direction
 * (each double compared with Object.is, so -0 and 0 differ) and every voxel byte. One difference
 * is meant: NaN / Inf voxels of float NIfTI files keep their values in ours, where nifti1_io
 * writes 0 (readVolume puts them back on the itk-wasm path too).
 * Files our readers leave to itk-wasm (null) are checked to still read as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Image } from 'itk-wasm';
import { readItkImageFile } from '../../src/image/itk-image.js';
import { checkNiftiFile } from '../../src/image/nifti-check.js';
import { readNiftiHeader } from '../../src/image/nifti-header.js';
import { quaternMatrix } from '../../src/image/nifti-orientation.js';
import { niftiOneImage, niftiPairImage } from '../../src/image/nifti1.js';
import { nrrdImage } from '../../src/image/nrrd.js';
import { readVolume } from '../../src/image/read.js';
import { createRng } from '../../src/stats/random.js';
import { tempFolder } from './craft.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'fixtures');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(nii|nii\.gz|nrrd|nhdr)$/.test(name)) out.push(p);
  }
  return out;
}

/** Our reader for a path (null: left to itk-wasm). */
function ours(path: string): Image | null {
  if (path.endsWith('.nrrd') || path.endsWith('.nhdr')) return nrrdImage(path);
  if (path.endsWith('.hdr')) return niftiPairImage(path);
  const file = checkNiftiFile(path);
  return file && niftiOneImage(file, path);
}

function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Asserts that two images are identical (NIfTI: a non-finite voxel of ours is 0 in itk-wasm's). */
function assertSame(mine: Image, itk: Image, what: string): void {
  const t = (i: Image) => [i.imageType.dimension, i.imageType.componentType, i.imageType.components, i.imageType.pixelType];
  assert.deepEqual(t(mine), t(itk), `${what}: image type`);
  assert.deepEqual([...mine.size], [...itk.size], `${what}: size`);
  for (const key of ['spacing', 'origin'] as const) {
    assert.equal(mine[key].length, itk[key].length, `${what}: ${key} length`);
    itk[key].forEach((x, i) => assert.ok(Object.is(mine[key][i], x), `${what}: ${key}[${i}] ${mine[key][i]} vs itk-wasm ${x}`));
  }
  const d = itk.direction as ArrayLike<number>;
  assert.equal(mine.direction.length, d.length, `${what}: direction length`);
  for (let i = 0; i < d.length; i++) assert.ok(Object.is((mine.direction as ArrayLike<number>)[i], d[i]), `${what}: direction[${i}] ${(mine.direction as ArrayLike<number>)[i]} vs itk-wasm ${d[i]}`);
  const a = mine.data as unknown as Float64Array;
  const b = itk.data as unknown as Float64Array;
  assert.equal(a.constructor, b.constructor, `${what}: array type`);
  assert.equal(a.length, b.length, `${what}: voxel count`);
  const ab = bytesOf(a);
  const bb = bytesOf(b);
  const width = a.BYTES_PER_ELEMENT;
  let mismatches = 0;
  for (let i = 0; i < a.length; i++) {
    let same = true;
    for (let k = i * width; k < (i + 1) * width; k++) if (ab[k] !== bb[k]) same = false;
    if (!same && !(Number.isFinite(a[i]) === false && b[i] === 0)) mismatches++;
  }
  assert.equal(mismatches, 0, `${what}: ${mismatches} voxels differ`);
}

async function compare(path: string, what = path): Promise<void> {
  const mine = ours(path);
  assert.ok(mine, `${what}: our reader should take this file`);
  assertSame(mine, await readItkImageFile(path), what);
}

test('every NIfTI and NRRD fixture: our reader gives itk-wasm\'s image exactly', async () => {
  const files = walk(fixtures);
  assert.ok(files.length >= 40, `fixtures found: ${files.length}`);
  for (const f of files) await compare(f, f.slice(fixtures.length + 1));
});

// ---------------------------------------------------------------- NIfTI-1, written byte by byte

interface N1 {
  dims: number[];
  datatype: number;
  bitpix: number;
  /** Voxels in host (little-endian) order; swapped for big-endian files. */
  data: ArrayBufferView;
  littleEndian?: boolean;
  pixdim?: number[];
  qform?: { code: number; quatern: number[] };
  sform?: { code: number; rows: number[] };
  slope?: number;
  inter?: number;
  xyztUnits?: number;
  voxOffset?: number;
  magic?: string;
  intent?: number;
  toffset?: number;
}

/** nifti1.h's 348-byte header + 4 extension bytes + voxels. */
function nifti1(s: N1): Uint8Array {
  const le = s.littleEndian ?? true;
  const offset = s.voxOffset ?? 352;
  const h = new DataView(new ArrayBuffer(offset));
  h.setInt32(0, 348, le);
  h.setInt16(40, s.dims.length, le);
  for (let a = 0; a < 7; a++) h.setInt16(42 + 2 * a, s.dims[a] ?? 1, le);
  h.setInt16(68, s.intent ?? 0, le);
  h.setInt16(70, s.datatype, le);
  h.setInt16(72, s.bitpix, le);
  const pixdim = s.pixdim ?? [1, 1, 1, 1, 1, 1, 1, 1];
  for (let a = 0; a < 8; a++) h.setFloat32(76 + 4 * a, pixdim[a] ?? 1, le);
  h.setFloat32(108, offset, le);
  h.setFloat32(112, s.slope ?? 1, le);
  h.setFloat32(116, s.inter ?? 0, le);
  h.setUint8(123, s.xyztUnits ?? 2);
  h.setFloat32(136, s.toffset ?? 0, le);
  if (s.qform) {
    h.setInt16(252, s.qform.code, le);
    s.qform.quatern.forEach((x, i) => h.setFloat32(256 + 4 * i, x, le));
  }
  if (s.sform) {
    h.setInt16(254, s.sform.code, le);
    s.sform.rows.forEach((x, i) => h.setFloat32(280 + 4 * i, x, le));
  }
  const magic = s.magic ?? 'n+1';
  for (let i = 0; i < magic.length; i++) h.setUint8(344 + i, magic.charCodeAt(i));
  const data = bytesOf(s.data).slice();
  const width = s.bitpix / 8;
  if (!le && width > 1) for (let i = 0; i < data.length; i += width) data.subarray(i, i + width).reverse();
  const out = new Uint8Array(offset + data.length);
  out.set(new Uint8Array(h.buffer), 0);
  out.set(data, offset);
  return out;
}

const cube = (n: number): number[] => [n, n, n];
const ramp16 = (n: number): Int16Array => Int16Array.from({ length: n }, (_, i) => (i * 97) % 2000 - 700);
const I16 = { datatype: 4, bitpix: 16 };
/** A qform for a rotation about z by `deg` degrees, offsets (x, y, z). */
const qz = (deg: number, x: number, y: number, z: number): number[] => [0, 0, Math.sin((deg * Math.PI) / 360), x, y, z];

test('NIfTI-1 edge cases: byte order, scaling, qform / sform choices, units, axes, offsets', async () => {
  const t = tempFolder();
  try {
    const rng = createRng(1316);
    const bigInts = Int32Array.from({ length: 64 }, (_, i) => (i % 2 ? 1 : -1) * (16777217 + i * 40503));
    const floats = Float32Array.from({ length: 64 }, () => (rng.unif() - 0.5) * 1e4);
    const cases: [string, N1][] = [
      ['big-endian int16', { dims: [4, 3, 2], ...I16, data: ramp16(24), littleEndian: false, qform: { code: 1, quatern: qz(30, 1, 2, 3) } }],
      ['big-endian float32 sform', { dims: cube(4), datatype: 16, bitpix: 32, data: floats, littleEndian: false, sform: { code: 2, rows: [-1.5, 0, 0, 10, 0, -1.5, 0, 20, 0, 0, 2.5, -30] } }],
      ['int16 x slope 0.5 + 100 -> float32', { dims: [4, 3, 2], ...I16, data: ramp16(24), slope: 0.5, inter: 100 }],
      ['int32 beyond 2^24, slope 1.1 (rounded to float32 first)', { dims: cube(4), datatype: 8, bitpix: 32, data: bigInts, slope: 1.1, inter: -7.25 }],
      ['uint8 slope -2', { dims: cube(4), datatype: 2, bitpix: 8, data: Uint8Array.from({ length: 64 }, (_, i) => i * 4), slope: -2 }],
      ['float64 slope 3 (stays float64)', { dims: cube(2), datatype: 64, bitpix: 64, data: Float64Array.from({ length: 8 }, (_, i) => i / 3), slope: 3, inter: 0.1 }],
      ['float32 slope 0.1', { dims: cube(4), datatype: 16, bitpix: 32, data: floats, slope: 0.1, inter: 1 }],
      ['slope 0 with intercept 5 (ITK: slope 1, still rescaled)', { dims: [4, 3, 2], ...I16, data: ramp16(24), slope: 0, inter: 5 }],
      ['slope 1e-20 (ITK: counts as 0, so 1: no rescale)', { dims: [4, 3, 2], ...I16, data: ramp16(24), slope: 1e-20 }],
      ['no qform, no sform', { dims: [4, 3, 2], ...I16, data: ramp16(24), pixdim: [1, 0.7, 0.8, 2.5, 1, 1, 1, 1] }],
      ['qform, qfac -1, oblique', { dims: [4, 3, 2], ...I16, data: ramp16(24), pixdim: [-1, 0.7, 0.8, 2.5, 1, 1, 1, 1], qform: { code: 1, quatern: [0.1, -0.3, 0.2, -5, 6, -7] } }],
      // 2 (c d - a b) * dz lands, in double, exactly between two floats: nifti1_io multiplies in
      // long double (binary128 in WebAssembly), which rounds the other way (found by search)
      ['qform entry on a float midpoint when multiplied in double', { dims: [2, 2, 1], ...I16, data: ramp16(4), pixdim: [1, 1, 1, 0.9551919102668762, 1, 1, 1, 1], qform: { code: 1, quatern: [0.43548911809921265, -0.07166392356157303, -0.15770472586154938, 0, 0, 0] } }],
      ['qform 180-degree turn (a < 1e-7)', { dims: [4, 3, 2], ...I16, data: ramp16(24), qform: { code: 2, quatern: [1, 0, 0, 3, 4, 5] } }],
      ['qform, unnormalised (b,c,d) beyond 1', { dims: [4, 3, 2], ...I16, data: ramp16(24), qform: { code: 1, quatern: [0.8, 0.7, 0.1, 0, 0, 0] } }],
      ['sform only, oblique', { dims: [4, 3, 2], ...I16, data: ramp16(24), pixdim: [1, 0.5, 1, 1.25, 1, 1, 1, 1], sform: { code: 2, rows: [0.5 * 0.8, -0.6, 0, 4, 0.5 * 0.6, 0.8, 0, 5, 0, 0, 1.25, 6] } }],
      ['sform code 1 beside a different qform (sform wins)', { dims: [4, 3, 2], ...I16, data: ramp16(24), qform: { code: 1, quatern: qz(40, 0, 0, 0) }, sform: { code: 1, rows: [-1, 0, 0, 3, 0, -1, 0, 4, 0, 0, 1, 5] } }],
      ['sform code 2, offsets 1 mm from the qform (qform wins)', { dims: [4, 3, 2], ...I16, data: ramp16(24), qform: { code: 1, quatern: [0, 0, 0, 3, 4, 5] }, sform: { code: 2, rows: [1, 0, 0, 4, 0, 1, 0, 4, 0, 0, 1, 5] } }],
      ['skewed sform beside a qform (the qform: ITK built without SFORM_PERMISSIVE)', { dims: [4, 3, 2], ...I16, data: ramp16(24), qform: { code: 1, quatern: qz(45, 1, 2, 3) }, sform: { code: 2, rows: [1, 0.3, 0, 10, 0, 1, 0, 20, 0, 0, 1, 30] } }],
      ['skewed sform code 1 beside a qform', { dims: [4, 3, 2], ...I16, data: ramp16(24), qform: { code: 1, quatern: qz(45, 1, 2, 3) }, sform: { code: 1, rows: [1, 0, 0.2, 1, 0, 1, 0, 2, 0, 0.1, 1, 3] } }],
      ['metres (x 1000)', { dims: [4, 3, 2], ...I16, data: ramp16(24), pixdim: [1, 0.0007, 0.0008, 0.0025, 1, 1, 1, 1], xyztUnits: 1, qform: { code: 1, quatern: [0, 0, 0, 0.01, 0.02, 0.03] } }],
      ['micrometres (x 0.001)', { dims: [4, 3, 2], ...I16, data: ramp16(24), pixdim: [1, 700, 800, 2500, 1, 1, 1, 1], xyztUnits: 3, sform: { code: 1, rows: [700, 0, 0, 10, 0, 800, 0, 20, 0, 0, 2500, 30] } }],
      ['negative pixdim and pixdim 0', { dims: [4, 3, 2], ...I16, data: ramp16(24), pixdim: [1, -0.7, 0, 2.5, 1, 1, 1, 1], qform: { code: 1, quatern: [0, 0, 0, 1, 2, 3] } }],
      ['4D with one time point (read as 3D)', { dims: [4, 3, 2, 1], ...I16, data: ramp16(24), qform: { code: 1, quatern: qz(10, 1, 1, 1) } }],
      ['4D, 3 volumes, time in ms', { dims: [4, 3, 2, 3], ...I16, data: ramp16(72), pixdim: [1, 1, 1, 1, 250, 1, 1, 1], xyztUnits: 2 | 16, toffset: 12, sform: { code: 1, rows: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0] } }],
      ['2D', { dims: [5, 4], ...I16, data: ramp16(20), pixdim: [1, 0.3, 0.4, 0, 1, 1, 1, 1], qform: { code: 1, quatern: qz(-20, 7, 8, 9) } }],
      ['vox_offset 400 (extension bytes before the voxels)', { dims: [4, 3, 2], ...I16, data: ramp16(24), voxOffset: 400 }],
      ['vox_offset 0 in a single file (nifti1_io reads from 348)', { dims: [4, 3, 2], ...I16, data: ramp16(24), voxOffset: 348 }],
      ['oblique sform and qform, sform code 1, float32', { dims: cube(4), datatype: 16, bitpix: 32, data: floats, qform: { code: 1, quatern: [0.7, -0.2, 0.1, 12.5, -30.25, 7] }, sform: { code: 1, rows: [0.8, -0.6, 0, 12.5, 0.6, 0.8, 0, -30.25, 0, 0, 1, 7] } }],
    ];
    for (const [name, spec] of cases) {
      for (const gz of [false, true]) {
        const path = t.file(`${name.replace(/[^a-z0-9]+/gi, '_')}.nii${gz ? '.gz' : ''}`);
        const bytes = nifti1(spec);
        writeFileSync(path, gz ? gzipSync(bytes) : bytes);
        await compare(path, `${name}${gz ? ' (.nii.gz)' : ''}`);
      }
    }
    // sform code 2 equal to the qform float for float (ITK's SVD comparison: "very similar")
    const spec: N1 = { dims: [4, 3, 2], ...I16, data: ramp16(24), pixdim: [1, 0.9, 0.9, 3.3, 1, 1, 1, 1], qform: { code: 1, quatern: [0.1, 0.2, -0.3, -40, 50, 60] } };
    const probe = t.file('probe.nii');
    writeFileSync(probe, nifti1(spec));
    const q = quaternMatrix(readNiftiHeader(checkNiftiFile(probe)!.bytes, 1, true), true);
    const same = t.file('sform2-equal-qform.nii');
    writeFileSync(same, nifti1({ ...spec, sform: { code: 2, rows: q } }));
    await compare(same, 'sform code 2, float-for-float the qform');
    // a header/image pair: magic "ni1", voxels from vox_offset 0 of the .img
    const header = nifti1({ dims: [4, 3, 2], ...I16, data: new Int16Array(0), magic: 'ni1', voxOffset: 348, qform: { code: 1, quatern: qz(15, 1, 2, 3) } });
    new DataView(header.buffer).setFloat32(108, 0, true);
    writeFileSync(t.file('pair.hdr'), header);
    writeFileSync(t.file('pair.img'), bytesOf(ramp16(24)));
    await compare(t.file('pair.hdr'), '.hdr/.img pair');
  } finally {
    t.cleanup();
  }
});

/** A random rotation (from a random unit quaternion) times diag(spacing), as sform rows with offsets. */
function randomSform(rng: ReturnType<typeof createRng>, spacing: number[], offset: number[]): number[] {
  const q = [rng.norm(), rng.norm(), rng.norm(), rng.norm()];
  const n = Math.hypot(...q);
  const [a, b, c, d] = q.map((x) => x / n);
  const R = [
    a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c),
    2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b),
    2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b,
  ];
  const rows: number[] = [];
  for (let r = 0; r < 3; r++) rows.push(R[r * 3] * spacing[0], R[r * 3 + 1] * spacing[1], R[r * 3 + 2] * spacing[2], offset[r]);
  return rows;
}

test('NIfTI-1, 16 random oblique qforms and sforms: identical to itk-wasm', async () => {
  const t = tempFolder();
  try {
    const rng = createRng(20240917);
    for (let k = 0; k < 16; k++) {
      const spacing = [0.2 + 3 * rng.unif(), 0.2 + 3 * rng.unif(), 0.5 + 5 * rng.unif()];
      const offset = [0, 1, 2].map(() => (rng.unif() - 0.5) * 600);
      const quatern = [rng.unif() - 0.5, rng.unif() - 0.5, rng.unif() - 0.5, ...offset];
      const spec: N1 = { dims: [3, 4, 2], ...I16, data: ramp16(24), pixdim: [k % 2 ? -1 : 1, ...spacing, 1, 1, 1, 1] };
      if (k % 4 !== 1) spec.qform = { code: 1 + (k % 3), quatern };
      if (k % 4 !== 0) spec.sform = { code: k % 4 === 3 ? 1 : 2, rows: randomSform(rng, spacing, offset.map((o) => o + (k % 4 === 2 ? 5 : 0))) };
      const path = t.file(`random-${k}.nii`);
      writeFileSync(path, nifti1(spec));
      await compare(path, `random oblique #${k} (${spec.qform ? `qform ${spec.qform.code}` : 'no qform'}, ${spec.sform ? `sform ${spec.sform.code}` : 'no sform'})`);
    }
  } finally {
    t.cleanup();
  }
});

test('NIfTI-1 files our reader leaves to itk-wasm read exactly as before', async () => {
  const t = tempFolder();
  try {
    const q = qz(25, 1, 2, 3);
    const base: N1 = { dims: [4, 3, 2], ...I16, data: ramp16(24), qform: { code: 1, quatern: q } };
    const leftToItk: [string, Uint8Array, string][] = [
      ['sform code 2 slightly off the qform (ITK compares float SVDs)', nifti1({ ...base, sform: { code: 2, rows: [0.9063078, -0.4226183, 0, 1.00001, 0.4226183, 0.9063078, 0, 2, 0, 0, 1, 3] } }), 'x.nii'],
      ['skewed sform, no qform (ITK refuses it)', nifti1({ ...base, qform: undefined, sform: { code: 2, rows: [1, 0.3, 0, 1, 0, 1, 0, 2, 0, 0, 1, 3] } }), 'x.nii'],
      ['Analyze 7.5 header (no magic)', nifti1({ ...base, magic: '' }), 'x.nii'],
      ['vector intent', nifti1({ ...base, dims: [4, 3, 2, 1, 3], data: ramp16(72), intent: 1007 }), 'x.nii'],
      ['gzip data in a file named .nii', gzipSync(nifti1(base)), 'x.nii'],
      ['upper-case name', nifti1(base), 'x.NII'],
    ];
    for (const [name, bytes, file] of leftToItk) {
      const path = t.file(`${name.replace(/[^a-z0-9]+/gi, '_')}-${file}`);
      writeFileSync(path, bytes);
      const nifti = checkNiftiFile(path);
      assert.equal(nifti && niftiOneImage(nifti, path), null, `${name}: left to itk-wasm`);
      const viaDefault = await readVolume(path).then((v) => v, (e: Error) => e.message);
      const viaItk = await readVolume(path, { native: false }).then((v) => v, (e: Error) => e.message);
      assert.deepEqual(viaDefault, viaItk, name);
    }
  } finally {
    t.cleanup();
  }
});

test('readVolume gives the same volume through our readers and through itk-wasm (NaN voxels, 4D choice)', async () => {
  const t = tempFolder();
  try {
    const data = Float32Array.from({ length: 24 }, (_, i) => i - 3.5);
    data[5] = NaN;
    data[17] = -Infinity;
    const nan = t.file('nan.nii.gz');
    writeFileSync(nan, gzipSync(nifti1({ dims: [4, 3, 2], datatype: 16, bitpix: 32, data, qform: { code: 1, quatern: qz(5, 1, 2, 3) } })));
    const series = t.file('series.nii');
    writeFileSync(series, nifti1({ dims: [4, 3, 2, 3], ...I16, data: ramp16(72), sform: { code: 1, rows: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0] } }));
    for (const [path, options] of [[nan, { allowNonFinite: true }], [series, { volumeIndex: 2 }]] as const) {
      const mine = await readVolume(path, options);
      const itk = await readVolume(path, { ...options, native: false });
      assert.deepEqual(mine, itk, path);
    }
    await assert.rejects(readVolume(nan), /2 voxels are not a finite number \(1 NaN, 1 -Inf\)/);
    await assert.rejects(readVolume(series), /a 4D image: 3 volumes of 4x3x2 voxels/);
  } finally {
    t.cleanup();
  }
});

// ---------------------------------------------------------------------- NRRD, written by hand

interface NrrdCase {
  header: string[];
  data: ArrayBufferView;
  bigEndian?: boolean;
  gzip?: boolean;
  /** Detached: the data file's name (header gets `data file:`); else attached. */
  dataFile?: string;
  /** Bytes before the voxels in the data (after the header when attached). */
  before?: Uint8Array;
  after?: Uint8Array;
  /** Line ending of the header. */
  eol?: string;
}

function writeNrrd(dir: string, name: string, c: NrrdCase): string {
  if (c.dataFile) mkdirSync(dirname(join(dir, c.dataFile)), { recursive: true });
  const raw = bytesOf(c.data).slice();
  const width = (c.data as unknown as Int16Array).BYTES_PER_ELEMENT;
  if (c.bigEndian && width > 1) for (let i = 0; i < raw.length; i += width) raw.subarray(i, i + width).reverse();
  const payload = new Uint8Array([...(c.before ?? []), ...raw, ...(c.after ?? [])]);
  const body = c.gzip ? new Uint8Array(gzipSync(payload)) : payload;
  const eol = c.eol ?? '\n';
  const lines = [...c.header];
  if (c.dataFile) lines.push(`data file: ${c.dataFile}`);
  const head = new TextEncoder().encode(lines.join(eol) + eol + (c.dataFile ? '' : eol));
  const path = join(dir, name);
  if (c.dataFile) {
    writeFileSync(path, head);
    writeFileSync(join(dir, c.dataFile), body);
  } else {
    writeFileSync(path, new Uint8Array([...head, ...body]));
  }
  return path;
}

const LPS = 'space: left-posterior-superior';
const HEAD = (type: string, sizes: number[], extra: string[]): string[] => ['NRRD0004', `type: ${type}`, `dimension: ${sizes.length}`, `sizes: ${sizes.join(' ')}`, ...extra];

test('NRRD edge cases: encodings, detached data, skips, byte order, spaces, spacings, header syntax', async () => {
  const t = tempFolder();
  try {
    const s16 = ramp16(24);
    const dirs = 'space directions: (0.5,0,0) (0,0.75,0) (0,0,2.5)';
    const std = (type: string, extra: string[] = []): string[] => HEAD(type, [4, 3, 2], ['endian: little', LPS, dirs, 'space origin: (-10,20.5,3)', ...extra]);
    const cases: [string, string, NrrdCase][] = [
      ['raw', 'raw.nrrd', { header: [...std('short'), 'encoding: raw'], data: s16 }],
      ['gzip', 'gzip.nrrd', { header: [...std('short'), 'encoding: gzip'], data: s16, gzip: true }],
      ['detached raw', 'detached.nhdr', { header: [...std('short'), 'encoding: raw'], data: s16, dataFile: 'detached.raw' }],
      ['detached gzip', 'detached-gz.nhdr', { header: [...std('short'), 'encoding: gz'], data: s16, dataFile: 'detached.raw.gz', gzip: true }],
      ['byte skip 10', 'skip.nhdr', { header: [...std('short'), 'encoding: raw', 'byte skip: 10'], data: s16, dataFile: 'skip.raw', before: new Uint8Array(10).fill(7) }],
      ['byte skip -1 (data end the file)', 'skipend.nhdr', { header: [...std('short'), 'encoding: raw', 'byte skip: -1'], data: s16, dataFile: 'skipend.raw', before: new Uint8Array(33).fill(9) }],
      ['byte skip -4 (3 bytes after the data)', 'skipend3.nhdr', { header: [...std('short'), 'encoding: raw', 'byteskip: -4'], data: s16, dataFile: 'skipend3.raw', before: new Uint8Array(5), after: new Uint8Array(3).fill(1) }],
      ['gzip with byte skip 6 (in the decompressed stream)', 'gzskip.nhdr', { header: [...std('short'), 'encoding: gzip', 'byte skip: 6'], data: s16, dataFile: 'gzskip.gz', gzip: true, before: new Uint8Array(6).fill(3) }],
      ['line skip 2', 'lines.nhdr', { header: [...std('short'), 'encoding: raw', 'line skip: 2'], data: s16, dataFile: 'lines.raw', before: new TextEncoder().encode('first line\r\nsecond\n') }],
      ['big-endian int32', 'big.nrrd', { header: [...HEAD('int', [4, 3, 2], ['endian: big', LPS, dirs]), 'encoding: raw'], data: Int32Array.from({ length: 24 }, (_, i) => i * 1e6 - 7), bigEndian: true }],
      ['big-endian double, gzip', 'bigd.nrrd', { header: [...HEAD('double', [4, 3, 2], ['endian: big', LPS, dirs]), 'encoding: gzip'], data: Float64Array.from({ length: 24 }, (_, i) => Math.PI * i), bigEndian: true, gzip: true }],
      ['right-anterior-superior (x, y negated)', 'ras.nrrd', { header: [...HEAD('float', [4, 3, 2], ['endian: little', 'space: right-anterior-superior', 'space directions: (0.8,0.6,0) (-0.6,0.8,0) (0,0,3)', 'space origin: (10,-20,0)']), 'encoding: raw'], data: Float32Array.from({ length: 24 }, (_, i) => i / 7) }],
      ['left-anterior-superior (x negated)', 'las.nrrd', { header: [...HEAD('ushort', [4, 3, 2], ['endian: little', 'space: LAS', dirs, 'space origin: (0,0,0)']), 'encoding: raw'], data: Uint16Array.from({ length: 24 }, (_, i) => i * 2000) }],
      ['space dimension 3 without a space name', 'spacedim.nrrd', { header: [...HEAD('uchar', [4, 3, 2], ['space dimension: 3', dirs, 'space origin: (1,2,3)']), 'encoding: raw'], data: Uint8Array.from({ length: 24 }, (_, i) => i) }],
      ['no space, spacings', 'spacings.nrrd', { header: [...HEAD('signed char', [4, 3, 2], ['spacings: 0.5 -2 1e-1']), 'encoding: raw'], data: Int8Array.from({ length: 24 }, (_, i) => i - 12) }],
      ['no space, no spacings', 'bare.nrrd', { header: [...HEAD('uint', [4, 3, 2], ['endian: little']), 'encoding: raw'], data: Uint32Array.from({ length: 24 }, (_, i) => 4e9 - i) }],
      ['2D with space dimension 2', 'flat.nrrd', { header: [...HEAD('short', [5, 4], ['endian: little', 'space dimension: 2', 'space directions: (0.3,0.1) (-0.1,0.3)', 'space origin: (5,6)']), 'encoding: raw'], data: ramp16(20) }],
      ['oblique, 17-digit numbers', 'oblique.nrrd', { header: [...HEAD('float', [4, 3, 2], ['endian: little', LPS, 'space directions: (0.78124999999999989,0.1,0) (0,-0.78124999999999989,0.2) (0.1,0.1,6.4999999999999982)', 'space origin: (-99.609374999999986,99.609374999999986,-77.999999999999957)']), 'encoding: gzip'], data: Float32Array.from({ length: 24 }, (_, i) => i), gzip: true }],
      ['CRLF header, comments, key/values, kinds, centerings, content', 'crlf.nrrd', { header: ['NRRD0005', '# a comment', 'Type: short', 'dimension: 3', 'content: anything: at all', 'sizes: 4 3 2', 'kinds: domain space ???', 'centerings: cell cell none', 'ENDIAN: little', LPS, dirs, 'Segment0_Name:=tumour: core', 'encoding: raw', 'space origin: (1,2,3)'], data: s16, eol: '\r\n' }],
      ['space origin none', 'noorigin.nrrd', { header: [...std('short').slice(0, -1), 'space origin: none', 'encoding: raw'], data: s16 }],
      ['more data than needed after the voxels', 'extra.nrrd', { header: [...std('short'), 'encoding: raw'], data: s16, after: new Uint8Array(11) }],
    ];
    for (const [name, file, c] of cases) await compare(writeNrrd(t.dir, file, c), name);
  } finally {
    t.cleanup();
  }
});

test('a detached NRRD data file outside the header\'s folder (which itk-wasm cannot reach) is read as the attached file', async () => {
  const t = tempFolder();
  try {
    mkdirSync(t.file('headers'));
    mkdirSync(t.file('data'));
    const header = [...HEAD('short', [4, 3, 2], ['endian: little', LPS, 'space directions: (0.5,0,0) (0,0.75,0) (0,0,2.5)', 'space origin: (1,2,3)']), 'encoding: gzip'];
    const attached = writeNrrd(t.dir, 'attached.nrrd', { header, data: ramp16(24), gzip: true });
    writeNrrd(t.file('headers'), 'x.nhdr', { header, data: ramp16(24), gzip: true, dataFile: '../data/x.raw.gz' });
    const mine = nrrdImage(t.file('headers/x.nhdr'));
    assert.ok(mine);
    assertSame(mine, await readItkImageFile(attached), 'detached in ../data vs attached');
    await assert.rejects(readItkImageFile(t.file('headers/x.nhdr')), /could not be read as an image/);
  } finally {
    t.cleanup();
  }
});

test('NRRD, 12 random oblique grids in RAS, LAS and LPS: identical to itk-wasm', async () => {
  const t = tempFolder();
  try {
    const rng = createRng(77);
    const spaces = ['right-anterior-superior', 'left-anterior-superior', 'left-posterior-superior', 'RAS'];
    for (let k = 0; k < 12; k++) {
      const spacing = [0.1 + 4 * rng.unif(), 0.1 + 4 * rng.unif(), 0.1 + 4 * rng.unif()];
      const rows = randomSform(rng, spacing, [0, 0, 0]);
      const fmt = (x: number): string => (k % 3 === 0 ? x.toPrecision(17) : k % 3 === 1 ? String(x) : x.toExponential(6));
      const dirs = [0, 1, 2].map((c) => `(${[0, 1, 2].map((r) => fmt(rows[r * 4 + c])).join(',')})`).join(' ');
      const origin = [0, 1, 2].map(() => fmt((rng.unif() - 0.5) * 500)).join(',');
      const header = [...HEAD('short', [3, 4, 2], ['endian: little', `space: ${spaces[k % 4]}`, `space directions: ${dirs}`, `space origin: (${origin})`]), `encoding: ${k % 2 ? 'gzip' : 'raw'}`];
      await compare(writeNrrd(t.dir, `random-${k}.nrrd`, { header, data: ramp16(24), gzip: k % 2 === 1 }), `random oblique NRRD #${k} (${spaces[k % 4]})`);
    }
  } finally {
    t.cleanup();
  }
});

test('NRRD files our reader leaves to itk-wasm (vector, 4D, none directions, 64-bit, ascii, cut short) read or fail exactly as before', async () => {
  const t = tempFolder();
  try {
    const dirs = 'space directions: (1,0,0) (0,1,0) (0,0,1)';
    const cases: [string, NrrdCase][] = [
      ['vector (list axis, none direction)', { header: [...HEAD('short', [3, 4, 3, 2], ['endian: little', LPS, `space directions: none ${dirs.slice(18)}`, 'kinds: vector domain domain domain']), 'encoding: raw'], data: ramp16(72) }],
      ['4D scalar', { header: [...HEAD('short', [4, 3, 2, 3], ['endian: little', LPS, `space directions: ${dirs.slice(18)} none`]), 'encoding: raw'], data: ramp16(72) }],
      ['64-bit integers', { header: [...HEAD('int64', [4, 3, 2], ['endian: little', LPS, dirs]), 'encoding: raw'], data: new BigInt64Array(24) }],
      ['ascii encoding', { header: [...HEAD('short', [2, 2, 1], [LPS, 'space directions: (1,0,0) (0,1,0) (0,0,1)']), 'encoding: ascii'], data: new TextEncoder().encode('1 2 3 4\n') }],
      ['cut short', { header: [...HEAD('short', [4, 3, 2], ['endian: little', LPS, dirs]), 'encoding: raw'], data: ramp16(20) }],
      ['measurement frame', { header: [...HEAD('short', [4, 3, 2], ['endian: little', LPS, dirs, 'measurement frame: (1,0,0) (0,1,0) (0,0,1)']), 'encoding: raw'], data: ramp16(24) }],
      ['sizes before dimension (teem: no dimension yet)', { header: ['NRRD0004', 'type: short', 'sizes: 4 3 2', 'dimension: 3', 'endian: little', 'encoding: raw'], data: ramp16(24) }],
      ['a line that is neither a field nor a key/value (":=" after ": ")', { header: [...HEAD('short', [4, 3, 2], ['endian: little', 'note: a:=b']), 'encoding: raw'], data: ramp16(24) }],
      ['spaces inside a vector', { header: [...HEAD('short', [4, 3, 2], ['endian: little', LPS, 'space directions: (1, 0, 0) (0,1,0) (0,0,1)']), 'encoding: raw'], data: ramp16(24) }],
    ];
    for (const [name, c] of cases) {
      const path = writeNrrd(t.dir, `${name.replace(/[^a-z0-9]+/gi, '_')}.nrrd`, c);
      assert.equal(nrrdImage(path), null, `${name}: left to itk-wasm`);
      const viaDefault = await readVolume(path).then((v) => v, (e: Error) => e.message);
      const viaItk = await readVolume(path, { native: false }).then((v) => v, (e: Error) => e.message);
      assert.deepEqual(viaDefault, viaItk, name);
    }
  } finally {
    t.cleanup();
  }
});
