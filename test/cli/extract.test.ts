/**
 * `radnomo extract` end to end: one CSV row with a header or one JSON object, diagnostics first,
 * PyRadiomics names, numbers as shortest round-trip text, stdout or --out (written whole), and
 * errors that say what to fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../helpers/csv.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const data = join(root, 'test', 'fixtures', 'pyradiomics', 'data');
const image = join(data, 'breast1_image.nrrd');
const label = join(data, 'breast1_label.nrrd');

function radnomo(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), ...args], { encoding: 'utf8', cwd: root });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('CSV to stdout: a header and one row, diagnostics then PyRadiomics feature names', () => {
  const r = radnomo('extract', image, label);
  assert.equal(r.status, 0, r.stderr);
  const [header, row, ...rest] = parseCsv(r.stdout);
  assert.equal(rest.length, 0);
  assert.equal(header.length, row.length);
  const first = header.findIndex((h) => !h.startsWith('diagnostics_'));
  assert.ok(header.slice(first).every((h) => /^original_(shape|firstorder|glcm|gldm|glrlm|glszm|ngtdm)_/.test(h)));
  assert.equal(header.length - first, 107);
  assert.equal(header[first], 'original_shape_Elongation');
  const at = (name: string) => row[header.indexOf(name)];
  assert.equal(at('diagnostics_Configuration_EnabledImageTypes'), "{'Original': {}}");
  // the number text reads back as the very float64 written (shortest round-trip)
  const v = at('original_firstorder_Mean');
  assert.equal(String(Number(v)), v);
});

test('JSON with --label and --setting, written whole to --out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'radnomo-extract-'));
  try {
    const out = join(dir, 'row.json');
    const r = radnomo('extract', image, label, '--label', '1', '--setting', 'binWidth:10', '--out', out);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    const obj = JSON.parse(readFileSync(out, 'utf8'));
    assert.match(obj.diagnostics_Configuration_Settings, /'label': 1, 'additionalInfo': True, 'binWidth': 10\}$/);
    assert.equal(typeof obj.original_glcm_Contrast, 'number');
    assert.deepEqual(readdirSync(dir), ['row.json']); // no temporary file left behind
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--setting takes one key:value each time, repeatable, also before IMAGE MASK', () => {
  const r = radnomo('extract', '--setting', 'binWidth:10', '--setting', 'voxelArrayShift:7', image, label, '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const obj = JSON.parse(r.stdout);
  assert.match(obj.diagnostics_Configuration_Settings, /'binWidth': 10, 'voxelArrayShift': 7\}$/);
  assert.equal(obj['diagnostics_Image-original_Hash'].length, 40, 'IMAGE and MASK were read as the case, not as settings');
});

test('--preset default gives the features of no params file', () => {
  const a = radnomo('extract', image, label, '--format', 'json');
  const b = radnomo('extract', image, label, '--format', 'json', '--preset', 'default');
  const fa = Object.entries(JSON.parse(a.stdout)).filter(([k]) => !k.startsWith('diagnostics_'));
  const fb = Object.entries(JSON.parse(b.stdout)).filter(([k]) => !k.startsWith('diagnostics_'));
  assert.deepEqual(fb, fa);
});

test('errors name what is wrong and leave no output file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'radnomo-extract-'));
  try {
    const params = join(dir, 'p.yaml');
    writeFileSync(params, 'setting:\n  binWidth: 0\n');
    const out = join(dir, 'out.csv');
    let r = radnomo('extract', image, label, '--params', params, '--out', out);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /p\.yaml:2: setting 'binWidth' must be a number > 0; got 0/);
    assert.equal(existsSync(out), false);
    r = radnomo('extract', image, label, '--label', '7');
    assert.match(r.stderr, /label/i);
    assert.match(r.stderr, /breast1_label\.nrrd/);
    r = radnomo('extract', image, label, '--params', params, '--preset', 'default');
    assert.match(r.stderr, /either --params FILE or --preset NAME/);
    r = radnomo('extract', image, label, '--format', 'xml');
    assert.match(r.stderr, /--format 'xml': choose csv or json/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
