/**
 * getMask's scan (roiWithExtent) gives the plain definition's ROI, voxel count, bounding box and
 * voxels per slice, for every integer pixel type (read 8 bytes at a time where the buffer allows),
 * float masks, labels whose bytes look like -0.0 in a word, and buffers not aligned to 8 bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { roiWithExtent } from '../../src/image/preprocess/mask.js';
import { identityDirection, pixelTypeOf, type Vec3, type Volume, type VoxelArray } from '../../src/image/volume.js';

/** uint32(v) == label (C++ static_cast), its count, box and per-slice counts, voxel by voxel. */
function plainScan(d: ArrayLike<number>, [nx, ny, nz]: Vec3, label: number) {
  const roi = new Uint8Array(d.length);
  const sliceCounts = new Int32Array(nz);
  const lower = [Infinity, Infinity, Infinity], upper = [-1, -1, -1];
  let count = 0;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    const u = Number.isFinite(v) ? Math.trunc(v) >>> 0 : 0;
    if (u !== label) continue;
    roi[i] = 1;
    count++;
    const xyz = [i % nx, Math.floor(i / nx) % ny, Math.floor(i / (nx * ny))];
    sliceCounts[xyz[2]]++;
    for (let a = 0; a < 3; a++) {
      lower[a] = Math.min(lower[a], xyz[a]);
      upper[a] = Math.max(upper[a], xyz[a]);
    }
  }
  return { roi, count, lower, upper, sliceCounts };
}

type Ctor = { new (buffer: ArrayBuffer, byteOffset: number, length: number): VoxelArray; BYTES_PER_ELEMENT: number };

test('the ROI scan equals the voxel-by-voxel definition on 1500 random masks of every pixel type', () => {
  let s = 99;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const types: Ctor[] = [Uint8Array, Int8Array, Uint16Array, Int16Array, Int32Array, Uint32Array, Float32Array, Float64Array];
  for (let t = 0; t < 1500; t++) {
    const ctor = types[t % types.length];
    const size: Vec3 = [1 + Math.floor(next() * 13), 1 + Math.floor(next() * 9), 1 + Math.floor(next() * 6)];
    const n = size[0] * size[1] * size[2];
    // an offset into the buffer: aligned to 8 bytes or not
    const offset = (next() < 0.3 ? 1 + Math.floor(next() * 3) : 0) * ctor.BYTES_PER_ELEMENT;
    const data = new ctor(new ArrayBuffer(offset + n * ctor.BYTES_PER_ELEMENT + 16), offset, n);
    // labels: small, the value of the byte pattern 0x80 00..00 (-0.0) for this type, negative
    const signed = ctor === Int8Array || ctor === Int16Array || ctor === Int32Array;
    const special = ctor === Uint8Array ? 128 : ctor === Uint16Array ? 32768 : 0;
    const label = special && next() < 0.5 ? special : 1 + Math.floor(next() * 3);
    const p = next() * 0.5;
    for (let i = 0; i < n; i++) {
      const r = next();
      data[i] = r < p ? label : r < p * 1.3 ? label + 1 : r < p * 1.4 && signed ? -128 : r < p * 1.5 && special ? special : 0;
    }
    if (next() < 0.1) data[Math.floor(next() * n)] = label; // never empty in most cases
    const mask: Volume = { data, size, spacing: [1, 1, 1], origin: [0, 0, 0], direction: identityDirection(), pixelType: pixelTypeOf(data) };
    const expected = plainScan(data, size, label);
    const where = `case ${t} (${ctor.name} ${size.join('x')}, offset ${offset}, label ${label})`;
    if (expected.count === 0) {
      assert.throws(() => roiWithExtent(mask, label, 'm'), /m: (the mask is empty|label \d+ is not present)/, where);
      continue;
    }
    const scan = roiWithExtent(mask, label, 'm');
    assert.deepEqual(scan.roi.data, expected.roi, where);
    assert.equal(scan.extent.count, expected.count, where);
    assert.deepEqual(scan.extent.lower, expected.lower, where);
    assert.deepEqual(scan.extent.upper, expected.upper, where);
    assert.deepEqual(scan.sliceCounts, expected.sliceCounts, where);
  }
});
