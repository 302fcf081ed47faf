/**
 * The wavelet filter constants against their definitions (I. Daubechies, Ten Lectures on Wavelets,
 * 1992, sections 6.1, 8.1, 8.2): every bank is orthonormal (sum_k h_k h_{k+2m} = delta_m), sums
 * to sqrt 2, and its high-pass filter has the vanishing moments of the family (N for dbN and symN,
 * 2N for coifN); coiflet scaling filters also have vanishing moments 1..2N-1 about their centre.
 * A mistyped or truncated constant breaks these at far more than the 1e-13 tolerance.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decompositionFilters, scalingFilter, WAVELET_NAMES } from '../../src/filters/wavelet-banks.js';

function vanishingMoments(name: string): number {
  if (name === 'haar') return 1;
  const n = Number(name.replace(/\D+/g, ''));
  return name.startsWith('coif') ? 2 * n : n;
}

test('45 wavelets: haar, db1-db20, sym2-sym20, coif1-coif5', () => {
  assert.equal(WAVELET_NAMES.length, 45);
  for (const n of ['haar', 'db1', 'db20', 'sym2', 'sym20', 'coif1', 'coif5']) assert.ok(WAVELET_NAMES.includes(n), n);
  assert.throws(() => scalingFilter('bior1.3'), /unknown wavelet 'bior1.3'/);
});

for (const name of WAVELET_NAMES) {
  test(`${name}: orthonormal, sum sqrt 2, vanishing moments`, () => {
    const h = scalingFilter(name);
    const L = h.length;
    const expectedLength = name.startsWith('coif') ? 6 * Number(name.slice(4)) : name === 'haar' ? 2 : 2 * Number(name.replace(/\D+/g, ''));
    assert.equal(L, expectedLength);
    assert.ok(Math.abs(h.reduce((s, v) => s + v, 0) - Math.SQRT2) < 1e-14);
    for (let m = 0; 2 * m < L; m++) {
      let s = 0;
      for (let k = 0; k + 2 * m < L; k++) s += h[k] * h[k + 2 * m];
      assert.ok(Math.abs(s - (m === 0 ? 1 : 0)) < 1e-14, `shift ${m}: ${s}`);
    }
    const { hi, lo } = decompositionFilters(name);
    const p = vanishingMoments(name);
    for (let l = 0; l < p; l++) {
      // Scale the moment by L^l so that the tolerance is relative.
      let s = 0;
      for (let k = 0; k < L; k++) s += hi[k] * Math.pow(k / L, l);
      assert.ok(Math.abs(s) < 1e-13, `moment ${l} of dec_hi: ${s}`);
    }
    if (name.startsWith('coif')) {
      let centre = 0;
      for (let k = 0; k < L; k++) centre += k * lo[k];
      centre /= Math.SQRT2;
      assert.ok(Math.abs(centre - Math.round(centre)) < 1e-12, `centre ${centre}`);
      for (let l = 1; l < p; l++) {
        let s = 0;
        for (let k = 0; k < L; k++) s += lo[k] * Math.pow((k - Math.round(centre)) / L, l);
        assert.ok(Math.abs(s) < 1e-13, `scaling moment ${l}: ${s}`);
      }
    }
  });
}
