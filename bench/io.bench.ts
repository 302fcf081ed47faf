/**
 * Image reading: wall time (best of 5 after a warm-up) and peak resident memory, each case in its
 * own process so that the peaks do not mix. Cases: brain1 NRRD (int16 256x256x25, gzip), STS_001
 * NIfTI (float32 174x158x59, gzip), STS_001 DICOM series (59 files), and the STS_001 RTSTRUCT
 * rasterised onto that series' grid (the grid read once, outside the timing).
 * Run: npm run bench io   (or node --import tsx bench/io.bench.ts)
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bestOf, peakRssMb } from './measure.js';
import { readVolume } from '../src/image/read.js';
import { readMask } from '../src/image/read-mask.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'test', 'fixtures');
const sts = join(fixtures, 'mri', 'STS_001', 'MR_T1');

const cases: Record<string, { label: string; run: () => Promise<() => Promise<unknown>> }> = {
  brain1_nrrd: {
    label: 'brain1 NRRD (int16 256x256x25)',
    run: async () => () => readVolume(join(fixtures, 'pyradiomics', 'data', 'brain1_image.nrrd')),
  },
  sts001_nifti: {
    label: 'STS_001 NIfTI (float32 174x158x59)',
    run: async () => () => readVolume(join(sts, 'nifti', 'image', 'image.nii.gz')),
  },
  sts001_dicom: {
    label: 'STS_001 DICOM series (59 files)',
    run: async () => () => readVolume(join(sts, 'dicom', 'image')),
  },
  sts001_rtstruct: {
    label: 'STS_001 RTSTRUCT rasterised (32 contours)',
    run: async () => {
      const grid = await readVolume(join(sts, 'dicom', 'image'));
      return () => readMask(join(sts, 'dicom', 'mask', 'RS.dcm'), grid, { roi: 'GTV_Mass_MR_T1' });
    },
  },
};

const which = process.argv[2];
if (which) {
  const fn = await cases[which].run();
  const { ms } = await bestOf(5, fn);
  process.stdout.write(`${JSON.stringify({ ms, peakMb: peakRssMb() })}\n`);
} else {
  console.log('| case | read ms (best of 5) | peak RSS MB |');
  console.log('|---|---:|---:|');
  for (const [key, c] of Object.entries(cases)) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), key], { encoding: 'utf8' });
    if (r.status !== 0) {
      console.log(`| ${c.label} | failed: ${r.stderr.trim().split('\n').pop()} | |`);
      continue;
    }
    const { ms, peakMb } = JSON.parse(r.stdout.trim().split('\n').pop()!);
    console.log(`| ${c.label} | ${ms.toFixed(1)} | ${peakMb.toFixed(0)} |`);
  }
}
