/**
 * Timing of `radnomo study` (src/study/pipeline.ts), in process, without writing:
 *
 * 1. the cohort-A chain (examples/cohort-a/study.yaml: 90 patients, 40 features, the whole
 *    analyze.R chain with rms calibrate B = 200 for three models). R 4.2.2 takes ~4.5 s; the
 *    target is < 0.5 s. First run (JIT warm-up included) and best of 5;
 * 2. a study the paper's size from feature tables: 90 patients, 5 sequences × 1316 features,
 *    a second reader on 15, the seven models of the paper, calibration with 1000 bootstrap
 *    resamples; the tables are generated (seeded) into a temporary folder. Target < 10 s on 2 cores.
 *
 * Wall time on a shared machine depends on the load; CPU time (user + system of this process) is
 * printed beside it. Run: npm run bench study
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadStudy } from '../src/study/config.js';
import { runStudy } from '../src/study/pipeline.js';
import { clearTableCache } from '../src/study/tables.js';
import { createRng } from '../src/stats/random.js';
import { peakRssMb } from './measure.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

async function timed(label: string, fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1000;
  console.log(`${label.padEnd(70)} ${wall.toFixed(0).padStart(7)} ms wall ${cpu.toFixed(0).padStart(7)} ms CPU`);
  return { wall, cpu };
}

// ---------------------------------------------------------------- 1. cohort A
const cohortA = join(root, 'examples', 'cohort-a', 'study.yaml');
const runA = async () => {
  clearTableCache();
  await runStudy(loadStudy(cohortA));
};
await timed('cohort-A chain, first run (JIT warm-up included)', runA);
let best = { wall: Infinity, cpu: Infinity };
for (let i = 0; i < 5; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await runA();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (wall < best.wall) best = { wall, cpu: (c.user + c.system) / 1000 };
}
console.log(`${'cohort-A chain, best of 5 (R: ~4.5 s; target < 0.5 s)'.padEnd(70)} ${best.wall.toFixed(0).padStart(7)} ms wall ${best.cpu.toFixed(0).padStart(7)} ms CPU`);

// ------------------------------------------------------- 2. paper-size study
const SEQUENCES = ['t1', 't2', 'ap', 'pvp', 'dp'];
const N = 90;
const EVENTS = 38;
const FEATURES = 1316;
const OBSERVER2 = 15;

/**
 * Seeded tables shaped like the paper's: 20 latent factors per sequence (3 of them tumour factors
 * shared by the sequences and shifted with the event, 17 noise), each feature a factor's loading plus a little noise (so that most are redundant with
 * another, |ρ| > 0.9; a third log-normal), the second reader's values with feature-dependent
 * noise (every seventh feature fails ICC ≥ 0.75).
 */
function writePaperTables(dir: string, seed: number): void {
  const rng = createRng(seed);
  const ids = Array.from({ length: N }, (_, i) => `P${String(i + 1).padStart(3, '0')}`);
  const y = new Array(N).fill(0);
  for (const k of rng.sample(N, EVENTS, false)) y[k] = 1;
  const split = new Array(N).fill('validation');
  const fold: (number | string)[] = new Array(N).fill('');
  for (const cls of [1, 0]) {
    const members = ids.map((_, i) => i).filter((i) => y[i] === cls);
    const perm = rng.sample(members.length, members.length, false);
    const nTrain = Math.round(members.length * 0.7);
    for (let k = 0; k < nTrain; k++) {
      split[members[perm[k]]] = 'train';
      fold[members[perm[k]]] = (k % 10) + 1;
    }
  }
  const clinical = ['id,er,split,cv_fold,alb,tumor_number,age'];
  ids.forEach((id, i) => {
    const alb = (42 - 4 * y[i] + 4 * rng.norm()).toFixed(1);
    const tn = rng.unif() < (y[i] ? 0.45 : 0.12) ? 2 + Math.floor(rng.unif() * 2) : 1;
    clinical.push(`${id},${y[i]},${split[i]},${fold[i]},${alb},${tn},${Math.round(56 + 10 * rng.norm())}`);
  });
  writeFileSync(join(dir, 'clinical.csv'), clinical.join('\n') + '\n');
  const o2 = rng.sample(N, OBSERVER2, false);
  // three tumour factors shared by the sequences (shifted with the event), imaged with sequence noise
  const shared = Array.from({ length: 3 }, () => ids.map((_, i) => rng.norm() + 0.4 * y[i]));
  for (const s of SEQUENCES) {
    const latent = Array.from({ length: 20 }, (_, k) => ids.map((_, i) => (k < 3 ? shared[k][i] + 0.25 * rng.norm() : rng.norm())));
    const cols = Array.from({ length: FEATURES }, (_, j) => `original_firstorder_F${j + 1}`);
    const main: string[][] = ids.map((id) => [id]);
    const second: string[][] = Array.from(o2, (i) => [ids[i]]);
    for (let j = 0; j < FEATURES; j++) {
      const k = j % 20;
      const load = 0.6 + 0.4 * rng.unif();
      const noise = 0.02 + 0.08 * rng.unif();
      const logN = j % 3 === 0;
      const obsNoise = j % 7 === 0 ? 0.9 : 0.1;
      const v = ids.map((_, i) => load * latent[k][i] + noise * rng.norm());
      const f = (x: number) => (logN ? Math.exp(x / 2) : x).toPrecision(8);
      v.forEach((x, i) => main[i].push(f(x)));
      Array.from(o2).forEach((i, r) => second[r].push(f(v[i] + obsNoise * rng.norm())));
    }
    writeFileSync(join(dir, `features_${s}.csv`), ['id,' + cols.join(','), ...main.map((r) => r.join(','))].join('\n') + '\n');
    writeFileSync(join(dir, `observer2_${s}.csv`), ['id,' + cols.join(','), ...second.map((r) => r.join(','))].join('\n') + '\n');
  }
  const yaml = readFileSync(join(root, 'examples', 'multiseq-a', 'study.yaml'), 'utf8')
    .replace(/\.\.\/\.\.\/test\/fixtures\/stats\/data\/multiseq_A_clinical\.csv/, 'clinical.csv')
    .replace(/\.\.\/\.\.\/test\/fixtures\/stats\/data\/multiseq_A_features_(\w+)\.csv/g, 'features_$1.csv')
    .replace(/\.\.\/\.\.\/test\/fixtures\/stats\/data\/multiseq_A_observer2_(\w+)\.csv/g, 'observer2_$1.csv')
    .replace(/^(\s+)(sex|etiology|cirrhosis|child_pugh|afp|log10_afp|alt|ast|tbil|tumor_size|location):.*\n/gm, '')
    .replace(/candidates: \[.*\]/, 'candidates: [age, alb, tumor_number]')
    .replace('bootstrap: 200', 'bootstrap: 1000');
  writeFileSync(join(dir, 'study.yaml'), yaml);
}

const dir = mkdtempSync(join(tmpdir(), 'radnomo-bench-study-'));
try {
  await timed('paper-size tables: generate and write (5 × 90 × 1316 + second reader)', async () => writePaperTables(dir, 2024));
  let summary = '';
  const t = await timed('paper-size study (7 models, B = 1000 calibration), target < 10 s', async () => {
    clearTableCache();
    const out = await runStudy(loadStudy(join(dir, 'study.yaml')));
    const r = out.results;
    summary =
      `  ${r.features.length} features; after ICC/test/Spearman/LASSO: ` +
      r.selection.models.map((m) => `${m.model} ${m.counts.step1_icc}/${m.counts.step2_test}/${m.counts.step3_spearman}/${m.counts.step5_lasso}`).join(', ') +
      `; rf_top_k ${r.selection.rf_top_k}; best ${r.best_model.model}`;
  });
  console.log(summary);
  console.log(`${'peak resident memory'.padEnd(70)} ${peakRssMb().toFixed(0).padStart(7)} MB`);
  if (t.cpu > 10000) console.log('  (CPU time above the 10 s target)');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
