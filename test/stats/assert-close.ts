/** Assertion helpers for the statistics unit tests. */
import assert from 'node:assert/strict';

/** |a − e| ≤ rel·|e| elementwise (lengths equal). */
export function assertClose(actual: ArrayLike<number> | number, expected: ArrayLike<number> | number, rel: number, label = ''): void {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const e = typeof expected === 'number' ? [expected] : Array.from(expected);
  assert.equal(a.length, e.length, `${label}: length`);
  for (let i = 0; i < e.length; i++) {
    const ok = a[i] === e[i] || Math.abs(a[i] - e[i]) <= rel * Math.abs(e[i]);
    assert.ok(ok, `${label}[${i}]: got ${a[i]}, expected ${e[i]} (rel ${(Math.abs(a[i] - e[i]) / Math.abs(e[i])).toExponential(2)})`);
  }
}
