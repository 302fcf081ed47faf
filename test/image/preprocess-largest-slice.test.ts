/**
 * largestSlice against the masks PyRadiomics' largest-slice runs read
 * (test/fixtures/pyradiomics/masks/<case>_maxslice_mask.nrrd): for every row of
 * ak1316_maxslice.csv, the full 3D label of the same case (its Mask in ak1316_3d.csv) reduced to
 * its largest axial slice must be that file voxel for voxel, with the same pixel type and geometry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readVolume } from '../../src/image/read.js';
import { largestSliceIndex, largestSliceMask } from '../../src/image/preprocess/index.js';
import { PYRADIOMICS, readRecords } from './preprocess-fixtures.js';

const full3d = new Map(readRecords(join(PYRADIOMICS, 'ak1316_3d.csv')).map((r) => [r.case, r]));

for (const row of readRecords(join(PYRADIOMICS, 'ak1316_maxslice.csv'))) {
  test(`largest slice of ${row.case} is ${row.Mask}`, async () => {
    const source = full3d.get(row.case);
    assert.ok(source, `ak1316_3d.csv has no row for ${row.case}`);
    const label = Number(row.Label);
    const [full, expected] = await Promise.all([readVolume(join(PYRADIOMICS, source.Mask)), readVolume(join(PYRADIOMICS, row.Mask))]);
    const ours = largestSliceMask(full, label);
    assert.equal(ours.pixelType, expected.pixelType);
    assert.deepEqual(ours.size, expected.size);
    assert.deepEqual(ours.spacing, expected.spacing);
    assert.deepEqual(ours.origin, expected.origin);
    assert.deepEqual(Array.from(ours.direction), Array.from(expected.direction));
    let differing = 0;
    for (let i = 0; i < ours.data.length; i++) if (ours.data[i] !== expected.data[i]) differing++;
    assert.equal(differing, 0, 'voxels that differ');
    // The kept slice is a proper cross-section: more than one voxel, and the fixture's only slice.
    const k = largestSliceIndex(full, label);
    assert.equal(largestSliceIndex(expected, label), k);
  });
}

test('ties go to the lowest slice', () => {
  const size: [number, number, number] = [2, 2, 3];
  const data = new Int16Array([0, 0, 0, 0, 2, 2, 0, 0, 2, 0, 2, 0]);
  const mask = { data, size, spacing: [1, 1, 1] as [number, number, number], origin: [0, 0, 0] as [number, number, number], direction: Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]), pixelType: 'int16' as const };
  assert.equal(largestSliceIndex(mask, 2), 1);
  assert.deepEqual(Array.from(largestSliceMask(mask, 2).data), [0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0]);
});
