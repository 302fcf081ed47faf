/**
 * The report of a study run: `writeReport(resultsDir)` reads results.json and model.json from
 * the folder `radnomo study` wrote and writes report/index.html (one self-contained page) and
 * report/figures/*.svg and *.png. Library users get the same as `radnomo report DIR`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseResults, type Results } from '../study/results-schema.js';
import { reportDataFromResults, type ModelJsonForReport } from './from-results.js';
import type { ReportData } from './report-data.js';
import { writeReportFiles, type WrittenReport } from './write.js';

export { renderReport } from './html.js';
export { writeReportFiles } from './write.js';
export { reportDataFromResults } from './from-results.js';
export { calculatorScore } from './calculator.js';
export type { ReportData } from './report-data.js';

export interface WriteReportOptions {
  /** output folder (default: <resultsDir>/report) */
  outDir?: string;
  /** write PNG files next to the SVG files (default true) */
  png?: boolean;
  /** a banner at the top of the page (the demo says its data are synthetic) */
  notice?: string;
}

function readJson(path: string, what: string, fix: string): unknown {
  if (!existsSync(path)) throw new Error(`${path}: no ${what} here; ${fix}`);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: cannot read ${what} (${(e as Error).message}); run \`radnomo study\` again to rewrite it`);
  }
}

/** Reads and checks a run's results.json and model.json. */
export function readRunOutputs(resultsDir: string): { results: Results; model: ModelJsonForReport } {
  const rp = join(resultsDir, 'results.json');
  const raw = readJson(rp, 'results.json', 'give the folder that `radnomo study` wrote (it holds results.json, model.json and predictions.csv)');
  const results = parseResults(raw, rp);
  const mp = join(resultsDir, 'model.json');
  const model = readJson(mp, 'model.json', 'give the folder that `radnomo study` wrote') as ModelJsonForReport;
  if (model?.format !== 'radnomo-model' || !model.nomogram || !Array.isArray(model.nomogram.scale_axes)) {
    throw new Error(`${mp}: not a radnomo model file (format ${JSON.stringify(model?.format)}); give the model.json written by \`radnomo study\``);
  }
  return { results, model };
}

/** The report's data for a run folder. */
export function reportDataForRun(resultsDir: string, notice?: string): ReportData {
  const { results, model } = readRunOutputs(resultsDir);
  // a study that calls itself synthetic (the demo's study.yaml does) keeps its banner on rebuilds
  const synthetic = /\bsynthetic\b/i.test(results.study.name ?? '')
    ? `Synthetic data: the study "${results.study.name}" says its cohort is simulated; its numbers say nothing about real patients.`
    : undefined;
  return reportDataFromResults(results, model, {
    software: { name: 'radnomo', version: results.provenance.radnomo_version, node: process.versions.node },
    notice: notice ?? synthetic,
  });
}

/** Writes the report of a run folder (see the file comment). */
export function writeReport(resultsDir: string, opts: WriteReportOptions = {}): WrittenReport {
  const data = reportDataForRun(resultsDir, opts.notice);
  return writeReportFiles(opts.outDir ?? join(resultsDir, 'report'), data, { png: opts.png });
}
