import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterLanesSimd, filterLine, filterPair, recursiveGaussianAlongAxis, recursiveGaussianCoefficients, setRecursiveGaussianSimd } from '../../src/filters/recursive-gaussian.js';
import { simdKernels } from '../../src/filters/recursive-gaussian-simd.js';

/** A deterministic line of doubles (a fixed linear congruential sequence), with a plateau and a step. */
function line(n: number, seed: number): Float64Array {
  const a = new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    a[i] = i % 5 === 2 ? a[Math.max(0, i - 1)] : (s / 2147483648) * 300 - 120;
  }
  return a;
}

// filterPair must give filterLine's numbers bit for bit, for every wanted span [lo, hi), whether its
// two lines are interleaved (lanes), one after the other (rows), or one line alone (dl 0).
test('filterPair equals filterLine bit for bit on every wanted span, orders 0 and 2, three layouts', () => {
  for (const [sigma, order] of [[2, 2], [3, 0], [0.7, 0], [1.3, 2]] as const) {
    const c = recursiveGaussianCoefficients(sigma, 0.9, order, true);
    for (let ln = 4; ln <= 11; ln++) {
      const a = line(ln, 17 + ln), b = line(ln, 91 + ln);
      const interleaved = new Float64Array(2 * ln), rows = new Float64Array(2 * ln);
      for (let i = 0; i < ln; i++) {
        interleaved[2 * i] = a[i]; interleaved[2 * i + 1] = b[i];
        rows[i] = a[i]; rows[ln + i] = b[i];
      }
      for (let lo = 0; lo < ln; lo++) {
        for (let hi = lo + 1; hi <= ln; hi++) {
          const ea = new Float64Array(ln), eb = new Float64Array(ln), scratch = new Float64Array(ln);
          filterLine(ea, a, scratch, ln, c, lo, hi);
          filterLine(eb, b, scratch, ln, c, lo, hi);
          const lanes = new Float64Array(2 * ln), apart = new Float64Array(2 * ln), alone = new Float64Array(ln);
          filterPair(lanes, interleaved, 0, 1, 2, ln, c, lo, hi);
          filterPair(apart, rows, 0, ln, 1, ln, c, lo, hi);
          filterPair(alone, a, 0, 0, 1, ln, c, lo, hi);
          for (let i = lo; i < hi; i++) {
            const where = `sigma ${sigma} order ${order} ln ${ln} [${lo}, ${hi}) i ${i}`;
            assert.ok(Object.is(lanes[2 * i], ea[i]) && Object.is(lanes[2 * i + 1], eb[i]), `lanes, ${where}`);
            assert.ok(Object.is(apart[i], ea[i]) && Object.is(apart[ln + i], eb[i]), `rows, ${where}`);
            assert.ok(Object.is(alone[i], ea[i]), `one line, ${where}`);
          }
        }
      }
    }
  }
});

// A whole pass along each axis (lanes of up to 128 x positions, WebAssembly SIMD along y and z where
// available, JavaScript otherwise) against filterLine on each line, for wanted spans of every kind.
test('recursiveGaussianAlongAxis equals filterLine on each line, SIMD and JavaScript passes, with and without wanted spans', () => {
  const size: [number, number, number] = [13, 9, 11];
  const n = size[0] * size[1] * size[2];
  const input = new Float32Array(n);
  const src = line(n, 5);
  for (let i = 0; i < n; i++) input[i] = src[i];
  const c = recursiveGaussianCoefficients(2, 1.1, 2, true);
  const spans: [number, number][] = [[0, 13], [0, 4], [2, 7], [5, 6], [8, 13]];
  for (const simd of [true, false]) {
    setRecursiveGaussianSimd(simd);
    try {
      for (const axis of [0, 1, 2] as const) {
        for (const [a0, a1] of spans) {
          const ln = size[axis];
          const lo = Math.min(a0, ln - 1), hi = Math.min(a1, ln);
          const flags = size.map((s, a) => {
            const f = new Uint8Array(s);
            if (a === axis) f.fill(1, lo, hi);
            else f.fill(1, 1, s - 1); // lines off the first and last on the other axes
            return f;
          }) as [Uint8Array, Uint8Array, Uint8Array];
          const output = new Float32Array(n).fill(-7);
          recursiveGaussianAlongAxis(input, output, size, axis, c, flags);
          const stride = axis === 0 ? 1 : axis === 1 ? size[0] : size[0] * size[1];
          const lineData = new Float64Array(ln), expected = new Float64Array(ln), scratch = new Float64Array(ln);
          for (let z = 0; z < size[2]; z++) {
            for (let y = 0; y < size[1]; y++) {
              for (let x = 0; x < size[0]; x++) {
                const at = [x, y, z];
                if (at[axis] !== 0) continue; // one visit per line
                const first = x + size[0] * (y + size[1] * z);
                const wanted = at.every((v, a) => a === axis || flags[a][v]);
                for (let i = 0; i < ln; i++) lineData[i] = input[first + i * stride];
                filterLine(expected, lineData, scratch, ln, c, lo, hi);
                for (let i = 0; i < ln; i++) {
                  const got = output[first + i * stride];
                  const want = wanted && i >= lo && i < hi ? Math.fround(expected[i]) : -7;
                  assert.ok(Object.is(got, want), `simd ${simd} axis ${axis} span [${lo}, ${hi}) line at ${at} element ${i}: ${got} vs ${want}`);
                }
              }
            }
          }
        }
      }
    } finally {
      setRecursiveGaussianSimd(true);
    }
  }
  assert.ok(simdKernels() !== null, 'WebAssembly SIMD is available on Node 20: the SIMD pass was the one tested');
});

// The SIMD loops' float64 sums (before any float32 rounding) against filterLine, lane by lane.
test('filterLanesSimd equals filterLine bit for bit in float64 on every wanted span', () => {
  if (simdKernels() === null) {
    assert.fail('WebAssembly SIMD is missing: Node 20 has it, so this should not happen');
  }
  for (const [sigma, order] of [[2, 2], [3, 0], [0.6, 2]] as const) {
    const c = recursiveGaussianCoefficients(sigma, 1.2, order, true);
    for (const width of [4, 8]) {
      for (let ln = 4; ln <= 10; ln++) {
        const lanes = Array.from({ length: width }, (_, l) => line(ln, 1000 * width + 37 * l + ln));
        const data = new Float64Array(ln * width);
        for (let l = 0; l < width; l++) for (let i = 0; i < ln; i++) data[i * width + l] = lanes[l][i];
        for (let lo = 0; lo < ln; lo++) {
          for (let hi = lo + 1; hi <= ln; hi++) {
            const got = filterLanesSimd(data, width, ln, c, lo, hi)!;
            const expected = new Float64Array(ln), scratch = new Float64Array(ln);
            for (let l = 0; l < width; l++) {
              filterLine(expected, lanes[l], scratch, ln, c, lo, hi);
              for (let i = lo; i < hi; i++) {
                assert.ok(Object.is(got[i * width + l], expected[i]), `sigma ${sigma} order ${order} width ${width} ln ${ln} [${lo}, ${hi}) lane ${l} i ${i}`);
              }
            }
          }
        }
      }
    }
  }
});
