import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approx, splineFmm, seqLength } from '../../src/stats/interpolate.js';

// References: R 4.2.2, printed with options(digits = 17).
test('spline(method = "fmm") as R: unsorted x, n = 7', () => {
  const s = splineFmm([1, 2, 4, 7, 8, 3], [1, 3, 2, 5, 4, 0], 7);
  const r = [1, 2.49606963734567788, 0.16870177469135825, 3.30944372106481488, 4.97799854252400564, 5.08485953039266114, 4];
  s.y.forEach((v, k) => assert.ok(Math.abs(v - r[k]) < 1e-13, `y[${k}] ${v} vs ${r[k]}`));
});

test('approx with tied x: ties = mean and ties = first, NA (NaN) outside the range', () => {
  const a = approx([1, 2, 2, 3], [1, 2, 4, 5], [1.5, 2, 2.5, 4], 'mean');
  assert.deepEqual(Array.from(a.subarray(0, 3)), [2, 3, 4]);
  assert.ok(Number.isNaN(a[3]));
  assert.deepEqual(Array.from(approx([1, 2, 2, 3], [1, 2, 4, 5], [2, 2.5], 'first')), [2, 3.5]);
});

test('seq.int(from, to, length.out) bit for bit', () => {
  const r = [0.1, 0.24166666666666667, 0.3833333333333333, 0.525, 0.6666666666666666, 0.8083333333333332, 0.95];
  assert.deepEqual(Array.from(seqLength(0.1, 0.95, 7)), r);
});
