/**
 * Messages between the batch (batch.ts, main thread) and its workers (batch-worker.ts).
 *
 * Params cross the thread boundary by structured clone, which keeps plain data only: the PyFloat
 * wrappers that make 5.0 print as a float in the diagnostics would arrive as bare objects, so
 * they travel tagged ({ $pyfloat: 5 }) and are rebuilt on the other side.
 */
import { PyFloat } from '../image/preprocess/python-format.js';
import type { RowValue } from './extractor.js';
import type { ExtractionParams, SettingEntry } from './params.js';

/** Start of a worker: what every case is extracted with. */
export interface WorkerInit {
  params: unknown;
  overrides: unknown;
  /** Collect per-step timings (milliseconds per extractor step) for every case. */
  timings: boolean;
}

/** Hashes of a case's input files (SHA-1 of the file bytes; of every file, in name order, for a folder). */
export interface InputHashes {
  image: string;
  mask: string;
}

/** One case for a worker. */
export interface CaseTask {
  id: number;
  image: string;
  mask: string;
  /** The manifest's folder, for messages about missing files. */
  manifestDir: string;
  label?: number;
  /** Hashes of the files a previous output was made from: when they still match, the worker only says so. */
  expect?: InputHashes;
}

export type CaseReply =
  | {
    id: number; status: 'extracted'; hashes: InputHashes; row: Map<string, RowValue>; warnings: string[];
    /** Milliseconds: reading and hashing, extraction, and (with timings) per extractor step. */
    readMs: number; extractMs: number; steps?: [string, number][];
  }
  | { id: number; status: 'unchanged'; hashes: InputHashes; readMs: number }
  | { id: number; status: 'failed'; message: string; file: string };

/** A worker's first message: ready for cases, or unable to start. */
export type WorkerHello = { status: 'ready' } | { status: 'init-failed'; message: string };

/** Replace PyFloat by a tagged plain object, recursively. */
export function encodeValue(v: unknown): unknown {
  if (v instanceof PyFloat) return { $pyfloat: v.value };
  if (Array.isArray(v)) return v.map(encodeValue);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, encodeValue(x)]));
  }
  return v;
}

/** Inverse of encodeValue. */
export function decodeValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeValue);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === '$pyfloat' && typeof o.$pyfloat === 'number') return new PyFloat(o.$pyfloat);
    return Object.fromEntries(keys.map((k) => [k, decodeValue(o[k])]));
  }
  return v;
}

export function encodeParams(params: ExtractionParams): unknown {
  return encodeValue(params);
}

export function decodeParams(v: unknown): ExtractionParams {
  return decodeValue(v) as ExtractionParams;
}

export function decodeOverrides(v: unknown): SettingEntry[] {
  return decodeValue(v) as SettingEntry[];
}
