/**
 * Preprocessing cost: read image + mask, normalize (scale 100), resample to 1 mm with B-spline
 * (the paper's preset), for brain1 (PyRadiomics' test image, 256 x 256 x 25 int16) and STS_001
 * (a T1 MRI as NIfTI, 174 x 158 x 59 float32). Prints the best of 5 runs in milliseconds per step
 * and for the whole of prepareCase (with its diagnostics), and the peak resident memory so far.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readVolume } from '../src/image/read.js';
import { defaultSettings } from '../src/features/settings.js';
import { normalizeImage, prepareCase, resampleCase, roiExtent, binarize, type PreprocessSettings } from '../src/image/preprocess/index.js';
import { bestOf, peakRssMb } from './measure.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');
const cases = [
  { name: 'brain1', image: join(fixtures, 'pyradiomics/data/brain1_image.nrrd'), mask: join(fixtures, 'pyradiomics/data/brain1_label.nrrd') },
  { name: 'STS_001', image: join(fixtures, 'mri/STS_001/MR_T1/nifti/image/image.nii.gz'), mask: join(fixtures, 'mri/STS_001/MR_T1/nifti/mask/mask.nii.gz') },
];
const settings: PreprocessSettings = {
  ...defaultSettings(), normalize: true, normalizeScale: 100, resampledPixelSpacing: [1, 1, 1], interpolator: 'sitkBSpline', correctMask: true,
};

console.log('case | read image+mask ms | normalize ms | resample 1 mm B-spline ms | prepareCase total ms | output grid | ROI voxels | peak RSS MB');
for (const c of cases) {
  const read = await bestOf(5, () => Promise.all([readVolume(c.image), readVolume(c.mask)]));
  const [image, mask] = read.result;
  const norm = await bestOf(5, () => normalizeImage(image, { scale: 100 }));
  const roi = binarize(mask, 1);
  const resampled = await bestOf(5, () => resampleCase(norm.result, roi, { resampledPixelSpacing: [1, 1, 1], interpolator: 'bspline', padDistance: 5 }));
  const total = await bestOf(5, () => prepareCase(image, mask, settings, { image: c.image, mask: c.mask }));
  const p = total.result;
  console.log([
    c.name, read.ms.toFixed(1), norm.ms.toFixed(1), resampled.ms.toFixed(1), total.ms.toFixed(1),
    p.image.size.join('x'), roiExtent(p.mask).count, peakRssMb().toFixed(0),
  ].join(' | '));
}
