/**
 * docs/results.schema.json is the JSON Schema generated from src/study/results-schema.ts, with a
 * description for every field (regenerate it with the command in the failure message); files
 * written before a field was added within the version still read, another version is named.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resultsJsonSchema } from '../../src/study/results-schema.js';
import { loadStudy } from '../../src/study/config.js';
import { runStudy } from '../../src/study/pipeline.js';
import { clearTableCache } from '../../src/study/tables.js';
import { readModelFile } from '../../src/study/model-file.js';
import { predict } from '../../src/study/predict.js';
import { readRunOutputs } from '../../src/report/index.js';
import { numericColumn, parseCsv } from '../../src/stats/csv.js';
import { repoRoot } from './ref-compare.js';
import { writeSyntheticStudy } from './synthetic.js';

test('docs/results.schema.json is the generated schema, and every field is documented', () => {
  const undocumented: string[] = [];
  const generated = JSON.stringify(resultsJsonSchema(undocumented), null, 2) + '\n';
  assert.deepEqual(undocumented, [], 'fields without a description (add one in results-schema.ts or results-glossary.ts)');
  const committed = readFileSync(join(repoRoot, 'docs', 'results.schema.json'), 'utf8');
  assert.ok(
    committed === generated,
    'docs/results.schema.json is out of date; regenerate it: node --import tsx -e "import(\'./src/study/results-schema.ts\').then((m) => require(\'fs\').writeFileSync(\'docs/results.schema.json\', JSON.stringify(m.resultsJsonSchema(), null, 2) + \'\\n\'))"',
  );
  const s = JSON.parse(committed);
  assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.deepEqual(Object.keys(s.properties).slice(0, 3), ['format', 'schema_version', 'provenance']);
});

test('files of version 1 written before a field was added still read (results.json in the report, model.json in predict); another version is named', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'radnomo-schema-'));
  try {
    const out = join(dir, 'out');
    clearTableCache();
    await runStudy(loadStudy(writeSyntheticStudy(dir, { n: 50, events: 20, seed: 5, sequences: { a: 4 } })), { outDir: out });
    const now = readRunOutputs(out);
    // as written before level_labels (results.json) and type/levels (model.json) were added
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const axesOf = (r: typeof results) => [r.nomogram.scale, r.nomogram.scales.default, r.nomogram.scales.observed_range].flatMap((s) => s.axes);
    assert.ok(axesOf(results).length >= 4);
    for (const a of axesOf(results)) delete a.level_labels;
    writeFileSync(join(out, 'results.json'), JSON.stringify(results));
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    assert.deepEqual(model.clinical.map((v: { type: string }) => v.type), ['numeric']);
    for (const v of model.clinical) {
      delete v.type;
      delete v.levels;
    }
    writeFileSync(join(out, 'model.json'), JSON.stringify(model));
    const old = readRunOutputs(out);
    assert.deepEqual(old.results, now.results, 'level_labels read as null');
    const m = readModelFile(join(out, 'model.json'));
    assert.deepEqual([m.clinical[0].type, m.clinical[0].levels], ['numeric', null]);
    const p = await predict(m, { clinical: join(dir, 'clinical.csv'), features: [join(dir, 'features_a.csv')] });
    const studyP = numericColumn(parseCsv(readFileSync(join(out, 'predictions.csv'), 'utf8'), 'predictions.csv'), 'p_nomogram');
    assert.deepEqual(Array.from(numericColumn(parseCsv(p.csv, 'predict'), 'p_nomogram')), Array.from(studyP));
    // another version: named, with what to do
    writeFileSync(join(out, 'results.json'), JSON.stringify({ ...results, schema_version: 2 }));
    assert.throws(() => readRunOutputs(out), /results\.json: schema_version 2 was written by a newer radnomo; this one reads version 1: update radnomo/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
