/**
 * docs/results.schema.json is the JSON Schema generated from src/study/results-schema.ts, with a
 * description for every field (regenerate it with the command in the failure message).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultsJsonSchema } from '../../src/study/results-schema.js';
import { repoRoot } from './ref-compare.js';

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
