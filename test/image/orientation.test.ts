/**
 * Direction matrices survive reading and writing: oblique images written by hand (a NRRD with
 * per-axis space directions, a NIfTI-1 and a NIfTI-2 with an oblique sform) are read back and
 * every corner's index -> physical point is checked against the header's own mapping.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readVolume } from '../../src/image/read.js';
import { writeVolume } from '../../src/image/write.js';
import { indexToPhysical, type Vec3, type Volume } from '../../src/image/volume.js';
import { NIFTI_TYPE, niftiBytes, nrrdBytes, tempFolder, writeBytes } from './craft.js';

/** Rz(30 deg) * Rx(10 deg): columns are the axis directions; not symmetric, so a transpose shows. */
function rotation(): number[] {
  const a = Math.PI / 6;
  const b = Math.PI / 18;
  const rz = [Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1];
  const rx = [1, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b)];
  const m = new Array(9).fill(0);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) for (let k = 0; k < 3; k++) m[r * 3 + c] += rz[r * 3 + k] * rx[k * 3 + c];
  return m;
}

const R = rotation();
const spacing = [0.5, 2, 3];
const size = [4, 5, 6];
const corners: Vec3[] = [[0, 0, 0], [3, 0, 0], [0, 4, 0], [0, 0, 5], [3, 4, 5], [1, 2, 3]];

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

test('oblique NRRD: index -> physical equals origin + sum of index * space direction', async () => {
  const t = tempFolder();
  try {
    const origin = [10, -20, 5];
    const dirs = [0, 1, 2].map((c) => [0, 1, 2].map((r) => R[r * 3 + c] * spacing[c]));
    const path = writeBytes(t.file('oblique.nrrd'), nrrdBytes({ type: 'short', sizes: size, spaceDirections: dirs, origin, data: Int16Array.from({ length: 120 }, (_, i) => i) }).header);
    const v = await readVolume(path);
    assert.deepEqual(v.size, size);
    assertClose(v.spacing, spacing, 1e-12, 'spacing');
    assertClose(v.direction, R, 1e-12, 'direction');
    for (const idx of corners) {
      const expected = [0, 1, 2].map((r) => origin[r] + idx[0] * dirs[0][r] + idx[1] * dirs[1][r] + idx[2] * dirs[2][r]);
      assertClose(indexToPhysical(v, idx), expected, 1e-9, `point ${idx}`);
    }
    assert.equal(v.data[1 + 4 * (2 + 5 * 3)], 1 + 4 * (2 + 5 * 3), 'voxel order is x fastest');
  } finally {
    t.cleanup();
  }
});

for (const version of [1, 2] as const) {
  test(`oblique NIfTI-${version} sform: index -> physical is the sform mapped from RAS to LPS`, async () => {
    const t = tempFolder();
    try {
      const offset = [12, -7, 30];
      // sform rows: RAS = A * index + offset, with A = R * diag(spacing)
      const sform: number[] = [];
      for (let r = 0; r < 3; r++) sform.push(R[r * 3] * spacing[0], R[r * 3 + 1] * spacing[1], R[r * 3 + 2] * spacing[2], offset[r]);
      const path = writeBytes(t.file('oblique.nii'), niftiBytes({
        version, dims: size, datatype: NIFTI_TYPE.int16, bitpix: 16, pixdim: [1, ...spacing, 1, 1, 1, 1], sform,
        data: Int16Array.from({ length: 120 }, (_, i) => i),
      }));
      const v = await readVolume(path);
      assert.deepEqual(v.size, size);
      assertClose(v.spacing, spacing, 1e-6, 'spacing');
      const tol = version === 1 ? 1e-5 : 1e-9; // NIfTI-1 stores the sform in float32
      for (const idx of corners) {
        const ras = [0, 1, 2].map((r) => sform[r * 4] * idx[0] + sform[r * 4 + 1] * idx[1] + sform[r * 4 + 2] * idx[2] + sform[r * 4 + 3]);
        assertClose(indexToPhysical(v, idx), [-ras[0], -ras[1], ras[2]], tol, `point ${idx}`);
      }
    } finally {
      t.cleanup();
    }
  });
}

test('an oblique volume written as NRRD and NIfTI reads back with the same geometry and voxels', async () => {
  const t = tempFolder();
  try {
    const v: Volume = {
      data: Float32Array.from({ length: 120 }, (_, i) => i * 0.5 - 7),
      size: [4, 5, 6], spacing: [0.5, 2, 3], origin: [10, -20, 5], direction: Float64Array.from(R), pixelType: 'float32',
    };
    for (const [name, tol] of [['out.nrrd', 1e-12], ['out.nii.gz', 1e-5], ['out.nii', 1e-5]] as const) {
      await writeVolume(v, t.file(name));
      const back = await readVolume(t.file(name));
      assert.equal(back.pixelType, 'float32', name);
      assert.deepEqual(Array.from(back.data), Array.from(v.data), name);
      for (const idx of corners) assertClose(indexToPhysical(back, idx), indexToPhysical(v, idx), tol, `${name} point ${idx}`);
    }
  } finally {
    t.cleanup();
  }
});
