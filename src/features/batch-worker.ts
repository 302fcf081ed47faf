/**
 * A batch worker thread: receives the params once, then cases one at a time; for each it hashes
 * the image and mask files, and either says they are unchanged (a rerun whose output already has
 * the case) or reads them (here, in the worker, so that decoding runs in parallel) and extracts.
 * A failing case is a reply, never a crash: its message names the file and what to do.
 *
 * Recently read masks are kept (keyed by their file hash): manifests often use one mask for
 * several images of a patient.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { readVolume } from '../image/read.js';
import { ImageReadError } from '../image/errors.js';
import { PreprocessError } from '../image/preprocess/errors.js';
import type { Volume } from '../image/volume.js';
import { extract } from './extractor.js';
import type { ExtractionParams, SettingEntry } from './params.js';
import {
  decodeOverrides, decodeParams, type CaseReply, type CaseTask, type InputHashes, type WorkerHello, type WorkerInit,
} from './batch-protocol.js';

/** A file that is not there, named as the manifest's user needs it. */
class MissingFileError extends Error {
  constructor(readonly file: string, manifestDir: string) {
    super(`${file}: no such file or folder. Check the path in the manifest (relative paths start from the manifest's folder, ${manifestDir || '.'}).`);
  }
}

/** SHA-1 of a file's bytes, or of every file under a folder (relative name and bytes, in name order). */
async function fileHash(path: string, manifestDir: string): Promise<string> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new MissingFileError(path, manifestDir);
  }
  const h = createHash('sha1');
  if (info.isDirectory()) {
    const files = (await readdir(path, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
      .sort();
    for (const f of files) {
      h.update(relative(path, f)).update('\0');
      h.update(await readFile(f));
    }
  } else {
    h.update(await readFile(path));
  }
  return h.digest('hex');
}

const maskCache: { hash: string; volume: Volume }[] = [];
const MASK_CACHE_SIZE = 2;

async function readMask(path: string, hash: string): Promise<Volume> {
  const hit = maskCache.find((m) => m.hash === hash);
  if (hit) return hit.volume;
  const volume = await readVolume(path);
  maskCache.unshift({ hash, volume });
  if (maskCache.length > MASK_CACHE_SIZE) maskCache.pop();
  return volume;
}

/** The file a failure is about: the one a read error names; the mask for ROI and label problems. */
function faultyFile(err: unknown, task: CaseTask): string {
  if (err instanceof ImageReadError || err instanceof MissingFileError) return err.file;
  if (err instanceof PreprocessError) return err.kind === 'bad-setting' ? task.image : task.mask;
  return '';
}

function message(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'number') return 'the image reader stopped with an internal exception';
  return String(err);
}

async function runCase(task: CaseTask, params: ExtractionParams, overrides: SettingEntry[], timings: boolean): Promise<CaseReply> {
  const t0 = performance.now();
  try {
    const [imageHash, maskHash] = await Promise.all([fileHash(task.image, task.manifestDir), fileHash(task.mask, task.manifestDir)]);
    const hashes: InputHashes = { image: imageHash, mask: maskHash };
    if (task.expect && task.expect.image === imageHash && task.expect.mask === maskHash) {
      return { id: task.id, status: 'unchanged', hashes, readMs: performance.now() - t0 };
    }
    const [image, mask] = await Promise.all([readVolume(task.image), readMask(task.mask, maskHash)]);
    const t1 = performance.now();
    const steps = timings ? new Map<string, number>() : undefined;
    const caseOverrides = task.label === undefined ? overrides : [...overrides, { key: 'label', value: task.label, raw: task.label }];
    const result = extract(image, mask, { params, overrides: caseOverrides, imageSource: task.image, maskSource: task.mask, timings: steps });
    return {
      id: task.id, status: 'extracted', hashes, row: result.row, warnings: result.warnings,
      readMs: t1 - t0, extractMs: performance.now() - t1, steps: steps ? [...steps] : undefined,
    };
  } catch (err) {
    return { id: task.id, status: 'failed', message: message(err), file: faultyFile(err, task) };
  }
}

function start(): void {
  const port = parentPort;
  if (!port) throw new Error('batch-worker.ts runs as a worker thread of extractBatch (src/features/batch.ts), not on its own.');
  let params: ExtractionParams;
  let overrides: SettingEntry[];
  const init = workerData as WorkerInit;
  try {
    params = decodeParams(init.params);
    overrides = decodeOverrides(init.overrides);
  } catch (err) {
    port.postMessage({ status: 'init-failed', message: message(err) } satisfies WorkerHello);
    return;
  }
  // Cases arrive one at a time (the pool waits for each reply), so there is no queue to keep here.
  port.on('message', (task: CaseTask) => {
    void runCase(task, params, overrides, init.timings).then((reply) => port.postMessage(reply));
  });
  port.postMessage({ status: 'ready' } satisfies WorkerHello);
}

start();
