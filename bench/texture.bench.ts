/**
 * Texture classes: time per class (best of several runs, one thread) on brain1, breast1 and the
 * STS_001 MRI with its full 3D tumour mask, PyRadiomics' default settings (binWidth 25, distance 1,
 * all default features). Discretisation is timed on its own. Best wall time and best CPU time
 * (the latter less disturbed by other processes on a shared machine) per step. For scale: PyRadiomics with its C
 * extensions takes 0.104 s for brain1's 107 features and 0.009 s for breast1's, on one core.
 */
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readVolume } from '../src/image/read.js';
import type { Vec3 } from '../src/image/volume.js';
import { defaultSettings } from '../src/features/settings.js';
import { discretize } from '../src/features/discretize.js';
import type { FeatureClass, FeatureInput } from '../src/features/types.js';
import { glcmClass } from '../src/features/texture/glcm.js';
import { glrlmClass } from '../src/features/texture/glrlm.js';
import { glszmClass } from '../src/features/texture/glszm.js';
import { gldmClass } from '../src/features/texture/gldm.js';
import { ngtdmClass } from '../src/features/texture/ngtdm.js';

/** Best wall and best CPU (user + system) time of `repeat` runs after one warm-up, in ms. */
function best(repeat: number, fn: () => unknown): { wall: number; cpu: number } {
  fn();
  let wall = Infinity;
  let cpu = Infinity;
  for (let r = 0; r < repeat; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall = Math.min(wall, performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1000);
  }
  return { wall, cpu };
}

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');
const cases: [string, string, string][] = [
  ['brain1', 'pyradiomics/data/brain1_image.nrrd', 'pyradiomics/data/brain1_label.nrrd'],
  ['breast1', 'pyradiomics/data/breast1_image.nrrd', 'pyradiomics/data/breast1_label.nrrd'],
  ['sts001', 'mri/STS_001/MR_T1/nrrd_converted/image.nrrd', 'mri/STS_001/MR_T1/nrrd_converted/mask.nrrd'],
];
const classes: FeatureClass[] = [glcmClass, glrlmClass, glszmClass, gldmClass, ngtdmClass];

/** Image and ROI (label 1) cropped to the ROI's bounding box. */
function crop(data: ArrayLike<number>, label: ArrayLike<number>, size: Vec3) {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-1, -1, -1];
  for (let i = 0; i < label.length; i++) {
    if (label[i] !== 1) continue;
    const c = [i % size[0], Math.floor(i / size[0]) % size[1], Math.floor(i / (size[0] * size[1]))];
    for (let d = 0; d < 3; d++) { lo[d] = Math.min(lo[d], c[d]); hi[d] = Math.max(hi[d], c[d]); }
  }
  const cs: Vec3 = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  const image = new Float64Array(cs[0] * cs[1] * cs[2]);
  const mask = new Uint8Array(image.length);
  let k = 0;
  for (let z = lo[2]; z <= hi[2]; z++) for (let y = lo[1]; y <= hi[1]; y++) for (let x = lo[0]; x <= hi[0]; x++, k++) {
    const i = x + size[0] * (y + size[1] * z);
    image[k] = data[i];
    mask[k] = label[i] === 1 ? 1 : 0;
  }
  return { image, mask, size: cs };
}

for (const [name, imagePath, maskPath] of cases) {
  const im = await readVolume(join(fixtures, imagePath));
  const ma = await readVolume(join(fixtures, maskPath));
  const c = crop(im.data, ma.data, im.size);
  const settings = defaultSettings();
  let roi = 0;
  for (const v of c.mask) roi += v;
  const repeat = roi > 100000 ? 2 : 10;
  const { binned, ng } = discretize(c.image, c.mask, settings);
  const input: FeatureInput = {
    image: c.image, mask: c.mask, morphologicalMask: c.mask, size: c.size, spacing: im.spacing, binned, ng, settings,
  };
  const steps: [string, () => unknown][] = [['discretize', () => discretize(c.image, c.mask, settings)]];
  let nFeatures = 0;
  for (const cls of classes) {
    const enabled = cls.features.filter((f) => f.byDefault).map((f) => f.name);
    nFeatures += enabled.length;
    steps.push([cls.name, () => cls.compute(input, enabled)]);
  }
  const wall: string[] = [];
  const cpu: string[] = [];
  let totalWall = 0;
  let totalCpu = 0;
  for (const [step, fn] of steps) {
    const t = best(repeat, fn);
    wall.push(`${step} ${t.wall.toFixed(2)}`);
    cpu.push(`${step} ${t.cpu.toFixed(2)}`);
    totalWall += t.wall;
    totalCpu += t.cpu;
  }
  console.log(`${name}: grid ${c.size.join('x')}, ${roi} ROI voxels, Ng ${ng}, ${nFeatures} texture features (best of ${repeat})`);
  console.log(`  wall ms: ${wall.join(', ')}; total ${totalWall.toFixed(2)}`);
  console.log(`  cpu  ms: ${cpu.join(', ')}; total ${totalCpu.toFixed(2)}`);
}
