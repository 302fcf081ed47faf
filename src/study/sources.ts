/**
 * The feature tables of a study's sequences: read from CSV (radnomo's or PyRadiomics' output), or
 * extracted from an images manifest with the sequence's params (images.ts), the second reader's
 * too: every image case of the study in one extraction (extraction.ts), not one per sequence and
 * reader. Every file read is recorded, hashed, in the run's input log.
 */
import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { StudyConfig } from './config.js';
import type { SequenceTables } from './cohort.js';
import { featureTableFromCsv, readCsvFile, type FeatureTable } from './tables.js';
import { InputLog, radnomoVersion } from './provenance.js';
import { defaultBackend, loadParams, readManifest, sequenceCases, tableFromExtraction, type ExtractionBackend, type ExtractionCase, type LoadedParams } from './images.js';
import { extractSources } from './extraction.js';

export interface SourceOptions {
  /** Output folder (created). Without it nothing is written. */
  outDir?: string;
  /** Extraction cache (default: the study file's `cache`, else <outDir>/cache). */
  cacheDir?: string;
  onProgress?: (message: string) => void;
  backend?: ExtractionBackend;
  /** Worker threads of the batch extraction (default: every core). */
  jobs?: number;
}

/** Clinical-table columns the study file declares (never features when a feature table is that file). */
export function declaredColumns(config: StudyConfig): string[] {
  const f = config.file;
  const cols = [f.outcome.column, f.clinical.id];
  if (f.split.column) cols.push(f.split.column);
  if (f.selection.lasso.folds.column) cols.push(f.selection.lasso.folds.column);
  for (const [v, s] of Object.entries(f.clinical.variables)) cols.push(s.from ?? v);
  return cols;
}

/** Feature tables of every sequence: read from CSV, or extracted from a manifest (all in one go). */
export async function sequenceTables(config: StudyConfig, opts: SourceOptions, inputs: InputLog, params: Map<string, LoadedParams>): Promise<SequenceTables> {
  const f = config.file;
  const tables: SequenceTables = new Map();
  const clinicalPath = config.resolvePath(f.clinical.csv);
  const cacheDir = opts.cacheDir ?? (f.cache ? config.resolvePath(f.cache) : opts.outDir ? join(opts.outDir, 'cache') : null);
  // image sources (each sequence's manifest and second reader), extracted together below
  const planned: { name: string; role: 'manifest' | 'observer2'; manifest: string; cases: ExtractionCase[]; missingMask: string[]; params: LoadedParams }[] = [];
  for (const [name, spec] of Object.entries(f.sequences)) {
    if (spec.features) {
      const path = config.resolvePath(spec.features.csv);
      inputs.add(`features:${name}`, spec.features.csv, path);
      const exclude = [...spec.features.exclude, ...(path === clinicalPath ? declaredColumns(config) : [])];
      const main = featureTableFromCsv(readCsvFile(path, spec.features.csv), { id: spec.features.id, columns: spec.features.columns, exclude, where: spec.features.where });
      let observer2: FeatureTable | null = null;
      if (spec.observer2?.csv) {
        const p2 = config.resolvePath(spec.observer2.csv);
        inputs.add(`observer2:${name}`, spec.observer2.csv, p2);
        observer2 = featureTableFromCsv(readCsvFile(p2, spec.observer2.csv), { id: spec.observer2.id, exclude: spec.features.exclude, where: spec.observer2.where });
      }
      tables.set(name, { main, observer2, source: 'features' });
      continue;
    }
    const im = spec.images!;
    const loaded = loadParams(im, config.resolvePath);
    params.set(name, loaded);
    if (im.params) inputs.add(`params:${name}`, im.params, config.resolvePath(im.params));
    const seqValue = (s: string) => f.sequences[s].images?.sequence ?? s;
    const plan = (manifest: string, role: 'manifest' | 'observer2') => {
      const path = config.resolvePath(manifest);
      inputs.add(`${role}:${name}`, manifest, path);
      const rows = readManifest(path, manifest);
      const { cases, missingMask } = sequenceCases(rows, seqValue(name), im.mask_from ? seqValue(im.mask_from) : null, manifest);
      for (const c of cases) {
        for (const [kind, file] of [['image', c.image], ['mask', c.mask]] as const) {
          if (existsSync(file) && statSync(file).isFile()) inputs.add(`${role === 'manifest' ? '' : 'observer2 '}${kind}:${name}:${c.id}`, relative(config.baseDir, file), file);
        }
      }
      planned.push({ name, role, manifest, cases, missingMask, params: loaded });
    };
    plan(im.manifest, 'manifest');
    if (spec.observer2?.manifest) plan(spec.observer2.manifest, 'observer2');
  }
  if (!planned.length) return tables;

  const nCases = planned.reduce((n, p) => n + p.cases.length, 0);
  const names = [...new Set(planned.map((p) => p.name))];
  opts.onProgress?.(`extracting ${nCases} cases of ${names.length} sequence(s) (${names.join(', ')}${planned.some((p) => p.role === 'observer2') ? ', with the second reader' : ''})`);
  const outcomes = await extractSources(
    planned.map((p) => ({ key: `${p.name}:${p.role}`, cases: p.cases, params: p.params })),
    opts.backend ?? defaultBackend,
    {
      cacheDir,
      version: radnomoVersion(),
      jobs: opts.jobs,
      onProgress: (done, total) => {
        if (done === total || done % 25 === 0) opts.onProgress?.(`extracted ${done}/${total}`);
      },
    },
  );
  planned.forEach((p, i) => {
    const out = outcomes[i];
    for (const id of p.missingMask) out.failures.push({ id, reason: `no '${f.sequences[p.name].images!.mask_from}' mask in ${p.manifest}` });
    const table = tableFromExtraction(`${p.manifest} [${p.name}]`, p.cases, out);
    // a sequence's manifest is planned before its second reader
    if (p.role === 'manifest') tables.set(p.name, { main: table, observer2: null, source: 'images' });
    else tables.get(p.name)!.observer2 = table;
  });
  return tables;
}
