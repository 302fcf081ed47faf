/**
 * Texture classes: time per class (best of several runs, one thread) on brain1, breast1 and the
 * STS_001 MRI with its full 3D tumour mask, PyRadiomics' default settings (binWidth 25, distance 1,
 * all default features). Discretisation is timed on its own. Best wall time and best CPU time
 * (the latter less disturbed by other processes on a shared machine) per step. For scale: PyRadiomics with its C
 * extensions takes 0.104 s for brain1's 107 features and 0.009 s for breast1's, on one core.
 *
 * Then the ak1316 preset (issue 5): the texture classes' inputs of every derived image (original,
 * LoG, wavelet bands, LBP3D maps) caught during one extract() per case, then each class timed over
 * all of them (best of several runs, CPU ms), with fresh inputs per run so that the labelled grid
 * the classes share is built again, as in an extraction (listed as 'grid').
 * Environment: RADNOMO_TEXTURE_CASES=brain1-3d,breast1-3d (ak1316 cases by id; 'none' skips them).
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
import { sharedTextureGrid } from '../src/features/texture/shared.js';
import { extract } from '../src/features/extractor.js';
import { readPreset } from '../src/features/params.js';
import { registerRoi } from '../src/features/roi-index.js';

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

/** ak1316 cases: id, image, mask, runs. */
const akCases: [string, string, string, number][] = [
  ['brain1-3d', 'pyradiomics/data/brain1_image.nrrd', 'pyradiomics/data/brain1_label.nrrd', 10],
  ['brain1-slice', 'pyradiomics/data/brain1_image.nrrd', 'pyradiomics/masks/brain1_maxslice_mask.nrrd', 20],
  ['breast1-3d', 'pyradiomics/data/breast1_image.nrrd', 'pyradiomics/data/breast1_label.nrrd', 20],
  ['sts001-slice', 'mri/STS_001/MR_T1/nrrd_converted/image.nrrd', 'pyradiomics/masks/sts001_maxslice_mask.nrrd', 10],
  ['sts001-3d', 'mri/STS_001/MR_T1/nrrd_converted/image.nrrd', 'mri/STS_001/MR_T1/nrrd_converted/mask.nrrd', 2],
];
const wantedAk = (process.env.RADNOMO_TEXTURE_CASES ?? 'brain1-3d,brain1-slice,breast1-3d').split(',');

/** The texture classes' inputs and requested features for every derived image of one ak1316 extraction. */
function catchInputs(image: Awaited<ReturnType<typeof readVolume>>, mask: Awaited<ReturnType<typeof readVolume>>) {
  const caught: { input: FeatureInput; enabled: Map<string, readonly string[]> }[] = [];
  const byInput = new Map<FeatureInput, (typeof caught)[number]>();
  const masks = new Map<Uint8Array, Uint8Array>();
  const originals = classes.map((c) => c.compute);
  classes.forEach((cls, k) => {
    cls.compute = (input: FeatureInput, enabled: readonly string[]) => {
      let entry = byInput.get(input);
      if (!entry) {
        // copies: the extractor may reuse its arrays for the next image
        let m = masks.get(input.mask);
        if (!m) masks.set(input.mask, (m = input.mask.slice()));
        entry = { input: { ...input, mask: m, morphologicalMask: m, binned: input.binned!.slice() }, enabled: new Map() };
        byInput.set(input, entry);
        caught.push(entry);
      }
      entry.enabled.set(cls.name, [...enabled]);
      return originals[k].call(cls, input, enabled);
    };
  });
  try {
    extract(image, mask, { params: readPreset('ak1316') });
  } finally {
    classes.forEach((cls, k) => { cls.compute = originals[k]; });
  }
  for (const m of masks.values()) registerRoi(m); // as the extractor registers its cropped ROI
  return caught;
}

for (const [id, imagePath, maskPath, repeat] of akCases) {
  if (!wantedAk.includes(id)) continue;
  const caught = catchInputs(await readVolume(join(fixtures, imagePath)), await readVolume(join(fixtures, maskPath)));
  const bestCpu = new Map<string, number>();
  for (let r = 0; r <= repeat; r++) {
    const run = new Map<string, number>();
    const add = (step: string, fn: () => unknown) => {
      const c0 = process.cpuUsage();
      fn();
      const c = process.cpuUsage(c0);
      run.set(step, (run.get(step) ?? 0) + (c.user + c.system) / 1000);
    };
    for (const { input, enabled } of caught) {
      const fresh: FeatureInput = { ...input };
      add('grid', () => sharedTextureGrid(fresh, Math.max(1, ...fresh.settings.distances)));
      for (const cls of classes) {
        const names = enabled.get(cls.name);
        if (names) add(cls.name, () => cls.compute(fresh, names));
      }
    }
    if (r === 0) continue; // compiles
    for (const [step, ms] of run) bestCpu.set(step, Math.min(bestCpu.get(step) ?? Infinity, ms));
  }
  let total = 0;
  for (const ms of bestCpu.values()) total += ms;
  console.log(`${id} ak1316: ${caught.length} derived images; cpu ms (best of ${repeat}) over all of them: `
    + `${[...bestCpu].map(([step, ms]) => `${step} ${ms.toFixed(2)}`).join(', ')}; total ${total.toFixed(2)}`);
}
