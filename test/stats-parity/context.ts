/**
 * What a parity check is given: one cohort of the R harness, laid out as reference/stats is
 * (data/<cohort>.csv, data/<cohort>_observer2.csv, out/<cohort>/*.json), or the edge cases.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Recorder } from './compare.js';

export interface CohortRef {
  /** e.g. cohort_A */
  name: string;
  /** the reference root (RADNOMO_STATS_REF) */
  root: string;
  dataCsv: string;
  observer2Csv: string;
  outDir: string;
  /** Parsed out/<cohort>/<file>.json */
  out(file: string): any;
  has(file: string): boolean;
}

export interface EdgeCasesRef {
  root: string;
  json: any;
}

/** A family of quantities. Cohort checks run once per cohort; edge checks once per reference root. */
export interface ParityCheck {
  family: string;
  cohort?: (ref: CohortRef, rec: Recorder) => void | Promise<void>;
  edge?: (ref: EdgeCasesRef, rec: Recorder) => void | Promise<void>;
}

export function cohortRef(root: string, name: string): CohortRef {
  const outDir = join(root, 'out', name);
  const cache = new Map<string, any>();
  return {
    name,
    root,
    dataCsv: join(root, 'data', `${name}.csv`),
    observer2Csv: join(root, 'data', `${name}_observer2.csv`),
    outDir,
    has: (file) => existsSync(join(outDir, file.endsWith('.json') ? file : `${file}.json`)),
    out(file: string) {
      const f = file.endsWith('.json') ? file : `${file}.json`;
      if (!cache.has(f)) cache.set(f, JSON.parse(readFileSync(join(outDir, f), 'utf8')));
      return cache.get(f);
    },
  };
}
