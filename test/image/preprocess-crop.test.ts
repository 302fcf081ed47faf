/**
 * preCrop and cropToMask (PyRadiomics' cropToTumorMask): preCrop keeps the ROI's bounding box plus
 * padDistance voxels (within the image), and cropping the pre-cropped case to the ROI gives the
 * same voxels, at the same physical place, as cropping the uncropped one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readVolume } from '../../src/image/read.js';
import { defaultSettings } from '../../src/features/settings.js';
import { cropToMask, prepareCase, type PreprocessSettings } from '../../src/image/preprocess/index.js';
import { PYRADIOMICS } from './preprocess-fixtures.js';

test('preCrop = bounding box + padDistance; the ROI crop is unchanged by it', async () => {
  const imagePath = join(PYRADIOMICS, 'data', 'brain1_image.nrrd');
  const maskPath = join(PYRADIOMICS, 'data', 'brain1_label.nrrd');
  const [image, mask] = await Promise.all([readVolume(imagePath), readVolume(maskPath)]);
  const base: PreprocessSettings = { ...defaultSettings(), normalize: true };
  const plain = prepareCase(image, mask, base);
  const pre = prepareCase(image, mask, { ...base, preCrop: true, padDistance: 5 });
  // brain1's ROI: x 162..208, y 84..153, z 11..17 (diagnostics_Mask-original_BoundingBox (162, 84, 11, 47, 70, 7)).
  assert.deepEqual(plain.boundingBox, [162, 208, 84, 153, 11, 17]);
  assert.deepEqual(pre.image.size, [47 + 10, 70 + 10, 7 + 10]);
  assert.deepEqual(pre.boundingBox, [5, 51, 5, 74, 5, 11]);
  const a = cropToMask(plain.image, plain.mask, plain.boundingBox);
  const b = cropToMask(pre.image, pre.mask, pre.boundingBox);
  assert.deepEqual(a.image.size, [47, 70, 7]);
  assert.deepEqual(b.image.size, a.image.size);
  // Same place; two successive index -> point conversions round differently in the last bits.
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(b.image.origin[i] - a.image.origin[i]) < 1e-9);
  assert.deepEqual(Array.from(b.image.data), Array.from(a.image.data));
  assert.deepEqual(Array.from(b.mask.data), Array.from(a.mask.data));
  // The padding stops at the image's edge: z has 25 slices, so padDistance 20 keeps 0..24.
  const wide = prepareCase(image, mask, { ...base, preCrop: true, padDistance: 20 });
  assert.deepEqual(wide.image.size, [47 + 40, 70 + 40, 25]);
});
