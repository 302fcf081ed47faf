/**
 * Features of a sequence extracted from images: a manifest CSV (id, sequence, image, mask;
 * paths relative to the manifest) and a PyRadiomics params file or preset.
 *
 * - A mask drawn on another sequence (the paper drew on DP or T2WI and applied the ROI to the
 *   other phases) is mapped through physical space onto the image's grid: the ROI (mask ==
 *   label) is resampled with nearest neighbour (PyRadiomics' correctMask, src/image/preprocess)
 *   whenever the mask's grid differs from the image's; `mask_from: <sequence>` takes the mask of
 *   that sequence's manifest row.
 * - Each case is cached under the SHA-256 of (image bytes, mask bytes, params text, radnomo
 *   version): a rerun, or a resumed run after an interruption, extracts only what changed.
 * - A case that fails does not stop the others: the patient has no row, and the failure is the
 *   reason given when the study excludes them.
 *
 * Extraction goes through an `ExtractionBackend`: the batch extractor (worker threads, its own
 * resume file in the cache folder) by default, or the single-case extractor in a loop (one
 * thread, a cache file per case).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { readVolume } from '../image/read.js';
import { correctMask, geometryMismatch } from '../image/preprocess/index.js';
import { roiFromMask } from '../image/preprocess/mask.js';
import { extract } from '../features/extractor.js';
import { parseParams, presetsDir, type ExtractionParams, type SettingEntry } from '../features/params.js';
import { extractCases, writeBatchResult } from '../features/batch.js';
import { stringColumn } from '../stats/csv.js';
import { readCsvFile, type FeatureTable } from './tables.js';

export interface ExtractionCase {
  /** patient id */
  id: string;
  image: string;
  mask: string;
}

export interface ExtractionOutcome {
  /** feature name -> value, per id (features only, no diagnostics) */
  rows: Map<string, Map<string, number>>;
  failures: { id: string; reason: string }[];
}

export interface ExtractionOptions {
  /** Cache folder (null: no cache). */
  cacheDir: string | null;
  version: string;
  /** Names this set of cases in the cache (e.g. "t1-manifest"). */
  key?: string;
  /** Worker threads (batch backend). */
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ExtractionBackend {
  extract(cases: readonly ExtractionCase[], params: LoadedParams, opts: ExtractionOptions): Promise<ExtractionOutcome>;
}

/** Params as loaded: parsed, plus the text and where it came from (for the cache key and model.json). */
export interface LoadedParams {
  params: ExtractionParams;
  text: string;
  format: 'yaml' | 'json';
  source: string;
}

/** Reads a preset (presets/<name>.yaml) or a params file, keeping its text. */
export function loadParams(spec: { preset?: string; params?: string }, resolvePath: (p: string) => string): LoadedParams {
  const path = spec.params ? resolvePath(spec.params) : join(presetsDir(), `${spec.preset ?? 'default'}.yaml`);
  const source = spec.params ? spec.params : `preset ${spec.preset ?? 'default'}`;
  if (!existsSync(path)) {
    throw new Error(spec.params ? `${spec.params}: the params file does not exist` : `preset '${spec.preset}' does not exist (presets/ holds the shipped ones)`);
  }
  const text = readFileSync(path, 'utf8');
  const format = /\.json$/i.test(path) ? 'json' : 'yaml';
  return { params: parseParams(text, source, format), text, format, source };
}

export function paramsFromText(text: string, format: 'yaml' | 'json', source: string): LoadedParams {
  return { params: parseParams(text, source, format), text, format, source };
}

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function labelOf(params: ExtractionParams): number {
  const e = params.settings.find((s) => s.key === 'label');
  return typeof e?.value === 'number' ? e.value : 1;
}

/** One case: read, map the mask onto the image grid if needed, extract; numeric features only. */
export async function extractCase(c: ExtractionCase, params: ExtractionParams): Promise<Map<string, number>> {
  const [image, mask] = await Promise.all([readVolume(c.image), readVolume(c.mask)]);
  let useMask = mask;
  const overrides: SettingEntry[] = [];
  if (geometryMismatch(image, mask, null) !== null) {
    const roi = roiFromMask(mask, labelOf(params), c.mask);
    useMask = correctMask(image, roi, { image: c.image, mask: c.mask });
    overrides.push({ key: 'label', value: 1, raw: 1 });
  }
  const r = extract(image, useMask, { params, overrides, imageSource: c.image, maskSource: c.mask });
  const out = new Map<string, number>();
  for (const [k, v] of r.row) if (typeof v === 'number' && !k.startsWith('diagnostics_')) out.set(k, v);
  return out;
}

/** The default backend: the single-case extractor in a loop, with the cache. */
export const singleCaseBackend: ExtractionBackend = {
  async extract(cases, params, opts) {
    const rows = new Map<string, Map<string, number>>();
    const failures: { id: string; reason: string }[] = [];
    if (opts.cacheDir) mkdirSync(opts.cacheDir, { recursive: true });
    let done = 0;
    for (const c of cases) {
      try {
        const key = createHash('sha256')
          .update(`radnomo ${opts.version}\n${sha256File(c.image)}\n${sha256File(c.mask)}\n${params.format}\n${params.text}`)
          .digest('hex');
        const file = opts.cacheDir ? join(opts.cacheDir, `${key}.json`) : null;
        let row: Map<string, number> | null = null;
        if (file && existsSync(file)) {
          try {
            const entries = JSON.parse(readFileSync(file, 'utf8')) as [string, number | null][];
            row = entries.length ? new Map(entries.map(([k, v]) => [k, v === null ? NaN : v])) : null;
          } catch {
            row = null; // a damaged cache entry is extracted again
          }
        }
        if (!row) {
          row = await extractCase(c, params.params);
          if (file) {
            const tmp = `${file}.${process.pid}.tmp`;
            writeFileSync(tmp, JSON.stringify([...row].map(([k, v]) => [k, Number.isFinite(v) ? v : null])));
            renameSync(tmp, file);
          }
        }
        rows.set(c.id, row);
      } catch (e) {
        failures.push({ id: c.id, reason: `extraction failed (${c.image}, ${c.mask}): ${(e as Error).message.split('\n')[0]}` });
      }
      opts.onProgress?.(++done, cases.length);
    }
    return { rows, failures };
  },
};

/**
 * Batch extraction (src/features/batch.ts extractCases: worker threads, resume by file and
 * settings hashes); `correctMask: true` makes the
 * extractor map a mask on another grid onto the image's (the same nearest-neighbour resampling
 * as extractCase); the batch output in the cache folder is the resume point of the next run.
 */
export const batchBackend: ExtractionBackend = {
  async extract(cases, params, opts) {
    let resume: string | undefined;
    if (opts.cacheDir) {
      mkdirSync(opts.cacheDir, { recursive: true });
      resume = join(opts.cacheDir, `batch-${(opts.key ?? 'cases').replace(/[^A-Za-z0-9_.-]/g, '_')}.csv`);
    }
    const out = await extractCases(cases, params.params, {
      overrides: [{ key: 'correctMask', value: true, raw: true }],
      jobs: opts.jobs,
      resumeFrom: resume,
      onProgress: (p) => opts.onProgress?.(p.done, p.total),
    });
    if (resume) writeBatchResult(resume, out.result);
    return { rows: out.rows, failures: out.failures.map((f) => ({ id: f.id, reason: `extraction failed: ${f.reason.split('\n')[0]}` })) };
  },
};

/** The backend the study uses; switching extraction strategies is this one line. */
export const defaultBackend: ExtractionBackend = batchBackend;

export interface ManifestRow {
  id: string;
  sequence: string;
  image: string;
  mask: string;
}

/** Reads a manifest (id, sequence, image, mask), paths resolved against its folder. */
export function readManifest(path: string, label: string): ManifestRow[] {
  const t = readCsvFile(path, label);
  for (const c of ['id', 'sequence', 'image', 'mask']) {
    if (!t.columns.includes(c)) throw new Error(`${label}: no column '${c}'; a manifest has the columns id, sequence, image, mask`);
  }
  const dir = dirname(path);
  const col = (c: string) => stringColumn(t, c);
  const [ids, seqs, images, masks] = ['id', 'sequence', 'image', 'mask'].map(col);
  return ids.map((id, i) => {
    for (const [c, v] of [['id', id], ['sequence', seqs[i]], ['image', images[i]], ['mask', masks[i]]] as const) {
      if (v === null || v.trim() === '') throw new Error(`${label}: line ${i + 2}: '${c}' is empty`);
    }
    const abs = (p: string) => (isAbsolute(p) ? p : resolve(dir, p));
    return { id: id!.trim(), sequence: seqs[i]!.trim(), image: abs(images[i]!.trim()), mask: abs(masks[i]!.trim()) };
  });
}

/**
 * The cases of one sequence: its manifest rows (by `sequence` value), the mask taken from the row
 * of `maskFromSequence` when given. Duplicate ids are an error.
 */
export function sequenceCases(rows: readonly ManifestRow[], sequence: string, maskFromSequence: string | null, label: string): { cases: ExtractionCase[]; missingMask: string[] } {
  const mine = rows.filter((r) => r.sequence === sequence);
  const seen = new Set<string>();
  for (const r of mine) {
    if (seen.has(r.id)) throw new Error(`${label}: patient '${r.id}' has two rows for sequence '${sequence}'`);
    seen.add(r.id);
  }
  const maskOf = new Map<string, string>();
  if (maskFromSequence) for (const r of rows) if (r.sequence === maskFromSequence) maskOf.set(r.id, r.mask);
  const missingMask: string[] = [];
  const cases: ExtractionCase[] = [];
  for (const r of mine) {
    const mask = maskFromSequence ? maskOf.get(r.id) : r.mask;
    if (!mask) missingMask.push(r.id);
    else cases.push({ id: r.id, image: r.image, mask });
  }
  return { cases, missingMask };
}

/** A feature table from extracted rows (columns: the first row's features, in extraction order). */
export function tableFromExtraction(source: string, cases: readonly ExtractionCase[], out: ExtractionOutcome): FeatureTable & { failures: { id: string; reason: string }[] } {
  const ids = cases.map((c) => c.id).filter((id) => out.rows.has(id));
  const first = ids.length ? out.rows.get(ids[0])! : new Map<string, number>();
  const columns = [...first.keys()];
  const values = columns.map((c) => Float64Array.from(ids, (id) => out.rows.get(id)!.get(c) ?? NaN));
  const notes = out.failures.map((f) => `${source}: ${f.id}: ${f.reason}`);
  return { source, ids, columns, values, notes, failures: out.failures };
}
