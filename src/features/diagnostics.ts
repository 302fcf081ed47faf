/**
 * The provenance columns radnomo writes before the features, in PyRadiomics' layout
 * (radiomics/generalinfo.py): versions, then the configuration as PyRadiomics prints it
 * (the settings dict and the enabled image types, as Python literals). Image and mask
 * diagnostics come from preprocessing (src/image/preprocess).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pyRepr } from '../image/preprocess/python-format.js';
import type { ExtractionParams, SettingEntry } from './params.js';

let cachedVersion: string | undefined;

/** radnomo's version from package.json (two levels above src/features and dist/features). */
export function radnomoVersion(): string {
  if (cachedVersion === undefined) {
    try {
      const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');
      cachedVersion = String(JSON.parse(readFileSync(pkg, 'utf8')).version);
    } catch {
      cachedVersion = 'unknown';
    }
  }
  return cachedVersion;
}

/**
 * diagnostics_Versions_*: radnomo's own version and the Node.js that ran it, in place of
 * PyRadiomics' PyRadiomics/Numpy/SimpleITK/PyWavelet/Python versions.
 */
export function versionDiagnostics(): [string, string][] {
  return [
    ['diagnostics_Versions_radnomo', radnomoVersion()],
    ['diagnostics_Versions_Node', process.versions.node],
  ];
}

/** diagnostics_Configuration_Settings and _EnabledImageTypes, as PyRadiomics' str() of its dicts. */
export function configurationDiagnostics(entries: readonly SettingEntry[], params: ExtractionParams): [string, string][] {
  const settings: Record<string, unknown> = {};
  for (const e of entries) settings[e.key] = e.raw;
  const imageTypes: Record<string, unknown> = {};
  for (const t of params.imageTypes) {
    const own: Record<string, unknown> = {};
    for (const e of t.settings) own[e.key] = e.raw;
    imageTypes[t.name] = own;
  }
  return [
    ['diagnostics_Configuration_Settings', pyRepr(settings)],
    ['diagnostics_Configuration_EnabledImageTypes', pyRepr(imageTypes)],
  ];
}
