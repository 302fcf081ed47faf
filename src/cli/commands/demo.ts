/**
 * `radnomo demo [--out DIR]`: generates the synthetic mpMRI cohort (docs/demo.md), extracts its
 * features, runs the study, writes the report, and prints where the report is.
 */
import type { Command } from 'commander';
import { runDemo } from '../../demo/run.js';

interface DemoCommandOptions {
  out: string;
  patients?: string;
  seed?: string;
  png: boolean;
}

function positiveInt(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} ${v}: give a positive whole number`);
  return n;
}

export function register(program: Command): void {
  program
    .command('demo')
    .description('make a synthetic multi-parametric MRI cohort, run the whole study on it and write the report')
    .option('--out <dir>', 'output folder', 'radnomo-demo')
    .option('--patients <n>', 'cohort size (default 90, 38 with early recurrence, as the paper; events scale with it)')
    .option('--seed <n>', 'generator seed (default 7)')
    .option('--no-png', 'write SVG figures only')
    .action(async (opts: DemoCommandOptions) => {
      const n = positiveInt('--patients', opts.patients);
      if (n !== undefined && n < 30) throw new Error(`--patients ${n}: the study needs at least 30 patients (a 7:3 split with events in both parts)`);
      const size = n === undefined ? undefined : { patients: n, events: Math.round((n * 38) / 90) };
      const started = Date.now();
      let lastStage = '';
      const r = await runDemo({
        out: opts.out,
        size,
        seed: positiveInt('--seed', opts.seed),
        png: opts.png,
        onProgress: (stage, message) => {
          const t = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
          if (stage !== lastStage) lastStage = stage;
          process.stderr.write(`[${t} s] ${stage}: ${message}\n`);
        },
      });
      process.stderr.write(`done in ${r.seconds.total} s (cohort ${r.seconds.cohort} s, study ${r.seconds.study} s, report ${r.seconds.report} s)\n`);
      process.stdout.write(`report: ${r.report}\n`);
    });
}
