/**
 * Image-type plumbing against PyRadiomics' rules (radiomics/featureextractor.py execute,
 * radiomics/imageoperations.py): which per-type settings act, the LoG names and size checks, the
 * wavelet band names and order (PyWavelets' swtn dictionary order), and the registry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings } from '../../src/features/settings.js';
import { ignoredImageTypeKeys, settingsForImageType } from '../../src/filters/image-type-settings.js';
import { logImageName, logSigmaFits, makeLogImage, pythonFloatString } from '../../src/filters/log.js';
import { pyradiomicsWavelet, waveletAxes } from '../../src/filters/wavelet.js';
import { deriveImages, imageTypes } from '../../src/filters/index.js';
import { identityDirection, type Vec3, type Volume } from '../../src/image/volume.js';

function volume(size: Vec3, spacing: Vec3 = [1, 1, 1]): Volume<Float64Array> {
  const n = size[0] * size[1] * size[2];
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.sin(i * 0.37) * 100 + (i % 7);
  return { data, size, spacing, origin: [0, 0, 0], direction: identityDirection(), pixelType: 'float64' };
}

test('settingsForImageType keeps only the keys PyRadiomics reads per image type', () => {
  const global = { ...defaultSettings(), binWidth: 5, normalize: true, resampledPixelSpacing: [1, 1, 1] as Vec3 };
  const s = settingsForImageType(global, { binWidth: 1, sigma: [2], normalize: false, resampledPixelSpacing: [2, 2, 2], label: 3, voxelArrayShift: 7 });
  assert.equal(s.binWidth, 1);
  assert.deepEqual(s.sigma, [2]);
  assert.equal(s.voxelArrayShift, 7);
  assert.equal(s.normalize, true);
  assert.deepEqual(s.resampledPixelSpacing, [1, 1, 1]);
  assert.equal(s.label, 1);
  assert.equal(global.binWidth, 5, 'the global settings are not modified');
  assert.deepEqual(ignoredImageTypeKeys({ binWidth: 1, normalize: true, label: 2 }).sort(), ['label', 'normalize']);
});

test('LoG image names follow Python str(float): log-sigma-2-0-mm-3D', () => {
  assert.equal(logImageName(2), 'log-sigma-2-0-mm-3D');
  assert.equal(logImageName(1.5), 'log-sigma-1-5-mm-3D');
  assert.equal(logImageName(0.25), 'log-sigma-0-25-mm-3D');
  // a sigma the params file wrote as an int: Python str(2) = '2'
  assert.equal(logImageName(2, true), 'log-sigma-2-mm-3D');
  assert.equal(logImageName(1.5, true), 'log-sigma-1-5-mm-3D');
  assert.equal(pythonFloatString(1e-5), '1e-05');
  assert.equal(pythonFloatString(0.0001), '0.0001');
  assert.equal(pythonFloatString(1e16), '1e+16');
});

test('LoG skips what PyRadiomics skips: images under 4 voxels, sigma <= 0, size < ceil(sigma / spacing) + 1', () => {
  assert.equal(logSigmaFits(3, [10, 10, 4], [1, 1, 1]), true);
  assert.equal(logSigmaFits(3.5, [10, 10, 4], [1, 1, 1]), false);
  assert.equal(logSigmaFits(5, [10, 10, 2], [1, 1, 6.5]), true);
  const warnings: string[] = [];
  const log = makeLogImage((m) => warnings.push(m));
  const settings = { ...defaultSettings(), sigma: [1, 0, 5, 2] };
  const mask = { ...volume([8, 8, 5]), data: new Uint8Array(320), pixelType: 'uint8' as const };
  const names = [...log(volume([8, 8, 5]), mask, settings)].map((d) => d.name);
  assert.deepEqual(names, ['log-sigma-1-0-mm-3D', 'log-sigma-2-0-mm-3D']);
  assert.equal(warnings.length, 2);
  assert.deepEqual([...log(volume([8, 8, 3]), mask, settings)], []);
  assert.match(warnings[2], /too small/);
});

test('wavelet bands in PyRadiomics order, x first; force2D drops z; level 2 named wavelet2-', () => {
  const image = volume([7, 6, 5]);
  const names = [...pyradiomicsWavelet(image, { ...defaultSettings(), level: 2 })].map((b) => b.name);
  assert.deepEqual(names, [
    'wavelet-LLH', 'wavelet-LHL', 'wavelet-LHH', 'wavelet-HLL', 'wavelet-HLH', 'wavelet-HHL', 'wavelet-HHH',
    'wavelet2-LLH', 'wavelet2-LHL', 'wavelet2-LHH', 'wavelet2-HLL', 'wavelet2-HLH', 'wavelet2-HHL', 'wavelet2-HHH',
    'wavelet2-LLL',
  ]);
  assert.deepEqual(waveletAxes({ force2D: true, force2Ddimension: 0 }), [0, 1]);
  const bands2d = [...pyradiomicsWavelet(image, { ...defaultSettings(), force2D: true })];
  assert.deepEqual(bands2d.map((b) => b.name), ['wavelet-LH', 'wavelet-HL', 'wavelet-HH', 'wavelet-LL']);
  assert.deepEqual(bands2d[0].image.size, [7, 6, 5]);
});

test('registry: the image types of this task are registered and unknown ones are refused by name', () => {
  for (const t of ['Original', 'LoG', 'Wavelet', 'Square', 'SquareRoot', 'Logarithm', 'Exponential', 'Gradient'] as const) {
    assert.equal(typeof imageTypes[t], 'function', t);
  }
  const image = volume([6, 6, 6]);
  const mask = { ...image, data: new Uint8Array(216), pixelType: 'uint8' as const };
  const [sq] = deriveImages('Square', image, mask, defaultSettings(), { binWidth: 2 });
  assert.equal(sq.name, 'square');
  assert.equal(sq.settings.binWidth, 2);
  assert.throws(() => deriveImages('Nope' as never, image, mask, defaultSettings()), /image type 'Nope' is not available/);
});
