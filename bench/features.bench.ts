/**
 * Feature extraction speed: `extract` on images already in memory (PyRadiomics' execute() on
 * loaded images), PyRadiomics' default settings and classes (107 features), one thread.
 * Prints, for brain1, its largest slice, breast1 and the STS_001 MRI with its 3D tumour mask: the
 * features alone (additionalInfo false: mask, bounding box, crop, discretisation, classes) with
 * the time per step, and the whole extraction with PyRadiomics' diagnostics (image and mask
 * hashes, connected components, ...), best of several runs.
 * PyRadiomics 3.1 with its C extensions on one core (reference README): brain1 0.104 s, brain1's
 * largest slice 0.068 s, breast1 0.009 s. The target is 10x faster with the same values.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { readVolume } from '../src/image/read.js';
import { extract } from '../src/features/extractor.js';
import { defaultExtractionParams } from '../src/features/params.js';
import { peakRssMb } from './measure.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');
const cases: { name: string; image: string; mask: string; pyradiomicsMs?: number }[] = [
  { name: 'brain1', image: 'pyradiomics/data/brain1_image.nrrd', mask: 'pyradiomics/data/brain1_label.nrrd', pyradiomicsMs: 104 },
  { name: 'brain1 largest slice', image: 'pyradiomics/data/brain1_image.nrrd', mask: 'pyradiomics/masks/brain1_maxslice_mask.nrrd', pyradiomicsMs: 68 },
  { name: 'breast1', image: 'pyradiomics/data/breast1_image.nrrd', mask: 'pyradiomics/data/breast1_label.nrrd', pyradiomicsMs: 9 },
  { name: 'STS_001', image: 'mri/STS_001/MR_T1/nrrd_converted/image.nrrd', mask: 'mri/STS_001/MR_T1/nrrd_converted/mask.nrrd' },
];

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)).padStart(7);

for (const c of cases) {
  const image = await readVolume(join(fixtures, c.image));
  const mask = await readVolume(join(fixtures, c.mask));
  let voxels = 0;
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i] === 1) voxels++;
  const repeat = voxels > 50000 ? 3 : 15;
  const featuresOnly = { ...defaultExtractionParams(), settings: [{ key: 'additionalInfo', value: false, raw: false }] };
  extract(image, mask, { params: featuresOnly }); // warm-up
  extract(image, mask);
  let bestFeatures = Infinity;
  let bestWhole = Infinity;
  const bestStep = new Map<string, number>();
  let features = 0;
  for (let r = 0; r < repeat; r++) {
    const timings = new Map<string, number>();
    let t0 = performance.now();
    const { row } = extract(image, mask, { params: featuresOnly, timings });
    bestFeatures = Math.min(bestFeatures, performance.now() - t0);
    features = row.size;
    for (const [k, v] of timings) bestStep.set(k, Math.min(bestStep.get(k) ?? Infinity, v));
    t0 = performance.now();
    extract(image, mask);
    bestWhole = Math.min(bestWhole, performance.now() - t0);
  }
  const ratio = c.pyradiomicsMs ? ` (PyRadiomics ${c.pyradiomicsMs} ms: ${(c.pyradiomicsMs / bestFeatures).toFixed(1)}x)` : '';
  console.log(`${c.name}: ${voxels} ROI voxels, ${features} features: ${fmt(bestFeatures).trim()} ms${ratio}; with diagnostics ${fmt(bestWhole).trim()} ms (best of ${repeat})`);
  console.log('  ' + [...bestStep].map(([k, v]) => `${k} ${fmt(v).trim()}`).join(' | ') + ' (ms, best per step)');
}
console.log(`peak RSS ${peakRssMb().toFixed(0)} MB`);
