/**
 * The kernels' memories are replaced, never grown (src/wasm/memory.ts): a kernel that needs more
 * memory gets a new one holding the old bytes, the old buffer stays attached, and the numbers are
 * still the JavaScript path's bit for bit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGE_BYTES, pagesFor } from '../../src/wasm/memory.js';
import { newSimdKernels, simdKernels } from '../../src/filters/recursive-gaussian-simd.js';
import { filterLanesSimd, filterLine, recursiveGaussianCoefficients } from '../../src/filters/recursive-gaussian.js';

test('pagesFor: the need rounded up to a power of two of pages, at most 64 MiB more', () => {
  assert.equal(pagesFor(0), 1);
  assert.equal(pagesFor(PAGE_BYTES), 1);
  assert.equal(pagesFor(PAGE_BYTES + 1), 2);
  assert.equal(pagesFor(5 * PAGE_BYTES), 8);
  assert.equal(pagesFor(1025 * PAGE_BYTES), 2048);
  assert.equal(pagesFor(3000 * PAGE_BYTES), 3000 + 1024); // 4096 would add more than 64 MiB
  assert.equal(pagesFor(65000 * PAGE_BYTES), 65536); // a 32-bit memory's most
});

test('reserve: a new memory with the old bytes at its start; the old buffer is not detached', () => {
  const k = newSimdKernels();
  assert.ok(k, 'WebAssembly SIMD is available on Node 20');
  const first = k.memory.buffer;
  assert.equal(first.byteLength, PAGE_BYTES);
  const old = new Float64Array(first);
  for (let i = 0; i < old.length; i++) old[i] = i * 0.5 - 3;
  assert.equal(k.reserve(100), first, 'enough memory: the same buffer');
  const fns = k.fns;
  const buffer = k.reserve(3 * PAGE_BYTES + 8);
  assert.notEqual(buffer, first);
  assert.equal(buffer, k.memory.buffer);
  assert.equal(buffer.byteLength, 4 * PAGE_BYTES);
  assert.notEqual(k.fns, fns, 'a new instance, importing the new memory');
  assert.equal(first.byteLength, PAGE_BYTES, 'the old buffer is still attached (grow would have detached it)');
  const now = new Float64Array(buffer);
  for (let i = 0; i < old.length; i++) assert.ok(Object.is(now[i], i * 0.5 - 3), `element ${i} kept`);
  for (let i = old.length; i < now.length; i++) assert.equal(now[i], 0);
});

test('the shared recursive-Gaussian kernels on lines needing a larger memory still equal filterLine bit for bit', () => {
  const k = simdKernels();
  assert.ok(k, 'WebAssembly SIMD is available on Node 20');
  const c = recursiveGaussianCoefficients(2.5, 1.1, 2, true);
  let s = 7, replaced = 0;
  for (const ln of [9, 300, 5000, 40000]) {
    const width = 8;
    const lanes = Array.from({ length: width }, () => Float64Array.from({ length: ln }, () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 300 - 120));
    const data = new Float64Array(ln * width);
    for (let l = 0; l < width; l++) for (let i = 0; i < ln; i++) data[i * width + l] = lanes[l][i];
    const before: ArrayBuffer = k.memory.buffer;
    const needs = 8 * (16 + (2 * ln + 4) * width) > before.byteLength;
    const got = filterLanesSimd(data, width, ln, c)!;
    if (needs) {
      replaced++;
      assert.notEqual(k.memory.buffer, before, `ln ${ln}: a new memory`);
      assert.equal(before.byteLength > 0, true, `ln ${ln}: the old buffer is not detached`);
    }
    const expected = new Float64Array(ln), scratch = new Float64Array(ln);
    for (let l = 0; l < width; l++) {
      filterLine(expected, lanes[l], scratch, ln, c, 0, ln);
      for (let i = 0; i < ln; i++) assert.ok(Object.is(got[i * width + l], expected[i]), `ln ${ln} lane ${l} i ${i}`);
    }
  }
  assert.equal(replaced, 2, 'the memory was replaced for the 5000 and 40000 element lines');
});
