/**
 * Every image case of a study or a prediction (each sequence, both readers) extracted together:
 * the cases go to the backend in one call per distinct params text (one call when every sequence
 * uses the same preset, as the demo and the paper do), so the batch backend starts one pool of
 * worker threads for all of them instead of one per sequence and reader (starting workers costs
 * seconds each time). An (image, mask) pair that several sources share is extracted once. The
 * rows are handed back per source, by the source's own patient ids.
 *
 * The cache keeps its meaning: the batch backend reuses a case whose manifest cells, image and
 * mask hashes and settings hash are unchanged; the single-case backend keys each case by its
 * image, mask and params hashes.
 */
import { resolve } from 'node:path';
import { sha256Hex } from './provenance.js';
import type { ExtractionBackend, ExtractionCase, ExtractionOutcome, LoadedParams } from './images.js';

/** One set of cases to extract: a sequence's manifest rows, or its second reader's. */
export interface ExtractionSource {
  /** Names the source inside the batch (its cases are `<key>:<patient id>` there), e.g. "t1:manifest". */
  key: string;
  cases: readonly ExtractionCase[];
  params: LoadedParams;
}

export interface ExtractSourcesOptions {
  cacheDir: string | null;
  version: string;
  jobs?: number;
  /** Cases finished over all calls, of all unique cases. */
  onProgress?: (done: number, total: number) => void;
}

interface Group {
  params: LoadedParams;
  /** unique (image, mask) pairs, in the order first met */
  cases: ExtractionCase[];
  idOfPair: Map<string, string>;
}

const pairKey = (c: ExtractionCase): string => `${resolve(c.image)}\u0000${resolve(c.mask)}`;

/** Extracts the cases of every source (see the file comment); one outcome per source, in order. */
export async function extractSources(
  sources: readonly ExtractionSource[],
  backend: ExtractionBackend,
  opts: ExtractSourcesOptions,
): Promise<ExtractionOutcome[]> {
  const groups = new Map<string, Group>();
  const groupOf = sources.map((s) => {
    const paramsKey = `${s.params.format}\n${s.params.text}`;
    let g = groups.get(paramsKey);
    if (!g) groups.set(paramsKey, (g = { params: s.params, cases: [], idOfPair: new Map() }));
    for (const c of s.cases) {
      const k = pairKey(c);
      if (g.idOfPair.has(k)) continue;
      const id = `${s.key}:${c.id}`;
      g.idOfPair.set(k, id);
      g.cases.push({ id, image: c.image, mask: c.mask });
    }
    return g;
  });

  const total = [...groups.values()].reduce((n, g) => n + g.cases.length, 0);
  let before = 0;
  const outcomes = new Map<Group, ExtractionOutcome>();
  for (const [paramsKey, g] of groups) {
    const offset = before;
    outcomes.set(
      g,
      await backend.extract(g.cases, g.params, {
        cacheDir: opts.cacheDir,
        version: opts.version,
        // the batch backend's resume file: one per params text, so that rerunning a study reuses it
        key: `images-${sha256Hex(paramsKey).slice(0, 16)}`,
        jobs: opts.jobs,
        onProgress: (done) => opts.onProgress?.(offset + done, total),
      }),
    );
    before += g.cases.length;
  }

  return sources.map((s, i) => {
    const g = groupOf[i];
    const out = outcomes.get(g)!;
    const reasons = new Map(out.failures.map((f) => [f.id, f.reason]));
    const mine: ExtractionOutcome = { rows: new Map(), failures: [] };
    for (const c of s.cases) {
      const id = g.idOfPair.get(pairKey(c))!;
      const row = out.rows.get(id);
      const reason = reasons.get(id);
      if (row) mine.rows.set(c.id, row);
      else if (reason !== undefined) mine.failures.push({ id: c.id, reason });
    }
    return mine;
  });
}
