/**
 * Firth's penalised logistic regression (src/stats/firth.ts): the profile far out on a
 * separated fit, the typed error of a singular design, and the choice of profiled terms.
 *
 * Reference values: an independent maximisation of l*(β) = l(β) + ½ log|XᵀWX| in Python
 * (numpy 2.4, scipy 1.17; logistf is not packaged for Debian): BFGS on the modified score, then
 * Newton on a finite-difference Hessian until the Newton decrement is < 1e-12, each profile point
 * warm-started from the nearest one already solved (continuation in steps of 0.05·(1 + |β̂_j|)),
 * and scipy.optimize.brentq (xtol 1e-13) for 2·(l*(β̂) − l*_j(b)) = qchisq(0.95, 1); p-values
 * from the profile at 0 reached the same way. The same script gives the Haldane-corrected
 * log odds ratio of a 2×2 table to 1e-12 (its closed form).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDesign } from '../../src/stats/design.js';
import { fitFirth, FirthFitError } from '../../src/stats/firth.js';

function assertClose(actual: ArrayLike<number>, expected: readonly number[], rel: number, abs: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    assert.ok(d <= abs || d <= rel * Math.abs(expected[i]), `${what}[${i}]: ${actual[i]} vs ${expected[i]} (diff ${d.toExponential(2)})`);
  }
}

// A separated nomogram-like fit: the rad-score separates the outcome (y = 1 iff radscore > 0),
// albumin is on its clinical scale (~40), so the intercept's profile reaches coefficient vectors
// where W is ~0 for most rows and XᵀWX is numerically singular.
const radscore = [10.5, -6, 7.9, 9.8, 0, -12.3, 2.4, -3, 4];
const alb = [41, 44, 42, 45, 39, 36, 37, 31, 35];
const ySep = [1, 0, 1, 1, 0, 0, 1, 0, 1];

test('Firth: a separated fit is profiled to its limits where XᵀWX turns singular, matching an independent maximisation', () => {
  const f = fitFirth(
    buildDesign([
      { name: 'radscore', values: radscore },
      { name: 'alb', values: alb },
    ]),
    ySep,
  );
  assert.ok(f.converged);
  assert.deepEqual(f.profiled, [true, true, true]);
  assertClose(f.coefficients, [0.3152765767384605, 0.27671790454947753, -0.011122368088265907], 1e-7, 1e-9, 'coefficients');
  // README tolerance for profile limits: 1e-5; measured ≤ 7e-10 (coefficients ≤ 6e-9)
  assertClose(f.lower, [-17.996728874609616, 0.028222006270939837, -1.1573963710881012], 1e-6, 0, 'lower');
  assertClose(f.upper, [39.69246413554981, 1.5795497526039857, 0.46405357232398237], 1e-6, 0, 'upper');
  assertClose(f.p, [0.9660115643040316, 0.02424103294376316, 0.9551070947189138], 1e-8, 0, 'p');
});

test('Firth: profile limits of a 2×2 table with an empty cell match the independent maximisation', () => {
  const x = [...Array(10).fill(0), ...Array(10).fill(1)];
  const y = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, ...Array(10).fill(1)];
  const f = fitFirth(buildDesign([{ name: 'x', values: x }]), y);
  assertClose(f.coefficients, [Math.log(3.5 / 7.5), Math.log(10.5 / 0.5 / (3.5 / 7.5))], 0, 1e-8, 'coefficients (Haldane)');
  assertClose(f.lower, [-2.177091641177401, 1.3467900048235386], 1e-8, 0, 'lower');
  assertClose(f.upper, [0.4501230766745758, 8.770174553754392], 1e-8, 0, 'upper');
  assertClose(f.p, [0.22246051570953884, 0.0009050314737517286], 1e-8, 0, 'p');
});

test('Firth: a column collinear with earlier ones is a FirthFitError naming it, not a TypeError', () => {
  const x1 = [1.2, 0.4, 2.2, 3.1, 0.7, 1.9, 2.8, 0.1, 1.5, 2.4];
  const y = [0, 0, 1, 1, 0, 1, 1, 0, 0, 1];
  const twice = x1.map((v) => 2 * v);
  const d = buildDesign([
    { name: 'x1', values: x1 },
    { name: 'x1_twice', values: twice },
  ]);
  assert.throws(
    () => fitFirth(d, y),
    (e: unknown) => e instanceof FirthFitError && e.name === 'FirthFitError' && e.columns.join() === 'x1_twice' && /'x1_twice' is constant or a linear combination/.test(e.message),
  );
});

test('Firth: profile chooses the profiled coefficients (none, named columns, a factor by its term name)', () => {
  const grp = ['A', 'B', 'C', 'A', 'B', 'C', 'A', 'B', 'C', 'A', 'B', 'C', 'A', 'B', 'C', 'A', 'B', 'C'];
  const x = [0.3, 1.2, -0.4, 2.1, 0.8, -1.1, 1.7, 0.2, 0.5, -0.6, 1.4, 2.5, 0.9, -0.2, 1.1, 0.4, 2.2, -0.9];
  const y = [0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0];
  const d = buildDesign([
    { name: 'x', values: x },
    { name: 'grp', values: grp, levels: ['A', 'B', 'C'] },
  ]);
  const all = fitFirth(d, y);
  assert.deepEqual(all.profiled, [true, true, true, true]);
  for (let j = 0; j < 4; j++) assert.ok(all.lower[j] < all.coefficients[j] && all.coefficients[j] < all.upper[j] && all.p[j] > 0 && all.p[j] < 1);

  const none = fitFirth(d, y, { profile: false });
  assert.deepEqual(none.profiled, [false, false, false, false]);
  assert.deepEqual([...none.coefficients], [...all.coefficients]);
  assert.deepEqual([...none.se], [...all.se]);
  for (const v of [...none.lower, ...none.upper, ...none.p]) assert.ok(Number.isNaN(v));

  // a term name selects every column of the factor; each profiled coefficient is computed as in 'all'
  const byTerm = fitFirth(d, y, { profile: ['grp'] });
  assert.deepEqual(d.columnNames, ['(Intercept)', 'x', 'grpB', 'grpC']);
  assert.deepEqual(byTerm.profiled, [false, false, true, true]);
  for (const j of [2, 3]) {
    assert.equal(byTerm.lower[j], all.lower[j]);
    assert.equal(byTerm.upper[j], all.upper[j]);
    assert.equal(byTerm.p[j], all.p[j]);
  }
  assert.ok(Number.isNaN(byTerm.lower[1]) && Number.isNaN(byTerm.p[0]));
  const byColumn = fitFirth(d, y, { profile: ['x', 'grpC'] });
  assert.deepEqual(byColumn.profiled, [false, true, false, true]);
  assert.equal(byColumn.upper[1], all.upper[1]);

  assert.throws(() => fitFirth(d, y, { profile: ['albumin'] }), /no coefficient or term named 'albumin'.*'\(Intercept\)', 'x', 'grpB', 'grpC'/);
  // the level is still accepted as the third argument, as before
  const narrow = fitFirth(d, y, 0.9);
  assert.ok(narrow.lower[1] > all.lower[1] && narrow.upper[1] < all.upper[1]);
  assert.deepEqual(narrow.profiled, [true, true, true, true]);
});
