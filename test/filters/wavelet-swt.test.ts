import { test } from 'node:test';
import assert from 'node:assert/strict';
import { swtAxis } from '../../src/filters/wavelet.js';
import { decompositionFilters } from '../../src/filters/wavelet-banks.js';
import type { Vec3 } from '../../src/image/volume.js';

/**
 * PyWavelets' periodic SWT pass at level 1 on one line, from its definition: out[o] = sum_m f[m]
 * x[(o + F/2 - m) mod n], terms added with m ascending, except where o + F/2 >= n, where
 * m = o + F/2 - n down to 0 come first, then the rest ascending.
 */
function swtLineReference(x: number[], f: Float64Array): number[] {
  const n = x.length, F = f.length, half = F >> 1;
  return x.map((_, o) => {
    const i = o + half;
    const order = i < n
      ? Array.from({ length: F }, (_, m) => m)
      : [...Array.from({ length: i - n + 1 }, (_, k) => i - n - k), ...Array.from({ length: F - (i - n + 1) }, (_, k) => i - n + 1 + k)];
    let s = 0;
    for (const m of order) s += f[m] * x[(((i - m) % n) + n) % n];
    return s;
  });
}

for (const wavelet of ['haar', 'db2', 'coif1', 'sym4']) {
  test(`swtAxis (float64) equals the per-line definition bit for bit along x, y and z (${wavelet})`, () => {
    const f = decompositionFilters(wavelet);
    for (const size of [[6, 5, 4], [4, 8, 2], [10, 2, 6]] as Vec3[]) {
      const [nx, ny, nz] = size;
      const src = Float64Array.from({ length: nx * ny * nz }, (_, i) => Math.sin(i * 1.37) * 90 + (i % 7) - 3);
      for (const axis of [0, 1, 2] as const) {
        const lo = new Float64Array(src.length), hi = new Float64Array(src.length);
        swtAxis(src, lo, hi, size, axis, f);
        const stride = [1, nx, nx * ny][axis];
        for (let i = 0; i < src.length; i++) {
          const c = [i % nx, Math.floor(i / nx) % ny, Math.floor(i / (nx * ny))];
          if (c[axis] !== 0) continue;
          const line = Array.from({ length: size[axis] }, (_, k) => src[i + k * stride]);
          const rl = swtLineReference(line, f.lo), rh = swtLineReference(line, f.hi);
          for (let k = 0; k < size[axis]; k++) {
            assert.ok(Object.is(lo[i + k * stride], rl[k]) && Object.is(hi[i + k * stride], rh[k]),
              `size ${size} axis ${axis} line at ${i} position ${k}: ${lo[i + k * stride]}, ${hi[i + k * stride]} vs ${rl[k]}, ${rh[k]}`);
          }
        }
      }
    }
  });
}
