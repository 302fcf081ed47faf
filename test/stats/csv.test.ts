/** The CSV reader: quoted fields, empty cells as missing, clear errors naming file, line and column. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numericColumn, parseCsv, stringColumn } from '../../src/stats/csv.js';

const here = dirname(fileURLToPath(import.meta.url));

test('quoted fields with commas, doubled quotes and line breaks; empty cells and NA are missing', () => {
  const t = parseCsv('id,name,x\r\n1,"a, ""b""",2.5\n2,"two\nlines",\n3,NA,-1e-3\n', 'mem.csv');
  assert.deepEqual(t.columns, ['id', 'name', 'x']);
  assert.deepEqual(stringColumn(t, 'name'), ['a, "b"', 'two\nlines', null]);
  const x = numericColumn(t, 'x');
  assert.equal(x[0], 2.5);
  assert.ok(Number.isNaN(x[1]));
  assert.equal(x[2], -0.001);
});

test('the cohort file reads as R read.csv does: 90 rows, 57 columns, 15-digit numbers exact', () => {
  const t = parseCsv(readFileSync(join(here, '../fixtures/stats/data/cohort_A.csv'), 'utf8'), 'cohort_A.csv');
  assert.equal(t.rows.length, 90);
  assert.equal(t.columns.length, 57);
  assert.equal(t.columns[0], 'id');
  const cv = numericColumn(t, 'cv_fold');
  const split = stringColumn(t, 'split');
  // cv_fold is empty (missing) exactly on the validation rows
  for (let i = 0; i < 90; i++) assert.equal(Number.isNaN(cv[i]), split[i] === 'validation');
});

test('errors name the file, the line or row, and the column', () => {
  assert.throws(() => parseCsv('a,b\n1,2,3\n', 'f.csv'), /f\.csv: line 2 has 3 fields but the header has 2/);
  assert.throws(() => parseCsv('a,a\n1,2\n', 'f.csv'), /column name 'a' appears twice/);
  assert.throws(() => parseCsv('a\n"open\n', 'f.csv'), /never closed/);
  assert.throws(() => numericColumn(parseCsv('a,b\n1,x\n', 'f.csv'), 'b'), /f\.csv: row 1, column 'b': 'x' is not a number/);
  assert.throws(() => numericColumn(parseCsv('a\n1\n', 'f.csv'), 'z'), /no column 'z'/);
});
