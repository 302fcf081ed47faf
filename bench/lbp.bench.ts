/**
 * LBP2D and LBP3D filter times on brain1 (PyRadiomics defaults: the int16 image as read, 3D label)
 * and on STS_001 prepared as the ak1316 preset does (z-score x 100, B-spline to 1 mm, ROI box +
 * 5 voxels: 104 x 108 x 113, 364690 ROI voxels). For scale: PyRadiomics spends 8.2 s in LBP3D on
 * that STS_001 case (test/fixtures/pyradiomics/README.md, one core). Figures: best of 3 runs after
 * a warm-up, wall and CPU (user) time of this process, peak RSS.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { bestOf, peakRssMb } from './measure.js';
import { defaultSettings, type Settings } from '../src/features/settings.js';
import { readVolume } from '../src/image/read.js';
import { prepareCase } from '../src/image/preprocess/index.js';
import { lbp2dImage } from '../src/filters/lbp2d.js';
import { lbp3dImage } from '../src/filters/lbp3d.js';
import type { ImageFilter } from '../src/filters/types.js';
import type { Volume } from '../src/image/volume.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'pyradiomics');

async function prepared(imagePath: string, maskPath: string, settings: Settings) {
  const image = await readVolume(join(fixtures, imagePath));
  const mask = await readVolume(join(fixtures, maskPath));
  return prepareCase(image, mask, settings);
}

async function time(label: string, filter: ImageFilter, image: Volume, mask: Volume<Uint8Array>, settings: Settings) {
  let cpuBest = Infinity;
  const { ms } = await bestOf(3, () => {
    const c0 = process.cpuUsage();
    const n = [...filter(image, mask, settings)].length;
    cpuBest = Math.min(cpuBest, process.cpuUsage(c0).user / 1000);
    return n;
  });
  let roi = 0;
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) roi++;
  console.log(`${label.padEnd(34)} ${image.size.join('x').padEnd(12)} roi ${String(roi).padStart(6)}  wall ${ms.toFixed(0).padStart(5)} ms  cpu ${cpuBest.toFixed(0).padStart(5)} ms`);
}

const defaults: Settings = defaultSettings();
const brain1 = await prepared('data/brain1_image.nrrd', 'data/brain1_label.nrrd', defaults);
await time('LBP2D brain1 (defaults)', lbp2dImage, brain1.image, brain1.mask, defaults);
await time('LBP3D brain1 (defaults)', lbp3dImage, brain1.image, brain1.mask, defaults);

const ak = parseYaml(readFileSync(join(fixtures, 'ak1316.yaml'), 'utf8')) as { setting: Partial<Settings> };
const akSettings: Settings = { ...defaults, ...ak.setting };
const sts = await prepared('../mri/STS_001/MR_T1/nrrd_converted/image.nrrd', '../mri/STS_001/MR_T1/nrrd_converted/mask.nrrd', akSettings);
await time('LBP2D STS_001 (ak1316, 1 mm)', lbp2dImage, sts.image, sts.mask, akSettings);
await time('LBP3D STS_001 (ak1316, 1 mm)', lbp3dImage, sts.image, sts.mask, akSettings);
console.log(`peak RSS ${peakRssMb().toFixed(0)} MB`);
