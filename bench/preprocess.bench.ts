/**
 * Preprocessing cost per case, in CPU time (process.cpuUsage: the machine is shared, wall time
 * swings with its load): prepareCase with the paper's settings (ak1316: normalize, scale 100,
 * 1 mm B-spline resampling, correctMask; diagnostics on) for brain1 (PyRadiomics' test image,
 * 256 x 256 x 25 int16, int32 masks) and STS_001 (174 x 158 x 59 float32 T1 MRI, uint8 masks),
 * each with its 3D label and its largest-slice mask. Prints the best of the runs (after one
 * warm-up run) and that run's CPU ms per step (mask, diagnostics, normalize, resample, checkMask).
 *
 * npm run bench -- preprocess            (RADNOMO_PREPROCESS_REPEAT=n runs per case, default 10)
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readVolume } from '../src/image/read.js';
import { defaultSettings } from '../src/features/settings.js';
import { prepareCase, roiExtent, type PreprocessSettings } from '../src/image/preprocess/index.js';
import { peakRssMb } from './measure.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');
const ref = 'pyradiomics';
const sts = 'mri/STS_001/MR_T1/nrrd_converted';
const cases = [
  { name: 'brain1 3D', image: `${ref}/data/brain1_image.nrrd`, mask: `${ref}/data/brain1_label.nrrd` },
  { name: 'brain1 slice', image: `${ref}/data/brain1_image.nrrd`, mask: `${ref}/masks/brain1_maxslice_mask.nrrd` },
  { name: 'STS_001 3D', image: `${sts}/image.nrrd`, mask: `${sts}/mask.nrrd` },
  { name: 'STS_001 slice', image: `${sts}/image.nrrd`, mask: `${ref}/masks/sts001_maxslice_mask.nrrd` },
];
const settings: PreprocessSettings = {
  ...defaultSettings(), normalize: true, normalizeScale: 100, resampledPixelSpacing: [1, 1, 1], interpolator: 'sitkBSpline', correctMask: true,
};
const repeat = Number(process.env.RADNOMO_PREPROCESS_REPEAT ?? 10);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

console.log(`prepareCase (ak1316 settings, diagnostics on), CPU ms, best of ${repeat} runs after a warm-up; steps of that run`);
for (const c of cases) {
  const [image, mask] = await Promise.all([readVolume(join(fixtures, c.image)), readVolume(join(fixtures, c.mask))]);
  let best = Infinity;
  let bestSteps = new Map<string, number>();
  let grid = '', roi = 0;
  for (let r = 0; r <= repeat; r++) {
    const steps = new Map<string, number>();
    const t0 = cpuMs();
    const p = prepareCase(image, mask, settings, { image: c.image, mask: c.mask }, (step, f) => {
      const s0 = cpuMs();
      const out = f();
      steps.set(step, (steps.get(step) ?? 0) + cpuMs() - s0);
      return out;
    });
    const ms = cpuMs() - t0;
    if (r === 0) {
      grid = p.image.size.join('x');
      roi = roiExtent(p.mask).count;
      continue;
    }
    if (ms < best) {
      best = ms;
      bestSteps = steps;
    }
  }
  const steps = [...bestSteps].map(([k, v]) => `${k} ${v.toFixed(2)}`).join(' | ');
  console.log(`${c.name}: ${best.toFixed(2)} ms (${steps}); grid ${grid}, ROI ${roi} voxels; peak RSS ${peakRssMb().toFixed(0)} MB`);
}
