/**
 * The batch part of `radnomo extract`: `--batch MANIFEST --out FILE [--jobs N] [--shard K/N]
 * [--fresh]`. Argument checks, progress, Ctrl-C and the summary; the work is extractBatch's.
 *
 * Exit status: 0 when every case was extracted; 1 when a case failed (the output still holds every
 * other case, the failures are in <out>.errors.csv); 130 when interrupted (Ctrl-C or SIGTERM: the
 * finished cases are written, and the same command resumes).
 */
import type { Command } from 'commander';
import { accessSync, constants, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { readManifest } from '../features/manifest.js';
import {
  errorsPath, extractBatch, parseShard, readBatchOutput, writeBatchResult, type BatchResult, type Shard,
} from '../features/batch.js';
import type { ExtractionParams, SettingEntry } from '../features/params.js';
import { formatDuration, progressView } from './progress.js';

export interface BatchCommandOptions {
  batch?: string;
  out?: string;
  format?: string;
  jobs?: string;
  shard?: string;
  fresh?: boolean;
}

/** How often an unfinished batch is saved (so that a killed job loses at most this much work). */
const CHECKPOINT_MS = 60_000;

/** The batch options of `radnomo extract`. */
export function addBatchOptions(command: Command): Command {
  return command
    .option('--batch <manifest>', 'extract every case of a manifest CSV (PyRadiomics batch format: Image, Mask, optional Label, any identifier columns) into --out')
    .option('--jobs <n>', 'with --batch: worker threads (default: every core)')
    .option('--shard <k/n>', 'with --batch: extract only the k-th of n parts of the manifest (join the parts with radnomo merge)')
    .option('--fresh', 'with --batch: extract every case again instead of reusing the rows already in --out');
}

function parseJobs(text: string | undefined): number {
  if (text === undefined) return availableParallelism();
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--jobs '${text}': give a whole number of worker threads >= 1`);
  return n;
}

/** Run `radnomo extract --batch ...` (positional IMAGE/MASK must be absent). */
export async function runBatchCommand(
  opts: BatchCommandOptions, positional: (string | undefined)[], setup: { params: ExtractionParams; overrides: SettingEntry[] },
): Promise<void> {
  const manifestPath = opts.batch!;
  if (positional.some((p) => p !== undefined)) throw new Error('--batch takes the cases from the manifest: leave out IMAGE and MASK');
  if (!opts.out) throw new Error('--batch needs --out FILE (the features CSV; failures go to FILE.errors.csv)');
  if (opts.format !== undefined && opts.format.toLowerCase() !== 'csv') throw new Error(`--format '${opts.format}': a batch is written as CSV`);
  const out = opts.out;
  checkOutput(out, manifestPath);
  const jobs = parseJobs(opts.jobs);
  const shard: Shard | undefined = opts.shard === undefined ? undefined : parseShard(opts.shard);
  const manifest = readManifest(manifestPath);
  let previous;
  if (!opts.fresh) {
    try {
      previous = readBatchOutput(out);
    } catch (e) {
      throw new Error(`${(e as Error).message} (add --fresh to overwrite it)`);
    }
  }

  const prefix = 'radnomo extract:';
  const view = progressView(process.stderr, prefix);
  const controller = new AbortController();
  let signals = 0;
  const onSignal = () => {
    signals++;
    if (signals > 1) process.exit(130); // a second Ctrl-C: leave now; --out keeps its last whole version
    view.finish();
    process.stderr.write(`${prefix} stopping: writing the finished cases to ${out} (press Ctrl-C again to quit at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let lastSave = Date.now();
  let result: BatchResult;
  try {
    result = await extractBatch(manifest, setup.params, {
      overrides: setup.overrides,
      jobs,
      shard,
      resumeFrom: previous,
      signal: controller.signal,
      onProgress: (p) => {
        view.update(p);
        if (p.done < p.total && Date.now() - lastSave >= CHECKPOINT_MS) {
          writeBatchResult(out, p.snapshot());
          lastSave = Date.now();
        }
      },
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    view.finish();
  }
  writeBatchResult(out, result);
  process.stderr.write(summary(result, out, manifestPath));
  if (result.aborted) process.exitCode = 130;
  else if (result.failed > 0) process.exitCode = 1;
}

/** Refuse before any work an output that could not be written at the end. */
function checkOutput(out: string, manifest: string): void {
  if (resolve(out) === resolve(manifest)) throw new Error(`--out ${out} is the manifest itself; give the features another file name`);
  const dir = dirname(resolve(out));
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
    accessSync(dir, constants.W_OK);
  } catch {
    throw new Error(`--out ${out}: the folder ${dir} does not exist or is not writable; create it first or write elsewhere`);
  }
}

function summary(r: BatchResult, out: string, manifest: string): string {
  const lines: string[] = [];
  const p = 'radnomo extract:';
  if (r.previous.otherSettings > 0) lines.push(`${p} ${r.previous.otherSettings} row(s) of ${out} were made with other settings: extracted again.`);
  if (r.previous.notInRun > 0) lines.push(`${p} ${r.previous.notInRun} row(s) of ${out} are not cases of this run (no longer in ${manifest}, or in another shard): left out.`);
  if (r.warnings.length > 0) {
    const w = r.warnings[0];
    lines.push(`${p} ${r.warnings.length} note(s) from the extractor, e.g. row ${w.row} (${w.case}): ${w.message}`);
  }
  const counts = `${r.extracted} extracted, ${r.reused} reused from the previous ${out}, ${r.failed} failed`;
  if (r.aborted) {
    lines.push(`${p} interrupted after ${r.table.rows.length} of ${r.total} cases (${counts}); the finished cases are in ${out}.`
      + ` Run the same command again to resume: finished cases are skipped.`);
  } else {
    lines.push(`${p} ${r.total} case(s): ${counts}; ${out} has ${r.table.rows.length} row(s) (${formatDuration(r.elapsedMs)}).`);
  }
  if (r.failed > 0) lines.push(`${p} the failed cases and why are listed in ${errorsPath(out)}; fix them and run the same command again (finished cases are skipped).`);
  return lines.join('\n') + '\n';
}
