/**
 * Every image and mask PyRadiomics reports on in test/fixtures/pyradiomics reads to the voxel hash,
 * size, spacing (and, for images, minimum, maximum and mean) PyRadiomics wrote in its
 * diagnostics_Image-original_* / diagnostics_Mask-original_* rows: the published baselines
 * (baseline/*.csv, one column per case) and the generated tables (ak1316_*.csv, single_*.csv,
 * extra_*.csv, one row per case with its Image and Mask paths). Data-driven: every file in data/
 * must be covered, every file named by a table is checked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { maskHash, voxelHash } from '../../src/image/hash.js';
import { summariseVolume } from '../../src/image/info.js';
import { readVolume } from '../../src/image/read.js';
import { parseCsv } from '../helpers/csv.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pyradiomics');

interface Expectation {
  source: string;
  role: 'Image' | 'Mask';
  hash: string;
  size?: string;
  spacing?: string;
  minimum?: string;
  maximum?: string;
  mean?: string;
}

const expected = new Map<string, Expectation[]>();
function expect(file: string, e: Expectation): void {
  if (!e.hash) return;
  const key = resolve(file);
  const list = expected.get(key) ?? [];
  list.push(e);
  expected.set(key, list);
}

function fromDiagnostics(file: string, source: string, role: 'Image' | 'Mask', get: (row: string) => string | undefined): void {
  const p = `diagnostics_${role}-original_`;
  expect(file, {
    source, role,
    hash: get(`${p}Hash`) ?? '',
    size: get(`${p}Size`),
    spacing: get(`${p}Spacing`),
    minimum: role === 'Image' ? get(`${p}Minimum`) : undefined,
    maximum: role === 'Image' ? get(`${p}Maximum`) : undefined,
    mean: role === 'Image' ? get(`${p}Mean`) : undefined,
  });
}

// Published baselines: columns named <case>[_<variant>]; the images are data/<case>_image.nrrd and
// data/<case>_label.nrrd. The _shape2D columns were computed on the largest slice of the label
// (README), not on the label file itself, so their mask rows describe another mask.
for (const f of readdirSync(join(root, 'baseline')).filter((n) => n.endsWith('.csv')).sort()) {
  const [header, ...rows] = parseCsv(readFileSync(join(root, 'baseline', f), 'utf8'));
  const byName = new Map(rows.map((r) => [r[0], r]));
  header.slice(1).forEach((column, c) => {
    const caseName = column.split('_')[0];
    const get = (name: string): string | undefined => byName.get(name)?.[c + 1] || undefined;
    fromDiagnostics(join(root, 'data', `${caseName}_image.nrrd`), `${f}:${column}`, 'Image', get);
    if (!column.endsWith('_shape2D')) fromDiagnostics(join(root, 'data', `${caseName}_label.nrrd`), `${f}:${column}`, 'Mask', get);
  });
}

// Generated tables: one row per case, Image and Mask paths relative to the pyradiomics folder.
for (const f of readdirSync(root).filter((n) => n.endsWith('.csv')).sort()) {
  const [header, ...rows] = parseCsv(readFileSync(join(root, f), 'utf8'));
  const col = new Map(header.map((h, i) => [h, i]));
  if (!col.has('Image') || !col.has('Mask')) continue;
  for (const r of rows) {
    if (r.length < header.length) continue;
    const get = (name: string): string | undefined => (col.has(name) ? r[col.get(name)!] || undefined : undefined);
    fromDiagnostics(join(root, get('Image')!), `${f}:${get('case')}`, 'Image', get);
    fromDiagnostics(join(root, get('Mask')!), `${f}:${get('case')}`, 'Mask', get);
  }
}

const tuple = (s: string): number[] => s.replace(/[()\s]/g, '').split(',').map(Number);

test('every image and label in data/ has PyRadiomics diagnostics to compare with', () => {
  const files = readdirSync(join(root, 'data')).filter((n) => n.endsWith('.nrrd'));
  assert.ok(files.length >= 6);
  for (const f of files) assert.ok(expected.has(resolve(join(root, 'data', f))), `no baseline row describes data/${f}`);
});

for (const [file, list] of [...expected].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
  const rel = file.slice(resolve(root).length + 1);
  // lung1/lung2 ship their labels only (README): their image rows have no file to read
  const skip = existsSync(file) ? false : `${rel} is not shipped (PyRadiomics' lung cases come with labels only)`;
  test(`${rel}: hash, size, spacing${list[0].role === 'Image' ? ', min, max, mean' : ''} equal PyRadiomics' diagnostics (${list.length} rows)`, { skip }, async () => {
    const v = await readVolume(file);
    const isImage = list.some((e) => e.role === 'Image');
    const s = isImage ? summariseVolume(v) : null;
    const hashes = { Image: isImage ? voxelHash(v) : '', Mask: list.some((e) => e.role === 'Mask') ? maskHash(v) : '' };
    for (const e of list) {
      assert.equal(hashes[e.role], e.hash, `${e.source} ${e.role} hash`);
      if (e.size) assert.deepEqual(v.size, tuple(e.size), `${e.source} size`);
      // Python's repr of a double round-trips: equal text means equal double
      if (e.spacing) assert.deepEqual(v.spacing, tuple(e.spacing), `${e.source} spacing`);
      if (e.minimum !== undefined) assert.equal(s!.min, Number(e.minimum), `${e.source} minimum`);
      if (e.maximum !== undefined) assert.equal(s!.max, Number(e.maximum), `${e.source} maximum`);
      if (e.mean !== undefined) {
        const m = Number(e.mean);
        assert.ok(Math.abs(s!.mean! - m) <= 1e-12 * Math.abs(m), `${e.source} mean ${s!.mean} vs ${m}`);
      }
    }
  });
}
