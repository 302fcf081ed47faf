import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterLine, filterPair, recursiveGaussianCoefficients } from '../../src/filters/recursive-gaussian.js';

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
