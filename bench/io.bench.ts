/**
 * Image reading, each case in its own process so that memory peaks and JIT states do not mix.
 *
 * 1. readVolume as radnomo reads (our NIfTI-1/NRRD readers where they apply): wall time (best of
 *    5 after a warm-up) and peak resident memory. Cases: brain1 NRRD (int16 256x256x25, gzip),
 *    STS_001 NIfTI (float32 174x158x59, gzip), STS_001 DICOM series (59 files), the STS_001
 *    RTSTRUCT rasterised onto that series' grid (the grid read once, outside the timing).
 * 2. Our readers against itk-wasm's (readVolume with native: false) on brain1 NRRD, a demo-size
 *    NIfTI (int16 75x75x9, uncompressed, as the demo cohort's; written here with writeVolume),
 *    the STS_001 NIfTI, and a 2x2x2 NIfTI (itk-wasm's fixed cost per call): milliseconds per read
 *    (median) and CPU milliseconds per read (process.cpuUsage over all reads, all threads), the
 *    figure that counts on a shared, loaded machine.
 * Run: npm run bench io   (or node --import tsx bench/io.bench.ts)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { bestOf, peakRssMb } from './measure.js';
import { readVolume } from '../src/image/read.js';
import { readMask } from '../src/image/read-mask.js';
import { writeVolume } from '../src/image/write.js';
import type { Volume } from '../src/image/volume.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'test', 'fixtures');
const sts = join(fixtures, 'mri', 'STS_001', 'MR_T1');
const brain1 = join(fixtures, 'pyradiomics', 'data', 'brain1_image.nrrd');
const stsNifti = join(sts, 'nifti', 'image', 'image.nii.gz');

const cases: Record<string, { label: string; run: () => Promise<() => Promise<unknown>> }> = {
  brain1_nrrd: {
    label: 'brain1 NRRD (int16 256x256x25)',
    run: async () => () => readVolume(brain1),
  },
  sts001_nifti: {
    label: 'STS_001 NIfTI (float32 174x158x59)',
    run: async () => () => readVolume(stsNifti),
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

/** A volume of the given size with a smooth int16 pattern (a demo image stand-in). */
function int16Volume(size: [number, number, number], spacing: [number, number, number]): Volume {
  const data = new Int16Array(size[0] * size[1] * size[2]);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(400 + 300 * Math.sin(i / 37) + (i % 11) * 5);
  return { data, size, spacing, origin: [-45, -45, -20], direction: Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]), pixelType: 'int16' };
}

const comparisons: Record<string, { label: string; reads: number; file: (dir: string) => Promise<string> }> = {
  brain1: { label: 'brain1 NRRD (int16 256x256x25, gzip)', reads: 10, file: async () => brain1 },
  demo: {
    label: 'demo-size NIfTI (int16 75x75x9, .nii)',
    reads: 40,
    file: async (dir) => {
      const path = join(dir, 'demo.nii');
      await writeVolume(int16Volume([75, 75, 9], [1.2, 1.2, 5]), path);
      return path;
    },
  },
  sts001: { label: 'STS_001 NIfTI (float32 174x158x59, gzip)', reads: 10, file: async () => stsNifti },
  tiny: {
    label: '2x2x2 NIfTI (.nii.gz): fixed cost per call',
    reads: 40,
    file: async (dir) => {
      const path = join(dir, 'tiny.nii.gz');
      await writeVolume(int16Volume([2, 2, 2], [1, 1, 1]), path);
      return path;
    },
  },
};

/** Reads `path` `reads` times (after 2 warm-ups): median wall ms and CPU ms per read. */
async function perRead(path: string, reads: number, native: boolean): Promise<{ ms: number; cpuMs: number }> {
  for (let i = 0; i < 2; i++) await readVolume(path, { native });
  const walls: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < reads; i++) {
    const t0 = performance.now();
    await readVolume(path, { native });
    walls.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  walls.sort((a, b) => a - b);
  return { ms: walls[Math.floor(reads / 2)], cpuMs: (cpu.user + cpu.system) / 1000 / reads };
}

const fmt = (x: number): string => (x < 10 ? x.toFixed(2) : x.toFixed(1));

function child(args: string[]): { ok: true; value: Record<string, number> } | { ok: false; error: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args], { encoding: 'utf8' });
  if (r.status !== 0) return { ok: false, error: r.stderr.trim().split('\n').pop() ?? `exit ${r.status}` };
  return { ok: true, value: JSON.parse(r.stdout.trim().split('\n').pop()!) };
}

const [mode, key, reader] = process.argv.slice(2);
if (mode === 'case') {
  const fn = await cases[key].run();
  const { ms } = await bestOf(5, fn);
  process.stdout.write(`${JSON.stringify({ ms, peakMb: peakRssMb() })}\n`);
} else if (mode === 'compare') {
  const dir = mkdtempSync(join(tmpdir(), 'radnomo-io-bench-'));
  try {
    const c = comparisons[key];
    const r = await perRead(await c.file(dir), c.reads, reader === 'native');
    process.stdout.write(`${JSON.stringify(r)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  console.log('| case (readVolume) | read ms (best of 5) | peak RSS MB |');
  console.log('|---|---:|---:|');
  for (const [k, c] of Object.entries(cases)) {
    const r = child(['case', k]);
    console.log(r.ok ? `| ${c.label} | ${r.value.ms.toFixed(1)} | ${r.value.peakMb.toFixed(0)} |` : `| ${c.label} | failed: ${r.error} | |`);
  }
  console.log('\n| file | ours: ms/read | ours: CPU ms/read | itk-wasm: ms/read | itk-wasm: CPU ms/read | CPU saved per read |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [k, c] of Object.entries(comparisons)) {
    const mine = child(['compare', k, 'native']);
    const itk = child(['compare', k, 'itk']);
    if (!mine.ok || !itk.ok) {
      console.log(`| ${c.label} | failed: ${!mine.ok ? mine.error : ''} ${!itk.ok ? itk.error : ''} | | | | |`);
      continue;
    }
    const m = mine.value;
    const i = itk.value;
    console.log(`| ${c.label} | ${fmt(m.ms)} | ${fmt(m.cpuMs)} | ${fmt(i.ms)} | ${fmt(i.cpuMs)} | ${fmt(i.cpuMs - m.cpuMs)} ms (x${(i.cpuMs / m.cpuMs).toFixed(1)}) |`);
  }
}
