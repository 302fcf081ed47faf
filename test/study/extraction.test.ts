/** extractSources: one backend call per distinct params, shared (image, mask) pairs once, rows and failures back by source. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractSources } from '../../src/study/extraction.js';
import type { ExtractionBackend, ExtractionCase, LoadedParams } from '../../src/study/images.js';

test('extractSources: one call per params text, each (image, mask) pair once, rows and failures by source and patient', async () => {
  const calls: { cases: ExtractionCase[]; params: string; key?: string }[] = [];
  const backend: ExtractionBackend = {
    async extract(cases, params, opts) {
      calls.push({ cases: [...cases], params: params.text, key: opts.key });
      const rows = new Map<string, Map<string, number>>();
      const failures: { id: string; reason: string }[] = [];
      for (const c of cases) {
        if (c.image.includes('bad')) failures.push({ id: c.id, reason: `cannot read ${c.image}` });
        else rows.set(c.id, new Map([['f', c.image.length * 100 + c.mask.length + (params.text === 'B' ? 0.5 : 0)]]));
      }
      opts.onProgress?.(cases.length, cases.length);
      return { rows, failures };
    },
  };
  const A = { text: 'A', format: 'yaml' } as LoadedParams;
  const B = { text: 'B', format: 'yaml' } as LoadedParams;
  const t1 = [{ id: 'P1', image: '/c/P1/t1.nii', mask: '/c/P1/m.nii' }, { id: 'P2', image: '/c/P2/bad.nii', mask: '/c/P2/m.nii' }];
  const t1r2 = [{ id: 'P1', image: '/c/P1/t1.nii', mask: '/c/P1/m2.nii' }];
  // the same files as t1's P1 under another sequence: extracted once
  const t1copy = [{ id: 'P1', image: '/c/P1/t1.nii', mask: '/c/P1/m.nii' }];
  const t2 = [{ id: 'P1', image: '/c/P1/t2.nii', mask: '/c/P1/m.nii' }];
  const progress: [number, number][] = [];
  const out = await extractSources(
    [{ key: 't1:manifest', cases: t1, params: A }, { key: 't1:observer2', cases: t1r2, params: A }, { key: 'copy:manifest', cases: t1copy, params: A }, { key: 't2:manifest', cases: t2, params: B }],
    backend,
    { cacheDir: null, version: 'x', onProgress: (d, t) => progress.push([d, t]) },
  );
  assert.deepEqual(calls.map((c) => [c.params, c.cases.map((x) => x.id)]), [
    ['A', ['t1:manifest:P1', 't1:manifest:P2', 't1:observer2:P1']],
    ['B', ['t2:manifest:P1']],
  ]);
  assert.notEqual(calls[0].key, calls[1].key, 'a resume file per params text');
  assert.deepEqual(progress, [[3, 4], [4, 4]]);
  const f = (i: number, id: string) => out[i].rows.get(id)?.get('f');
  assert.equal(f(0, 'P1'), '/c/P1/t1.nii'.length * 100 + '/c/P1/m.nii'.length);
  assert.deepEqual(out[0].failures, [{ id: 'P2', reason: 'cannot read /c/P2/bad.nii' }]);
  assert.equal(f(1, 'P1'), '/c/P1/t1.nii'.length * 100 + '/c/P1/m2.nii'.length);
  assert.equal(f(2, 'P1'), f(0, 'P1'));
  assert.equal(f(3, 'P1'), '/c/P1/t2.nii'.length * 100 + '/c/P1/m.nii'.length + 0.5);
  assert.deepEqual(out.map((o) => [...o.rows.keys()]), [['P1'], ['P1'], ['P1'], ['P1']]);
});
