/**
 * Per-image-type settings and LoG image names through the extractor, as PyRadiomics'
 * featureextractor.execute handles them: an image type's own block acts only where a filter or
 * a feature class reads it (binning, voxelArrayShift, texture and filter keys); preprocessing keys
 * there are ignored, since preprocessing ran once on the `setting` block. LoG images are named
 * 'log-sigma-%s-mm-3D' % str(sigma), so the params file's int (2) and float (2.0) name differently.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readVolume } from '../../src/image/read.js';
import { identityDirection, type Vec3, type Volume } from '../../src/image/volume.js';
import { extract } from '../../src/features/extractor.js';
import { parseParams, parseSettingOverride } from '../../src/features/params.js';
import { refDir } from './texture-helpers.js';
import { tableCases } from './pyradiomics-cases.js';
import { agrees } from './texture-helpers.js';

/** The features of `row` whose names start with `prefix`, against the reference row: the differences. */
function differences(row: Map<string, unknown>, expected: Map<string, string>, prefix: string): string[] {
  const out: string[] = [];
  let compared = 0;
  for (const [column, text] of expected) {
    if (!column.startsWith(prefix)) continue;
    // tie-sensitive in PyRadiomics itself (pyradiomics-parity.test.ts says why)
    if (/^lbp-3D-m[12]_firstorder_RobustMeanAbsoluteDeviation$/.test(column)) continue;
    compared++;
    const actual = row.get(column);
    if (typeof actual !== 'number' || !agrees(actual, Number(text), 1e-6)) out.push(`${column}: ${String(actual)} vs ${text}`);
  }
  assert.ok(compared > 0, `no reference column starts with ${prefix}`);
  return out;
}

test('ak1316 with preprocessing keys in the LBP3D block: they are ignored, its binWidth 1 is applied (PyRadiomics\' values)', async () => {
  const reference = tableCases().find((c) => c.name === 'ak1316_3d.csv breast1');
  assert.ok(reference?.imagePath, 'ak1316_3d.csv breast1 and its image are in the reference folder');
  // ak1316.yaml with Original and LBP3D only, LBP3D given preprocessing keys that would change
  // everything if they acted (no normalisation, 2 mm linear resampling, other ROI label)
  const yaml = readFileSync(join(refDir, 'ak1316.yaml'), 'utf8')
    .replace(/  LoG: .*\n/, '').replace(/  Wavelet: .*\n/, '')
    .replace('LBP3D: {binWidth: 1}', 'LBP3D: {binWidth: 1, normalize: false, resampledPixelSpacing: [2, 2, 2], interpolator: sitkLinear, padDistance: 1}');
  assert.match(yaml, /resampledPixelSpacing: \[2, 2, 2\]/);
  const params = parseParams(yaml, 'ak1316-lbp-preprocessing.yaml');
  const [image, mask] = await Promise.all([readVolume(reference.imagePath), readVolume(reference.maskPath)]);
  const { row, warnings } = extract(image, mask, { params });
  assert.deepEqual(differences(row, reference.expected, 'lbp-3D-'), []);
  assert.deepEqual(differences(row, reference.expected, 'original_'), []);
  // binWidth 1 acted: at the global binWidth 5 the LBP3D m1 image has other bins
  assert.notEqual(row.get('lbp-3D-m1_firstorder_Entropy'), undefined);
  const wide = extract(image, mask, { params: parseParams(yaml.replace('binWidth: 1,', 'binWidth: 5,'), 'p.yaml') }).row;
  assert.notEqual(wide.get('lbp-3D-m1_glcm_Contrast'), row.get('lbp-3D-m1_glcm_Contrast'));
  assert.ok(warnings.some((w) => /imageType LBP3D .*normalize, resampledPixelSpacing, interpolator, padDistance ignored per image type/.test(w)), warnings.join('\n'));
});

test('Original with its own binWidth and normalize over another global binWidth: PyRadiomics\' default values (single_Original_3d.csv)', async () => {
  const reference = tableCases().find((c) => c.name === 'single_Original_3d.csv brain1');
  assert.ok(reference?.imagePath);
  const params = parseParams([
    'imageType:', '  Original: {binWidth: 25, normalize: true, normalizeScale: 100}',
    'featureClass:', '  firstorder:', '  glcm:', 'setting:', '  binWidth: 10', '',
  ].join('\n'), 'original-binwidth.yaml');
  const [image, mask] = await Promise.all([readVolume(reference.imagePath), readVolume(reference.maskPath)]);
  const { row } = extract(image, mask, { params });
  assert.deepEqual(differences(row, reference.expected, 'original_firstorder_'), []);
  assert.deepEqual(differences(row, reference.expected, 'original_glcm_'), []);
});

/** A small float image and a block ROI, big enough for LoG sigma 2 and 3 at 1 mm. */
function smallCase(): { image: Volume; mask: Volume } {
  const size: Vec3 = [12, 11, 10];
  const n = size[0] * size[1] * size[2];
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = 100 + 40 * Math.sin(i * 0.37) + (i % 5);
  const m = new Uint8Array(n);
  for (let z = 3; z < 7; z++) for (let y = 3; y < 8; y++) for (let x = 3; x < 9; x++) m[x + size[0] * (y + size[1] * z)] = 1;
  const grid = { size, spacing: [1, 1, 1] as Vec3, origin: [0, 0, 0] as Vec3, direction: identityDirection() };
  return { image: { ...grid, data, pixelType: 'float64' }, mask: { ...grid, data: m, pixelType: 'uint8' } };
}

const logNames = (row: Map<string, unknown>) =>
  [...new Set([...row.keys()].filter((k) => k.startsWith('log-')).map((k) => k.slice(0, k.indexOf('_'))))];

test('LoG names: an int sigma is log-sigma-2-mm-3D, a float log-sigma-2-0-mm-3D (str(sigma), as PyRadiomics); same values', () => {
  const { image, mask } = smallCase();
  const run = (yaml: string, overrides: string[] = []) =>
    extract(image, mask, { params: parseParams(yaml, 'log.yaml'), overrides: overrides.map(parseSettingOverride) }).row;
  const mixed = run('imageType:\n  LoG: {sigma: [2, 3.0]}\nfeatureClass:\n  firstorder:\n');
  assert.deepEqual(logNames(mixed), ['log-sigma-2-mm-3D', 'log-sigma-3-0-mm-3D']);
  const floats = run('imageType:\n  LoG: {sigma: [2.0, 3]}\nfeatureClass:\n  firstorder:\n');
  assert.deepEqual(logNames(floats), ['log-sigma-2-0-mm-3D', 'log-sigma-3-mm-3D']);
  assert.equal(mixed.get('log-sigma-2-mm-3D_firstorder_Mean'), floats.get('log-sigma-2-0-mm-3D_firstorder_Mean'));
  assert.equal(mixed.get('log-sigma-3-0-mm-3D_firstorder_Mean'), floats.get('log-sigma-3-mm-3D_firstorder_Mean'));
  // sigma from the setting block, from --setting, and a JSON file
  assert.deepEqual(logNames(run('imageType:\n  LoG: {}\nfeatureClass:\n  firstorder:\nsetting:\n  sigma: [2]\n')), ['log-sigma-2-mm-3D']);
  assert.deepEqual(logNames(run('imageType:\n  LoG: {}\nfeatureClass:\n  firstorder:\n', ['sigma:[2.0]'])), ['log-sigma-2-0-mm-3D']);
  const json = extract(image, mask, {
    params: parseParams('{"imageType": {"LoG": {"sigma": [2, 2.5]}}, "featureClass": {"firstorder": null}}', 'log.json', 'json'),
  }).row;
  assert.deepEqual(logNames(json), ['log-sigma-2-mm-3D', 'log-sigma-2-5-mm-3D']);
});

test('a resegmentRange in an image type block does not reach the binning (IBSI mode bins from its lower bound)', () => {
  const { image, mask } = smallCase();
  const run = (original: string) => extract(image, mask, {
    params: parseParams(`imageType:\n  Original: ${original}\nfeatureClass:\n  firstorder:\n  glcm:\nsetting:\n  ibsi: true\n  binWidth: 7\n`, 'p.yaml'),
  });
  const plain = run('{}');
  const typed = run('{resegmentRange: [20, 500]}');
  const features = (row: Map<string, unknown>) => [...row].filter(([k]) => !k.startsWith('diagnostics_'));
  assert.deepEqual(features(typed.row), features(plain.row));
  // the same range in the setting block does act: IBSI bins start at its lower bound
  const global = extract(image, mask, {
    params: parseParams('featureClass:\n  firstorder:\nsetting:\n  ibsi: true\n  binWidth: 7\n  resegmentRange: [20, 500]\n', 'p.yaml'),
  }).row;
  assert.notEqual(global.get('original_firstorder_Entropy'), plain.row.get('original_firstorder_Entropy'));
  assert.ok(typed.warnings.some((w) => /resegmentRange ignored per image type/.test(w)));
});
