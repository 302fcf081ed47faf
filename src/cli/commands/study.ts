/**
 * `radnomo study STUDY.yaml --out DIR`: runs a study file (src/study/pipeline.ts) and writes
 * results.json, model.json and predictions.csv into DIR, then the HTML report when the report
 * module is present. Progress goes to stderr.
 */
import type { Command } from 'commander';
import { loadStudy } from '../../study/config.js';
import { runStudy } from '../../study/pipeline.js';

interface StudyCommandOptions {
  out: string;
  cache?: string;
  quiet?: boolean;
  report?: boolean;
}

/** Calls the report module's writeReport(outDir) if it exists (src/report/index.ts). */
async function writeReportIfAvailable(outDir: string, log: (m: string) => void): Promise<string | null> {
  let mod: { writeReport?: (dir: string) => { index?: string } | Promise<{ index?: string }> };
  try {
    mod = await import(new URL('../../report/index.js', import.meta.url).href);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return null;
    throw e;
  }
  if (typeof mod.writeReport !== 'function') return null;
  log('writing the report');
  const written = await mod.writeReport(outDir);
  return written?.index ?? null;
}

export function register(program: Command): void {
  program
    .command('study')
    .description('run a study file: selection, rad-scores, nomogram, validation; writes results.json, model.json, predictions.csv')
    .argument('<study>', 'study file (YAML, see docs/study-file.md)')
    .requiredOption('--out <dir>', 'output folder (created; files are written whole)')
    .option('--cache <dir>', 'feature-extraction cache (default: the study file\'s `cache`, else <out>/cache)')
    .option('--no-report', 'do not write the HTML report')
    .option('--quiet', 'no progress on stderr')
    .action(async (studyPath: string, opts: StudyCommandOptions) => {
      const log = (m: string) => {
        if (!opts.quiet) process.stderr.write(`radnomo study: ${m}\n`);
      };
      const config = loadStudy(studyPath);
      const out = await runStudy(config, { outDir: opts.out, cacheDir: opts.cache, onProgress: log });
      const r = out.results;
      for (const w of r.warnings) log(`warning: ${w}`);
      const nom = r.performance.find((p) => p.model === 'nomogram')!;
      log(
        `${r.cohort.n} patients (${r.cohort.splits.train.n} training, ${r.cohort.splits.validation.n} validation), ` +
          `${r.cohort.excluded.length} excluded; best radiomics model ${r.best_model.model}; ` +
          `nomogram AUC ${nom.train.auc.toFixed(3)} (training), ${nom.validation.auc.toFixed(3)} (validation)`,
      );
      const report = opts.report !== false ? await writeReportIfAvailable(opts.out, log) : null;
      log(`wrote ${opts.out}/results.json, model.json, predictions.csv${report ? `; the report: ${report}` : ''}`);
    });
}
