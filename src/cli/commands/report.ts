/**
 * `radnomo report RESULTS_DIR`: (re)builds the report of a study run from the folder `radnomo
 * study` wrote (results.json, model.json): RESULTS_DIR/report/index.html and figures/*.svg, *.png.
 */
import type { Command } from 'commander';
import { writeReport } from '../../report/index.js';

interface ReportCommandOptions {
  out?: string;
  png: boolean;
}

export function register(program: Command): void {
  program
    .command('report')
    .description('build the HTML report (one self-contained page, SVG and PNG figures) of a study run')
    .argument('<results-dir>', 'the folder `radnomo study` wrote (results.json, model.json)')
    .option('--out <dir>', 'write the report here (default: <results-dir>/report)')
    .option('--no-png', 'write SVG figures only')
    .action((resultsDir: string, opts: ReportCommandOptions) => {
      const w = writeReport(resultsDir, { outDir: opts.out, png: opts.png });
      if (w.pngSkipped) process.stderr.write(`radnomo: no PNG figures: ${w.pngSkipped}\n`);
      process.stdout.write(`report: ${w.index}\n`);
    });
}
