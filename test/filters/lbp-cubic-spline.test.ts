import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cubicSplineCoefficients, cubicWeights, mirrorIndex } from '../../src/filters/cubic-spline.js';
import type { Vec3 } from '../../src/image/volume.js';

test('cubic B-spline weights: B3(t + 1), B3(t), B3(t - 1), B3(t - 2) of the fractional part', () => {
  // the centred cubic B-spline (Unser 1991): 2/3 - |x|^2 + |x|^3 / 2 for |x| < 1, (2 - |x|)^3 / 6 for |x| < 2
  const b3 = (x: number) => { const a = Math.abs(x); return a < 1 ? 2 / 3 - a * a + (a * a * a) / 2 : a < 2 ? (2 - a) ** 3 / 6 : 0; };
  const w = new Float64Array(4);
  for (const x of [0, 0.25, 0.5, 0.999, 3.7, -1.3]) {
    cubicWeights(x, w);
    const t = x - Math.floor(x);
    for (let k = 0; k < 4; k++) assert.ok(Math.abs(w[k] - b3(t + 1 - k)) < 1e-15, `x=${x} k=${k}`);
  }
});

test('mirror index: d c b | a b c d | c b a (SciPy mode "mirror")', () => {
  assert.deepEqual([-3, -2, -1, 0, 1, 2, 3, 4, 5, 6].map((i) => mirrorIndex(i, 4)), [3, 2, 1, 0, 1, 2, 3, 2, 1, 0]);
  assert.equal(mirrorIndex(-5, 1), 0);
});

test('prefiltered coefficients interpolate the data: sum of (1/6, 2/3, 1/6) x (1/6, 2/3, 1/6) x (1/6, 2/3, 1/6) neighbours', () => {
  const size: Vec3 = [7, 5, 4];
  const data = Float64Array.from({ length: 140 }, (_, i) => Math.sin(i * 1.7) * 100 + (i % 11));
  const c = cubicSplineCoefficients(data, size);
  const w = [1 / 6, 2 / 3, 1 / 6];
  for (let z = 0; z < 4; z++) for (let y = 0; y < 5; y++) for (let x = 0; x < 7; x++) {
    let s = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) {
      s += w[i] * w[j] * w[k] * c[(mirrorIndex(z + i - 1, 4) * 5 + mirrorIndex(y + j - 1, 5)) * 7 + mirrorIndex(x + k - 1, 7)];
    }
    assert.ok(Math.abs(s - data[x + 7 * (y + 5 * z)]) < 1e-11, `(${x},${y},${z})`);
  }
});
