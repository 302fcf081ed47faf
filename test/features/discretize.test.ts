/**
 * Discretisation: PyRadiomics' documented examples and corner cases (edges at multiples of the
 * width, the top edge, a flat region, binCount), IBSI's FBS/FBN, and the baseline's firstorder
 * Entropy and Uniformity, which are functions of the bin histogram alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discretize, pyradiomicsWidthEdges, pyradiomicsCountEdges } from '../../src/features/discretize.js';
import { defaultSettings, type Settings } from '../../src/features/settings.js';
import { readBaseline, columnSettings, needsPreprocessing, caseFiles, caseInput, agrees } from './texture-helpers.js';

function bin(values: number[], patch: Partial<Settings>, mask?: number[]) {
  const s = { ...defaultSettings(), ...patch };
  return discretize(Float64Array.from(values), Uint8Array.from(mask ?? values.map(() => 1)), s);
}

test('binWidth: edges at multiples of the width from below the minimum (PyRadiomics docs: 54..166, W 25)', () => {
  const r = bin([54, 100, 166, 149.999, 150], { binWidth: 25 });
  assert.deepEqual(Array.from(r.edges), [50, 75, 100, 125, 150, 175, 200]);
  assert.deepEqual(Array.from(r.binned), [1, 3, 5, 4, 5]);
  assert.equal(r.ng, 5);
});

test('binWidth: a maximum on an edge opens its own bin (half-open bins, numpy.digitize)', () => {
  const r = bin([0, 25, 50], { binWidth: 25 });
  assert.deepEqual(Array.from(r.binned), [1, 2, 3]);
  assert.equal(r.ng, 3);
});

test('binWidth: negative values use the floored modulo (edges -50, -25, 0 ...)', () => {
  const r = bin([-30, -25, -0.5, 0, 24.9], { binWidth: 25 });
  assert.equal(r.edges[0], -50);
  assert.deepEqual(Array.from(r.binned), [1, 2, 2, 3, 3]);
});

test('binWidth: a flat region is one bin; voxels outside the mask stay 0', () => {
  const r = bin([100, 100, 100, 7], { binWidth: 25 }, [1, 1, 1, 0]);
  assert.deepEqual(Array.from(r.binned), [1, 1, 1, 0]);
  assert.equal(r.ng, 1);
  assert.deepEqual(Array.from(r.edges), [100, 125]);
});

test('binWidth: fractional widths follow numpy.arange (start + k * ((start + W) - start))', () => {
  const e = pyradiomicsWidthEdges(-0.73, 1.2, 0.1);
  assert.ok(Math.abs(e[0] - -0.8) < 1e-15);
  const delta = (e[0] + 0.1) - e[0];
  for (let k = 2; k < e.length; k++) assert.equal(e[k], e[0] + k * delta);
  assert.equal(e.length, Math.ceil((1.2 + 0.2 - e[0]) / 0.1));
});

test('binCount: numpy.histogram edges, top edge raised so the maximum lands in bin N', () => {
  const r = bin([0, 1, 2, 3, 4], { binCount: 4 });
  assert.deepEqual(Array.from(r.edges), [0, 1, 2, 3, 5]);
  assert.deepEqual(Array.from(r.binned), [1, 2, 3, 4, 4]);
  assert.equal(r.ng, 4);
});

test('binCount on a flat region: edges min - 0.5 .. max + 0.5, the value falls in the middle bin', () => {
  // numpy.histogram([100, 100], 64) has edges 99.5 + k/64; 100 is edge 32, so numpy.digitize gives 33
  const r = bin([100, 100], { binCount: 64 });
  assert.deepEqual(Array.from(r.binned), [33, 33]);
  assert.equal(r.ng, 33);
  const e = pyradiomicsCountEdges(100, 100, 64, false);
  assert.equal(e[0], 99.5);
  assert.equal(e[64], 101.5);
});

test('IBSI fixed bin size: floor((X - X_min) / W) + 1, or from an absolute resegmentation lower bound', () => {
  assert.deepEqual(Array.from(bin([54, 100, 166], { binWidth: 25, ibsi: true }).binned), [1, 2, 5]);
  const r = bin([54, 100, 166], { binWidth: 25, ibsi: true, resegmentRange: [0, 500], resegmentMode: 'absolute' });
  assert.deepEqual(Array.from(r.binned), [3, 5, 7]);
  // a sigma range gives no fixed lower bound: the ROI minimum is used
  const s = bin([54, 100, 166], { binWidth: 25, ibsi: true, resegmentRange: [-3, 3], resegmentMode: 'sigma' });
  assert.deepEqual(Array.from(s.binned), [1, 2, 5]);
});

test('IBSI fixed bin number: floor(N (X - min) / (max - min)) + 1, N at the maximum, 1 when flat', () => {
  assert.deepEqual(Array.from(bin([0, 1, 2, 3, 4], { binCount: 4, ibsi: true }).binned), [1, 2, 3, 4, 4]);
  assert.deepEqual(Array.from(bin([0, 0.999, 4], { binCount: 4, ibsi: true }).binned), [1, 1, 4]);
  assert.deepEqual(Array.from(bin([5, 5], { binCount: 8, ibsi: true }).binned), [1, 1]);
});

test('errors name the problem', () => {
  assert.throws(() => bin([1, 2], { binWidth: 0 }), /binWidth must be a positive number/);
  assert.throws(() => bin([1, 2], { binCount: 2.5 }), /binCount must be a positive integer/);
  assert.throws(() => bin([1, 2], { binWidth: 25 }, [0, 0]), /ROI is empty/);
});

// Baseline: firstorder Entropy = -sum p log2(p + eps), Uniformity = sum p^2 over the bin histogram.
const firstorder = readBaseline('firstorder');
for (const column of firstorder?.columns ?? []) {
  const { settings, testCase } = columnSettings(firstorder!, column);
  const why = needsPreprocessing(settings);
  const skip = why ? `needs ${why} (A2's preprocessing; checked by the extractor test)` : !caseFiles(testCase) ? `no image for ${testCase} in the fixtures` : false;
  test(`baseline ${column}: firstorder Entropy and Uniformity from our bins`, { skip }, async () => {
    const input = await caseInput(testCase, settings);
    const counts = new Map<number, number>();
    let n = 0;
    for (let i = 0; i < input.binned!.length; i++) {
      const b = input.binned![i];
      if (b > 0) { counts.set(b, (counts.get(b) ?? 0) + 1); n++; }
    }
    let entropy = 0;
    let uniformity = 0;
    for (const c of [...counts.keys()].sort((a, b) => a - b)) {
      const p = counts.get(c)! / n;
      entropy -= p * Math.log2(p + Number.EPSILON);
      uniformity += p * p;
    }
    const col = firstorder!.columns.indexOf(column);
    const eRef = Number(firstorder!.rows.get('original_firstorder_Entropy')![col]);
    const uRef = Number(firstorder!.rows.get('original_firstorder_Uniformity')![col]);
    assert.ok(agrees(entropy, eRef, 1e-9), `Entropy ${entropy} vs ${eRef}`);
    assert.ok(agrees(uniformity, uRef, 1e-9), `Uniformity ${uniformity} vs ${uRef}`);
  });
}
