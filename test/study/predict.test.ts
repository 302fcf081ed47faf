/**
 * predict with a multi-sequence model (examples/multiseq-a, the best model mp pools five
 * sequences): features given per sequence (`t1=F.csv` with the sequence's own column names), as
 * one table of all sequences told apart by a `sequence` column, or as one wide table of pooled
 * names; each reproduces the study's predictions.csv. A patient missing from a table is an error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStudy } from '../../src/study/config.js';
import { runStudy } from '../../src/study/pipeline.js';
import { predict } from '../../src/study/predict.js';
import { clearTableCache } from '../../src/study/tables.js';
import { parseCsv, numericColumn, stringColumn } from '../../src/stats/csv.js';
import type { ModelFile } from '../../src/study/model-file.js';
import { repoRoot } from './ref-compare.js';

const data = join(repoRoot, 'test', 'fixtures', 'stats', 'data');
const SEQS = ['t1', 't2', 'ap', 'pvp', 'dp'];

test('predict with the five-sequence model: per-sequence tables, one stacked table, one wide table', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'radnomo-predict-'));
  try {
    clearTableCache();
    const out = await runStudy(loadStudy(join(repoRoot, 'examples', 'multiseq-a', 'study.yaml')));
    const model = JSON.parse(out.modelText) as ModelFile;
    assert.equal(model.radiomics.model, 'mp');
    assert.equal(model.radiomics.prefixed_names, true);
    const clinical = join(data, 'multiseq_A_clinical.csv');
    const expected = parseCsv(out.predictionsCsv, 'predictions.csv');
    const check = (csv: string, what: string) => {
      const t = parseCsv(csv, what);
      assert.deepEqual(stringColumn(t, 'id'), stringColumn(expected, 'id'));
      for (const [a, b] of [['radscore_mp', 'radscore_mp'], ['p_nomogram', 'p_nomogram'], ['nomogram_points', 'nomogram_points']]) {
        const x = numericColumn(t, a);
        numericColumn(expected, b).forEach((v, i) => assert.ok(Math.abs(x[i] - v) <= 1e-12 * Math.max(1, Math.abs(v)), `${what}: ${a} ${i}: ${x[i]} vs ${v}`));
      }
    };
    // per sequence, each table with its own column names
    const perSeq = await predict(model, { clinical, features: SEQS.map((s) => `${s}=${join(data, `multiseq_A_features_${s}.csv`)}`) });
    check(perSeq.csv, 'per-sequence tables');
    // one table of all sequences (a batch output: id, sequence, then the union of the columns)
    const tables = SEQS.map((s) => parseCsv(readFileSync(join(data, `multiseq_A_features_${s}.csv`), 'utf8'), s));
    const columns = [...new Set(tables.flatMap((t) => t.columns.filter((c) => c !== 'id')))];
    const stacked = ['id,sequence,' + columns.join(',')];
    tables.forEach((t, k) => t.rows.forEach((r) => stacked.push([r[0], SEQS[k], ...columns.map((c) => (t.columns.includes(c) ? r[t.columns.indexOf(c)] : ''))].join(','))));
    writeFileSync(join(dir, 'stacked.csv'), stacked.join('\n') + '\n');
    const st = await predict(model, { clinical, features: SEQS.map((s) => `${s}=${join(dir, 'stacked.csv')}`) });
    check(st.csv, 'stacked table');
    // one wide table of pooled names
    const wide = ['id,' + tables.flatMap((t, k) => t.columns.filter((c) => c !== 'id').map((c) => `${SEQS[k]}_${c}`)).join(',')];
    tables[0].rows.forEach((_, i) => {
      const id = tables[0].rows[i][0];
      wide.push([id, ...tables.flatMap((t) => t.rows.find((r) => r[0] === id)!.slice(1))].join(','));
    });
    writeFileSync(join(dir, 'wide.csv'), wide.join('\n') + '\n');
    check((await predict(model, { clinical, features: [join(dir, 'wide.csv')] })).csv, 'wide table');
    // a patient without a row in one table
    writeFileSync(join(dir, 'short.csv'), stacked.filter((l) => !l.startsWith('P004,ap,')).join('\n') + '\n');
    await assert.rejects(
      predict(model, { clinical, features: SEQS.map((s) => `${s}=${join(dir, 'short.csv')}`) }),
      /short\.csv \[sequence=ap\]: no row for patient 'P004'/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
