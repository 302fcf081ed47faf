/**
 * The small pieces of preprocessing against their definitions: Python's float repr (as
 * PyRadiomics' CSV shows numbers), SHA-1 test vectors (FIPS 180-4 / RFC 3174), ITK's rounding,
 * normalisation with the sample SD (NumPy ddof=1 values), the B-spline interpolating its samples,
 * trilinear blending, 26-connectivity and the crop's origin.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Vec3, Volume } from '../../src/image/volume.js';
import {
  BSplineEvaluator, bsplineCoefficients, countConnectedComponents, cropVolume, makeInterpolator, normalizeImage,
  pyFloat, pyRepr, roundHalfIntegerUp, sha1Hex, resampleOntoGrid,
} from '../../src/image/preprocess/index.js';
import { Sha1 } from '../../src/image/preprocess/sha1.js';

const I3 = () => Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
const vol = <T extends Volume['data']>(data: T, size: Vec3, spacing: Vec3 = [1, 1, 1], origin: Vec3 = [0, 0, 0]): Volume<T> =>
  ({ data, size, spacing, origin, direction: I3(), pixelType: data instanceof Float64Array ? 'float64' : data instanceof Uint8Array ? 'uint8' : 'int16' }) as Volume<T>;

test('pyFloat is Python repr(float)', () => {
  // Python 3: repr() of each value.
  const cases: [number, string][] = [
    [3057, '3057.0'], [0.1, '0.1'], [1e-5, '1e-05'], [1e-4, '0.0001'], [1e16, '1e+16'], [1.5e16, '1.5e+16'],
    [1234567890123456, '1234567890123456.0'], [123456789012345680, '1.2345678901234568e+17'], [-0, '-0.0'],
    [5e-324, '5e-324'], [6.499999999999998, '6.499999999999998'], [0.7812499999999999, '0.7812499999999999'],
    [-122.04318099400444, '-122.04318099400444'], [2.5e-7, '2.5e-07'], [1e22, '1e+22'],
  ];
  for (const [x, repr] of cases) assert.equal(pyFloat(x), repr);
});

test('pyRepr writes settings as Python dict literals', () => {
  assert.equal(pyRepr({ a: null, b: [1, 2.5], c: 'sitkBSpline', d: true, e: { f: false } }),
    "{'a': None, 'b': [1, 2.5], 'c': 'sitkBSpline', 'd': True, 'e': {'f': False}}");
});

test('SHA-1 test vectors, portable and Node paths', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const vectors: [Uint8Array, string][] = [
    [enc(''), 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    [enc('abc'), 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    [enc('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'), '84983e441c3bd26ebaae4aa1f95129e5e54670f1'],
    [new Uint8Array(1000000).fill(0x61), '34aa973cd4c4daa4f61eeb2bdbad27316534016f'],
  ];
  for (const [bytes, digest] of vectors) {
    assert.equal(sha1Hex(bytes), digest);
    const h = new Sha1();
    // Uneven chunks exercise the block buffering.
    for (let i = 0; i < bytes.length; i += 37) h.update(bytes.subarray(i, i + 37));
    assert.equal(h.hex(), digest);
  }
});

test('roundHalfIntegerUp rounds halves up, as ITK picks the nearest voxel', () => {
  assert.equal(roundHalfIntegerUp(2.5), 3);
  assert.equal(roundHalfIntegerUp(-2.5), -2);
  assert.equal(roundHalfIntegerUp(-1.5), -1);
  assert.equal(roundHalfIntegerUp(1.4999999999999998), 1);
  assert.equal(roundHalfIntegerUp(-0.5), 0);
  assert.equal(roundHalfIntegerUp(4.499999999999999), 4);
});

test('normalize: (x - mean) / sample SD * scale, float64', () => {
  const v = vol(new Int16Array([1, 2, 3, 4]), [4, 1, 1]);
  const n = normalizeImage(v, { scale: 100 });
  assert.equal(n.pixelType, 'float64');
  // numpy: (x - 2.5) / np.std(x, ddof=1) * 100, std = 1.2909944487358056
  const expected = [-116.1895003862225, -38.729833462074166, 38.729833462074166, 116.1895003862225];
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(n.data[i] - expected[i]) <= 1e-12 * Math.abs(expected[i]));
  const clipped = normalizeImage(v, { scale: 1, removeOutliers: 1 });
  assert.deepEqual(Array.from(clipped.data, (x) => Math.abs(x) <= 1), [true, true, true, true]);
  assert.equal(clipped.data[0], -1);
});

test('the cubic B-spline interpolates its samples and reproduces a ramp inside', () => {
  const size: Vec3 = [40, 5, 3];
  const data = new Float64Array(size[0] * size[1] * size[2]);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.37) * 100 + (i % 7);
  const ev = new BSplineEvaluator(bsplineCoefficients(data, size), size);
  // Inside, exact to rounding; at the start of a line to ITK's prefilter tolerance (its causal
  // initialisation sums 18 terms, |z|^18 ~ 2e-11 of the values, which are ~100 here).
  for (const [x, y, z] of [[17, 2, 1], [39, 4, 2], [5, 3, 2]]) {
    assert.ok(Math.abs(ev.evaluate(x, y, z) - data[x + 40 * (y + 5 * z)]) < 1e-12);
  }
  assert.ok(Math.abs(ev.evaluate(0, 0, 0) - data[0]) < 1e-8);
  const ramp = new Float64Array(60).map((_, i) => 3 * i + 1);
  const ev1 = new BSplineEvaluator(bsplineCoefficients(ramp, [60, 1, 1]), [60, 1, 1]);
  assert.ok(Math.abs(ev1.evaluate(30.25, 0, 0) - (3 * 30.25 + 1)) < 1e-9);
});

test('linear interpolation blends x, then y, then z; clamps at the last voxel', () => {
  const data = new Float64Array([0, 1, 10, 11, 100, 101, 110, 111]);
  const lin = makeInterpolator('linear', data, [2, 2, 2]);
  assert.equal(lin.evaluate(0.5, 0.5, 0.5), 55.5);
  assert.equal(lin.evaluate(1.25, 0, 0), 1); // beyond the last voxel along x: that voxel's value
  assert.equal(lin.evaluate(-0.25, 1, 1), 110);
});

test('resampling writes 0 outside [-0.5, n - 0.5) and casts to integers by truncation', () => {
  const v = vol(new Int16Array([10, 20, 30, 40]), [4, 1, 1]);
  const out = resampleOntoGrid(v, { size: [5, 1, 1], spacing: [1, 1, 1], origin: [-0.75, 0, 0], direction: I3() }, 'linear');
  // x = -0.75 (outside), 0.25 -> 10 (d <= 0 near start clamps), 1.25 -> 22.5 -> 22, 2.25 -> 32.5 -> 32, 3.25 -> 40
  assert.deepEqual(Array.from(out.data), [0, 12, 22, 32, 40]);
});

test('connected components use 26-connectivity', () => {
  const m = new Uint8Array(27);
  m[0] = 1; m[13] = 1; // corner and centre touch at a vertex
  assert.equal(countConnectedComponents(vol(m, [3, 3, 3])), 1);
  m[13] = 0; m[26] = 1;
  assert.equal(countConnectedComponents(vol(m, [3, 3, 3])), 2);
});

test('a crop starts at the physical point of its first voxel', () => {
  const v = vol(new Int16Array(60).map((_, i) => i), [5, 4, 3], [0.5, 2, 3], [10, 20, 30]);
  const c = cropVolume(v, [1, 2, 1], [3, 2, 2]);
  assert.deepEqual(c.origin, [10.5, 24, 33]);
  assert.deepEqual(Array.from(c.data), [31, 32, 33, 36, 37, 38, 51, 52, 53, 56, 57, 58]);
});
