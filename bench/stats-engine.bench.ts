/**
 * Timings of the statistics engine's part of the cohort-A chain (R takes ~4.5 s for the whole
 * chain; the target for all of radnomo's is < 0.5 s): CSV reading, the four baseline blocks,
 * ICC + feature tests + Spearman (selection steps 1–3), and Hosmer-Lemeshow / apparent
 * calibration / decision curves for three models on two sets. "cold" is the first run in a
 * fresh process (JIT included), "warm" the best of 10 further runs; the cold CPU time is also
 * printed because wall time on a shared machine is noisy.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { bestOf, peakRssMb } from './measure.js';
import { numericColumn, parseCsv, stringColumn } from '../src/stats/csv.js';
import { compareCategorical, compareContinuous } from '../src/stats/baseline.js';
import { selectionSteps1to3 } from '../src/stats/feature-filter.js';
import { spearmanMatrix } from '../src/stats/correlation.js';
import { hosmerLemeshow } from '../src/stats/hosmer-lemeshow.js';
import { apparentCalibrationCurve } from '../src/stats/calibration-curve.js';
import { decisionCurve } from '../src/stats/dca.js';

const here = dirname(fileURLToPath(import.meta.url));
const ref = join(here, '../test/fixtures/stats');
const CAT: Record<string, string[]> = {
  sex: ['F', 'M'],
  etiology: ['HBV', 'HCV', 'other'],
  cirrhosis: ['no', 'yes'],
  child_pugh: ['A', 'B'],
  tumor_number: ['1', '2', '3'],
  location: ['right', 'left'],
};
const CONT = ['age', 'afp', 'alt', 'ast', 'alb', 'tbil', 'tumor_size'];
const MODELS = ['p_clinical', 'p_radiomics', 'p_nomogram'];

function load() {
  const t = parseCsv(readFileSync(join(ref, 'data/cohort_A.csv'), 'utf8'), 'cohort_A.csv');
  const o = parseCsv(readFileSync(join(ref, 'data/cohort_A_observer2.csv'), 'utf8'), 'cohort_A_observer2.csv');
  const pr = parseCsv(readFileSync(join(ref, 'out/cohort_A/predictions.csv'), 'utf8'), 'predictions.csv');
  return { t, o, pr };
}

function baseline(t: ReturnType<typeof load>['t']) {
  const split = stringColumn(t, 'split');
  const er = stringColumn(t, 'er');
  const blocks: [(string | null)[], (string | null)[], [string, string]][] = [
    [split.map(() => 'all'), er, ['1', '0']],
    [split, er, ['1', '0']],
    [split, er, ['1', '0']],
    [split.map(() => 'all'), split, ['train', 'validation']],
  ];
  const want = ['all', 'train', 'validation', 'all'];
  blocks.forEach(([rowsOf, g, groups], b) => {
    const rows = rowsOf.map((s, i) => (s === want[b] ? i : -1)).filter((i) => i >= 0);
    const gg = rows.map((i) => g[i]);
    for (const [v, levels] of Object.entries(CAT)) {
      const s = stringColumn(t, v);
      compareCategorical(rows.map((i) => s[i]), gg, levels, groups, v);
    }
    for (const v of CONT) {
      const c = numericColumn(t, v);
      compareContinuous(
        Float64Array.from(rows.filter((_, k) => gg[k] === groups[0]), (i) => c[i]),
        Float64Array.from(rows.filter((_, k) => gg[k] === groups[1]), (i) => c[i]),
        groups,
        v,
      );
    }
  });
}

function selection({ t, o }: ReturnType<typeof load>) {
  const skip = new Set(['id', 'er', 'split', 'cv_fold', ...Object.keys(CAT), ...CONT]);
  const names = t.columns.filter((c) => !skip.has(c));
  const split = stringColumn(t, 'split');
  const rows = split.map((s, i) => (s === 'train' ? i : -1)).filter((i) => i >= 0);
  const er = numericColumn(t, 'er');
  const ids = stringColumn(t, 'id');
  const match = stringColumn(o, 'id').map((id) => ids.indexOf(id));
  const cols = names.map((n) => numericColumn(t, n));
  const train = cols.map((c) => Float64Array.from(rows, (i) => c[i]));
  spearmanMatrix(train, names);
  return selectionSteps1to3({
    names,
    train,
    y: Float64Array.from(rows, (i) => er[i]),
    observer1: cols.map((c) => Float64Array.from(match, (i) => c[i])),
    observer2: names.map((n) => numericColumn(o, n)),
  });
}

function calibration(pr: ReturnType<typeof load>['pr']) {
  const split = stringColumn(pr, 'split');
  const er = numericColumn(pr, 'er');
  for (const s of ['train', 'validation']) {
    const rows = split.map((v, i) => (v === s ? i : -1)).filter((i) => i >= 0);
    const y = Float64Array.from(rows, (i) => er[i]);
    for (const m of MODELS) {
      const c = numericColumn(pr, m);
      const p = Float64Array.from(rows, (i) => c[i]);
      hosmerLemeshow(y, p, 10);
      apparentCalibrationCurve(p, y);
      decisionCurve(y, p);
    }
  }
}

async function main(): Promise<void> {
  // CPU time (user + system) as well as wall time: the machine is shared, wall time is noisy
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const c0 = cpu();
  const t0 = performance.now();
  const data = load();
  const t1 = performance.now();
  baseline(data.t);
  const t2 = performance.now();
  selection(data);
  const t3 = performance.now();
  calibration(data.pr);
  const t4 = performance.now();
  const coldCpu = cpu() - c0;
  const warm = {
    load: (await bestOf(10, load)).ms,
    baseline: (await bestOf(10, () => baseline(data.t))).ms,
    selection: (await bestOf(10, () => selection(data))).ms,
    calibration: (await bestOf(10, () => calibration(data.pr))).ms,
  };
  const row = (name: string, cold: number, w: number) => console.log(`${name.padEnd(44)} cold ${cold.toFixed(1).padStart(7)} ms   warm ${w.toFixed(2).padStart(7)} ms`);
  row('read cohort CSV + observer 2 + predictions', t1 - t0, warm.load);
  row('baseline table (4 blocks x 13 variables)', t2 - t1, warm.baseline);
  row('selection steps 1-3 + Spearman matrix (40)', t3 - t2, warm.selection);
  row('HL + apparent calibration + DCA (3 x 2)', t4 - t3, warm.calibration);
  row('total', t4 - t0, warm.load + warm.baseline + warm.selection + warm.calibration);
  console.log(`cold CPU time of the whole part ${coldCpu.toFixed(1)} ms`);
  console.log(`peak RSS ${peakRssMb().toFixed(0)} MB`);
}

main();
