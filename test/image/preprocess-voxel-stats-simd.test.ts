/**
 * The WebAssembly SIMD voxel statistics of 8- and 16-bit images (src/image/preprocess/voxel-stats-wasm.ts)
 * are the exact integers, and voxelStats gives the numbers it gave before: the exact sums where
 * they are exact, the per-value counting's float64 sums where they are not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { integerStatsSimd } from '../../src/image/preprocess/voxel-stats-wasm.js';
import { exactSums, voxelStats } from '../../src/image/preprocess/voxel-stats.js';
import { createRng } from '../../src/stats/random.js';

type Small = Int8Array | Uint8Array | Int16Array | Uint16Array;

/** Exact extremes and sums (BigInt), written plainly. */
function exact(a: Small): { min: number; max: number; sum: bigint; sq: bigint } {
  let min = Infinity, max = -Infinity, sum = 0n, sq = 0n;
  for (const x of a) {
    if (x < min) min = x;
    if (x > max) max = x;
    sum += BigInt(x);
    sq += BigInt(x) * BigInt(x);
  }
  return { min, max, sum, sq };
}

/** The float64 sums of the per-value counts in ascending value order (the counting pass's numbers). */
function countedSums(a: Small): { sum: number; sq: number } {
  const counts = new Map<number, number>();
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
  let sum = 0, sq = 0;
  for (const x of [...counts.keys()].sort((p, q) => p - q)) {
    const k = counts.get(x)!;
    sum += k * x;
    sq += k * (x * x);
  }
  return { sum, sq };
}

const TYPES: [string, new (n: number) => Small, number, number][] = [
  ['int16', Int16Array, -32768, 32767],
  ['uint16', Uint16Array, 0, 65535],
  ['int8', Int8Array, -128, 127],
  ['uint8', Uint8Array, 0, 255],
];

test('SIMD integer statistics are exact: random values, extremes, every length mod 8, several chunks', () => {
  const rng = createRng(1316);
  const random = () => rng.unif();
  for (const [name, Type, lo, hi] of TYPES) {
    for (const n of [1, 7, 8, 9, 100, 32767, 32768, 32769, 70001, 131079]) {
      const variants: [string, (i: number) => number][] = [
        ['random', () => lo + Math.floor(random() * (hi - lo + 1))],
        ['all lowest', () => lo],
        ['all highest', () => hi],
        ['extremes alternating', (i) => (i % 2 ? lo : hi)],
        ['narrow', (i) => Math.max(lo, Math.min(hi, 3 + (i % 5)))],
      ];
      for (const [what, value] of variants) {
        const a = new Type(n);
        for (let i = 0; i < n; i++) a[i] = value(i);
        const r = integerStatsSimd(a);
        assert.ok(r, 'WebAssembly SIMD is available in Node 20');
        const e = exact(a);
        const label = `${name} n=${n} ${what}`;
        assert.equal(r.min, e.min, label);
        assert.equal(r.max, e.max, label);
        assert.equal(r.sum, Number(e.sum), label);
        // beyond 2^53 the sum of squares is the float64 nearest the exact sum plus the tail's
        if (e.sq <= 2n ** 53n) assert.equal(r.sumOfSquares, Number(e.sq), label);
      }
    }
  }
});

test('voxelStats of 8- and 16-bit images: exact sums where exact, the counting pass\'s sums where not', () => {
  const rng = createRng(25);
  const random = () => rng.unif();
  for (const [name, Type, lo, hi] of TYPES) {
    const n = 70003;
    const a = new Type(n);
    for (let i = 0; i < n; i++) a[i] = lo + Math.floor(random() * (hi - lo + 1));
    const s = voxelStats(a);
    const e = exact(a), c = countedSums(a);
    assert.deepEqual([s.n, s.min, s.max, s.integral], [n, e.min, e.max, true], name);
    assert.ok(exactSums(s), name);
    assert.ok(Object.is(s.sum, c.sum) && Object.is(s.sumOfSquares, c.sq), name);
  }
  // n max^2 > 2^53: int16 with -32768 in 2^23 + 8 voxels; the sums come from the counts
  const big = new Int16Array(2 ** 23 + 8);
  for (let i = 0; i < big.length; i++) big[i] = i % 3 === 0 ? -32768 : (i * 7919) % 30000;
  const s = voxelStats(big);
  assert.ok(!exactSums(s));
  const c = countedSums(big);
  assert.ok(Object.is(s.sum, c.sum) && Object.is(s.sumOfSquares, c.sq), `${s.sum} ${s.sumOfSquares} vs ${c.sum} ${c.sq}`);
  assert.deepEqual([s.min, s.max], [-32768, 29999]);
});
