import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weightedRowsKernel } from '../../src/filters/weighted-rows-simd.js';
import { forEachNeighbourSamples } from '../../src/filters/neighbour-samples.js';

// The LBP3D sampler's 4-tap weighted sums (neighbour-samples.ts) through the SIMD kernel must be the
// JavaScript loop's numbers bit for bit, for even and odd run lengths, and write nothing past the run.
test('weighted-rows kernel equals w0 a + w1 b + w2 c + w3 d bit for bit and stays inside the run', () => {
  const k = weightedRowsKernel();
  assert.ok(k, 'WebAssembly SIMD is available on Node 20');
  const mem = new Float64Array(k.reserve(8 * 4096));
  let s = 99;
  const next = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  for (let n = 0; n <= 40; n++) {
    for (let i = 0; i < 4096; i++) mem[i] = (next() - 0.4) * 10 ** Math.floor(next() * 8 - 4);
    const before = mem.slice();
    // the weights of a cubic B-spline tap (SciPy's: the last is 1 minus the others)
    const y = next(), z = 1 - y;
    const w0 = (z * z * z) / 6, w1 = (y * y * (y - 2) * 3 + 4) / 6, w2 = (z * z * (z - 2) * 3 + 4) / 6, w3 = 1 - w0 - w1 - w2;
    const a = 5 + n, b = 700 + 3 * n, c = 1500, d = 2300 + n, o = 3000 + (n % 3);
    k.fns.rows(8 * o, 8 * a, 8 * b, 8 * c, 8 * d, n, w0, w1, w2, w3);
    for (let i = 0; i < 4096; i++) {
      const inRun = i >= o && i < o + n;
      const want = inRun ? w0 * before[a + i - o] + w1 * before[b + i - o] + w2 * before[c + i - o] + w3 * before[d + i - o] : before[i];
      assert.ok(Object.is(mem[i], want), `n ${n}, element ${i}${inRun ? '' : ' (outside the run)'}`);
    }
  }
});

// A sampler made while another holds the kernel's memory (here from inside a visitor) must use its
// own arrays, leaving both sets of samples as they are alone.
test('neighbour samples: a sampler nested in a visitor leaves both samplers\' samples unchanged', () => {
  const size: [number, number, number] = [9, 8, 7];
  const n = size[0] * size[1] * size[2];
  const data = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.7) * 50 + (i % 5));
  const roi = Int32Array.from({ length: 60 }, (_, i) => 80 + 3 * i);
  const plan = { nv: 3, offsets: Float64Array.from([0.5, -1, 0.25, -0.75, 0.5, 1, 1, 0.3, -0.6]) };
  const collect = (visitorExtra?: () => void) => {
    const out: number[] = [];
    forEachNeighbourSamples(data, size, 'float64', roi, plan, (voxel, samples) => {
      if (visitorExtra && voxel === roi[0]) visitorExtra();
      out.push(voxel, ...samples);
    });
    return out;
  };
  const alone = collect();
  let inner: number[] = [];
  const outer = collect(() => { inner = collect(); });
  assert.deepEqual(outer, alone);
  assert.deepEqual(inner, alone);
  assert.deepEqual(collect(), alone, 'the kernel path is back after both are released');
});

// The cubic-spline prefilter's loops across lines (cubic-spline.ts) through the kernel: each
// element the JavaScript expression's number, nothing written past the run.
test('prefilter kernels (scaleAdd, zDiff, initTerm) equal their JavaScript expressions bit for bit', () => {
  const k = weightedRowsKernel();
  assert.ok(k, 'WebAssembly SIMD is available on Node 20');
  const mem = new Float64Array(k.reserve(8 * 4096));
  let s = 7;
  const next = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const z = -0.267949192431122706472553658494127633, gain = 6;
  for (let n = 0; n <= 21; n++) {
    for (let i = 0; i < 4096; i++) mem[i] = (next() - 0.5) * 10 ** Math.floor(next() * 6 - 3);
    const o = 100 + n, p = 900, q = 1700 + (n % 2), acc = 2500, r = 3300;
    const before = mem.slice();
    // (weights near 1, so that the rounding of every operation shows in the result)
    const zi = 0.9 ** (1 + (n % 5)) * 1.0000001, zn1 = 0.97 ** (n + 1) * 0.9999999;
    k.fns.scaleAdd(8 * o, 8 * p, n, gain, z);
    const afterScale = mem.slice();
    k.fns.zDiff(8 * q, 8 * p, n, z);
    const afterDiff = mem.slice();
    k.fns.initTerm(8 * acc, 8 * o, 8 * r, n, zi, gain, zn1);
    for (let i = 0; i < 4096; i++) {
      let want = before[i];
      if (i >= o && i < o + n) want = before[i] * gain + z * before[p + i - o];
      assert.ok(Object.is(afterScale[i], want), `scaleAdd n ${n} element ${i}`);
      want = afterScale[i];
      if (i >= q && i < q + n) want = z * (afterScale[p + i - q] - afterScale[i]);
      assert.ok(Object.is(afterDiff[i], want), `zDiff n ${n} element ${i}`);
      want = afterDiff[i];
      if (i >= acc && i < acc + n) want = afterDiff[i] + zi * (afterDiff[o + i - acc] * gain + zn1 * (afterDiff[r + i - acc] * gain));
      assert.ok(Object.is(mem[i], want), `initTerm n ${n} element ${i}`);
    }
  }
});
