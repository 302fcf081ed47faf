import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cubicSplineCoefficients, cubicSplineWindow, cubicWeights, mirrorIndex } from '../../src/filters/cubic-spline.js';
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

test('a prefilter window 40 voxels beyond the region gives the whole-volume coefficients there', () => {
  const size: Vec3 = [120, 95, 7];
  const n = size[0] * size[1] * size[2];
  const data = Float64Array.from({ length: n }, (_, i) => Math.cos(i * 0.37) * 3000 + (i % 17) * 40);
  const full = cubicSplineCoefficients(data, size);
  const region = [{ lo: 50, hi: 60 }, { lo: 45, hi: 47 }, { lo: 2, hi: 4 }] as const;
  const win = cubicSplineWindow(data, size, region);
  assert.deepEqual(win.lo, [10, 5, 0]);
  assert.deepEqual(win.size, [91, 83, 7]);
  for (let z = 2; z <= 4; z++) for (let y = 45; y <= 47; y++) for (let x = 50; x <= 60; x++) {
    const ours = win.coef[((z - win.lo[2]) * win.size[1] + y - win.lo[1]) * win.size[0] + x - win.lo[0]];
    const ref = full[(z * size[1] + y) * size[0] + x];
    assert.ok(Math.abs(ours - ref) <= 1e-15 * Math.abs(ref), `(${x},${y},${z}): ${ours} vs ${ref}`);
  }
});

/**
 * SciPy's spline_filter1d(order=3, mode='mirror') on one line, written plainly: every sample times
 * the gain 6, the causal initial value as the full mirror sum, the causal recursion, the
 * anticausal initial value and recursion.
 */
function plainFilterLine(line: Float64Array): void {
  const n = line.length;
  if (n <= 1) return;
  const z = -0.267949192431122706472553658494127633; // SciPy's literal pole, sqrt(3) - 2 correctly rounded
  for (let i = 0; i < n; i++) line[i] *= (1 - z) * (1 - 1 / z);
  const zn1 = Math.pow(z, n - 1);
  let c0 = line[0] + zn1 * line[n - 1];
  let zi = z;
  for (let i = 1; i < n - 1; i++) {
    c0 += zi * (line[i] + zn1 * line[n - 1 - i]);
    zi *= z;
  }
  line[0] = c0 / (1 - zn1 * zn1);
  for (let i = 1; i < n; i++) line[i] += z * line[i - 1];
  line[n - 1] = ((z * line[n - 2] + line[n - 1]) * z) / (z * z - 1);
  for (let i = n - 2; i >= 0; i--) line[i] = z * (line[i + 1] - line[i]);
}

test('coefficients equal the plain per-line filter bit for bit on long lines (the initial sum stopped early)', () => {
  // lines of 150, 90 and 40 voxels: the initial sums stop once the rest cannot change them; a run
  // of zeros (a partial sum of 0 never stops), a spike 16 times the rest, negative values
  const size: Vec3 = [150, 90, 40];
  const [nx, ny, nz] = size;
  const data = new Float64Array(nx * ny * nz);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.61) * 250 + (i % 13) - 6;
  for (let i = 0; i < nx * 20; i++) data[i] = 0;
  data[nx * ny * 7 + nx * 30 + 70] = 4000;
  const ours = cubicSplineCoefficients(data, size);
  const ref = Float64Array.from(data);
  const line = (len: number, at: (i: number) => number) => {
    const l = Float64Array.from({ length: len }, (_, i) => ref[at(i)]);
    plainFilterLine(l);
    for (let i = 0; i < len; i++) ref[at(i)] = l[i];
  };
  for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) line(nz, (i) => x + nx * (y + ny * i));
  for (let z = 0; z < nz; z++) for (let x = 0; x < nx; x++) line(ny, (i) => x + nx * (i + ny * z));
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) line(nx, (i) => i + nx * (y + ny * z));
  let differ = 0;
  for (let i = 0; i < ref.length; i++) if (!Object.is(ours[i], ref[i])) differ++;
  assert.equal(differ, 0, `${differ} of ${ref.length} coefficients differ`);
});
