import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lbp2d, lbp2dImage } from '../../src/filters/lbp2d.js';
import { defaultSettings } from '../../src/features/settings.js';
import { identityDirection, type Volume } from '../../src/image/volume.js';
import { closeTo, firstOrder, preparedCase, referenceRows, roiValues, settingsFor } from './lbp-reference.js';

/**
 * scikit-image's own reference table for local_binary_pattern(image, P=8, R=1, method)
 * (skimage/feature/tests/test_texture.py, TestLBP, scikit-image 0.19, BSD-3-Clause).
 */
const SKIMAGE_IMAGE = [
  [255, 6, 255, 0, 141, 0],
  [48, 250, 204, 166, 223, 63],
  [8, 0, 159, 50, 255, 30],
  [167, 255, 63, 40, 128, 255],
  [0, 255, 30, 34, 255, 24],
  [146, 241, 255, 0, 189, 126],
];
const SKIMAGE_EXPECTED: Record<string, number[][]> = {
  default: [
    [0, 251, 0, 255, 96, 255], [143, 0, 20, 153, 64, 56], [238, 255, 12, 191, 0, 252],
    [129, 64, 62, 159, 199, 0], [255, 4, 255, 175, 0, 254], [3, 5, 0, 255, 4, 24],
  ],
  ror: [
    [0, 127, 0, 255, 3, 255], [31, 0, 5, 51, 1, 7], [119, 255, 3, 127, 0, 63],
    [3, 1, 31, 63, 31, 0], [255, 1, 255, 95, 0, 127], [3, 5, 0, 255, 1, 3],
  ],
  uniform: [
    [0, 7, 0, 8, 2, 8], [5, 0, 9, 9, 1, 3], [9, 8, 2, 7, 0, 6],
    [2, 1, 5, 6, 5, 0], [8, 1, 8, 9, 0, 7], [2, 9, 0, 8, 1, 2],
  ],
  nri_uniform: [
    [0, 54, 0, 57, 12, 57], [34, 0, 58, 58, 3, 22], [58, 57, 15, 50, 0, 47],
    [10, 3, 40, 42, 35, 0], [57, 7, 57, 58, 0, 56], [9, 58, 0, 57, 7, 14],
  ],
};

/** A one-slice float64 volume whose numpy (row, col) = (y, x) is the given table. */
function sliceVolume(rows: number[][]): Volume {
  const ny = rows.length, nx = rows[0].length;
  return {
    data: Float64Array.from(rows.flat()), size: [nx, ny, 1], spacing: [1, 1, 1], origin: [0, 0, 0],
    direction: identityDirection(), pixelType: 'float64',
  };
}

for (const [method, expected] of Object.entries(SKIMAGE_EXPECTED)) {
  test(`LBP2D ${method}: scikit-image's reference table (P=8, R=1)`, () => {
    const out = lbp2d(sliceVolume(SKIMAGE_IMAGE), { radius: 1, samples: 8, method, axis: 0 });
    assert.deepEqual(Array.from(out.data), expected.flat());
  });
}

test('LBP2D var: biased variance of the 4 samples (R=1, P=4 reads the 4-neighbours exactly), NaN when flat', () => {
  const img = [[1, 2, 3], [4, 5, 6], [7, 8, 10]];
  const out = lbp2d(sliceVolume(img), { radius: 1, samples: 4, method: 'var', axis: 0 });
  // centre (1,1): samples right 6, up 2, left 4, down 8 -> mean 5, var (1 + 9 + 1 + 9) / 4 = 5
  assert.equal(out.data[4], 5);
  const flat = lbp2d(sliceVolume([[0, 0, 0], [0, 0, 0], [0, 0, 0]]), { radius: 1, samples: 4, method: 'var', axis: 0 });
  assert.ok(Array.from(flat.data).every(Number.isNaN));
});

test('LBP2D works slice by slice across force2Ddimension and keeps the pixel type', () => {
  // a 3 x 3 x 3 int16 volume; with axis 2 the slices are (y, z) planes at fixed x
  const data = Int16Array.from({ length: 27 }, (_, i) => (i * 7919) % 23);
  const vol: Volume = { data, size: [3, 3, 3], spacing: [1, 1, 1], origin: [0, 0, 0], direction: identityDirection(), pixelType: 'int16' };
  const out = lbp2d(vol, { radius: 1, samples: 8, method: 'default', axis: 2 });
  assert.equal(out.pixelType, 'int16');
  for (let x = 0; x < 3; x++) {
    const plane: number[][] = [];
    for (let y = 0; y < 3; y++) plane.push([0, 1, 2].map((z) => data[x + 3 * (y + 3 * z)]));
    const ref = lbp2d(sliceVolume(plane), { radius: 1, samples: 8, method: 'default', axis: 0 }).data;
    for (let y = 0; y < 3; y++) for (let z = 0; z < 3; z++) assert.equal(out.data[x + 3 * (y + 3 * z)], ref[y * 3 + z]);
  }
});

test('LBP2D rejects settings PyRadiomics would fail on, naming the setting', () => {
  const vol = sliceVolume([[1, 2], [3, 4]]);
  assert.throws(() => lbp2d(vol, { radius: 1, samples: 8, method: 'uniformm', axis: 0 }), /lbp2DMethod/);
  assert.throws(() => lbp2d(vol, { radius: 1, samples: 8, method: 'uniform', axis: 3 }), /force2Ddimension/);
});

const rows = referenceRows('lbp-2D_');
test('PyRadiomics LBP2D references are present', () => assert.ok(rows.length >= 2));
for (const row of rows) {
  test(`LBP2D first-order statistics of ${row.values.get('case')} match ${row.file}`, async () => {
    const settings = settingsFor(row.file, 'LBP2D');
    const { image, mask } = await preparedCase(row, settings);
    const derived = [...lbp2dImage(image, mask, settings)];
    assert.deepEqual(derived.map((d) => d.name), ['lbp-2D']);
    assert.equal(derived[0].image.pixelType, image.pixelType);
    const stats = firstOrder(roiValues(derived[0].image.data, mask.data), image.spacing, settings.voxelArrayShift);
    for (const [name, ours] of stats) {
      const ref = Number(row.values.get(`lbp-2D_firstorder_${name}`));
      assert.ok(closeTo(ours, ref), `lbp-2D_firstorder_${name}: ${ours} vs PyRadiomics ${ref}`);
    }
  });
}

test('LBP2D image type uses the settings it is given', () => {
  const vol = sliceVolume(SKIMAGE_IMAGE);
  const settings = { ...defaultSettings(), lbp2DSamples: 8, lbp2DRadius: 1, lbp2DMethod: 'ror' };
  const [d] = [...lbp2dImage(vol, { ...vol, data: new Uint8Array(36), pixelType: 'uint8' }, settings)];
  assert.deepEqual(Array.from(d.image.data), SKIMAGE_EXPECTED.ror.flat());
  assert.equal(d.settings, settings);
});
