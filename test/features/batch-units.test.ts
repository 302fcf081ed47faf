/**
 * The batch's parts without workers: manifest reading (PyRadiomics' batch format), CSV records,
 * the column union, shards, the settings identity and its differences, the output table read back,
 * merge refusals, the worker messages' params encoding, progress durations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseCsvRecords } from '../../src/features/batch-csv.js';
import { manifestFromTable, parseManifest } from '../../src/features/manifest.js';
import { parseShard, shardRows } from '../../src/features/batch.js';
import { batchSettings, settingsDifferences } from '../../src/features/batch-settings.js';
import {
  BATCH_COLUMNS, batchTableCsv, errorsCsv, parseBatchTable, parseErrorsCsv, unionColumns, type BatchTable, type BatchTableRow,
} from '../../src/features/batch-table.js';
import { mergeBatchTables } from '../../src/features/batch-merge.js';
import { decodeParams, encodeParams } from '../../src/features/batch-protocol.js';
import { parseParams } from '../../src/features/params.js';
import { PyFloat } from '../../src/image/preprocess/python-format.js';
import { createRng } from '../../src/stats/random.js';
import { formatDuration, remainingMs } from '../../src/cli/progress.js';

test('CSV records: quotes, commas and line breaks in fields, CRLF, BOM, blank lines, line numbers', () => {
  const text = '\ufeffa,b\r\n"x, y","say ""hi"""\r\n\r\n"two\nlines",z\nlast,\n';
  const { records } = parseCsvRecords(text, 'm.csv');
  assert.deepEqual(records.map((r) => r.fields), [['a', 'b'], ['x, y', 'say "hi"'], ['two\nlines', 'z'], ['last', '']]);
  assert.deepEqual(records.map((r) => r.line), [1, 2, 4, 6]);
  assert.throws(() => parseCsvRecords('a,b\n"open,b\n', 'm.csv'), /m\.csv:2: a quoted field is never closed/);
});

test('manifest: Image/Mask/Label or lower case, paths from the manifest folder, identifiers kept as written', () => {
  const m = parseManifest('id,image,mask,label,group\nP1,img/a.nrrd,/abs/m.nrrd,2,"x, y"\nP2,b.nrrd,m.nrrd,,g\n', 'study/manifest.csv', 'study');
  assert.deepEqual(m.columns, ['id', 'image', 'mask', 'label', 'group']);
  const [a, b] = m.rows;
  assert.equal(a.image, join('study', 'img/a.nrrd'));
  assert.equal(a.mask, '/abs/m.nrrd');
  assert.equal(a.label, 2);
  assert.deepEqual(a.cells, ['P1', 'img/a.nrrd', '/abs/m.nrrd', '2', 'x, y']);
  assert.equal(a.case, 'P1/x, y');
  assert.equal(b.label, undefined);
  assert.equal(b.row, 2);
  assert.equal(b.line, 3);
  const noIds = manifestFromTable(['Image', 'Mask'], [['a', 'b']], '/data');
  assert.equal(noIds.rows[0].case, 'row 1');
  assert.equal(noIds.rows[0].image, '/data/a');
});

test('manifest: a bad row is kept as that case\'s problem, the others are fine', () => {
  const m = parseManifest('Image,Mask,Label\na,b\n,m,\nc,d,0\ne,f,1.5\ng,h,3\n', 'm.csv', '.');
  assert.match(m.rows[0].problem!, /^m\.csv:2: the line has 2 field\(s\) but the header has 3/);
  assert.match(m.rows[1].problem!, /^m\.csv:3: the Image cell is empty/);
  assert.match(m.rows[2].problem!, /^m\.csv:4: Label '0' is not a label; a label is an integer > 0/);
  assert.match(m.rows[3].problem!, /Label '1\.5' is not a label/);
  assert.equal(m.rows[4].problem, undefined);
  assert.equal(m.rows[4].label, 3);
});

test('manifest: header errors name the file, the column and the fix', () => {
  assert.throws(() => parseManifest('id,Mask\n', 'm.csv', '.'), /m\.csv:1: no Image column \(columns: id, Mask\)/);
  assert.throws(() => parseManifest('IMAGE,Mask\n', 'm.csv', '.'), /the column 'IMAGE' is not read as the image column; name it Image \(or image\)/);
  assert.throws(() => parseManifest('Image,image,Mask\n', 'm.csv', '.'), /both 'Image' and 'image' columns/);
  assert.throws(() => parseManifest('Image,Mask,id,id\n', 'm.csv', '.'), /the column 'id' appears twice/);
  assert.throws(() => parseManifest('Image,Mask,diagnostics_x\n', 'm.csv', '.'), /would clash with radnomo's diagnostics columns/);
  assert.throws(() => parseManifest('', 'm.csv', '.'), /m\.csv: the manifest is empty/);
});

test('column union: every row keeps its own order; placement depends on the rows and their order only', () => {
  assert.deepEqual(unionColumns([['a', 'c'], ['a', 'b', 'c']]), ['a', 'b', 'c']);
  assert.deepEqual(unionColumns([['a', 'b'], ['a', 'c']]), ['a', 'b', 'c']);
  // a later row fixes the order of columns that earlier rows left open
  assert.deepEqual(unionColumns([['f0', 'f2', 'f3'], ['f1', 'f2', 'f4'], ['f2', 'f3', 'f4']]), ['f0', 'f1', 'f2', 'f3', 'f4']);
  assert.deepEqual(unionColumns([['b'], ['a', 'b']]), ['a', 'b']);
  const rng = createRng(5);
  const master = Array.from({ length: 60 }, (_, i) => `f${i}`);
  for (let trial = 0; trial < 50; trial++) {
    const rows = Array.from({ length: 8 }, () => master.filter(() => rng.unif() < 0.7));
    const union = unionColumns(rows);
    assert.equal(new Set(union).size, union.length);
    assert.deepEqual([...union].sort(), [...new Set(rows.flat())].sort());
    const at = new Map(union.map((k, i) => [k, i]));
    for (const r of rows) for (let i = 1; i < r.length; i++) assert.ok(at.get(r[i - 1])! < at.get(r[i])!);
  }
});

test('shards: K/N parsed strictly; the parts are contiguous, cover every row once, sizes within one', () => {
  assert.deepEqual(parseShard('3/8'), { index: 3, count: 8 });
  for (const bad of ['0/4', '5/4', '2', 'a/b', '1/0']) assert.throws(() => parseShard(bad), /--shard .*write K\/N/);
  for (let n = 0; n <= 13; n++) {
    const rows = Array.from({ length: n }, (_, i) => i);
    for (let count = 1; count <= 5; count++) {
      const parts = Array.from({ length: count }, (_, k) => shardRows(rows, { index: k + 1, count }));
      assert.deepEqual(parts.flat(), rows);
      const sizes = parts.map((p) => p.length);
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
    }
  }
});

test('settings identity: Python-typed values, order matters, differences named', () => {
  const a = parseParams('imageType:\n  Original: {}\n  LoG: {sigma: [2.0]}\nfeatureClass:\n  glcm:\nsetting:\n  binWidth: 5\n', 'a.yaml');
  const same = parseParams('setting:\n  binWidth: 5\nfeatureClass:\n  glcm:\nimageType:\n  Original: {}\n  LoG: {sigma: [2.0]}\n', 'b.yaml');
  assert.equal(batchSettings(a).hash, batchSettings(same).hash, 'block order in the file does not matter');
  const float = parseParams('imageType:\n  Original: {}\n  LoG: {sigma: [2.0]}\nfeatureClass:\n  glcm:\nsetting:\n  binWidth: 5.0\n', 'c.yaml');
  assert.notEqual(batchSettings(a).hash, batchSettings(float).hash, '5 and 5.0 print differently in the diagnostics');
  assert.equal(batchSettings(a, [{ key: 'binWidth', value: 5, raw: 5 }]).hash, batchSettings(a).hash);
  const other = parseParams('imageType:\n  LoG: {sigma: [3.0]}\n  Original: {}\nfeatureClass:\n  glcm: [Contrast]\n  firstorder:\nsetting:\n  binWidth: 10\n', 'd.yaml');
  assert.deepEqual(settingsDifferences(batchSettings(a).text, batchSettings(other).text), [
    'setting binWidth: 5 vs 10',
    'imageType LoG sigma: [2.0] vs [3.0]',
    'imageType order: Original, LoG vs LoG, Original',
    'featureClass glcm: all features vs [Contrast]',
    'featureClass firstorder: (not set) vs all features',
  ]);
  assert.deepEqual(settingsDifferences(batchSettings(a).text, batchSettings(a).text), []);
});

function tableRow(row: number, values: [string, number | string][], settings = batchSettings(parseParams('setting:\n  binWidth: 5\n', 'p'))): BatchTableRow {
  return {
    row, cells: [`P${row}`, `i${row}.nrrd`, 'm.nrrd'], settingsHash: settings.hash, settingsText: settings.text,
    imageHash: 'a'.repeat(40), maskHash: 'b'.repeat(40), values: new Map(values),
  };
}

test('output table: written, read back and written again to the same bytes (NaN, inf, text with commas and quotes)', () => {
  const table: BatchTable = {
    manifestColumns: ['id', 'Image', 'Mask'],
    rows: [
      tableRow(1, [['diagnostics_Versions_radnomo', '0.1.0'], ['diagnostics_Note', 'a, "b"'], ['original_firstorder_Mean', 0.1], ['original_glcm_X', NaN]]),
      tableRow(3, [['diagnostics_Versions_radnomo', '0.1.0'], ['original_firstorder_Mean', -Infinity], ['original_shape2D_Y', 1e-300], ['original_glcm_X', 5]]),
    ],
  };
  const text = batchTableCsv(table);
  assert.equal(text.split('\n')[0], ['id', 'Image', 'Mask', ...BATCH_COLUMNS, 'diagnostics_Versions_radnomo', 'diagnostics_Note', 'original_firstorder_Mean', 'original_shape2D_Y', 'original_glcm_X'].join(','));
  const back = parseBatchTable(text, 'out.csv');
  assert.deepEqual(back.rows.map((r) => [...r.values]), table.rows.map((r) => [...r.values]));
  assert.equal(batchTableCsv(back), text);
  assert.throws(() => parseBatchTable('id,original_x\n1,2\n', 'old.csv'), /old\.csv: not a radnomo batch output/);
  const errors = [{ row: 9, case: 'P9', file: 'x, y.nrrd', message: 'bad "thing"\nsecond line' }, { row: 2, case: 'P2', file: '', message: 'm' }];
  assert.deepEqual(parseErrorsCsv(errorsCsv(errors), 'e.csv'), [errors[1], errors[0]]);
});

test('merge: parts of other settings, of another manifest, or overlapping are refused, naming the part', () => {
  const part = (rows: BatchTableRow[], columns = ['id', 'Image', 'Mask']): BatchTable => ({ manifestColumns: columns, rows });
  const ok = mergeBatchTables([
    { name: 'b.csv', table: part([tableRow(4, [['f', 2]])]), errors: [{ row: 2, case: 'P2', file: '', message: 'x' }] },
    { name: 'a.csv', table: part([tableRow(1, [['f', 1]])]) },
  ]);
  assert.deepEqual(ok.table.rows.map((r) => r.row), [1, 4]);
  assert.deepEqual(ok.missingRows, [3]);
  const ten = batchSettings(parseParams('setting:\n  binWidth: 10\n', 'p'));
  assert.throws(() => mergeBatchTables([
    { name: 'a.csv', table: part([tableRow(1, [['f', 1]])]) },
    { name: 'b.csv', table: part([tableRow(2, [['f', 1]], ten)]) },
  ]), /b\.csv was made with other settings than a\.csv .*setting binWidth: 5 vs 10/);
  assert.throws(() => mergeBatchTables([
    { name: 'a.csv', table: part([tableRow(1, [['f', 1]])]) },
    { name: 'b.csv', table: part([tableRow(1, [['f', 1]])]) },
  ]), /manifest row 1 is in both a\.csv and b\.csv/);
  assert.throws(() => mergeBatchTables([
    { name: 'a.csv', table: part([]) },
    { name: 'b.csv', table: part([], ['id', 'Image', 'Mask', 'Label']) },
  ]), /b\.csv: its manifest columns \(id, Image, Mask, Label\) differ from those of a\.csv/);
});

test('worker messages: params cross the thread boundary with their Python float types', () => {
  const p = parseParams('imageType:\n  LoG: {sigma: [2.0, 3]}\nsetting:\n  binWidth: 5.0\n', 'p.yaml');
  const back = decodeParams(structuredClone(encodeParams(p)));
  assert.ok(back.settings[0].raw instanceof PyFloat);
  assert.deepEqual(back, p);
  assert.equal(batchSettings(back).hash, batchSettings(p).hash);
});

test('progress: durations and time left', () => {
  assert.equal(formatDuration(42_400), '42s');
  assert.equal(formatDuration(185_000), '3m05s');
  assert.equal(formatDuration(3_720_000), '1h02m');
  assert.equal(remainingMs({ done: 0, total: 10, elapsedMs: 5 }), undefined);
  assert.equal(remainingMs({ done: 4, total: 10, elapsedMs: 8000 }), 12000);
});
