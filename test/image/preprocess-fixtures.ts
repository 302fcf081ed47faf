/**
 * Helpers for the preprocessing tests: reading PyRadiomics' CSV tables, its settings dicts
 * (Python literals) and comparing diagnostics values at the reference's tolerance.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultSettings } from '../../src/features/settings.js';
import type { PreprocessSettings } from '../../src/image/preprocess/index.js';
import { parseCsv } from '../helpers/csv.js';
import { parsePythonDict } from '../helpers/python-literal.js';

export const PYRADIOMICS = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pyradiomics');

/** A table with a header row as records (column -> value). */
export function readRecords(path: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** A PyRadiomics baseline table (one row per feature, one column per case) as columns. */
export function readBaselineColumns(path: string): { name: string; values: Record<string, string> }[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  return header.slice(1).map((name, c) => ({
    name,
    values: Object.fromEntries(rows.map((r) => [r[0], r[c + 1] ?? ''])),
  }));
}

/** Preprocessing settings from a diagnostics_Configuration_Settings dict (PyRadiomics defaults elsewhere). */
export function settingsFromPyDict(text: string): PreprocessSettings {
  return { ...defaultSettings(), ...parsePythonDict(text) } as PreprocessSettings;
}

/**
 * Compares one diagnostics value with the reference's text: integers and strings (hashes, '3D')
 * exactly, floats (alone or in tuples) within `rel` relative. Returns a message or null.
 */
export function compareDiagnostic(ours: string, ref: string, rel = 1e-6): string | null {
  const nums = (s: string) => s.replace(/^[([]|[)\]]$/g, '').split(',').map((x) => x.trim());
  const a = nums(ours), b = nums(ref);
  const numeric = (x: string) => /^-?[0-9.]+(e[-+]?[0-9]+)?$/.test(x);
  if (a.length !== b.length || !a.every(numeric) || !b.every(numeric)) {
    return ours === ref ? null : `${ours} != ${ref}`;
  }
  for (let i = 0; i < a.length; i++) {
    const x = Number(a[i]), y = Number(b[i]);
    const integral = (s: string) => /^-?[0-9]+$/.test(s);
    if (integral(a[i]) && integral(b[i])) {
      if (x !== y) return `${ours} != ${ref}`;
    } else if (!(Math.abs(x - y) <= rel * Math.max(Math.abs(x), Math.abs(y)))) {
      return `${ours} != ${ref} (relative difference ${(Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y))).toExponential(2)})`;
    }
  }
  return null;
}
