/**
 * Feature tables as radnomo's and PyRadiomics' outputs write them: identifier and path columns,
 * diagnostics_* and other text columns are not features; `where` picks one sequence's rows from a
 * table of several; missing values read as NaN; duplicate ids are named with their lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from '../../src/stats/csv.js';
import { featureTableFromCsv } from '../../src/study/tables.js';

const TEXT = `id,sequence,Image,Mask,diagnostics_Versions_PyRadiomics,original_firstorder_Mean,original_glcm_Contrast,note
P1,t1,a.nii,a_m.nii,v3.1.0,10.5,0.25,ok
P1,t2,b.nii,b_m.nii,v3.1.0,11,nan,ok
P2,t1,c.nii,c_m.nii,v3.1.0,9.25,0.5,redo
P2,t2,d.nii,d_m.nii,v3.1.0,8,1e-3,ok
`;

test('a batch output of several sequences: where picks the rows, text and diagnostics columns are left out', () => {
  const csv = parseCsv(TEXT, 'features.csv');
  const t1 = featureTableFromCsv(csv, { id: 'id', where: { sequence: 't1' } });
  assert.equal(t1.source, 'features.csv [sequence=t1]');
  assert.deepEqual(t1.ids, ['P1', 'P2']);
  assert.deepEqual(t1.columns, ['original_firstorder_Mean', 'original_glcm_Contrast']);
  assert.deepEqual(t1.values.map((v) => Array.from(v)), [[10.5, 9.25], [0.25, 0.5]]);
  assert.match(t1.notes[0], /3 column\(s\) holding text are not features: Image, Mask, note/);
  const t2 = featureTableFromCsv(csv, { id: 'id', where: { sequence: 't2' }, exclude: ['note', 'Image', 'Mask'] });
  assert.ok(Number.isNaN(t2.values[1][0]), 'nan reads as a missing value');
  assert.equal(t2.values[1][1], 0.001);
  assert.deepEqual(t2.notes, []);
  assert.throws(() => featureTableFromCsv(csv, { id: 'id' }), /features\.csv: duplicate patient ids: 'P1' on lines 2 and 3; 'P2' on lines 4 and 5/);
  assert.throws(() => featureTableFromCsv(csv, { id: 'id', where: { sequence: 'dp' } }), /no row has sequence = 'dp'/);
  assert.throws(() => featureTableFromCsv(csv, { id: 'id', columns: ['note'], where: { sequence: 't1' } }), /column 'note': 'ok' is not a number/);
});
