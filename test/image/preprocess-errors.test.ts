/**
 * Bad input to preprocessing: each failure PyRadiomics' checks catch gives a clear message that
 * names the file and says what to do; and the settings that fix it (correctMask,
 * geometryTolerance) do fix it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readVolume } from '../../src/image/read.js';
import { defaultSettings } from '../../src/features/settings.js';
import type { Volume } from '../../src/image/volume.js';
import { PreprocessError, prepareCase, largestSliceMask, type PreprocessSettings } from '../../src/image/preprocess/index.js';
import { PYRADIOMICS } from './preprocess-fixtures.js';

const imagePath = join(PYRADIOMICS, 'data', 'breast1_image.nrrd');
const labelPath = join(PYRADIOMICS, 'data', 'breast1_label.nrrd');
const names = { image: imagePath, mask: labelPath };
const settings = (over: Partial<PreprocessSettings> = {}): PreprocessSettings => ({ ...defaultSettings(), ...over });
const load = async () => Promise.all([readVolume(imagePath), readVolume(labelPath)]);
const moved = (v: Volume, by: [number, number, number]): Volume => ({ ...v, origin: v.origin.map((x, i) => x + by[i]) as Volume['origin'] });

function throwsKind(fn: () => unknown, kind: string, ...fragments: (string | RegExp)[]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof PreprocessError, `a PreprocessError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    for (const f of fragments) assert.match(e.message, typeof f === 'string' ? new RegExp(f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : f);
    return true;
  });
}

test('a label that is not in the mask: names the mask and lists the labels present', async () => {
  const [image, mask] = await load();
  throwsKind(() => prepareCase(image, mask, settings({ label: 2 }), names), 'label-missing', labelPath, 'label 2', 'labels present: 1', '"label"');
});

test('an empty mask says nothing is segmented', async () => {
  const [image, mask] = await load();
  const empty = { ...mask, data: new Int16Array(mask.data.length) };
  throwsKind(() => prepareCase(image, empty, settings(), names), 'no-label', labelPath, 'empty');
});

test('geometry mismatch beyond the tolerance: both geometries printed, correctMask suggested', async () => {
  const [image, mask] = await load();
  const shifted = moved(mask, [1e-4, 0, 0]);
  throwsKind(() => prepareCase(image, shifted, settings(), names), 'geometry-mismatch',
    labelPath, 'origin', `image: size (45, 120, 21)`, String(image.origin[0]), String(shifted.origin[0]), 'correctMask: true', 'geometryTolerance');
  // Within a wider tolerance the same mask is accepted as it is.
  const p = prepareCase(image, shifted, settings({ geometryTolerance: 1e-3 }), names);
  assert.equal(p.mask.data.reduce((a, b) => a + b, 0), 143);
});

test('correctMask resamples a mask on another grid onto the image grid', async () => {
  const [image, mask] = await load();
  // The label moved by exactly one voxel along x: nearest neighbour puts the ROI one voxel further.
  const shifted = moved(mask, [image.spacing[0], 0, 0]);
  const p = prepareCase(image, shifted, settings({ correctMask: true }), names);
  const keys = p.diagnostics.map(([k]) => k);
  assert.ok(keys.includes('diagnostics_Mask-corrected_BoundingBox'));
  assert.equal(new Map(p.diagnostics).get('diagnostics_Mask-corrected_BoundingBox'), '(22, 64, 8, 9, 12, 3)');
  assert.equal(new Map(p.diagnostics).get('diagnostics_Mask-original_BoundingBox'), '(21, 64, 8, 9, 12, 3)');
  assert.equal(p.warnings.length, 1);
});

test('correctMask refuses an ROI outside the image', async () => {
  const [image, mask] = await load();
  const far = moved(mask, [0, 0, 100]);
  throwsKind(() => prepareCase(image, far, settings({ correctMask: true }), names), 'roi-outside-image', labelPath, 'outside the image', 'pairing');
});

test('an ROI below minimumROIDimensions', async () => {
  const [image, mask] = await load();
  const slice = largestSliceMask(mask, 1);
  throwsKind(() => prepareCase(image, slice, settings({ minimumROIDimensions: 3 }), names), 'roi-too-few-dimensions',
    labelPath, 'spans 2 dimension(s)', 'minimumROIDimensions is 3', 'Lower minimumROIDimensions');
  assert.doesNotThrow(() => prepareCase(image, slice, settings({ minimumROIDimensions: 2 }), names));
});

test('a single-voxel ROI is always refused', async () => {
  const [image, mask] = await load();
  const one = new Int16Array(mask.data.length);
  one[30 + 45 * (70 + 120 * 9)] = 1;
  throwsKind(() => prepareCase(image, { ...mask, data: one }, settings({ minimumROIDimensions: 1 }), names), 'roi-single-voxel', labelPath, 'single voxel');
});

test('an ROI not larger than minimumROISize', async () => {
  const [image, mask] = await load();
  throwsKind(() => prepareCase(image, mask, settings({ minimumROISize: 143 }), names), 'roi-too-small',
    labelPath, '143 voxels', 'minimumROISize 143', 'Lower minimumROISize');
  assert.doesNotThrow(() => prepareCase(image, mask, settings({ minimumROISize: 142 }), names));
});

test('an interpolator radnomo does not implement is named, not silently replaced', async () => {
  const [image, mask] = await load();
  throwsKind(() => prepareCase(image, mask, settings({ resampledPixelSpacing: [1, 1, 1], interpolator: 'sitkGaussian' }), names),
    'bad-setting', 'sitkGaussian', 'sitkBSpline');
});
