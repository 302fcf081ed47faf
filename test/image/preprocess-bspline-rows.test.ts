/**
 * The B-spline prefilter (src/image/preprocess/bspline.ts bsplineCoefficients), whose x pass runs
 * four rows at a time, equals a plain line-by-line prefilter bit for bit: each line along x, then
 * y, then z, filtered on its own as ITK's BSplineDecompositionImageFilter describes it (gain, causal
 * initial value over 18 terms or the closed form for short lines, causal and anticausal recursions
 * with pole z = sqrt(3) - 2), values mapped first as normalisation maps them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Vec3 } from '../../src/image/volume.js';
import { bsplineCoefficients, coefficientBox, kernelMemoryBytes, type ValueMap } from '../../src/image/preprocess/bspline.js';
import { GAIN, HORIZON, POLE } from '../../src/image/preprocess/bspline-constants.js';
import { bsplineKernel } from '../../src/image/preprocess/bspline-wasm.js';
import { createRng } from '../../src/stats/random.js';

const kernel = bsplineKernel();

/** One line, in place. */
function referenceLine(c: number[]): void {
  const n = c.length, z = POLE;
  if (n === 1) return;
  for (let k = 0; k < n; k++) c[k] = c[k] * GAIN;
  if (HORIZON < n) {
    let sum = c[0], zn = z;
    for (let k = 1; k < HORIZON; k++) { sum += zn * c[k]; zn *= z; }
    c[0] = sum;
  } else {
    const iz = 1.0 / z;
    let zn = z, z2n = Math.pow(z, n - 1);
    let sum = c[0] + z2n * c[n - 1];
    z2n *= z2n * iz;
    for (let k = 1; k <= n - 2; k++) { sum += (zn + z2n) * c[k]; zn *= z; z2n *= iz; }
    c[0] = sum / (1.0 - zn * zn);
  }
  for (let k = 1; k < n; k++) c[k] = c[k] + z * c[k - 1];
  c[n - 1] = (z / (z * z - 1.0)) * (z * c[n - 2] + c[n - 1]);
  for (let k = n - 2; k >= 0; k--) c[k] = z * (c[k + 1] - c[k]);
}

function referenceCoefficients(data: ArrayLike<number>, size: Vec3, map?: ValueMap): Float64Array {
  const [nx, ny, nz] = size;
  const c = Float64Array.from(data, (x) => {
    if (!map) return x;
    let v = (x + map.shift) * map.factor;
    if (map.clip !== null) v = v > map.clip ? map.clip : v < -map.clip ? -map.clip : v;
    return v * map.scale;
  });
  const axis = (count: number, n: number, first: (l: number) => number, step: number) => {
    for (let l = 0; l < count; l++) {
      const at = first(l);
      const line = Array.from({ length: n }, (_, k) => c[at + k * step]);
      referenceLine(line);
      line.forEach((v, k) => { c[at + k * step] = v; });
    }
  };
  axis(ny * nz, nx, (l) => l * nx, 1);
  axis(nx * nz, ny, (l) => (l % nx) + nx * ny * Math.floor(l / nx), nx);
  axis(nx * ny, nz, (l) => l, nx * ny);
  return c;
}

test('B-spline coefficients (x pass four rows at a time) equal a line-by-line prefilter bit for bit', () => {
  const rng = createRng(4);
  const maps: (ValueMap | undefined)[] = [undefined, { shift: -385.6, factor: 1 / 557.3, clip: null, scale: 100 }, { shift: -300, factor: 1 / 250, clip: 1.5, scale: 100 }];
  for (let t = 0; t < 36; t++) {
    // rows longer and shorter than the horizon; row counts that leave 0-3 rows after the groups of four
    const size: Vec3 = [2 + rng.unifIndex(60), 1 + rng.unifIndex(14), 1 + rng.unifIndex(4)];
    const n = size[0] * size[1] * size[2];
    const data = t % 2 ? Int16Array.from({ length: n }, () => rng.unifIndex(4000) - 1000) : Float64Array.from({ length: n }, () => (rng.unif() - 0.4) * 2000);
    const map = maps[t % 3];
    const ref = referenceCoefficients(data, size, map);
    const whole = bsplineCoefficients(data, size, undefined, map);
    for (let i = 0; i < n; i++) assert.ok(Object.is(whole[i], ref[i]), `case ${t} (${size}) voxel ${i}: ${whole[i]} vs ${ref[i]}`);
    // a box with a `need` (here the whole image, smaller than the margin): the coefficients in `need` are the same numbers
    const lo: Vec3 = [0, 1, 2].map((a) => rng.unif() * (size[a] - 1)) as Vec3;
    const hi: Vec3 = [0, 1, 2].map((a) => lo[a] + rng.unif() * (size[a] - 1 - lo[a])) as Vec3;
    const box = coefficientBox(size, lo, hi);
    const part = bsplineCoefficients(data, size, box, map);
    const need = box.need!;
    for (let z = need.lower[2]; z < need.lower[2] + need.size[2]; z++) {
      for (let y = need.lower[1]; y < need.lower[1] + need.size[1]; y++) {
        for (let x = need.lower[0]; x < need.lower[0] + need.size[0]; x++) {
          const i = (x - box.lower[0]) + box.size[0] * ((y - box.lower[1]) + box.size[1] * (z - box.lower[2]));
          const j = x + size[0] * (y + size[1] * z);
          assert.ok(Object.is(part[i], ref[j]), `case ${t} (${size}) need at ${x},${y},${z}: ${part[i]} vs ${ref[j]}`);
        }
      }
    }
  }
});

test('B-spline coefficients with the WebAssembly kernel (x pass two rows per f64x2, every pixel type it reads) equal the line-by-line prefilter', { skip: kernel ? false : 'WebAssembly SIMD is not available here' }, () => {
  const k = kernel!;
  const rng = createRng(9);
  const maps: (ValueMap | undefined)[] = [undefined, { shift: -385.6, factor: 1 / 557.3, clip: null, scale: 100 }, { shift: -300, factor: 1 / 250, clip: 1.5, scale: 100 }];
  const types = [Int8Array, Uint8Array, Int16Array, Uint16Array, Float32Array, Float64Array];
  for (let t = 0; t < 48; t++) {
    // row counts around the kernel's groups (4 pairs), odd ones, rows longer than the horizon (and a few shorter)
    const size: Vec3 = [t % 8 === 7 ? 2 + rng.unifIndex(17) : 19 + rng.unifIndex(50), 1 + rng.unifIndex(21), 1 + rng.unifIndex(4)];
    const n = size[0] * size[1] * size[2];
    const Type = types[t % types.length];
    const float = Type === Float32Array || Type === Float64Array;
    const data = new Type(n);
    for (let i = 0; i < n; i++) data[i] = float ? (rng.unif() - 0.4) * 2000 : rng.unifIndex(70000) - 35000;
    const map = maps[t % 3];
    const ref = referenceCoefficients(data, size, map);
    const buffer = k.reserve(kernelMemoryBytes(size));
    const fast = bsplineCoefficients(data, size, undefined, map, new Float64Array(buffer, 0, n), k);
    for (let i = 0; i < n; i++) assert.ok(Object.is(fast[i], ref[i]), `case ${t} ${Type.name} (${size}) voxel ${i}: ${fast[i]} vs ${ref[i]}`);
    const lo: Vec3 = [0, 1, 2].map((a) => rng.unif() * (size[a] - 1)) as Vec3;
    const hi: Vec3 = [0, 1, 2].map((a) => lo[a] + rng.unif() * (size[a] - 1 - lo[a])) as Vec3;
    const box = coefficientBox(size, lo, hi);
    const count = box.size[0] * box.size[1] * box.size[2];
    const partBuffer = k.reserve(kernelMemoryBytes(size, box));
    const part = bsplineCoefficients(data, size, box, map, new Float64Array(partBuffer, 0, count), k);
    const need = box.need!;
    for (let z = need.lower[2]; z < need.lower[2] + need.size[2]; z++) {
      for (let y = need.lower[1]; y < need.lower[1] + need.size[1]; y++) {
        for (let x = need.lower[0]; x < need.lower[0] + need.size[0]; x++) {
          const i = (x - box.lower[0]) + box.size[0] * ((y - box.lower[1]) + box.size[1] * (z - box.lower[2]));
          const j = x + size[0] * (y + size[1] * z);
          assert.ok(Object.is(part[i], ref[j]), `case ${t} ${Type.name} (${size}) need at ${x},${y},${z}: ${part[i]} vs ${ref[j]}`);
        }
      }
    }
  }
});
