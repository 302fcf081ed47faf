import { test } from 'node:test';
import assert from 'node:assert/strict';
import { associatedLegendre, sphHarm } from '../../src/filters/spherical-harmonics.js';

const { sqrt, sin, cos, PI } = Math;

/**
 * Closed forms of the complex spherical harmonics with the Condon-Shortley phase (theta azimuth,
 * phi polar, SciPy's naming), from the standard table (e.g. Wikipedia "Table of spherical harmonics").
 */
const closed: Record<string, (t: number, p: number) => [number, number]> = {
  '0,0': () => [0.5 * sqrt(1 / PI), 0],
  '1,-1': (t, p) => [0.5 * sqrt(3 / (2 * PI)) * sin(p) * cos(-t), 0.5 * sqrt(3 / (2 * PI)) * sin(p) * sin(-t)],
  '1,0': (_t, p) => [0.5 * sqrt(3 / PI) * cos(p), 0],
  '1,1': (t, p) => [-0.5 * sqrt(3 / (2 * PI)) * sin(p) * cos(t), -0.5 * sqrt(3 / (2 * PI)) * sin(p) * sin(t)],
  '2,-2': (t, p) => [0.25 * sqrt(15 / (2 * PI)) * sin(p) ** 2 * cos(-2 * t), 0.25 * sqrt(15 / (2 * PI)) * sin(p) ** 2 * sin(-2 * t)],
  '2,1': (t, p) => [-0.5 * sqrt(15 / (2 * PI)) * sin(p) * cos(p) * cos(t), -0.5 * sqrt(15 / (2 * PI)) * sin(p) * cos(p) * sin(t)],
  '2,0': (_t, p) => [0.25 * sqrt(5 / PI) * (3 * cos(p) ** 2 - 1), 0],
  '3,-3': (t, p) => [0.125 * sqrt(35 / PI) * sin(p) ** 3 * cos(-3 * t), 0.125 * sqrt(35 / PI) * sin(p) ** 3 * sin(-3 * t)],
  '3,2': (t, p) => [0.25 * sqrt(105 / (2 * PI)) * sin(p) ** 2 * cos(p) * cos(2 * t), 0.25 * sqrt(105 / (2 * PI)) * sin(p) ** 2 * cos(p) * sin(2 * t)],
};

test('sphHarm(m, n, azimuth, polar) equals the closed forms (Condon-Shortley phase, orthonormal)', () => {
  const angles = [[0.3, 1.1], [2.9, 0.2], [-1.7, 2.8], [4.0, 1.5707963267948966]];
  for (const [key, f] of Object.entries(closed)) {
    const [n, m] = key.split(',').map(Number);
    for (const [t, p] of angles) {
      const [re, im] = sphHarm(m, n, t, p);
      const [er, ei] = f(t, p);
      assert.ok(Math.abs(re - er) < 1e-14 && Math.abs(im - ei) < 1e-14, `Y_${n}^${m}(${t}, ${p}) = ${re} + ${im}i, expected ${er} + ${ei}i`);
    }
  }
});

test('associated Legendre P_n^m with the Condon-Shortley phase (Abramowitz & Stegun 8.6)', () => {
  for (const x of [-0.9, -0.2, 0, 0.4, 1]) {
    const s = sqrt(1 - x * x);
    assert.ok(Math.abs(associatedLegendre(1, 1, x) - -s) < 1e-15);
    assert.ok(Math.abs(associatedLegendre(0, 2, x) - (3 * x * x - 1) / 2) < 1e-15);
    assert.ok(Math.abs(associatedLegendre(2, 3, x) - 15 * x * (1 - x * x)) < 1e-13);
    assert.ok(Math.abs(associatedLegendre(1, 4, x) - -2.5 * s * (7 * x ** 3 - 3 * x)) < 1e-13);
  }
});
