/**
 * Where a single-thread extraction's time goes: extract() on images already in memory (as
 * PyRadiomics' execute() on loaded images was timed, diagnostics included), measured in CPU time
 * (process.cpuUsage) because the machine is shared and wall time swings with its load.
 * For each case and params (PyRadiomics' defaults: 107 features; the ak1316 preset: 1316), each
 * in its own process so that its peak memory is its own: best and median CPU ms over the runs
 * (and the median of their last half, once V8 has optimised the code),
 * the ratio to PyRadiomics' time on one core (test/fixtures/pyradiomics/README.md), CPU ms per
 * step and per image type (the best run's), and the process's peak RSS.
 *
 * Each case's process runs as the CLI does in one respect that matters for speed: no ArrayBuffer
 * is detached in its main thread (V8 then checks for detached buffers in every optimised
 * typed-array access, for good). `--import tsx` would detach one: tsx's CommonJS hooks run their
 * WebAssembly lexer on the main thread and grow its memory on a large package file (yaml); with
 * `--import tsx/esm` the hooks run on their own thread. Each process checks this afterwards (an
 * ArrayBuffer detached on purpose, under --trace-protector-invalidation) and the line says so.
 *
 * npm run bench -- extract-profile
 * Environment: RADNOMO_PROFILE_CASES=brain1-3d,sts001-3d (a subset, by id), RADNOMO_PROFILE_REPEAT=n.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readVolume } from '../src/image/read.js';
import { extract } from '../src/features/extractor.js';
import { readPreset, type ExtractionParams } from '../src/features/params.js';
import { peakRssMb } from './measure.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'test', 'fixtures');
const ref = 'pyradiomics';
const sts = 'mri/STS_001/MR_T1/nrrd_converted';

interface ProfileCase {
  id: string;
  preset: 'default' | 'ak1316';
  image: string;
  mask: string;
  /** PyRadiomics 3.1 with its C extensions, one core, seconds (reference README and task). */
  pyradiomicsS: number;
  repeat: number;
}

const CASES: ProfileCase[] = [
  { id: 'brain1-3d', preset: 'default', image: `${ref}/data/brain1_image.nrrd`, mask: `${ref}/data/brain1_label.nrrd`, pyradiomicsS: 0.104, repeat: 30 },
  { id: 'brain1-slice', preset: 'default', image: `${ref}/data/brain1_image.nrrd`, mask: `${ref}/masks/brain1_maxslice_mask.nrrd`, pyradiomicsS: 0.068, repeat: 30 },
  { id: 'breast1-3d', preset: 'default', image: `${ref}/data/breast1_image.nrrd`, mask: `${ref}/data/breast1_label.nrrd`, pyradiomicsS: 0.009, repeat: 60 },
  { id: 'brain1-3d', preset: 'ak1316', image: `${ref}/data/brain1_image.nrrd`, mask: `${ref}/data/brain1_label.nrrd`, pyradiomicsS: 1.257, repeat: 30 },
  { id: 'brain1-slice', preset: 'ak1316', image: `${ref}/data/brain1_image.nrrd`, mask: `${ref}/masks/brain1_maxslice_mask.nrrd`, pyradiomicsS: 0.243, repeat: 60 },
  { id: 'breast1-3d', preset: 'ak1316', image: `${ref}/data/breast1_image.nrrd`, mask: `${ref}/data/breast1_label.nrrd`, pyradiomicsS: 0.226, repeat: 60 },
  { id: 'breast1-slice', preset: 'ak1316', image: `${ref}/data/breast1_image.nrrd`, mask: `${ref}/masks/breast1_maxslice_mask.nrrd`, pyradiomicsS: 0.108, repeat: 60 },
  { id: 'sts001-slice', preset: 'ak1316', image: `${sts}/image.nrrd`, mask: `${ref}/masks/sts001_maxslice_mask.nrrd`, pyradiomicsS: 0.545, repeat: 30 },
  { id: 'sts001-3d', preset: 'ak1316', image: `${sts}/image.nrrd`, mask: `${sts}/mask.nrrd`, pyradiomicsS: 20.57, repeat: 4 },
];

interface Measured {
  features: number;
  bestMs: number;
  medianMs: number;
  /** The median of the last half of the runs: V8 still optimises (on background threads, counted in CPU time) during the first ones. */
  steadyMedianMs: number;
  runs: number;
  steps: [string, number][];
  imageTypes: [string, number][];
  peakRssMb: number;
  /** Whether no ArrayBuffer had been detached in the process's main thread (filled in by the parent). */
  noneDetached?: boolean;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** In the child process: one case, repeated. */
async function measure(c: ProfileCase): Promise<Measured> {
  const [image, mask] = await Promise.all([readVolume(join(fixtures, c.image)), readVolume(join(fixtures, c.mask))]);
  const params: ExtractionParams | undefined = c.preset === 'default' ? undefined : readPreset(c.preset);
  const repeat = Number(process.env.RADNOMO_PROFILE_REPEAT ?? c.repeat);
  const times: number[] = [];
  let best: Measured | null = null;
  for (let r = 0; r <= repeat; r++) {
    const timings = new Map<string, number>();
    const imageTypeTimings = new Map<string, number>();
    const t0 = cpuMs();
    const { row } = extract(image, mask, { params, timings, imageTypeTimings, clock: cpuMs });
    const ms = cpuMs() - t0;
    if (r === 0) continue; // the first run compiles the code
    times.push(ms);
    if (!best || ms < best.bestMs) {
      const features = [...row.keys()].filter((k) => !k.startsWith('diagnostics_')).length;
      best = { features, bestMs: ms, medianMs: 0, steadyMedianMs: 0, runs: 0, steps: [...timings], imageTypes: [...imageTypeTimings], peakRssMb: 0 };
    }
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  return {
    ...best!, medianMs: median(times), steadyMedianMs: median(times.slice(Math.floor(times.length / 2))), runs: times.length, peakRssMb: peakRssMb(),
  };
}

const PROBE = 'detaching a probe ArrayBuffer';
const INVALIDATED = 'Invalidating protector cell ArrayBufferDetaching';

/** The child's measurement, and whether V8 reported the probe's detach as the first one of the main thread. */
function parseChild(stdout: string): Measured {
  const lines = stdout.split('\n');
  const m = JSON.parse(lines.find((l) => l.startsWith('{'))!) as Measured;
  const probe = lines.indexOf(PROBE);
  return { ...m, noneDetached: probe >= 0 && lines.slice(probe + 1).some((l) => l.includes(INVALIDATED)) };
}

const one = process.env.RADNOMO_PROFILE_ONE;
if (one) {
  const c = CASES.find((x) => `${x.id}|${x.preset}` === one)!;
  process.stdout.write(JSON.stringify(await measure(c)) + '\n');
  // V8 (--trace-protector-invalidation) prints a line when an isolate's first ArrayBuffer is detached
  process.stdout.write(`${PROBE}\n`);
  const probe = new ArrayBuffer(8);
  structuredClone(probe, { transfer: [probe] });
} else {
  const wanted = process.env.RADNOMO_PROFILE_CASES?.split(',');
  const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 1000 ? ms.toFixed(1) : ms.toFixed(0));
  console.log('CPU ms of extract() with diagnostics, one thread, images in memory; best (median; median of the last half) of the runs; each case in its own process');
  for (const c of CASES.filter((x) => !wanted || wanted.includes(x.id))) {
    const r = spawnSync(process.execPath, ['--import', 'tsx/esm', '--trace-protector-invalidation', fileURLToPath(import.meta.url)], {
      env: { ...process.env, RADNOMO_PROFILE_ONE: `${c.id}|${c.preset}` }, encoding: 'utf8', maxBuffer: 1 << 24,
    });
    if (r.status !== 0) {
      console.log(`${c.id} ${c.preset}: failed\n${r.stderr}`);
      continue;
    }
    const m = parseChild(r.stdout);
    const ratio = (c.pyradiomicsS * 1000) / m.bestMs;
    console.log(`${c.id} ${c.preset} (${m.features} features): ${fmt(m.bestMs)} ms (median ${fmt(m.medianMs)}, last half ${fmt(m.steadyMedianMs)}, ${m.runs} runs); `
      + `PyRadiomics ${c.pyradiomicsS} s: ${ratio.toFixed(1)}x${ratio >= 10 ? '' : ' (< 10x)'}; peak RSS ${m.peakRssMb.toFixed(0)} MB`
      + (m.noneDetached ? '' : '; an ArrayBuffer was detached in this process (slower typed-array access than the CLI)'));
    const top = (list: [string, number][]) => list.filter(([, v]) => v >= 0.005).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${fmt(v)}`).join(' | ');
    console.log(`  steps: ${top(m.steps)}`);
    const other = m.bestMs - m.steps.reduce((t, [, v]) => t + v, 0);
    console.log(`  image types: ${top(m.imageTypes)}; not itemised ${fmt(other)}`);
  }
}
