/** `serveFolder`: 127.0.0.1 only, static files, nothing outside the folder. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { resolveInside, serveFolder } from '../../src/report/serve.js';

function get(url: string, method = 'GET', rawPath?: string): Promise<{ status: number; type?: string; body: string }> {
  const u = new URL(url);
  return new Promise((ok, fail) => {
    const req = request({ host: u.hostname, port: u.port, path: rawPath ?? u.pathname, method }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => ok({ status: res.statusCode!, type: res.headers['content-type'], body }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('serves the report folder on 127.0.0.1 and nothing outside it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'radnomo-serve-'));
  const dir = join(root, 'report');
  mkdirSync(join(dir, 'figures'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!DOCTYPE html><p>report</p>');
  writeFileSync(join(dir, 'figures', 'a.svg'), '<svg/>');
  writeFileSync(join(root, 'secret.txt'), 'no');
  const s = await serveFolder(dir, { port: 0 });
  try {
    assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal((s.server.address() as { address: string }).address, '127.0.0.1');
    const index = await get(s.url);
    assert.equal(index.status, 200);
    assert.equal(index.type, 'text/html; charset=utf-8');
    assert.equal(index.body, '<!DOCTYPE html><p>report</p>');
    assert.equal((await get(`${s.url}figures/a.svg`)).type, 'image/svg+xml');
    assert.equal((await get(s.url, 'GET', '/../secret.txt')).status, 404);
    assert.equal((await get(s.url, 'GET', '/%2e%2e/secret.txt')).status, 404);
    assert.equal((await get(s.url, 'POST')).status, 405);
    assert.equal((await get(`${s.url}missing.html`)).status, 404);
  } finally {
    await s.close();
    rmSync(root, { recursive: true, force: true });
  }
  assert.equal(resolveInside('/a/b', '/../c'), null);
  assert.equal(resolveInside('/a/b', '/x/../y.html'), '/a/b/y.html');
  await assert.rejects(async () => serveFolder('/nonexistent-radnomo-folder'), /no such folder/);
});
