/**
 * Batch extraction: every case of a manifest through the extractor on worker threads, one output
 * row per finished case in manifest order, failures listed and never fatal.
 *
 * The flow (the CLI's `radnomo extract --batch` is a thin layer over it):
 *   readManifest -> extractBatch(manifest, params, { jobs, onProgress, signal, resumeFrom, shard })
 *   -> writeBatchResult(out, result): <out> (rows, batch-table.ts) and <out>.errors.csv
 *
 * Resume: given the previous output, a case is reused, not extracted again, when its manifest
 * cells are the same, its row was made with the same settings (diagnostics_Batch_SettingsHash),
 * and its image and mask files still have the hashes recorded (a worker hashes them before
 * reading). The result does not depend on how many runs it took, nor on --jobs.
 *
 * Shards: `shard: { index: K, count: N }` keeps the K-th of N contiguous, near-equal blocks of the
 * manifest's rows (deterministic); radnomo merge puts the parts back together (batch-merge.ts).
 *
 * @example
 * const manifest = readManifest('cohort/manifest.csv');
 * const result = await extractBatch(manifest, readPreset('ak1316'), { jobs: 2 });
 * writeBatchResult('features.csv', result);
 */
import { availableParallelism } from 'node:os';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { ExtractionParams, SettingEntry } from './params.js';
import { writeFileAtomic } from './output.js';
import { manifestFromTable, type BatchRow, type Manifest } from './manifest.js';
import { batchSettings, type BatchSettings } from './batch-settings.js';
import { encodeParams, encodeValue, type CaseReply } from './batch-protocol.js';
import { BatchWorkerPool } from './batch-pool.js';
import {
  batchTableCsv, errorsCsv, parseBatchTable, type BatchCaseError, type BatchTable, type BatchTableRow,
} from './batch-table.js';

export type { BatchRow, Manifest } from './manifest.js';
export { readManifest, parseManifest, manifestFromTable } from './manifest.js';
export type { BatchCaseError, BatchTable, BatchTableRow } from './batch-table.js';

/** One part of a sharded batch: the index-th (1-based) of count parts. */
export interface Shard {
  index: number;
  count: number;
}

export interface BatchOptions {
  /** Setting overrides (as `--setting` / `--label`), applied after the params' own settings. */
  overrides?: SettingEntry[];
  /** Worker threads (default: every core, at most one per case). */
  jobs?: number;
  /** Called after each finished case. */
  onProgress?: (progress: BatchProgress) => void;
  /** Aborting stops the batch: finished cases are kept in the result (aborted: true), running ones dropped. */
  signal?: AbortSignal;
  /** A previous output (parsed, or its path; a missing path is no previous output) whose cases may be reused. */
  resumeFrom?: BatchTable | string;
  /** Extract only this part of the manifest. */
  shard?: Shard;
  /** Keep per-case timings, with the extractor's per-step times, in the result. */
  timings?: boolean;
}

export type CaseStatus = 'extracted' | 'reused' | 'failed';

export interface BatchProgress {
  /** Cases in this run (the shard's, when sharded). */
  total: number;
  done: number;
  extracted: number;
  reused: number;
  failed: number;
  elapsedMs: number;
  /** Milliseconds spent by workers on extracted cases (reading + extracting), for an estimate of what is left. */
  extractedMs: number;
  /** The case that just finished. */
  last: { row: BatchRow; status: CaseStatus; ms: number; message?: string };
  /** The result so far (finished cases only), e.g. to save a checkpoint. */
  snapshot(): BatchResult;
}

export interface CaseTiming {
  row: number;
  case: string;
  readMs: number;
  extractMs: number;
  /** The extractor's per-step milliseconds ('prepare', 'discretize', class names), when asked for. */
  steps: [string, number][];
}

export interface BatchResult {
  /** The finished cases, in manifest order (a failed or unfinished case has no row). */
  table: BatchTable;
  /** The failed cases, in manifest order. */
  errors: BatchCaseError[];
  /** The extractor's notes per case (NaN features explained, skipped classes, ...). */
  warnings: { row: number; case: string; message: string }[];
  settings: BatchSettings;
  /** Cases in this run, and how they ended. */
  total: number;
  extracted: number;
  reused: number;
  failed: number;
  /** True when the run was stopped (signal) before every case finished. */
  aborted: boolean;
  /** What became of the previous output's rows (all 0 without one). */
  previous: {
    /** Rows it had. */
    rows: number;
    /** Rows of this run's cases made with other settings: extracted again. */
    otherSettings: number;
    /** Rows of no case of this run (removed from the manifest, or in another shard): left out. */
    notInRun: number;
  };
  timings: CaseTiming[];
  elapsedMs: number;
}

/** Parse 'K/N' (1 <= K <= N). */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new Error(`--shard '${text}': write K/N with 1 <= K <= N, e.g. --shard 3/8 for the third of eight parts.`);
  }
  return { index, count };
}

/** The rows of one shard: the index-th of `count` contiguous blocks, sizes differing by at most one. */
export function shardRows<T>(rows: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...rows];
  const n = rows.length;
  return rows.slice(Math.floor(((shard.index - 1) * n) / shard.count), Math.floor((shard.index * n) / shard.count));
}

/** The previous output at `path`, or undefined when there is none. */
export function readBatchOutput(path: string): BatchTable | undefined {
  if (!existsSync(path)) return undefined;
  return parseBatchTable(readFileSync(path, 'utf8'), path);
}

/** The errors file of an output: `<out>.errors.csv`. */
export function errorsPath(out: string): string {
  return `${out}.errors.csv`;
}

/**
 * Write a result whole: the rows to `out`, the failures to `<out>.errors.csv` (removed when
 * nothing failed, so that no stale list survives a successful rerun).
 */
export function writeBatchResult(out: string, result: BatchResult): void {
  writeFileAtomic(out, batchTableCsv(result.table));
  if (result.errors.length > 0) writeFileAtomic(errorsPath(out), errorsCsv(result.errors));
  else rmSync(errorsPath(out), { force: true });
}

function rowKey(columns: readonly string[], cells: readonly string[]): string {
  return JSON.stringify([columns, cells]);
}

/** Extract every case of `manifest` (or of its shard). */
export async function extractBatch(manifest: Manifest, params: ExtractionParams, options: BatchOptions = {}): Promise<BatchResult> {
  const t0 = performance.now();
  const overrides = options.overrides ?? [];
  const settings = batchSettings(params, overrides);
  const cases = shardRows(manifest.rows, options.shard);

  // Previous rows that may be reused: same manifest cells, same settings.
  const previous = typeof options.resumeFrom === 'string' ? readBatchOutput(options.resumeFrom) : options.resumeFrom;
  const reusable = new Map<string, BatchTableRow>();
  const previousFate = { rows: 0, otherSettings: 0, notInRun: 0 };
  if (previous) {
    const caseKeys = new Set(cases.map((c) => rowKey(manifest.columns, c.cells)));
    previousFate.rows = previous.rows.length;
    for (const r of previous.rows) {
      const key = rowKey(previous.manifestColumns, r.cells);
      if (!caseKeys.has(key)) previousFate.notInRun++;
      else if (r.settingsHash !== settings.hash) previousFate.otherSettings++;
      else reusable.set(key, r);
    }
  }

  const finished: (BatchTableRow | undefined)[] = new Array(cases.length);
  const errors: (BatchCaseError | undefined)[] = new Array(cases.length);
  const warnings: BatchResult['warnings'] = [];
  const timings: CaseTiming[] = [];
  const counts = { extracted: 0, reused: 0, failed: 0, extractedMs: 0 };
  let aborted = false;

  const snapshot = (): BatchResult => {
    const table: BatchTable = { manifestColumns: manifest.columns, rows: finished.filter((r): r is BatchTableRow => r !== undefined) };
    return {
      table,
      errors: errors.filter((e): e is BatchCaseError => e !== undefined),
      warnings: [...warnings].sort((a, b) => a.row - b.row),
      settings,
      total: cases.length,
      ...{ extracted: counts.extracted, reused: counts.reused, failed: counts.failed },
      aborted,
      previous: { ...previousFate },
      timings: [...timings].sort((a, b) => a.row - b.row),
      elapsedMs: performance.now() - t0,
    };
  };

  const report = (i: number, status: CaseStatus, ms: number, message?: string) => {
    options.onProgress?.({
      total: cases.length,
      done: counts.extracted + counts.reused + counts.failed,
      extracted: counts.extracted,
      reused: counts.reused,
      failed: counts.failed,
      elapsedMs: performance.now() - t0,
      extractedMs: counts.extractedMs,
      last: { row: cases[i], status, ms, message },
      snapshot,
    });
  };

  const fail = (i: number, file: string, message: string, ms: number) => {
    const c = cases[i];
    errors[i] = { row: c.row, case: c.case, file, message };
    counts.failed++;
    report(i, 'failed', ms, message);
  };

  // Rows the manifest itself makes impossible fail at once.
  const pending: number[] = [];
  for (let i = 0; i < cases.length; i++) {
    if (cases[i].problem) fail(i, manifest.source, cases[i].problem!, 0);
    else pending.push(i);
  }

  const handle = (i: number, reply: CaseReply, ms: number) => {
    const c = cases[i];
    if (reply.status === 'failed') {
      fail(i, reply.file, reply.message, ms);
      return;
    }
    const base = { row: c.row, cells: c.cells, settingsHash: settings.hash, settingsText: settings.text, imageHash: reply.hashes.image, maskHash: reply.hashes.mask };
    if (reply.status === 'unchanged') {
      const before = reusable.get(rowKey(manifest.columns, c.cells))!;
      finished[i] = { ...base, values: before.values };
      counts.reused++;
      report(i, 'reused', ms);
      return;
    }
    finished[i] = { ...base, values: reply.row };
    for (const w of reply.warnings) warnings.push({ row: c.row, case: c.case, message: w });
    if (options.timings) timings.push({ row: c.row, case: c.case, readMs: reply.readMs, extractMs: reply.extractMs, steps: reply.steps ?? [] });
    counts.extracted++;
    counts.extractedMs += reply.readMs + reply.extractMs;
    report(i, 'extracted', ms);
  };

  if (pending.length > 0 && !options.signal?.aborted) {
    const requested = options.jobs ?? availableParallelism();
    if (!Number.isInteger(requested) || requested < 1) throw new Error(`extractBatch: jobs ${requested}: give a whole number of worker threads >= 1`);
    const jobs = Math.min(requested, pending.length);
    const pool = await BatchWorkerPool.start(jobs, { params: encodeParams(params), overrides: encodeValue(overrides), timings: options.timings ?? false });
    try {
      aborted = await runCases(pool, pending, cases, reusable, manifest.columns, handle, options.signal);
    } finally {
      await pool.close();
    }
  } else if (pending.length > 0) {
    aborted = true;
  }
  return snapshot();
}

/** A case given by id and paths (relative paths start from the current folder). */
export interface IdCase {
  id: string;
  image: string;
  mask: string;
}

/**
 * extractBatch for callers that hold cases as { id, image, mask } (the study): numeric features
 * per id (diagnostics left out), and each failed case's id with the reason. `result` is the whole
 * batch result (e.g. to write it, or to pass as `resumeFrom` next time).
 */
export async function extractCases(
  cases: readonly IdCase[], params: ExtractionParams, options: BatchOptions = {},
): Promise<{ rows: Map<string, Map<string, number>>; failures: { id: string; reason: string }[]; result: BatchResult }> {
  const manifest = manifestFromTable(['id', 'Image', 'Mask'], cases.map((c) => [c.id, c.image, c.mask]), '.', 'cases');
  const result = await extractBatch(manifest, params, options);
  const rows = new Map<string, Map<string, number>>();
  for (const r of result.table.rows) {
    const features = new Map<string, number>();
    for (const [k, v] of r.values) if (typeof v === 'number' && !k.startsWith('diagnostics_')) features.set(k, v);
    rows.set(r.cells[0], features);
  }
  const failures = result.errors.map((e) => ({ id: cases[e.row - 1].id, reason: e.message }));
  return { rows, failures, result };
}

/** Feed the cases to the pool in manifest order; resolves true when stopped by the signal. */
function runCases(
  pool: BatchWorkerPool, pending: number[], cases: BatchRow[], reusable: Map<string, BatchTableRow>, columns: string[],
  handle: (i: number, reply: CaseReply, ms: number) => void, signal: AbortSignal | undefined,
): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let running = 0;
    let stopped = false;
    const stop = (aborted: boolean) => {
      if (stopped) return;
      stopped = true;
      signal?.removeEventListener('abort', onAbort);
      resolve(aborted);
    };
    const onAbort = () => stop(true);
    signal?.addEventListener('abort', onAbort);

    const pump = () => {
      if (stopped) return;
      while (next < pending.length && pool.hasIdle) {
        const i = pending[next++];
        const c = cases[i];
        const before = reusable.get(rowKey(columns, c.cells));
        const started = performance.now();
        running++;
        void pool.run({
          id: i, image: c.image, mask: c.mask, manifestDir: c.manifestDir, label: c.label,
          expect: before ? { image: before.imageHash, mask: before.maskHash } : undefined,
        }).then((reply) => {
          running--;
          if (stopped) return;
          try {
            handle(i, reply, performance.now() - started);
          } catch (err) {
            stopped = true;
            reject(err);
            return;
          }
          pump();
        });
      }
      if (next >= pending.length && running === 0) {
        stop(false);
      } else if (running === 0 && !pool.hasIdle) {
        // Every worker died and is being replaced: wait for one.
        pool.waitIdle().then(pump, (err: Error) => {
          // No worker can run: the remaining cases fail with the reason.
          while (next < pending.length) {
            const i = pending[next++];
            handle(i, { id: i, status: 'failed', file: '', message: `no batch worker could run this case: ${err.message}` }, 0);
          }
          stop(false);
        });
      }
    };
    if (signal?.aborted) stop(true);
    else pump();
  });
}
