/**
 * PyRadiomics parameter files (YAML or JSON) read and validated: the four blocks `imageType`,
 * `featureClass`, `setting` and `voxelSetting`, exactly as PyRadiomics' featureextractor accepts
 * them (radiomics/featureextractor.py _applyParams; schema: params-schema.ts). A key or value that
 * PyRadiomics would reject is an error that names the file, the line, the key, what it must be,
 * and a close known name when there is one.
 *
 * YAML is read as YAML 1.1, as PyYAML reads it (yes/no are booleans, 1e-06 is a string).
 *
 * @example
 * const params = parseParams('setting:\n  binWidth: 5\n', 'my.yaml');
 * const settings = resolveSettings(params); // PyRadiomics defaults with binWidth 5
 */
import { readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { PyFloat } from '../image/preprocess/python-format.js';
import type { ImageTypeName } from '../filters/types.js';
import { defaultSettings, type Settings } from './settings.js';
import {
  IMAGE_TYPE_NAMES, SETTING_FIELD, SETTING_RULES, TOP_LEVEL_KEYS, VOXEL_SETTING_RULES, type KeyRule,
} from './params-schema.js';
import { featureClasses, PYRADIOMICS_CLASS_NAMES } from './registry.js';

/** A user error in a params file or in a --setting override. */
export class ParamsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParamsError';
  }
}

/** One setting as given: its PyRadiomics key, the validated value, and the value with Python types (for diagnostics). */
export interface SettingEntry {
  key: string;
  value: unknown;
  raw: unknown;
}

export interface ExtractionParams {
  /** Where the params came from, for messages: a file path, 'preset default', or 'PyRadiomics defaults'. */
  source: string;
  /** Enabled image types in file order, each with its own settings. */
  imageTypes: { name: ImageTypeName; settings: SettingEntry[] }[];
  /** Enabled feature classes in file order; null = every non-deprecated feature of the class. */
  featureClasses: { name: string; features: string[] | null }[];
  /** The `setting` block, in file order. */
  settings: SettingEntry[];
  /** The `voxelSetting` block (voxel-based extraction is not part of radnomo; kept for the record). */
  voxelSettings: SettingEntry[];
}

/** PyRadiomics' choices without a params file: Original image, every class but shape2D, default settings. */
export function defaultExtractionParams(): ExtractionParams {
  return {
    source: 'PyRadiomics defaults',
    imageTypes: [{ name: 'Original', settings: [] }],
    featureClasses: PYRADIOMICS_CLASS_NAMES.filter((c) => c !== 'shape2D' && featureClasses.has(c))
      .map((name) => ({ name, features: null })),
    settings: [],
    voxelSettings: [],
  };
}

/** Read a params file (.yaml, .yml or .json). */
export function readParamsFile(path: string): ExtractionParams {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ParamsError(`${path}: cannot read the params file (${(e as NodeJS.ErrnoException).code ?? String(e)}); check the path.`);
  }
  return parseParams(text, path, extname(path).toLowerCase() === '.json' ? 'json' : 'yaml');
}

/** The folder of the shipped presets (presets/ at the package root, two levels above src/features or dist/features). */
export function presetsDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'presets');
}

/** Read a shipped preset by name (presets/<name>.yaml). */
export function readPreset(name: string): ExtractionParams {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new ParamsError(`--preset '${name}': a preset name has letters, digits, '-' and '_' only.`);
  const path = join(presetsDir(), `${name}.yaml`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ParamsError(`--preset '${name}': no such preset (looked for ${path}).`);
  }
  return { ...parseParams(text, path, 'yaml'), source: `preset ${name}` };
}

/** Parse and validate the text of a params file; `source` names it in errors. */
export function parseParams(text: string, source: string, format: 'yaml' | 'json' = 'yaml'): ExtractionParams {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    version: format === 'json' ? '1.2' : '1.1',
    intAsBigInt: true,
    uniqueKeys: true,
    lineCounter,
    prettyErrors: false,
  });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = lineCounter.linePos(e.pos[0]).line;
    throw new ParamsError(`${source}:${line}: not valid ${format === 'json' ? 'JSON' : 'YAML'}: ${e.message.split('\n')[0]}`);
  }
  const reader = new NodeReader(doc, lineCounter, source);
  const params: ExtractionParams = { source, imageTypes: [], featureClasses: [], settings: [], voxelSettings: [] };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return withPyRadiomicsEmptyDefaults(params);
  if (!isMap(root)) throw new ParamsError(`${source}:${reader.line(root)}: a params file is a mapping with the keys ${TOP_LEVEL_KEYS.join(', ')}.`);
  for (const pair of root.items) {
    const key = reader.keyName(pair.key as Node);
    const value = pair.value as Node | null;
    const at = `${source}:${reader.line(pair.key as Node)}`;
    switch (key) {
      case 'imageType':
        params.imageTypes = reader.imageTypes(value, at);
        break;
      case 'featureClass':
        params.featureClasses = reader.featureClasses(value, at);
        break;
      case 'setting':
        params.settings = reader.settingsBlock(value, SETTING_RULES, 'setting', at);
        break;
      case 'voxelSetting':
        params.voxelSettings = reader.settingsBlock(value, VOXEL_SETTING_RULES, 'voxelSetting', at);
        break;
      default:
        throw new ParamsError(`${at}: unknown top-level key '${key}'${suggest(key, TOP_LEVEL_KEYS)}. A params file has the keys ${TOP_LEVEL_KEYS.join(', ')}.`);
    }
  }
  return withPyRadiomicsEmptyDefaults(params);
}

/** PyRadiomics: no image type given = Original; no class given = every class (shape2D included). */
function withPyRadiomicsEmptyDefaults(p: ExtractionParams): ExtractionParams {
  if (p.imageTypes.length === 0) p.imageTypes = [{ name: 'Original', settings: [] }];
  if (p.featureClasses.length === 0) {
    p.featureClasses = PYRADIOMICS_CLASS_NAMES.filter((c) => featureClasses.has(c)).map((name) => ({ name, features: null }));
  }
  return p;
}

/**
 * Validate one setting given outside a file (e.g. `--setting binWidth:5`); `text` is read as a
 * YAML value, so lists and null work as in a file.
 */
export function parseSettingOverride(assignment: string): SettingEntry {
  const colon = assignment.indexOf(':');
  if (colon <= 0) throw new ParamsError(`--setting '${assignment}': write it as key:value, e.g. binWidth:5`);
  const key = assignment.slice(0, colon).trim();
  const text = assignment.slice(colon + 1).trim();
  const p = parseParams(`setting:\n  ${key}: ${text}\n`, `--setting '${assignment}'`);
  return p.settings[0];
}

/** Replace or append setting entries (later ones win, as dict.update does). */
export function updateSettings(entries: SettingEntry[], updates: SettingEntry[]): SettingEntry[] {
  const out = entries.map((e) => ({ ...e }));
  for (const u of updates) {
    const i = out.findIndex((e) => e.key === u.key);
    if (i >= 0) out[i] = { ...u };
    else out.push({ ...u });
  }
  return out;
}

/** The Settings an extraction runs with: radnomo's defaults (PyRadiomics') updated by the entries in order. */
export function resolveSettings(entries: readonly SettingEntry[], base: Settings = defaultSettings()): Settings {
  return { ...base, ...settingsPatch(entries) };
}

/**
 * The entries as a partial Settings (later entries win), e.g. an image type's own block for
 * settingsForImageType. Example: settingsPatch(parseParams('setting:\n  binWidth: 5\n', 'p').settings)
 * is { binWidth: 5 }.
 */
export function settingsPatch(entries: readonly SettingEntry[]): Partial<Settings> {
  const s: Record<string, unknown> = {};
  for (const e of entries) s[SETTING_FIELD[e.key] ?? e.key] = e.value;
  return s as Partial<Settings>;
}

class NodeReader {
  constructor(private doc: Document, private lines: LineCounter, private source: string) {}

  line(node: Node | null | undefined): number {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? this.lines.linePos(range[0]).line : 0;
  }

  private resolve(node: Node | null): Node | null {
    return node && isAlias(node) ? (node.resolve(this.doc) as Node) : node;
  }

  keyName(node: Node): string {
    const n = this.resolve(node);
    if (!isScalar(n) || (typeof n.value !== 'string' && typeof n.value !== 'number' && typeof n.value !== 'bigint')) {
      throw new ParamsError(`${this.source}:${this.line(node)}: a key must be a name.`);
    }
    return String(n.value);
  }

  /** YAML node -> plain value: ints as numbers, floats as PyFloat, the rest as JSON. */
  plain(node: Node | null): unknown {
    const n = this.resolve(node);
    if (n === null || n === undefined) return null;
    if (isScalar(n)) {
      const v = n.value;
      if (typeof v === 'bigint') return Number(v);
      if (typeof v === 'number') return new PyFloat(v);
      return v ?? null;
    }
    if (isSeq(n)) return n.items.map((item) => this.plain(item as Node));
    if (isMap(n)) {
      const o: Record<string, unknown> = {};
      for (const p of n.items) o[this.keyName(p.key as Node)] = this.plain(p.value as Node);
      return o;
    }
    throw new ParamsError(`${this.source}:${this.line(n)}: unexpected YAML content.`);
  }

  settingsBlock(node: Node | null, rules: Record<string, KeyRule>, block: string, at: string): SettingEntry[] {
    const n = this.resolve(node);
    if (n === null || (isScalar(n) && n.value === null)) return [];
    if (!isMap(n)) throw new ParamsError(`${at}: '${block}' must be a mapping of setting names to values.`);
    const out: SettingEntry[] = [];
    for (const pair of n.items) {
      const key = this.keyName(pair.key as Node);
      const where = `${this.source}:${this.line(pair.key as Node)}`;
      const rule = rules[key];
      if (!rule) {
        throw new ParamsError(`${where}: unknown setting '${key}' in '${block}'${suggest(key, Object.keys(rules))}. Known settings: ${Object.keys(rules).join(', ')}.`);
      }
      const raw = this.plain(pair.value as Node);
      out.push({ key, raw, value: validateValue(key, raw, rule, `${where}: ${block} '${key}'`) });
    }
    return out;
  }

  imageTypes(node: Node | null, at: string): ExtractionParams['imageTypes'] {
    const n = this.resolve(node);
    if (n === null || (isScalar(n) && n.value === null)) return [];
    if (!isMap(n)) throw new ParamsError(`${at}: 'imageType' must be a mapping of image type names (Original, LoG, ...) to their settings ({} for none).`);
    const out: ExtractionParams['imageTypes'] = [];
    for (const pair of n.items) {
      const name = this.keyName(pair.key as Node);
      const where = `${this.source}:${this.line(pair.key as Node)}`;
      if (!(IMAGE_TYPE_NAMES as readonly string[]).includes(name)) {
        throw new ParamsError(`${where}: unknown image type '${name}'${suggest(name, IMAGE_TYPE_NAMES)}. Image types: ${IMAGE_TYPE_NAMES.join(', ')}.`);
      }
      out.push({ name: name as ImageTypeName, settings: this.settingsBlock(pair.value as Node, SETTING_RULES, `imageType ${name}`, where) });
    }
    return out;
  }

  featureClasses(node: Node | null, at: string): ExtractionParams['featureClasses'] {
    const n = this.resolve(node);
    if (n === null || (isScalar(n) && n.value === null)) return [];
    if (!isMap(n)) throw new ParamsError(`${at}: 'featureClass' must be a mapping of class names (firstorder, glcm, ...) to a feature list or nothing (all features).`);
    const out: ExtractionParams['featureClasses'] = [];
    for (const pair of n.items) {
      const name = this.keyName(pair.key as Node);
      const where = `${this.source}:${this.line(pair.key as Node)}`;
      const cls = featureClasses.get(name);
      if (!cls) {
        const known = PYRADIOMICS_CLASS_NAMES.includes(name);
        throw new ParamsError(known
          ? `${where}: feature class '${name}' is not available in this version of radnomo.`
          : `${where}: unknown feature class '${name}'${suggest(name, PYRADIOMICS_CLASS_NAMES)}. Feature classes: ${PYRADIOMICS_CLASS_NAMES.join(', ')}.`);
      }
      const value = this.plain(pair.value as Node);
      if (value === null) {
        out.push({ name, features: null });
        continue;
      }
      if (!Array.isArray(value) || value.some((f) => typeof f !== 'string')) {
        throw new ParamsError(`${where}: featureClass '${name}' must be a list of feature names, or nothing for all of them.`);
      }
      const names = cls.features.map((f) => f.name);
      for (const f of value as string[]) {
        if (!names.includes(f)) {
          throw new ParamsError(`${where}: feature class '${name}' has no feature '${f}'${suggest(f, names)}. Its features: ${names.join(', ')}.`);
        }
      }
      out.push({ name, features: value as string[] });
    }
    return out;
  }
}

function validateValue(key: string, raw: unknown, rule: KeyRule, what: string): unknown {
  if (raw === null) {
    if (rule.nullable) return null;
    throw new ParamsError(`${what} is empty (null); it must be ${rule.expect}. Remove the line to use the default.`);
  }
  const r = rule.schema.safeParse(raw);
  if (!r.success) throw new ParamsError(`${what} must be ${rule.expect}; got ${describe(raw)}.`);
  return r.data;
}

function describe(v: unknown): string {
  if (v instanceof PyFloat) return String(v.value);
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return `[${v.map(describe).join(', ')}]`;
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** " (did you mean 'binWidth'?)" for a close known name, else "". */
function suggest(name: string, known: readonly string[]): string {
  let best = '';
  let bestD = Infinity;
  for (const k of known) {
    const d = k.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return bestD <= Math.max(2, Math.floor(name.length / 4)) ? ` (did you mean '${best}'?)` : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
