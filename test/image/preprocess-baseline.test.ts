/**
 * Preprocessing against PyRadiomics' own baselines (test/fixtures/pyradiomics/baseline): every
 * `_resampling`, `_normalization` and `_resegmentation` column, run with the settings of its
 * diagnostics_Configuration_Settings row. Checked at 1e-6 relative: the image/mask diagnostics the
 * column holds (interpolated image mean, min, max, size, spacing, bounding box, voxel count, ...)
 * and, in baseline_firstorder.csv, the ROI's first-order Mean, Minimum and Maximum, which are the
 * normalized, resampled or resegmented grey values themselves.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readVolume } from '../../src/image/read.js';
import type { Volume } from '../../src/image/volume.js';
import { cropToMask, prepareCase, type PreparedCase } from '../../src/image/preprocess/index.js';
import { PYRADIOMICS, compareDiagnostic, readBaselineColumns, settingsFromPyDict } from './preprocess-fixtures.js';

const BASELINE = join(PYRADIOMICS, 'baseline');
const volumes = new Map<string, Promise<Volume>>();
const read = (path: string) => {
  if (!volumes.has(path)) volumes.set(path, readVolume(path));
  return volumes.get(path)!;
};
const prepared = new Map<string, Promise<PreparedCase>>();

/** Keys a mask-only case can check (lung1/lung2 ship no image): those that depend on the mask alone. */
const MASK_ONLY = /^diagnostics_(Mask-(original|interpolated)_(Hash|Spacing|Size|BoundingBox|VoxelNum|VolumeNum|CenterOfMassIndex|CenterOfMass)|Image-interpolated_(Spacing|Size))$/;

const files = readdirSync(BASELINE).filter((f) => /^baseline_.*\.csv$/.test(f)).sort();
for (const file of files) {
  for (const column of readBaselineColumns(join(BASELINE, file))) {
    if (!/_(resampling|normalization|resegmentation)$/.test(column.name)) continue;
    const v = column.values;
    const caseName = v.diagnostics_Configuration_TestCase || column.name.replace(/_[^_]+$/, '');
    const imagePath = join(PYRADIOMICS, 'data', `${caseName}_image.nrrd`);
    const labelPath = join(PYRADIOMICS, 'data', `${caseName}_label.nrrd`);
    const hasImage = existsSync(imagePath);
    const refKeys = Object.keys(v).filter((k) => k.startsWith('diagnostics_Image-') || k.startsWith('diagnostics_Mask-'))
      .filter((k) => v[k] !== '')
      .filter((k) => hasImage || MASK_ONLY.test(k));
    const firstOrder = ['Mean', 'Minimum', 'Maximum'].map((f) => `original_firstorder_${f}`).filter((k) => k in v && hasImage);
    if (refKeys.length === 0 && firstOrder.length === 0) {
      test(`${file} ${column.name}`, { skip: `PyRadiomics ships no image for ${caseName}: nothing of this column can be reproduced` }, () => {});
      continue;
    }
    // Without an image only mask-derived keys are checked; normalisation and resegmentation do not
    // change them and are left out rather than run on the label standing in for the image.
    const settings = { ...settingsFromPyDict(v.diagnostics_Configuration_Settings), ...(hasImage ? {} : { normalize: false, resegmentRange: null }) };
    test(`${file} ${column.name}: ${refKeys.length} diagnostics${firstOrder.length ? ' and first-order Mean/Minimum/Maximum' : ''}` +
      (hasImage ? '' : ' (no image shipped: the label stands in for it, mask-derived values only)'), async () => {
      const key = `${caseName}|${JSON.stringify(settings)}`;
      if (!prepared.has(key)) {
        prepared.set(key, (async () => {
          const mask = await read(labelPath);
          const image = hasImage ? await read(imagePath) : mask;
          return prepareCase(image, mask, settings, { image: imagePath, mask: labelPath });
        })());
      }
      const p = await prepared.get(key)!;
      const ours = new Map(p.diagnostics);
      const problems: string[] = [];
      for (const k of refKeys) {
        if (!ours.has(k)) { problems.push(`${k}: not produced`); continue; }
        const why = compareDiagnostic(ours.get(k)!, v[k]);
        if (why) problems.push(`${k}: ${why}`);
      }
      if (firstOrder.length) {
        const { image, mask } = cropToMask(p.image, p.mask, p.boundingBox, 0);
        const values: number[] = [];
        for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) values.push(image.data[i]);
        const stats: Record<string, number> = {
          original_firstorder_Mean: values.reduce((a, b) => a + b, 0) / values.length,
          original_firstorder_Minimum: Math.min(...values),
          original_firstorder_Maximum: Math.max(...values),
        };
        for (const k of firstOrder) {
          const ref = Number(v[k]);
          if (!(Math.abs(stats[k] - ref) <= 1e-6 * Math.abs(ref))) problems.push(`${k}: ${stats[k]} != ${ref}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }
}
