/**
 * Preprocessing of the paper's preset (ak1316.yaml: normalize scale 100, resample to 1 mm with
 * B-spline, correctMask) against PyRadiomics' output for every row of ak1316_3d.csv and
 * ak1316_maxslice.csv: the same diagnostics keys in the same order; hashes, sizes, bounding boxes,
 * voxel and volume counts identical; every float (spacing, means, minima, maxima, centres of mass)
 * within 1e-6 relative. The largest-slice rows are run twice: on the mask file PyRadiomics read,
 * and from the full 3D label with largestSlice, which must give the same diagnostics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readVolume } from '../../src/image/read.js';
import { prepareCase, type PreprocessSettings } from '../../src/image/preprocess/index.js';
import { PYRADIOMICS, compareDiagnostic, readRecords, settingsFromPyDict } from './preprocess-fixtures.js';

const volumes = new Map<string, ReturnType<typeof readVolume>>();
const read = (path: string) => {
  if (!volumes.has(path)) volumes.set(path, readVolume(path));
  return volumes.get(path)!;
};
const full3d = new Map(readRecords(join(PYRADIOMICS, 'ak1316_3d.csv')).map((r) => [r.case, r]));

function expectedDiagnostics(row: Record<string, string>): [string, string][] {
  return Object.entries(row).filter(([k]) => /^diagnostics_(Image|Mask)-/.test(k));
}

async function check(row: Record<string, string>, maskPath: string, settings: PreprocessSettings): Promise<void> {
  const imagePath = join(PYRADIOMICS, row.Image);
  const [image, mask] = await Promise.all([read(imagePath), read(maskPath)]);
  const p = prepareCase(image, mask, settings, { image: imagePath, mask: maskPath });
  const expected = expectedDiagnostics(row);
  assert.deepEqual(p.diagnostics.map(([k]) => k), expected.map(([k]) => k), 'diagnostics keys and their order');
  const ours = new Map(p.diagnostics);
  const problems = expected.map(([k, v]) => [k, compareDiagnostic(ours.get(k)!, v)]).filter(([, why]) => why !== null);
  assert.deepEqual(problems, []);
}

for (const file of ['ak1316_3d.csv', 'ak1316_maxslice.csv']) {
  for (const row of readRecords(join(PYRADIOMICS, file))) {
    const settings = { ...settingsFromPyDict(row.diagnostics_Configuration_Settings), label: Number(row.Label) };
    test(`${file} ${row.case}: diagnostics of normalize + resample`, async () => {
      await check(row, join(PYRADIOMICS, row.Mask), settings);
    });
    if (file === 'ak1316_maxslice.csv') {
      const label = full3d.get(row.case);
      test(`${file} ${row.case}: largestSlice on the full label (${label?.Mask}) gives the same diagnostics`, async () => {
        assert.ok(label, `ak1316_3d.csv has no row for ${row.case}`);
        await check(row, join(PYRADIOMICS, label.Mask), { ...settings, largestSlice: true });
      });
    }
  }
}
