/**
 * Filter cost per image type on the paper's preprocessing (normalize scale 100, 1 mm B-spline
 * resampling, as presets/ak1316.yaml): brain1 (PyRadiomics' test image) and STS_001 (a T1 MRI,
 * NIfTI). For each image type: best of 3 wall times (ms) for computing all its derived images on
 * the prepared (resampled, padded) grid, the CPU time of that run (user + system, which a busy
 * machine inflates less than wall time), and the peak resident memory after all of them.
 * The IBSI-mode LoG and wavelets are timed as well (settings.ibsi).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readVolume } from '../src/image/read.js';
import { defaultSettings, type Settings } from '../src/features/settings.js';
import { prepareCase, type PreprocessSettings } from '../src/image/preprocess/index.js';
import { deriveImages } from '../src/filters/index.js';
import type { ImageTypeName } from '../src/filters/types.js';
import { bestOf, peakRssMb } from './measure.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');
const cases = [
  { name: 'brain1', image: join(fixtures, 'pyradiomics/data/brain1_image.nrrd'), mask: join(fixtures, 'pyradiomics/data/brain1_label.nrrd') },
  { name: 'STS_001', image: join(fixtures, 'mri/STS_001/MR_T1/nifti/image/image.nii.gz'), mask: join(fixtures, 'mri/STS_001/MR_T1/nifti/mask/mask.nii.gz') },
];
const settings: PreprocessSettings & Settings = {
  ...defaultSettings(), normalize: true, normalizeScale: 100, resampledPixelSpacing: [1, 1, 1], interpolator: 'sitkBSpline', correctMask: true,
};
const types: { type: ImageTypeName; custom: Partial<Settings>; label: string }[] = [
  { type: 'LoG', custom: { sigma: [2, 3] }, label: 'LoG sigma 2, 3 mm' },
  { type: 'Wavelet', custom: {}, label: 'Wavelet coif1 (8 bands)' },
  { type: 'Square', custom: {}, label: 'Square' },
  { type: 'SquareRoot', custom: {}, label: 'SquareRoot' },
  { type: 'Logarithm', custom: {}, label: 'Logarithm' },
  { type: 'Exponential', custom: {}, label: 'Exponential' },
  { type: 'Gradient', custom: {}, label: 'Gradient' },
  { type: 'LoG', custom: { sigma: [2, 3], ibsi: true } as Partial<Settings>, label: 'LoG IBSI (truncate 4, mirror)' },
  { type: 'Wavelet', custom: { ibsi: true } as Partial<Settings>, label: 'Wavelet IBSI (mirror)' },
];

console.log('case | grid | image type | derived images | best of 3 wall ms | CPU ms of one run');
for (const c of cases) {
  const [image, mask] = await Promise.all([readVolume(c.image), readVolume(c.mask)]);
  const p = prepareCase(image, mask, settings, { image: c.image, mask: c.mask });
  for (const t of types) {
    // ibsi is a global setting; pass it through the global settings for the IBSI rows.
    const { ibsi, ...custom } = t.custom;
    const global = { ...settings, ibsi: ibsi ?? false };
    const run = await bestOf(3, () => [...deriveImages(t.type, p.image, p.mask, global, custom)].length);
    const cpu0 = process.cpuUsage();
    [...deriveImages(t.type, p.image, p.mask, global, custom)];
    const cpu = process.cpuUsage(cpu0);
    console.log([c.name, `${p.image.size.join('x')} ${p.image.pixelType}`, t.label, run.result, run.ms.toFixed(1), ((cpu.user + cpu.system) / 1000).toFixed(1)].join(' | '));
  }
}
console.log(`peak RSS ${peakRssMb().toFixed(0)} MB`);
