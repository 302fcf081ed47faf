/**
 * The identity of a batch's settings: everything that decides the features of a case besides its
 * image, mask and label. It is written into every output row (diagnostics_Batch_Settings as text,
 * diagnostics_Batch_SettingsHash as its SHA-1), so that a rerun reuses only rows made the same way
 * and `radnomo merge` refuses parts made otherwise, naming the settings that differ.
 *
 * The text is JSON with the values as PyRadiomics prints them (Python literals, so 5 and 5.0
 * differ, as they do in diagnostics_Configuration_Settings): the radnomo version, the effective
 * `setting` block (PyRadiomics' defaults, the params file, the overrides), each image type with its
 * own settings, each feature class with its feature list (null: all), and the voxelSetting block.
 * Orders are kept: they decide the order of the output columns.
 */
import { createHash } from 'node:crypto';
import { pyRepr } from '../image/preprocess/python-format.js';
import { radnomoVersion } from './diagnostics.js';
import { effectiveSettingEntries } from './extractor.js';
import type { ExtractionParams, SettingEntry } from './params.js';

export interface BatchSettings {
  /** Canonical JSON text. */
  text: string;
  /** SHA-1 (hex) of the text. */
  hash: string;
}

interface SettingsDescription {
  radnomo: string;
  setting: Record<string, string>;
  imageType: Record<string, Record<string, string>>;
  featureClass: Record<string, string[] | null>;
  voxelSetting: Record<string, string>;
}

/** The settings identity of an extraction with these params and overrides (the per-row label excepted). */
export function batchSettings(params: ExtractionParams, overrides: SettingEntry[] = []): BatchSettings {
  const entries = (list: readonly SettingEntry[]) => Object.fromEntries(list.map((e) => [e.key, pyRepr(e.raw)]));
  const description: SettingsDescription = {
    radnomo: radnomoVersion(),
    setting: entries(effectiveSettingEntries(params, overrides)),
    imageType: Object.fromEntries(params.imageTypes.map((t) => [t.name, entries(t.settings)])),
    featureClass: Object.fromEntries(params.featureClasses.map((c) => [c.name, c.features])),
    voxelSetting: entries(params.voxelSettings),
  };
  const text = JSON.stringify(description);
  return { text, hash: createHash('sha1').update(text).digest('hex') };
}

/**
 * What differs between two settings texts, one line each ("setting binWidth: 5 vs 10"), `a` first.
 * Order changes count (they reorder the output columns). Unreadable texts differ as a whole.
 */
export function settingsDifferences(a: string, b: string): string[] {
  let da: SettingsDescription;
  let db: SettingsDescription;
  try {
    da = JSON.parse(a) as SettingsDescription;
    db = JSON.parse(b) as SettingsDescription;
  } catch {
    return a === b ? [] : ['the settings (not readable as radnomo batch settings)'];
  }
  const out: string[] = [];
  if (da.radnomo !== db.radnomo) out.push(`radnomo version: ${da.radnomo} vs ${db.radnomo}`);
  compareBlock('setting', da.setting, db.setting, out);
  compareBlock('voxelSetting', da.voxelSetting, db.voxelSetting, out);
  compareKeys('imageType', da.imageType, db.imageType, out, (name, x, y) => {
    const inner: string[] = [];
    compareBlock(`imageType ${name}`, x, y, inner);
    return inner;
  });
  compareKeys('featureClass', da.featureClass, db.featureClass, out, (name, x, y) =>
    JSON.stringify(x) === JSON.stringify(y) ? [] : [`featureClass ${name}: ${features(x)} vs ${features(y)}`]);
  if (out.length === 0 && a !== b) out.push('the settings text (same values, different form)');
  return out;
}

function features(list: string[] | null): string {
  return list === null ? 'all features' : `[${list.join(', ')}]`;
}

function compareBlock(what: string, a: Record<string, string> = {}, b: Record<string, string> = {}, out: string[]): void {
  compareKeys(what, a, b, out, (key, x, y) => (x === y ? [] : [`${what} ${key}: ${x} vs ${y}`]));
}

function compareKeys<T>(
  what: string, a: Record<string, T> = {}, b: Record<string, T> = {}, out: string[],
  same: (key: string, x: T, y: T) => string[],
): void {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  for (const k of ka) {
    if (!(k in b)) out.push(`${what} ${k}: ${show(a[k])} vs (not set)`);
    else out.push(...same(k, a[k], b[k]));
  }
  for (const k of kb) if (!(k in a)) out.push(`${what} ${k}: (not set) vs ${show(b[k])}`);
  const common = ka.filter((k) => k in b);
  const commonB = kb.filter((k) => k in a);
  if (common.join('\0') !== commonB.join('\0')) out.push(`${what} order: ${common.join(', ')} vs ${commonB.join(', ')}`);
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null) return 'all features';
  if (Array.isArray(v)) return features(v as string[]);
  return JSON.stringify(v);
}
