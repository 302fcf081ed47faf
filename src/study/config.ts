/**
 * Reading a study file: YAML 1.2 (the `yaml` package, keeping every node's source range),
 * validated against the zod schema of config-schema.ts, then checked for consistency (models
 * name declared sequences, a split is a column or a ratio, ...). Every problem is reported as
 * `study.yaml:LINE: key.path: what is wrong`, with the line of the offending key (an unknown key
 * names itself and its own line). Paths in the file are relative to the file's folder.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Document, type Node, type Pair } from 'yaml';
import { studySchema, type StudyFile } from './config-schema.js';

/** A user error in a study file (message names the file, line and key). */
export class StudyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StudyFileError';
  }
}

/** A validated study file with its location and text (for provenance). */
export interface StudyConfig {
  file: StudyFile;
  /** Absolute path of the study file (or a label for in-memory text). */
  path: string;
  /** Folder that relative paths are resolved against. */
  baseDir: string;
  text: string;
  /** Resolve a path written in the study file. */
  resolvePath(p: string): string;
  /** `file:line` of a key path (for errors found later, e.g. a column missing from a CSV). */
  where(keyPath: readonly (string | number)[]): string;
}

/** Line (1-based) of the node at a key path: the deepest existing key, or its value. */
function lineOf(doc: Document, lc: LineCounter, keyPath: readonly (string | number)[], wantKey = true): number {
  let node: Node | null = doc.contents as Node | null;
  let line = node && node.range ? lc.linePos(node.range[0]).line : 1;
  for (const k of keyPath) {
    if (node && isMap(node)) {
      const pair = node.items.find((p: Pair) => isScalar(p.key) && String(p.key.value) === String(k));
      if (!pair) break;
      const keyNode = pair.key as Node;
      if (keyNode.range) line = lc.linePos(keyNode.range[0]).line;
      node = pair.value as Node | null;
      if (!wantKey && node && node.range) line = lc.linePos(node.range[0]).line;
    } else if (node && isSeq(node) && typeof k === 'number') {
      const item = node.items[k] as Node | undefined;
      if (!item) break;
      if (item.range) line = lc.linePos(item.range[0]).line;
      node = item;
    } else break;
  }
  return line;
}

function keyPathText(path: readonly PropertyKey[]): string {
  return path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[') : '(top level)';
}

/** Parses and validates a study file's text. `source` names it in messages. */
export function parseStudy(text: string, source: string, baseDir: string): StudyConfig {
  const lc = new LineCounter();
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: true, lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new StudyFileError(`${source}:${lc.linePos(e.pos[0]).line}: not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const raw = doc.toJS();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new StudyFileError(`${source}:1: a study file is a mapping (version, outcome, clinical, split, sequences, models, ...); see docs/study-file.md`);
  }
  const where = (keyPath: readonly (string | number)[]) => `${source}:${lineOf(doc, lc, keyPath)}`;
  const parsed = studySchema.safeParse(raw);
  if (!parsed.success) {
    const messages = parsed.error.issues.slice(0, 5).map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      if (issue.code === 'unrecognized_keys') {
        const keys = (issue as { keys: string[] }).keys;
        return keys
          .map((k) => `${source}:${lineOf(doc, lc, [...path, k])}: unknown key '${k}' in ${keyPathText(path)}; ` +
            'remove it or check its spelling (docs/study-file.md lists every key)')
          .join('\n');
      }
      const present = hasPath(raw, path);
      const what = present ? issue.message.replace(/^Invalid input: /, '') : 'this key is required';
      return `${source}:${lineOf(doc, lc, path)}: ${keyPathText(path)}: ${what}`;
    });
    throw new StudyFileError(messages.join('\n'));
  }
  const resolvePath = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  const config: StudyConfig = { file: parsed.data, path: source, baseDir, text, resolvePath, where };
  checkConsistency(config);
  return config;
}

/** Whether the key path was written (a short form such as `alb: numeric` counts for its fields). */
function hasPath(obj: unknown, path: readonly (string | number)[]): boolean {
  let o: unknown = obj;
  for (const k of path) {
    if (o !== null && o !== undefined && typeof o !== 'object') return true;
    if (o === null || typeof o !== 'object' || !(k in (o as object))) return false;
    o = (o as Record<string | number, unknown>)[k];
  }
  return o !== undefined;
}

/** Reads and validates a study file from disk. */
export function loadStudy(path: string): StudyConfig {
  const abs = resolve(path);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    throw new StudyFileError(`${path}: cannot read the study file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseStudy(text, path, dirname(abs));
}

const RESERVED_MODEL_NAMES = new Set(['clinical', 'nomogram', 'best', 'radscore']);

/** Cross-key checks the schema cannot express. */
function checkConsistency(c: StudyConfig): void {
  const f = c.file;
  const err = (keyPath: (string | number)[], msg: string): never => {
    throw new StudyFileError(`${c.where(keyPath)}: ${keyPathText(keyPath)}: ${msg}`);
  };
  const seqNames = Object.keys(f.sequences);
  for (const [s, spec] of Object.entries(f.sequences)) {
    if (!spec.features === !spec.images) err(['sequences', s], 'give either `features` (a CSV) or `images` (a manifest), exactly one');
    if (spec.images) {
      if (spec.images.preset && spec.images.params) err(['sequences', s, 'images'], 'give either `preset` or `params`, not both');
      if (spec.images.mask_from && !seqNames.includes(spec.images.mask_from)) {
        err(['sequences', s, 'images', 'mask_from'], `'${spec.images.mask_from}' is not a declared sequence (${seqNames.join(', ')})`);
      }
    }
    if (spec.observer2) {
      if (!spec.observer2.csv === !spec.observer2.manifest) err(['sequences', s, 'observer2'], 'give either `csv` (second reader\'s features) or `manifest` (second reader\'s masks)');
      if (spec.observer2.manifest && !spec.images) err(['sequences', s, 'observer2'], 'a second-reader manifest needs the sequence to be extracted from `images`');
      if (spec.observer2.csv && !spec.features) err(['sequences', s, 'observer2'], 'second-reader features (csv) go with a `features` table; with `images` give the second reader\'s `manifest`');
    }
  }
  const sp = f.split;
  if ((sp.column === undefined) === (sp.ratio === undefined)) err(['split'], 'give either `column` (an existing split) or `ratio` (with `seed`), exactly one');
  if (sp.ratio !== undefined && sp.seed === undefined) err(['split'], 'a ratio split needs a `seed` so that it can be reproduced');
  const folds = f.selection.lasso.folds;
  if (folds.column === undefined && folds.seed === undefined) {
    err(['selection', 'lasso', 'folds'], 'give the folds as a `column`, or `k` and a `seed` for seeded stratified folds');
  }
  const lam = f.selection.lasso.lambda;
  const lamForms = [lam.default, lam.log10_grid, lam.values].filter((v) => v !== undefined && v !== false).length;
  if (lamForms !== 1) err(['selection', 'lasso', 'lambda'], 'give exactly one of `default`, `log10_grid` or `values`');
  for (const [m, seqs] of Object.entries(f.models)) {
    if (RESERVED_MODEL_NAMES.has(m)) err(['models', m], `'${m}' is reserved (clinical, nomogram, best, radscore); choose another model name`);
    seqs.forEach((s, k) => {
      if (!seqNames.includes(s)) err(['models', m, k], `'${s}' is not a declared sequence (${seqNames.join(', ')})`);
    });
    if (new Set(seqs).size !== seqs.length) err(['models', m], 'a sequence is listed twice');
  }
  const modelNames = Object.keys(f.models);
  for (const [k, m] of (f.best_model.tie_order ?? []).entries()) {
    if (!modelNames.includes(m)) err(['best_model', 'tie_order', k], `'${m}' is not a declared model (${modelNames.join(', ')})`);
  }
  if (f.nomogram.radiomics !== 'best' && !modelNames.includes(f.nomogram.radiomics)) {
    err(['nomogram', 'radiomics'], `'${f.nomogram.radiomics}' is neither 'best' nor a declared model (${modelNames.join(', ')})`);
  }
  if (f.evaluation.delong_reference !== null && !modelNames.includes(f.evaluation.delong_reference)) {
    err(['evaluation', 'delong_reference'], `'${f.evaluation.delong_reference}' is not a declared model (${modelNames.join(', ')})`);
  }
  const varNames = Object.keys(f.clinical.variables);
  const cr = f.nomogram.clinical;
  if (cr.rule === 'list' && !cr.variables) err(['nomogram', 'clinical'], "rule 'list' needs `variables`: the clinical variables of the nomogram");
  if (cr.rule === 'multivariable' && cr.variables) err(['nomogram', 'clinical', 'variables'], "`variables` goes with rule 'list'; rule 'multivariable' selects them");
  for (const key of ['candidates', 'variables'] as const) {
    (cr[key] ?? []).forEach((v, k) => {
      if (!varNames.includes(v)) err(['nomogram', 'clinical', key, k], `'${v}' is not a declared clinical variable (${varNames.join(', ') || 'none declared'})`);
    });
  }
  for (const [v, spec] of Object.entries(f.clinical.variables)) {
    if (spec.type === 'categorical') {
      if (spec.transform !== 'none') err(['clinical', 'variables', v, 'transform'], 'a categorical variable cannot be transformed');
      if (spec.baseline_levels) err(['clinical', 'variables', v, 'baseline_levels'], 'baseline_levels is for numeric variables shown as categories; a categorical variable uses `levels`');
      if (spec.levels && spec.reference !== undefined && spec.levels[0] !== spec.reference) {
        err(['clinical', 'variables', v, 'reference'], `the reference level is the first of \`levels\` (${spec.levels[0]}); give one or the other`);
      }
    } else if (spec.levels || spec.reference !== undefined) {
      err(['clinical', 'variables', v], '`levels` and `reference` are for categorical variables');
    }
  }
  const calModels = new Set([...modelNames, 'clinical', 'best', 'nomogram']);
  for (const key of ['calibration', 'dca'] as const) {
    f.evaluation[key].models.forEach((m, k) => {
      if (!calModels.has(m)) err(['evaluation', key, 'models', k], `'${m}' is not a model (clinical, best, nomogram, ${modelNames.join(', ')})`);
    });
  }
  const t = f.evaluation.dca.thresholds;
  if (t.to < t.from) err(['evaluation', 'dca', 'thresholds'], '`to` must not be below `from`');
}
