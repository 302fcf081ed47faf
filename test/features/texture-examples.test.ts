/**
 * The texture matrices on the worked examples of PyRadiomics' documentation (2D 5 x 5 and 4 x 4
 * images, one slice), the angle generator, the symmetric eigenvalue solver behind MCC, resegmentation, and
 * IBSI's NGTDM neighbourhood rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings } from '../../src/features/settings.js';
import { generateAngles } from '../../src/features/angles.js';
import { glcmMatrices, countCooccurrences } from '../../src/features/texture/glcm-matrix.js';
import { glcmAngleWeight, glrlmAngleWeight } from '../../src/features/texture/grid.js';
import { padGrid } from '../../src/features/texture/padded.js';
import { presentLevels, oneBasedIndex } from '../../src/features/texture/levels.js';
import { glrlmMatrices } from '../../src/features/texture/glrlm-matrix.js';
import { glszmMatrix } from '../../src/features/texture/glszm-matrix.js';
import { gldmMatrix } from '../../src/features/texture/gldm-matrix.js';
import { ngtdmMatrix } from '../../src/features/texture/ngtdm-matrix.js';
import { symmetricEigenvalues } from '../../src/features/texture/symmetric-eigenvalues.js';
import { resegmentValues as resegment } from '../../src/image/preprocess/resegment.js';
import { glcmClass } from '../../src/features/texture/glcm.js';
import { glrlmClass } from '../../src/features/texture/glrlm.js';
import { glszmClass } from '../../src/features/texture/glszm.js';
import { gldmClass } from '../../src/features/texture/gldm.js';
import { ngtdmClass } from '../../src/features/texture/ngtdm.js';

const s = defaultSettings();
/** Rows of the printed image are y, columns x; one slice. */
const image = (rows: number[][]) => Int32Array.from(rows.flat());
// PyRadiomics docs, GLRLM / GLSZM / GLDM example
const I5 = image([[5, 2, 5, 4, 4], [3, 3, 3, 1, 3], [2, 1, 1, 1, 3], [4, 2, 2, 2, 3], [3, 5, 3, 3, 2]]);

function rowsOf(p: Float64Array, rows: number, cols: number, offset = 0): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from(p.subarray(offset + r * cols, offset + r * cols + cols)));
}

test('angles: 13 in 3D, 4 in one slice, 26 both ways, force2D keeps the in-plane ones', () => {
  const a3 = generateAngles([3, 3, 3], [1], false, -1);
  assert.equal(a3.count, 13);
  assert.deepEqual(Array.from(a3.offsets.subarray(0, 3)), [1, 1, 1]);
  assert.deepEqual(Array.from(a3.offsets.subarray(27, 30)), [0, 1, 1]);
  assert.deepEqual(Array.from(a3.offsets.subarray(36, 39)), [0, 0, 1]);
  assert.equal(generateAngles([1, 5, 5], [1], false, -1).count, 4);
  assert.equal(generateAngles([3, 3, 3], [1], true, -1).count, 26);
  const f2 = generateAngles([3, 3, 3], [1], true, 0);
  assert.equal(f2.count, 8);
  for (let a = 0; a < f2.count; a++) assert.equal(f2.offsets[3 * a], 0);
  // distance 2 alone: the 5^3 - 3^3 = 98 offsets of infinity norm 2, halved
  assert.equal(generateAngles([9, 9, 9], [2], false, -1).count, 49);
  assert.equal(generateAngles([9, 9, 9], [1, 2], false, -1).count, 62);
  assert.throws(() => generateAngles([3, 3, 3], [0], false, -1), /distances must be integers >= 1/);
});

test('GLCM: the symmetrical matrix of the documentation example at angle 0', () => {
  const g = image([[1, 2, 5, 2, 3], [3, 2, 1, 3, 1], [1, 3, 5, 5, 2], [1, 1, 1, 1, 2], [1, 2, 4, 3, 5]]);
  const m = glcmMatrices(g, [5, 5, 1], [1, 1, 1], s);
  assert.equal(m.count, 4);
  const horizontal = m.count - 1; // the last angle generated is (0, 0, 1): along x
  const p = rowsOf(m.p, 5, 5, horizontal * 25);
  let total = 0;
  for (const r of p) for (const v of r) total += v;
  const expected = [[6, 4, 3, 0, 0], [4, 0, 2, 1, 3], [3, 2, 0, 1, 2], [0, 1, 1, 0, 0], [0, 3, 2, 0, 2]];
  const sum = expected.flat().reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(total - 1) < 1e-15);
  assert.deepEqual(p.map((r) => r.map((v) => Math.round(v * sum))), expected);
});

test('GLRLM: the documentation example at angle 0', () => {
  const m = glrlmMatrices(I5, [5, 5, 1], [1, 1, 1], s);
  assert.deepEqual(Array.from(m.runLengths), [1, 2, 3]);
  const nr = m.runLengths.length;
  const p = rowsOf(m.p, 5, nr, (m.count - 1) * 5 * nr);
  assert.deepEqual(p, [[1, 0, 1], [3, 0, 1], [4, 1, 1], [1, 1, 0], [3, 0, 0]]);
});

test('GLRLM: an angle across a one-voxel-thick ROI is dropped (PyRadiomics multiElement rule)', () => {
  // 2 slices, ROI on the first only: angles moving in z see lines of at most one ROI voxel
  const b = new Int32Array(50);
  b.set(I5, 0);
  const m = glrlmMatrices(b, [5, 5, 2], [1, 1, 1], s);
  assert.equal(m.count, 4);
});

test('GLRLM: runs all of length 1 still count when a line holds several ROI voxels (checkerboard)', () => {
  const board = image([[1, 2, 1, 2], [2, 1, 2, 1], [1, 2, 1, 2], [2, 1, 2, 1]]);
  const m = glrlmMatrices(board, [4, 4, 1], [1, 1, 1], s);
  assert.equal(m.count, 4);
  const nr = m.runLengths.length;
  const horizontal = m.p.subarray((m.count - 1) * 2 * nr, m.count * 2 * nr);
  assert.deepEqual(Array.from(m.runLengths), [1, 2, 3, 4]);
  assert.deepEqual(Array.from(horizontal), [8, 0, 0, 0, 8, 0, 0, 0]);
});

test('angle weights (PyRadiomics): GLCM exp(-||d||^2), GLRLM ||d||, offsets scaled by the spacing', () => {
  const a = Int32Array.from([1, -1, 0]); // (dz, dy, dx)
  const sp = [3, 2, 1]; // spacing in z, y, x
  assert.equal(glcmAngleWeight('manhattan', a, sp), Math.exp(-25));
  assert.equal(glcmAngleWeight('euclidean', a, sp), Math.exp(-13));
  assert.equal(glcmAngleWeight('infinity', a, sp), Math.exp(-9));
  assert.equal(glcmAngleWeight('no_weighting', a, sp), 1);
  assert.equal(glrlmAngleWeight('manhattan', a, sp), 5);
  assert.equal(glrlmAngleWeight('euclidean', a, sp), Math.sqrt(13));
  assert.equal(glrlmAngleWeight('infinity', a, sp), 3);
  assert.equal(glrlmAngleWeight('no_weighting', a, sp), 1);
});

test('GLCM with a weighting norm: one matrix, the weighted sum of the symmetrised angle matrices, normalised', () => {
  const b = Int32Array.from({ length: 27 }, (_, k) => 1 + ((k * 7) % 4));
  const size: [number, number, number] = [3, 3, 3];
  const spacing: [number, number, number] = [0.7, 0.8, 1.5];
  const perAngle = glcmMatrices(b, size, spacing, s); // normalised per angle
  const angles = generateAngles([3, 3, 3], [1], false, -1);
  const n = perAngle.n;
  // raw counts = normalised x sum; the sum per angle recovered from the unnormalised count of pairs
  const raw = countCooccurrences(padGrid(b, size, 1, oneBasedIndex(presentLevels(b).levelIndex)), angles.offsets, angles.count, n);
  const expected = new Float64Array(n * n);
  for (let a = 0; a < angles.count; a++) {
    const w = glcmAngleWeight('infinity', angles.offsets.subarray(3 * a, 3 * a + 3), [1.5, 0.8, 0.7]);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      expected[i * n + j] += w * (raw[(a * n + i) * n + j] + raw[(a * n + j) * n + i]);
    }
  }
  const total = expected.reduce((t, v) => t + v, 0);
  const got = glcmMatrices(b, size, spacing, { ...s, weightingNorm: 'infinity' });
  assert.equal(got.count, 1);
  for (let k = 0; k < n * n; k++) assert.ok(Math.abs(got.p[k] - expected[k] / total) < 1e-15);
});

test('GLSZM: the documentation example', () => {
  const m = glszmMatrix(I5, [5, 5, 1], s);
  assert.deepEqual(rowsOf(m.p, 5, 5), [[0, 0, 0, 1, 0], [1, 0, 0, 0, 1], [1, 0, 1, 0, 1], [1, 1, 0, 0, 0], [3, 0, 0, 0, 0]]);
});

test('GLSZM: 26-connected in 3D, 8-connected per slice with force2D', () => {
  // two voxels touching only by a corner across slices
  const b = new Int32Array(8);
  b[0] = 1; // (0,0,0)
  b[7] = 1; // (1,1,1)
  assert.deepEqual(Array.from(glszmMatrix(b, [2, 2, 2], s).sizes), [2]);
  assert.deepEqual(Array.from(glszmMatrix(b, [2, 2, 2], { force2D: true, force2Ddimension: 0 }).sizes), [1]);
});

test('GLDM: the documentation example (alpha 0, distance 1)', () => {
  const m = gldmMatrix(I5, [5, 5, 1], s);
  assert.deepEqual(Array.from(m.sizes), [1, 2, 3, 4]);
  assert.deepEqual(rowsOf(m.p, 5, 4), [[0, 1, 2, 1], [1, 2, 3, 0], [1, 4, 4, 0], [1, 2, 0, 0], [3, 0, 0, 0]]);
});

test('GLDM with alpha 1: neighbours within one bin are dependent', () => {
  const m = gldmMatrix(image([[1, 2], [3, 3]]), [2, 2, 1], { ...s, gldm_a: 1 });
  assert.deepEqual(Array.from(m.sizes), [2, 3, 4]);
  assert.deepEqual(rowsOf(m.p, 3, 3), [[1, 0, 0], [0, 0, 1], [0, 2, 0]]);
});

test('NGTDM: the documentation example (4 x 4, no level 4)', () => {
  const m = ngtdmMatrix(image([[1, 2, 5, 2], [3, 5, 1, 3], [1, 3, 5, 5], [3, 1, 1, 1]]), [4, 4, 1], s);
  assert.deepEqual(Array.from(m.levels), [1, 2, 3, 5]);
  assert.deepEqual(Array.from(m.count), [6, 2, 4, 4]);
  // s_1 = |1-10/3| + |1-30/8| + |1-15/5| + |1-13/5| + |1-15/5| + |1-11/3|, s_3 per the docs' text
  const expected = [
    Math.abs(1 - 10 / 3) + Math.abs(1 - 30 / 8) + 2 + Math.abs(1 - 13 / 5) + 2 + Math.abs(1 - 11 / 3),
    2,
    Math.abs(3 - 12 / 5) + Math.abs(3 - 18 / 5) + Math.abs(3 - 20 / 8) + Math.abs(3 - 5 / 3),
    10.075,
  ];
  for (let k = 0; k < 4; k++) assert.ok(Math.abs(m.s[k] - expected[k]) < 1e-12, `s_${m.levels[k]}`);
});

test('NGTDM: a voxel without ROI neighbours counts in n_i for PyRadiomics, not under IBSI', () => {
  const b = new Int32Array(9);
  b[0] = 1; b[1] = 2; b[8] = 3; // (0,0), (1,0) neighbours; (2,2) alone
  const py = ngtdmMatrix(b, [3, 3, 1], s);
  assert.deepEqual(Array.from(py.count), [1, 1, 1]);
  const ibsi = ngtdmMatrix(b, [3, 3, 1], { ...s, ibsi: true });
  assert.deepEqual(Array.from(ibsi.levels), [1, 2]);
  assert.deepEqual(Array.from(ibsi.count), [1, 1]);
});

test('symmetric eigenvalues: known spectra', () => {
  const two = symmetricEigenvalues(Float64Array.from([2, 1, 1, 2]), 2);
  assert.ok(Math.abs(two[0] - 1) < 1e-14 && Math.abs(two[1] - 3) < 1e-14);
  // the path graph's Laplacian-like tridiagonal matrix 2, -1: eigenvalues 2 - 2 cos(k pi / (n + 1))
  const n = 12;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    a[i * n + i] = 2;
    if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
  }
  // hide the structure behind a similarity with a Householder reflector (stays symmetric)
  const v = Float64Array.from({ length: n }, (_, k) => Math.sin(k + 1));
  const vv = v.reduce((t, x) => t + x * x, 0);
  const h = (i: number, j: number) => (i === j ? 1 : 0) - (2 * v[i] * v[j]) / vv;
  const b = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let t = 0;
    for (let k = 0; k < n; k++) for (let l = 0; l < n; l++) t += h(i, k) * a[k * n + l] * h(l, j);
    b[i * n + j] = t;
  }
  const got = symmetricEigenvalues(b, n);
  for (let k = 1; k <= n; k++) assert.ok(Math.abs(got[k - 1] - (2 - 2 * Math.cos((k * Math.PI) / (n + 1)))) < 1e-13);
  // repeated and zero eigenvalues
  assert.deepEqual(Array.from(symmetricEigenvalues(Float64Array.from([0, 0, 0, 0, 1, 0, 0, 0, 1]), 3)), [0, 1, 1]);
});

test('resegmentation: absolute, relative and sigma ranges; too few voxels is an error', () => {
  const img = Float64Array.from([-5, 10, 20, 400, 50]);
  const all = Uint8Array.from([1, 1, 1, 1, 0]);
  assert.deepEqual(Array.from(resegment(img, all, { resegmentRange: [100, 0], resegmentMode: 'absolute' }).mask), [0, 1, 1, 0, 0]);
  assert.deepEqual(Array.from(resegment(img, all, { resegmentRange: [0], resegmentMode: 'absolute' }).mask), [0, 1, 1, 1, 0]);
  // relative to the ROI maximum 400: [0.02, 0.5] -> [8, 200]
  assert.deepEqual(Array.from(resegment(img, all, { resegmentRange: [0.02, 0.5], resegmentMode: 'relative' }).mask), [0, 1, 1, 0, 0]);
  // mean 106.25, population sd 170.05...: [-1, 1] keeps -5, 10, 20
  const sg = resegment(img, all, { resegmentRange: [-1, 1], resegmentMode: 'sigma' });
  assert.deepEqual(Array.from(sg.mask), [1, 1, 1, 0, 0]);
  const mean = 425 / 4;
  const sd = Math.sqrt([-5, 10, 20, 400].reduce((t, v) => t + (v - mean) ** 2, 0) / 4);
  assert.ok(Math.abs(sg.thresholds[1] - (mean + sd)) < 1e-12);
  assert.throws(() => resegment(img, all, { resegmentRange: [300, 1000], resegmentMode: 'absolute' }), /kept 1 of 4 voxel/);
  assert.throws(() => resegment(img, all, { resegmentRange: [1, 2, 3], resegmentMode: 'absolute' }), /1 or 2 values/);
});

test('feature lists: PyRadiomics names, ASCII order, deprecated ones off by default', () => {
  const names = (c: { features: readonly { name: string; byDefault: boolean }[] }, all: boolean) =>
    c.features.filter((f) => all || f.byDefault).map((f) => f.name);
  assert.equal(names(glcmClass, false).length, 24);
  assert.deepEqual(names(glcmClass, true).filter((n) => !names(glcmClass, false).includes(n)), ['Dissimilarity', 'Homogeneity1', 'Homogeneity2', 'SumVariance']);
  assert.equal(names(glrlmClass, false).length, 16);
  assert.equal(names(glszmClass, false).length, 16);
  assert.equal(names(gldmClass, false).length, 14);
  assert.deepEqual(names(gldmClass, true).filter((n) => !names(gldmClass, false).includes(n)), ['DependencePercentage', 'GrayLevelNonUniformityNormalized']);
  assert.deepEqual(names(ngtdmClass, true), ['Busyness', 'Coarseness', 'Complexity', 'Contrast', 'Strength']);
  const glcm = names(glcmClass, true);
  assert.deepEqual(glcm, [...glcm].sort());
  assert.equal(glcm.indexOf('MCC') + 1, glcm.indexOf('MaximumProbability'));
  const input = { image: new Float64Array(8), mask: new Uint8Array(8).fill(1), morphologicalMask: new Uint8Array(8).fill(1),
    size: [2, 2, 2] as [number, number, number], spacing: [1, 1, 1] as [number, number, number],
    binned: Int32Array.from([1, 2, 1, 2, 1, 2, 1, 1]), ng: 2, settings: s };
  assert.throws(() => glcmClass.compute(input, ['Homogeneity3']), /no feature named 'Homogeneity3'/);
  // deprecated features equal the ones that replaced them
  const v = glcmClass.compute(input, ['Dissimilarity', 'DifferenceAverage', 'Homogeneity1', 'Id', 'Homogeneity2', 'Idm', 'SumVariance', 'ClusterTendency']);
  assert.ok(Math.abs(v.get('Dissimilarity')! - v.get('DifferenceAverage')!) < 1e-15);
  assert.ok(Math.abs(v.get('Homogeneity1')! - v.get('Id')!) < 1e-15);
  assert.ok(Math.abs(v.get('Homogeneity2')! - v.get('Idm')!) < 1e-15);
  assert.ok(Math.abs(v.get('SumVariance')! - v.get('ClusterTendency')!) < 1e-12);
  assert.deepEqual([...v.keys()], ['Dissimilarity', 'DifferenceAverage', 'Homogeneity1', 'Id', 'Homogeneity2', 'Idm', 'SumVariance', 'ClusterTendency']);
  assert.equal(gldmClass.compute(input, ['DependencePercentage']).get('DependencePercentage'), 1);
});
