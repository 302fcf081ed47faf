/**
 * GLCM's MCC solver (src/features/texture/mcc.ts, symmetric-eigenvalues.ts): the second largest
 * eigenvalue by bisection against the full spectrum, and the MCC of one matrix (blocks,
 * set-aside levels, bisection) against the definition computed densely: Q with PyRadiomics' eps,
 * symmetrised by the similarity D^(1/2) Q D^(-1/2), every eigenvalue by Householder + QR.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../src/stats/random.js';
import { symmetricEigenvalues, tridiagonalize, tridiagonalizeAt, tridiagonalEigenvalue } from '../../src/features/texture/symmetric-eigenvalues.js';
import { householderKernel } from '../../src/features/texture/householder-simd.js';
import { matrixMcc, mccWork } from '../../src/features/texture/mcc.js';

const EPS = Number.EPSILON;

test('tridiagonal bisection: every eigenvalue, zero couplings (split matrices) and exact zeros included', () => {
  const rng = createRng(7);
  for (let t = 0; t < 300; t++) {
    const n = 1 + rng.unifIndex(30);
    const d = Float64Array.from({ length: n }, () => (rng.unif() < 0.1 ? 0 : rng.unif() * 2 - 0.5));
    const e = Float64Array.from({ length: n }, () => (rng.unif() < 0.2 ? 0 : rng.unif() - 0.5));
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = d[i];
      if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = e[i - 1];
    }
    const all = symmetricEigenvalues(a, n);
    let norm = 0;
    for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(d[i]) + (i > 0 ? Math.abs(e[i - 1]) : 0) + (i < n - 1 ? Math.abs(e[i]) : 0));
    for (let k = 0; k < n; k++) {
      const got = tridiagonalEigenvalue(d, e, n, k);
      assert.ok(Math.abs(got - all[k]) <= 4 * n * EPS * Math.max(norm, 1e-300), `n ${n} k ${k}: ${got} vs ${all[k]}`);
    }
  }
  // a split-off zero is exactly 0, never a tiny negative number
  assert.equal(tridiagonalEigenvalue(Float64Array.of(0.5, 0, 0.25), Float64Array.of(0, 0), 3, 0), 0);
  assert.equal(tridiagonalEigenvalue(Float64Array.of(0.5, 0, -0.25), Float64Array.of(0, 0), 3, 1), 0);
});

/**
 * Plain bisection on Sturm counts as tridiagonalEigenvalue documents it (LAPACK dstebz with
 * abstol 0: Gershgorin interval widened, pivmin, halve until lo and hi are adjacent, return hi).
 */
function plainBisection(d: Float64Array, e: Float64Array, n: number, k: number): number {
  const MIN = 2.2250738585072014e-308;
  let lo = Infinity, hi = -Infinity, e2max = 0;
  for (let i = 0; i < n; i++) {
    const r = (i > 0 ? Math.abs(e[i - 1]) : 0) + (i < n - 1 ? Math.abs(e[i]) : 0);
    lo = Math.min(lo, d[i] - r);
    hi = Math.max(hi, d[i] + r);
    if (i < n - 1) e2max = Math.max(e2max, e[i] * e[i]);
  }
  const pivmin = Math.max(MIN, MIN * e2max);
  const margin = 2 * EPS * n * Math.max(Math.abs(lo), Math.abs(hi)) + 2 * pivmin;
  lo -= margin;
  hi += margin;
  const count = (x: number) => {
    let c = 0;
    let q = d[0] - x;
    for (let i = 0; ; ) {
      const ei = i < n - 1 ? e[i] : 0;
      if (ei !== 0 && Math.abs(q) < pivmin) q = -pivmin;
      if (q <= 0) c++;
      if (++i === n) return c;
      q = ei === 0 ? d[i] - x : d[i] - x - (ei * ei) / q;
    }
  };
  for (;;) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) return hi;
    if (count(mid) > k) hi = mid;
    else lo = mid;
  }
}

test('tridiagonal eigenvalue: quadrisection ends on plain bisection\'s double (split, degenerate, tiny and huge matrices), with or without a guess', () => {
  const rng = createRng(11);
  let checked = 0;
  for (let t = 0; t < 3000; t++) {
    const n = 1 + rng.unifIndex(t % 10 === 0 ? 80 : 12);
    const scale = [1, 1e-3, 1e-9, 1e-150, 1e150][rng.unifIndex(5)];
    // quarter steps make exact multiple eigenvalues; some e = 0 split the matrix
    const grid = rng.unif() < 0.3;
    const d = Float64Array.from({ length: n }, () => (grid ? rng.unifIndex(5) / 4 : rng.unif() * 2 - 0.5) * scale);
    const e = Float64Array.from({ length: n }, () => (rng.unif() < 0.2 ? 0 : (grid ? (rng.unifIndex(5) - 2) / 4 : rng.unif() - 0.5) * scale));
    e[n - 1] = 0;
    for (let k = 0; k < n; k++, checked++) {
      const got = tridiagonalEigenvalue(d, e, n, k);
      const want = plainBisection(d, e, n, k);
      assert.ok(Object.is(got, want), `n ${n} k ${k}: ${got} vs ${want}`);
      // a guess: the eigenvalue itself, one a few ulps or 2^-30 away, or another eigenvalue
      const near = [want, want * (1 + 3 * EPS), want * (1 - 2 ** -30), tridiagonalEigenvalue(d, e, n, rng.unifIndex(n)), 0][rng.unifIndex(5)];
      const guessed = tridiagonalEigenvalue(d, e, n, k, near);
      assert.ok(Object.is(guessed, want), `n ${n} k ${k} near ${near}: ${guessed} vs ${want}`);
    }
  }
  assert.ok(checked > 10000);
});

/**
 * Householder tridiagonalisation step by step (Golub & Van Loan algorithm 8.3.1, as
 * tridiagonalize documents it): at step k, v and beta, p = beta A22 v from the lower triangle row
 * by row, w = p - (beta p.v / 2) v, then A22 -= v w^T + w v^T; no fusion, one row at a time.
 */
function plainTridiagonalize(a: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  const v = new Float64Array(n), p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) norm2 += a[i * n + k] * a[i * n + k];
    if (norm2 === 0) continue;
    const alpha = a[(k + 1) * n + k] > 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    for (let i = k + 1; i < n; i++) v[i] = a[i * n + k];
    v[k + 1] -= alpha;
    let vv = 0;
    for (let i = k + 1; i < n; i++) vv += v[i] * v[i];
    const beta = 2 / vv;
    p.fill(0);
    // each row's sum in two parts: columns j - k - 1 even and odd (as two SIMD lanes), even first
    for (let i = k + 1; i < n; i++) {
      const s = [0, 0];
      for (let j = k + 1; j < i; j++) {
        s[(j - k - 1) & 1] += a[i * n + j] * v[j];
        p[j] += a[i * n + j] * v[i];
      }
      p[i] += s[0] + s[1] + a[i * n + i] * v[i];
    }
    let pv = 0;
    for (let i = k + 1; i < n; i++) {
      p[i] *= beta;
      pv += p[i] * v[i];
    }
    const half = (beta * pv) / 2;
    for (let i = k + 1; i < n; i++) p[i] -= half * v[i];
    a[(k + 1) * n + k] = alpha;
    for (let i = k + 1; i < n; i++) for (let j = k + 1; j <= i; j++) a[i * n + j] -= v[i] * p[j] + p[i] * v[j];
  }
  for (let i = 0; i < n; i++) d[i] = a[i * n + i];
  for (let i = 0; i < n - 1; i++) e[i] = a[(i + 1) * n + i];
}

test('tridiagonalize (fused steps) equals the plain step-by-step reduction bit for bit', () => {
  const rng = createRng(13);
  for (let t = 0; t < 400; t++) {
    const n = 1 + rng.unifIndex(t % 10 === 0 ? 60 : 13);
    // sparse columns make steps without a reflection (norm 0)
    const zeros = rng.unif() < 0.3 ? 0.7 : 0;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = rng.unif() < zeros ? 0 : rng.unif() - 0.3;
    const b = a.slice();
    const d1 = new Float64Array(n), e1 = new Float64Array(n), d2 = new Float64Array(n), e2 = new Float64Array(n);
    tridiagonalize(a, n, d1, e1);
    plainTridiagonalize(b, n, d2, e2);
    for (let i = 0; i < n; i++) {
      assert.ok(Object.is(d1[i], d2[i]), `n ${n}: d[${i}] ${d1[i]} vs ${d2[i]}`);
      if (i < n - 1) assert.ok(Object.is(e1[i], e2[i]), `n ${n}: e[${i}] ${e1[i]} vs ${e2[i]}`);
    }
  }
});

test('tridiagonalizeAt: the WebAssembly SIMD pass gives the JavaScript pass\'s numbers bit for bit (matrix at an offset)', (t) => {
  const kernel = householderKernel();
  if (!kernel) {
    t.skip('WebAssembly SIMD is missing here');
    return;
  }
  const rng = createRng(17);
  for (let trial = 0; trial < 300; trial++) {
    const n = 1 + rng.unifIndex(trial % 10 === 0 ? 70 : 14);
    const zeros = rng.unif() < 0.3 ? 0.7 : 0;
    const at = 3 + rng.unifIndex(5); // odd offsets too: unaligned rows
    const xAt = at + n * n + rng.unifIndex(3);
    const mem = new Float64Array(kernel.reserve(8 * (xAt + 4 * n)), 0, xAt + 4 * n);
    const js = new Float64Array(xAt + 4 * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) js[at + i * n + j] = rng.unif() < zeros ? 0 : rng.unif() - 0.3;
    mem.set(js);
    const d1 = new Float64Array(n + 2), e1 = new Float64Array(n + 2), d2 = new Float64Array(n + 2), e2 = new Float64Array(n + 2);
    tridiagonalizeAt(mem, at, n, mem, xAt, d1, e1, 2, kernel.fns.pass);
    tridiagonalizeAt(js, at, n, js, xAt, d2, e2, 2, null);
    for (let i = 0; i < n; i++) {
      assert.ok(Object.is(d1[2 + i], d2[2 + i]), `n ${n}: d[${i}] ${d1[2 + i]} vs ${d2[2 + i]}`);
      if (i < n - 1) assert.ok(Object.is(e1[2 + i], e2[2 + i]), `n ${n}: e[${i}] ${e1[2 + i]} vs ${e2[2 + i]}`);
    }
  }
});

test('the WebAssembly tridiagonalisation (tridiag) gives tridiagonalizeAt\'s numbers bit for bit (zero columns included)', (t) => {
  const kernel = householderKernel();
  if (!kernel) {
    t.skip('WebAssembly SIMD is missing here');
    return;
  }
  const rng = createRng(23);
  for (let trial = 0; trial < 300; trial++) {
    const n = 3 + rng.unifIndex(trial % 10 === 0 ? 70 : 14);
    const zeros = rng.unif() < 0.4 ? 0.8 : 0;
    const at = 1 + rng.unifIndex(5);
    const xAt = at + n * n + rng.unifIndex(3);
    const dAt = xAt + 4 * n;
    const mem = new Float64Array(kernel.reserve(8 * (dAt + 2 * n)), 0, dAt + 2 * n);
    const js = new Float64Array(xAt + 4 * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) js[at + i * n + j] = rng.unif() < zeros ? 0 : rng.unif() - 0.3;
    mem.set(js);
    const d = new Float64Array(n), e = new Float64Array(n);
    kernel.fns.tridiag(8 * at, n, 8 * xAt, 8 * dAt, 8 * (dAt + n));
    tridiagonalizeAt(js, at, n, js, xAt, d, e, 0, null);
    for (let i = 0; i < n; i++) {
      assert.ok(Object.is(mem[dAt + i], d[i]), `n ${n}: d[${i}] ${mem[dAt + i]} vs ${d[i]}`);
      if (i < n - 1) assert.ok(Object.is(mem[dAt + n + i], e[i]), `n ${n}: e[${i}] ${mem[dAt + n + i]} vs ${e[i]}`);
    }
  }
});

test('tridiagonalize keeps the spectrum (a known one behind a reflector)', () => {
  const n = 9;
  const v = Float64Array.from({ length: n }, (_, k) => Math.cos(k + 0.5));
  const vv = v.reduce((t, x) => t + x * x, 0);
  const h = (i: number, j: number) => (i === j ? 1 : 0) - (2 * v[i] * v[j]) / vv;
  // H diag(1..n) H
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let t = 0;
    for (let k = 0; k < n; k++) t += h(i, k) * (k + 1) * h(k, j);
    a[i * n + j] = t;
  }
  const d = new Float64Array(n), e = new Float64Array(n - 1);
  tridiagonalize(a, n, d, e);
  for (let k = 0; k < n; k++) assert.ok(Math.abs(tridiagonalEigenvalue(d, e, n, k) - (k + 1)) < 1e-13);
});

/** MCC by the definition, densely: every eigenvalue of the symmetrised Q (the absent levels' zeros included). */
function denseMcc(p: Float64Array, n: number): number {
  const px = new Float64Array(n), py = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    px[i] += p[i * n + j];
    py[j] += p[i * n + j];
  }
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (px[i] > 0) keep.push(i);
  const nk = keep.length;
  const q = new Float64Array(nk * nk);
  for (let a = 0; a < nk; a++) for (let b = 0; b < nk; b++) {
    let t = 0;
    for (let k = 0; k < n; k++) t += (p[keep[a] * n + k] * p[keep[b] * n + k]) / (px[keep[a]] * py[k] + EPS);
    q[a * nk + b] = t;
  }
  const s = new Float64Array(nk * nk);
  for (let a = 0; a < nk; a++) for (let b = 0; b <= a; b++) {
    const ra = Math.sqrt(px[keep[a]]), rb = Math.sqrt(px[keep[b]]);
    s[a * nk + b] = ((ra / rb) * q[a * nk + b] + (rb / ra) * q[b * nk + a]) / 2;
  }
  const ev = new Float64Array(n);
  ev.set(symmetricEigenvalues(s, nk));
  ev.sort();
  return ev[n - 2] >= 0 ? Math.sqrt(ev[n - 2]) : NaN;
}

/** The cells of a dense matrix, row by row, as matrixMcc takes them. */
function cellsOf(p: Float64Array, n: number) {
  const row: number[] = [], col: number[] = [], value: number[] = [];
  const px = new Float64Array(n), py = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const v = p[i * n + j];
    if (v === 0) continue;
    row.push(i);
    col.push(j);
    value.push(v);
    px[i] += v;
    py[j] += v;
  }
  return { row: Int32Array.from(row), col: Int32Array.from(col), value: Float64Array.from(value), px, py };
}

test('MCC of one matrix: blocks, absent levels and bisection agree with the dense definition', () => {
  const rng = createRng(2024);
  let blocky = 0;
  for (let t = 0; t < 400; t++) {
    const n = 2 + rng.unifIndex(40);
    const symmetric = rng.unif() < 0.7;
    const pairs = 1 + rng.unifIndex(3 * n);
    const c = new Float64Array(n * n);
    for (let r = 0; r < pairs; r++) {
      const i = rng.unifIndex(n);
      // mostly near neighbours (a few blocks), sometimes anywhere
      const j = rng.unif() < 0.7 ? Math.min(n - 1, Math.max(0, i + rng.unifIndex(3) - 1)) : rng.unifIndex(n);
      c[i * n + j]++;
    }
    if (symmetric) for (let i = 0; i < n; i++) for (let j = i; j < n; j++) c[i * n + j] = c[j * n + i] = c[i * n + j] + c[j * n + i];
    const total = c.reduce((x, y) => x + y, 0);
    const p = c.map((v) => v / total);
    const { row, col, value, px, py } = cellsOf(p, n);
    const got = matrixMcc(n, row, col, value, 0, value.length, px, py, mccWork(n, value.length));
    const want = denseMcc(p, n);
    if (Number.isNaN(want) || want < 1e-6) continue; // the sign of a zero eigenvalue is rounding noise
    // second eigenvalues agree to ~n eps (sqrt halves relative differences, and divides by MCC)
    assert.ok(Math.abs(got * got - want * want) < 64 * n * EPS, `n ${n}: ${got} vs ${want}`);
    if (want > 1 - 1e-9) blocky++; // two or more blocks: two eigenvalues ~1
  }
  assert.ok(blocky > 10, 'some matrices split into blocks');
});

test('MCC of a rank-one 2-level matrix is 0 (proportional counts), and of two separate levels 1', () => {
  const c = Float64Array.of(2, 4, 4, 8);
  const p = c.map((v) => v / 18);
  const { row, col, value, px, py } = cellsOf(p, 2);
  assert.equal(matrixMcc(2, row, col, value, 0, 4, px, py, mccWork(2, 4), c), 0);
  // without the counts the eigenvalue is computed: zero up to rounding
  assert.ok(Math.abs(matrixMcc(2, row, col, value, 0, 4, px, py, mccWork(2, 4))) < 1e-7 || Number.isNaN(matrixMcc(2, row, col, value, 0, 4, px, py, mccWork(2, 4))));
  // levels never neighbours of each other: two blocks, Q ~ I (1 - eps / p^2 on the diagonal)
  const q = Float64Array.of(0.25, 0, 0, 0.75);
  const d = cellsOf(q, 2);
  const separate = matrixMcc(2, d.row, d.col, d.value, 0, 2, d.px, d.py, mccWork(2, 2));
  assert.ok(Math.abs(separate - denseMcc(q, 2)) < 1e-15 && Math.abs(separate - 1) < 1e-14);
});

test('MCC of one matrix: the WebAssembly kernels give the JavaScript path\'s number bit for bit', (t) => {
  if (!householderKernel()) {
    t.skip('WebAssembly SIMD is missing here');
    return;
  }
  const rng = createRng(77);
  for (let trial = 0; trial < 300; trial++) {
    const n = 2 + rng.unifIndex(trial % 10 === 0 ? 90 : 30);
    const band = 1 + rng.unifIndex(4);
    const p = rng.unif() < 0.5 ? bandedGlcm(rng, n, 1 + rng.unifIndex(20 * n), band) : sparseGlcm(rng, n);
    const cells = cellsOf(p, n);
    // the matrix's cells after another's (as glcm.ts passes one angle's of all angles')
    const pad = Math.min(rng.unifIndex(3) * 5, cells.row.length);
    const row = Int32Array.from([...cells.row.slice(0, pad), ...cells.row]), col = Int32Array.from([...cells.col.slice(0, pad), ...cells.col]);
    const value = Float64Array.from([...cells.value.slice(0, pad).map((v) => v * 3), ...cells.value]);
    const { px, py } = cells, count = cells.value.length;
    const kernel = matrixMcc(n, row, col, value, pad, pad + count, px, py, mccWork(n, count));
    const js = matrixMcc(n, row, col, value, pad, pad + count, px, py, mccWork(n, count, false));
    assert.ok(Object.is(kernel, js), `n ${n}: ${kernel} vs ${js}`);
  }
});

/** A GLCM of n levels with a few cells anywhere (many small blocks, absent levels), as probabilities. */
function sparseGlcm(rng: ReturnType<typeof createRng>, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let r = 0, pairs = 1 + rng.unifIndex(2 * n); r < pairs; r++) c[rng.unifIndex(n) * n + rng.unifIndex(n)] += 1 + rng.unifIndex(5);
  const total = c.reduce((x, y) => x + y, 0);
  return c.map((v) => v / total);
}

/** A banded GLCM of n levels from `pairs` neighbour pairs (|i - j| <= band), symmetrised, as probabilities. */
function bandedGlcm(rng: ReturnType<typeof createRng>, n: number, pairs: number, band: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let r = 0; r < pairs; r++) {
    // levels drawn around a few peaks, as in a histogram
    const i = Math.min(n - 1, Math.floor(n * Math.pow(rng.unif(), 1.5)));
    const j = Math.min(n - 1, Math.max(0, i + rng.unifIndex(2 * band + 1) - band));
    c[i * n + j]++;
    c[j * n + i]++;
  }
  const total = c.reduce((x, y) => x + y, 0);
  return c.map((v) => v / total);
}

test('MCC of large banded GLCMs (n 70..229, many cells per level) agrees with the dense definition to ~n eps', () => {
  const rng = createRng(316);
  for (let t = 0; t < 12; t++) {
    const n = 70 + rng.unifIndex(160);
    const p = bandedGlcm(rng, n, 40 * n, 2 + rng.unifIndex(10));
    const { row, col, value, px, py } = cellsOf(p, n);
    const got = matrixMcc(n, row, col, value, 0, value.length, px, py, mccWork(n, value.length));
    const want = denseMcc(p, n);
    assert.ok(Math.abs(got * got - want * want) < 64 * n * EPS, `n ${n}: ${got} vs ${want}`);
  }
});
