/**
 * voxelStats of a float32 image (its WebAssembly SIMD pass, src/image/preprocess/voxel-stats-float.ts)
 * gives the very numbers of the JavaScript pass: the same values as a Float64Array go through the
 * JavaScript pass (the same four partial sums in the same order), and every field must be the same
 * double, -0 and 0 told apart.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { floatStatsSimd } from '../../src/image/preprocess/voxel-stats-float.js';
import { voxelStats, type VoxelStats } from '../../src/image/preprocess/voxel-stats.js';
import { createRng } from '../../src/stats/random.js';

function assertSame(a: VoxelStats, b: VoxelStats, what: string): void {
  for (const key of ['n', 'min', 'max', 'integral', 'sum', 'sumOfSquares'] as const) {
    assert.ok(Object.is(a[key], b[key]), `${what}: ${key} ${String(a[key])} vs ${String(b[key])}`);
  }
}

test('float32 voxel statistics equal the JavaScript pass bit for bit', () => {
  assert.ok(floatStatsSimd(new Float32Array(8)) !== null, 'WebAssembly SIMD is available in Node 20');
  const rng = createRng(1316);
  const u = () => rng.unif();
  for (const n of [1024, 1025, 1026, 1027, 4099, 32768 + 3, 70001]) {
    const variants: [string, (i: number) => number][] = [
      ['fractional', () => (u() - 0.3) * 1e4],
      ['integers', () => Math.floor(u() * 4000) - 1000],
      ['wide range', () => (u() - 0.5) * 10 ** Math.floor(u() * 30)],
      ['zeros of both signs', (i) => (u() < 0.5 ? 0 : -0) + (i % 11 === 0 ? 1 : 0)],
      ['negative values and zeros', (i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : -5)],
      ['positive values and zeros', (i) => (i % 5 === 2 ? -0 : i % 5 === 4 ? 0 : 7.5)],
    ];
    for (const [what, value] of variants) {
      const a = new Float32Array(n);
      for (let i = 0; i < n; i++) a[i] = value(i);
      assertSame(voxelStats(a), voxelStats(Float64Array.from(a)), `${what}, n ${n}`);
    }
  }
});

test('float32 voxel statistics: NaN, infinities, zeros first in a lane or in the leading values', () => {
  const n = 5003; // three leading values
  const base = () => Float32Array.from({ length: n }, (_, i) => 1 + (i % 13) * 0.25);
  const cases: [string, (a: Float32Array) => void][] = [
    ['NaN here and there', (a) => { a[0] = NaN; a[100] = NaN; a[n - 1] = NaN; }],
    ['all NaN', (a) => a.fill(NaN)],
    ['infinities', (a) => { a[7] = Infinity; a[9] = -Infinity; }],
    ['-0 leading, 0 later', (a) => { a[1] = -0; a[500] = 0; }],
    ['0 in one lane, -0 in another, 0 first', (a) => { a[10] = 0; a[11] = -0; a[20] = -0; }],
    ['0 in one lane, -0 in another, -0 first', (a) => { a[10] = -0; a[11] = 0; a[4000] = 0; }],
    ['max zero: -0 first, then 0', (a) => { a.fill(-2); a[3] = -0; a[6] = 0; }],
    ['max zero: 0 first, then -0', (a) => { a.fill(-2); a[3] = 0; a[4] = -0; }],
  ];
  for (const [what, change] of cases) {
    const a = base();
    change(a);
    assertSame(voxelStats(a), voxelStats(Float64Array.from(a)), what);
  }
});
