/**
 * IBSI 1 interpolation (reference manual 2.4): centre-aligned grid, linear intensities with edge
 * values beyond the outer voxel centres, rounding of integer-valued images, mask kept at a partial
 * volume >= 0.5. The CT phantom configurations B and C in test/features/ibsi-phantom.test.ts check
 * it against IBSI's consensus (voxel counts and features).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ibsiResample, isIntegerValued } from '../../src/image/ibsi-resample.js';
import { identityDirection, type Volume } from '../../src/image/volume.js';

function ramp(nx: number, ny: number, nz: number, spacing: [number, number, number], f: (x: number, y: number, z: number) => number): Volume {
  const data = new Float64Array(nx * ny * nz);
  for (let z = 0, i = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++, i++) data[i] = f(x, y, z);
  return { data, size: [nx, ny, nz], spacing, origin: [10, 20, 30], direction: identityDirection(), pixelType: 'float64' };
}

test('the new grid has ceil(n s / s\') voxels and the same centre as the old one', () => {
  const img = ramp(204, 3, 2, [0.977, 1, 3], () => 0);
  const roi: Volume<Uint8Array> = { ...img, data: new Uint8Array(img.data.length), pixelType: 'uint8' };
  const r = ibsiResample(img, roi, { spacing: [2, 0, 0], interpolation: 'linear', round: false });
  assert.deepEqual(r.image.size, [100, 3, 2]); // IBSI CT phantom, configuration B: 100 x 99 x 60 from 204 x 201 x 60
  assert.deepEqual(r.image.spacing, [2, 1, 3]);
  const oldCentre = 10 + (203 / 2) * 0.977;
  const newCentre = r.image.origin[0] + (99 / 2) * 2;
  assert.ok(Math.abs(oldCentre - newCentre) < 1e-9);
  assert.deepEqual(r.image.origin.slice(1), [20, 30]); // kept axes
});

test('linear interpolation is exact on a linear image and holds the edge value beyond the outer centres', () => {
  const img = ramp(10, 4, 3, [1, 1, 1], (x, y, z) => 3 * x - 2 * y + 5 * z);
  const roi: Volume<Uint8Array> = { ...img, data: new Uint8Array(img.data.length).fill(1), pixelType: 'uint8' };
  const r = ibsiResample(img, roi, { spacing: [0.7, 0, 0], interpolation: 'linear', round: false });
  const n = r.image.size[0];
  const first = (9 / 2) - ((n - 1) / 2) * 0.7;
  for (let i = 0; i < n; i++) {
    const c = Math.min(Math.max(first + i * 0.7, 0), 9);
    const v = r.image.data[i + n * (2 + 4 * 1)]; // y = 2, z = 1
    assert.ok(Math.abs(v - (3 * c - 4 + 5)) < 1e-12, `x ${i}`);
  }
});

test('integer-valued images are rounded; the mask keeps voxels at least half inside', () => {
  const img = ramp(4, 1, 1, [1, 1, 1], (x) => [0, 1, 0, 0][x]);
  assert.equal(isIntegerValued(img.data), true);
  const roi: Volume<Uint8Array> = { ...img, data: Uint8Array.of(0, 1, 1, 0), pixelType: 'uint8' };
  // 4 voxels of 1 mm -> 8 of 0.5 mm at original indices -0.25, 0.25, ..., 3.25
  const r = ibsiResample(img, roi, { spacing: [0.5, 0, 0], interpolation: 'linear', round: true });
  // interpolated 0, 0.25, 0.75, 0.75, 0.25, 0, 0, 0, rounded
  assert.deepEqual(Array.from(r.image.data), [0, 0, 1, 1, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(r.roi.data), [0, 0, 1, 1, 1, 1, 0, 0]);
  const unrounded = ibsiResample(img, roi, { spacing: [0.5, 0, 0], interpolation: 'linear', round: false });
  assert.deepEqual(Array.from(unrounded.image.data), [0, 0.25, 0.75, 0.75, 0.25, 0, 0, 0]);
});
