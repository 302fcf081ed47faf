/**
 * Batch extraction at the paper's scale: 450 largest-slice cases (the demo cohort: 90 patients x 5
 * sequences, written once with writeDemoCohort and kept in the temp folder) with the ak1316 preset
 * (1316 features per case) on 2 worker threads: total seconds, cases/s, peak memory, where a
 * case's time goes. Single-thread times per case against PyRadiomics' are extract-profile's job
 * (bench/extract-profile.bench.ts: each case in its own process, warm-up runs set apart).
 *
 * Target (issue 5): 450 cases in under 10 s on 2 cores. Environment: RADNOMO_BENCH_CASES=N
 * extracts only the first N manifest rows.
 *
 * The figures come from a process that runs as the CLI does in one respect that matters for speed:
 * no ArrayBuffer is detached in its main thread (V8 then checks for detached buffers in every
 * optimised typed-array access, for good). `node --import tsx` detaches one (tsx's CommonJS hooks
 * grow their WebAssembly lexer's memory on the main thread for a large package file), so this file
 * runs itself again with `--import tsx/esm` (hooks on their own thread) and says afterwards whether
 * the main thread stayed clean (a probe ArrayBuffer detached at the end, under
 * --trace-protector-invalidation).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { writeDemoCohort } from '../src/demo/cohort.js';
import { readManifest } from '../src/features/manifest.js';
import { extractBatch } from '../src/features/batch.js';
import { readPreset, type SettingEntry } from '../src/features/params.js';
import { peakRssMb } from './measure.js';

const params = readPreset('ak1316');
const largestSlice: SettingEntry[] = [{ key: 'largestSlice', value: true, raw: true }];
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 1000 ? ms.toFixed(1) : ms.toFixed(0));

/** The demo cohort (seed 1, the paper's 90 patients), written once per machine. */
async function demoCohort(): Promise<string> {
  const dir = join(tmpdir(), 'radnomo-bench-demo-cohort-seed1');
  const manifest = join(dir, 'manifest.csv');
  if (existsSync(manifest)) return manifest;
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const t0 = performance.now();
  await writeDemoCohort(building, { seed: 1 });
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  console.log(`demo cohort written to ${dir} in ${((performance.now() - t0) / 1000).toFixed(1)} s (kept for the next runs)`);
  return manifest;
}

async function batchAtScale(): Promise<void> {
  const manifest = readManifest(await demoCohort());
  const limit = Number(process.env.RADNOMO_BENCH_CASES ?? manifest.rows.length);
  const rows = manifest.rows.slice(0, limit);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await extractBatch({ ...manifest, rows }, params, { jobs: 2, overrides: largestSlice, timings: true });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const features = result.table.rows[0] ? [...result.table.rows[0].values.keys()].filter((k) => !k.startsWith('diagnostics_')).length : 0;
  console.log(`${rows.length} largest-slice cases, ak1316 (${features} features), 2 workers: ${seconds.toFixed(1)} s, `
    + `${(rows.length / seconds).toFixed(1)} cases/s, ${result.failed} failed; peak RSS ${peakRssMb().toFixed(0)} MB (target: < 10 s)`);
  console.log(`  CPU time of all threads ${cpuSeconds.toFixed(1)} s, i.e. ${(cpuSeconds / 2).toFixed(1)} s of wall time on 2 otherwise idle cores`
    + ` (load average now ${loadavg()[0].toFixed(1)}: wall times are only meaningful on an idle machine)`);
  for (const e of result.errors.slice(0, 3)) console.log(`  failed row ${e.row} (${e.case}): ${e.message}`);
  const n = result.timings.length;
  if (n === 0) return;
  const read = result.timings.reduce((s, t) => s + t.readMs, 0);
  const ext = result.timings.reduce((s, t) => s + t.extractMs, 0);
  console.log(`  per case (mean over ${n}, worker time): read + hash ${fmt(read / n)} ms, extract ${fmt(ext / n)} ms`);
  const steps = new Map<string, number>();
  for (const t of result.timings) for (const [k, v] of t.steps) steps.set(k, (steps.get(k) ?? 0) + v);
  const itemised = [...steps.values()].reduce((s, v) => s + v, 0);
  steps.set('filters, crops (not itemised)', ext - itemised);
  console.log('  extract, mean per case: ' + [...steps].map(([k, v]) => `${k} ${fmt(v / n)}`).join(' | ') + ' (ms)');
}

const PROBE = 'detaching a probe ArrayBuffer';
const INVALIDATED = 'Invalidating protector cell ArrayBufferDetaching';

/** This file again with `--import tsx/esm`, its lines passed on; exits with its status. */
async function runMeasuring(): Promise<never> {
  const args = ['--import', 'tsx/esm', '--expose-gc', '--trace-protector-invalidation', fileURLToPath(import.meta.url)];
  const child = spawn(process.execPath, args, { env: { ...process.env, RADNOMO_BENCH_MEASURING: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const closed = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  let probed = false, clean = false;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line === PROBE) probed = true;
    else if (line.includes(INVALIDATED)) clean ||= probed; // V8 reports only an isolate's first detach
    else console.log(line);
  }
  const code = await closed;
  if (probed) {
    console.log(clean ? 'main thread: no ArrayBuffer detached while measuring (as in the CLI)'
      : 'main thread: an ArrayBuffer was detached while measuring (typed-array accesses slower than in the CLI)');
  }
  process.exit(code);
}

if (process.env.RADNOMO_BENCH_MEASURING !== '1') await runMeasuring();
await batchAtScale();
console.log('single-thread times per case against PyRadiomics: npm run bench -- extract-profile');
console.log(PROBE);
const probe = new ArrayBuffer(8);
structuredClone(probe, { transfer: [probe] });
