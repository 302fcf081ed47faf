/**
 * The IBSI digital phantoms read with their documented sizes, spacings and values.
 * IBSI 1 (test/fixtures/ibsi/README.md): 5 x 4 x 4 voxels of 2 mm, grey levels 1, 3, 4, 6 in the
 * ROI, 74 ROI voxels; its reference table gives the ROI volume by voxel counting (592 mm^3) and
 * the intensity statistics of the ROI (mean 2.15, minimum 1, maximum 6, median 1).
 * IBSI 2: 64^3 voxels of 2 mm (the orientation phantom is deliberately 32 x 48 x 64), masks that
 * cover the whole volume; the impulse phantom's single voxel sits where the consensus LoG
 * response map (2_a) peaks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readVolume } from '../../src/image/read.js';
import type { Volume } from '../../src/image/volume.js';

const ibsi = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'ibsi');

function reference(feature: string): number {
  const text = readFileSync(join(ibsi, 'ibsi_1', 'reference_values', 'ibsi_1_reference_values_digital_phantom.csv'), 'utf8').replace(/^\uFEFF/, '');
  const row = text.split(/\r?\n/).map((l) => l.split(',')).find((r) => r[9] === feature);
  assert.ok(row, `reference ${feature}`);
  return Number(row[4]);
}

function counts(v: Volume): Map<number, number> {
  const m = new Map<number, number>();
  for (const x of v.data) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

test('IBSI 1 digital phantom: 5x4x4 voxels of 2 mm, ROI of 74 voxels with the reference intensity statistics', async () => {
  const image = await readVolume(join(ibsi, 'ibsi_1', 'digital_phantom', 'nifti', 'image', 'phantom.nii.gz'));
  const mask = await readVolume(join(ibsi, 'ibsi_1', 'digital_phantom', 'nifti', 'mask', 'mask.nii.gz'));
  for (const v of [image, mask]) {
    assert.deepEqual(v.size, [5, 4, 4]);
    assert.deepEqual(v.spacing, [2, 2, 2]);
  }
  const roi: number[] = [];
  for (let i = 0; i < image.data.length; i++) if (mask.data[i] === 1) roi.push(image.data[i]);
  assert.equal(roi.length, 74);
  assert.equal(roi.length * 8, reference('morph_vol_approx'));
  assert.deepEqual([...new Set(roi)].sort((a, b) => a - b), [1, 3, 4, 6]);
  const mean = roi.reduce((a, b) => a + b, 0) / roi.length;
  assert.equal(Number(mean.toPrecision(3)), reference('ih_mean')); // the table gives 3 significant digits
  assert.equal(Math.min(...roi), reference('ih_min'));
  assert.equal(Math.max(...roi), reference('ih_max'));
  const sorted = [...roi].sort((a, b) => a - b);
  assert.equal((sorted[36] + sorted[37]) / 2, reference('ih_median'));
});

const phantoms = join(ibsi, 'ibsi_2', 'digital_phantom', 'nifti');

for (const name of readdirSync(phantoms).sort()) {
  test(`IBSI 2 phantom ${name}: documented size, 2 mm spacing, mask over the whole volume`, async () => {
    const image = await readVolume(join(phantoms, name, 'image', readdirSync(join(phantoms, name, 'image'))[0]));
    assert.deepEqual(image.size, name === 'orientation' ? [32, 48, 64] : [64, 64, 64]);
    assert.deepEqual(image.spacing, [2, 2, 2]);
    const maskDir = join(phantoms, name, 'mask');
    let maskFiles: string[] = [];
    try { maskFiles = readdirSync(maskDir); } catch { /* the orientation phantom has no mask */ }
    for (const f of maskFiles) {
      const mask = await readVolume(join(maskDir, f));
      assert.deepEqual(mask.size, image.size);
      assert.deepEqual([...counts(mask)], [[1, 64 ** 3]]);
    }
    const c = counts(image);
    if (name === 'checkerboard') {
      // cubes of 8 voxels alternating 0 and 255, starting with 0 at the corner
      assert.deepEqual([...c].sort((a, b) => a[0] - b[0]), [[0, 64 ** 3 / 2], [255, 64 ** 3 / 2]]);
      assert.equal(image.data[0], 0);
      assert.equal(image.data[8], 255);
      assert.equal(image.data[8 * 64], 255);
      assert.equal(image.data[8 * 64 * 64], 255);
      assert.equal(image.data[8 + 8 * 64], 0);
    }
    if (name === 'empty') assert.deepEqual([...c], [[0, 64 ** 3]]);
  });
}

test('IBSI 2 impulse phantom: one voxel of 255 where the consensus LoG response (2_a) peaks', async () => {
  const impulse = await readVolume(join(phantoms, 'impulse', 'image', 'impulse.nii.gz'));
  const ones = [...impulse.data.keys()].filter((i) => impulse.data[i] !== 0);
  assert.equal(ones.length, 1);
  assert.equal(impulse.data[ones[0]], 255);
  const response = await readVolume(join(ibsi, 'ibsi_2', 'reference_response_maps', '2_a-ValidCRM.nii.gz'));
  let peak = 0;
  for (let i = 1; i < response.data.length; i++) if (Math.abs(response.data[i]) > Math.abs(response.data[peak])) peak = i;
  assert.equal(peak, ones[0]);
  assert.equal(peak, 31 + 64 * (31 + 64 * 31));
});
