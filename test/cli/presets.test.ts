/**
 * `radnomo presets` and the shipped ak1316 preset: the listing names every presets/*.yaml with its
 * description, and presets/ak1316.yaml is the very parameter set PyRadiomics ran for the reference
 * tables test/fixtures/pyradiomics/ak1316_*.csv (1316 features per case).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseParams, readPreset } from '../../src/features/params.js';
import { listPresets, presetDescription } from '../../src/cli/commands/presets.js';
import { parseCsv } from '../helpers/csv.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'pyradiomics');

test('radnomo presets lists every shipped preset with its description', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'presets'], { encoding: 'utf8', cwd: root });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  const shipped = readdirSync(join(root, 'presets')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
  assert.deepEqual(lines.map((l) => l.split(/\s+/)[0]), shipped);
  assert.ok(shipped.includes('ak1316'));
  const ak = lines.find((l) => l.startsWith('ak1316'))!;
  assert.match(ak, /1316-feature set/);
  for (const p of listPresets()) assert.ok(p.description.length > 0, `${p.name} has no description`);
});

test('preset description: a `# description:` line, else the first sentence of the leading comment', () => {
  assert.equal(presetDescription('# intro\n# description: For X.\nimageType: {}\n'), 'For X.');
  assert.equal(presetDescription('# First sentence. Second.\n# more\n\nimageType: {}\n'), 'First sentence.');
  assert.equal(presetDescription('imageType: {}\n# description: late\n'), '');
});

test('presets/ak1316.yaml is the parameter set of the ak1316 reference tables (1316 features)', () => {
  const shipped = readPreset('ak1316');
  const fixturePath = join(fixtures, 'ak1316.yaml');
  const reference = parseParams(readFileSync(fixturePath, 'utf8'), fixturePath);
  const strip = (p: typeof shipped) => JSON.stringify({ ...p, source: '' }, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
  assert.equal(strip(shipped), strip(reference));
  for (const table of ['ak1316_3d.csv', 'ak1316_maxslice.csv']) {
    const [header] = parseCsv(readFileSync(join(fixtures, table), 'utf8'));
    const features = header.filter((h) => h.includes('_') && !h.startsWith('diagnostics_'));
    assert.equal(features.length, 1316, table);
  }
});
