/**
 * No ArrayBuffer is detached during an extraction: V8 invalidates the isolate's
 * "ArrayBufferDetaching" protector at the first detach, and optimised typed-array code checks for
 * detached buffers from then on (the WebAssembly kernels' memories used to grow, which detaches).
 * The child (extract-probe.ts: ak1316 on a small image, every kernel needing more than its first
 * memory) runs under --trace-protector-invalidation and detaches a probe after 'extracted'; V8
 * prints its line for that probe only if nothing was detached in the main thread before.
 * `--import tsx/esm`, not `--import tsx`: tsx's CommonJS hooks detach one themselves on the main
 * thread (their WebAssembly lexer's memory grows on a large package file).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const INVALIDATED = 'Invalidating protector cell ArrayBufferDetaching';

test('an ak1316 extraction detaches no ArrayBuffer in its thread', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx/esm', '--trace-protector-invalidation', join(here, 'extract-probe.ts')], {
    cwd: join(here, '..', '..'), encoding: 'utf8', timeout: 120_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.ok(lines.includes('features 1316'), r.stdout);
  const extracted = lines.indexOf('extracted');
  assert.ok(extracted > 0, r.stdout);
  assert.ok(lines.indexOf('probed') > extracted, r.stdout);
  const afterward = lines.slice(extracted + 1, lines.indexOf('probed'));
  assert.ok(afterward.includes(INVALIDATED), `the probe was not this thread's first detached ArrayBuffer:\n${r.stdout}`);
});
