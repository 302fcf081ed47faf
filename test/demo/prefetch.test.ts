/** The demo's prefetching backend: one base call for every case, answers by file pair. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prefetchingBackend } from '../../src/demo/prefetch.js';
import type { ExtractionBackend, ExtractionCase, LoadedParams } from '../../src/study/images.js';

test('prefetching backend: one batch for all cases, rows and failures by image and mask, the rest passed on', async () => {
  const calls: ExtractionCase[][] = [];
  const base: ExtractionBackend = {
    async extract(cases) {
      calls.push([...cases]);
      const rows = new Map<string, Map<string, number>>();
      const failures: { id: string; reason: string }[] = [];
      for (const c of cases) {
        if (c.image.includes('bad')) failures.push({ id: c.id, reason: `cannot read ${c.image}` });
        else rows.set(c.id, new Map([['f', c.image.length * 10 + c.mask.length]]));
      }
      return { rows, failures };
    },
  };
  const all: ExtractionCase[] = [
    { id: 'P1', image: '/c/P1/t1.nii', mask: '/c/P1/m1.nii' },
    { id: 'P1', image: '/c/P1/t2.nii', mask: '/c/P1/m1.nii' },
    { id: 'P2', image: '/c/P2/bad.nii', mask: '/c/P2/m1.nii' },
    { id: 'P1', image: '/c/P1/t1.nii', mask: '/c/P1/m2.nii' },
  ];
  const params = { text: 'p', params: {} } as unknown as LoadedParams;
  const progress: number[] = [];
  const b = prefetchingBackend(all, base, (done) => progress.push(done));
  const opts = { cacheDir: null, version: 'x' };
  const t1 = await b.extract([all[0], all[2]], params, opts);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].length, 4);
  assert.deepEqual(new Set(calls[0].map((c) => c.id)).size, 4, 'unique ids in the batch');
  assert.deepEqual([...t1.rows.keys()], ['P1']);
  assert.equal(t1.rows.get('P1')!.get('f'), '/c/P1/t1.nii'.length * 10 + '/c/P1/m1.nii'.length);
  assert.deepEqual(t1.failures, [{ id: 'P2', reason: 'cannot read /c/P2/bad.nii' }]);
  const t2 = await b.extract([all[3]], params, opts);
  assert.equal(calls.length, 1, 'answered from memory');
  assert.equal(t2.rows.get('P1')!.get('f'), '/c/P1/t1.nii'.length * 10 + '/c/P1/m2.nii'.length);
  const other = await b.extract([{ id: 'P9', image: '/c/P9/t1.nii', mask: '/c/P9/m.nii' }], params, opts);
  assert.equal(calls.length, 2, 'a case outside the set goes to the base backend');
  assert.ok(other.rows.has('P9'));
  await b.extract([all[0]], { ...params, text: 'other params' } as LoadedParams, opts);
  assert.equal(calls.length, 3, 'other params are not answered from the prefetched set');
});
