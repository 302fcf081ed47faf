/**
 * Helpers for the preprocessing tests: reading PyRadiomics' CSV tables, its settings dicts
 * (Python literals) and comparing diagnostics values at the reference's tolerance.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultSettings } from '../../src/features/settings.js';
import type { PreprocessSettings } from '../../src/image/preprocess/index.js';

export const PYRADIOMICS = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pyradiomics');

/** RFC 4180 CSV (quotes, CRLF or LF) as rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

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

/** A Python literal (dict, list, tuple, str, int, float, None, True, False) as a JS value. */
export function parsePythonLiteral(text: string): unknown {
  let i = 0;
  const ws = () => { while (/\s/.test(text[i])) i++; };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[' || c === '(') {
      const close = c === '{' ? '}' : c === '[' ? ']' : ')';
      i++;
      const obj: Record<string, unknown> = {};
      const arr: unknown[] = [];
      for (;;) {
        ws();
        if (text[i] === close) { i++; break; }
        const item = value();
        ws();
        if (c === '{') {
          if (text[i] !== ':') throw new Error(`expected ':' at ${i} in ${text}`);
          i++;
          obj[String(item)] = value();
          ws();
        } else arr.push(item);
        if (text[i] === ',') i++;
      }
      return c === '{' ? obj : arr;
    }
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      const s = text.slice(i + 1, end);
      i = end + 1;
      return s;
    }
    const m = /^[-+0-9.eE]+|^None|^True|^False/.exec(text.slice(i));
    if (!m) throw new Error(`cannot parse ${text.slice(i, i + 20)}`);
    i += m[0].length;
    if (m[0] === 'None') return null;
    if (m[0] === 'True') return true;
    if (m[0] === 'False') return false;
    return Number(m[0]);
  };
  return value();
}

/** Preprocessing settings from a diagnostics_Configuration_Settings dict (PyRadiomics defaults elsewhere). */
export function settingsFromPyDict(text: string): PreprocessSettings {
  const dict = parsePythonLiteral(text) as Record<string, unknown>;
  return { ...defaultSettings(), ...dict } as PreprocessSettings;
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
