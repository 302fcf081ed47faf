/**
 * Texture classes: time per class (best of several runs, one thread) on brain1, breast1 and the
 * STS_001 MRI with its full 3D tumour mask, PyRadiomics' default settings (binWidth 25, distance 1,
 * all default features). Discretisation is timed on its own. For scale: PyRadiomics with its C
 * extensions takes 0.104 s for brain1's 107 features and 0.009 s for breast1's, on one core.
 */
import { dirname, join } from 'node:path';
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
import { bestOf } from './measure.js';

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
  const disc = await bestOf(repeat, () => discretize(c.image, c.mask, settings));
  const input: FeatureInput = {
    image: c.image, mask: c.mask, morphologicalMask: c.mask, size: c.size, spacing: im.spacing,
    binned: disc.result.binned, ng: disc.result.ng, settings,
  };
  const parts = [`discretize ${disc.ms.toFixed(2)} ms`];
  let total = disc.ms;
  let nFeatures = 0;
  for (const cls of classes) {
    const enabled = cls.features.filter((f) => f.byDefault).map((f) => f.name);
    nFeatures += enabled.length;
    const r = await bestOf(repeat, () => cls.compute(input, enabled));
    parts.push(`${cls.name} ${r.ms.toFixed(2)} ms`);
    total += r.ms;
  }
  console.log(`${name}: grid ${c.size.join('x')}, ${roi} ROI voxels, Ng ${disc.result.ng}, ${nFeatures} texture features`);
  console.log(`  ${parts.join(', ')}; total ${total.toFixed(2)} ms`);
}
