/**
 * Steps 1–3 of the selection chain on small hand-made data: the documented rules for constant
 * features, class-constant features, missing values and a one-class outcome, the Spearman visit
 * order with tied p-values, and the drop log. (The cohort-A chain is checked against R in the
 * parity suite: test/stats-parity/checks/selection-steps1-3.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { featureTest, filterStep, iccFilter, selectionSteps1to3, spearmanRedundancy } from '../../src/stats/feature-filter.js';
import { oneWayAnova } from '../../src/stats/anova.js';
import { mannWhitney } from '../../src/stats/mann-whitney.js';

const er = [5.1, 4.9, 6.2, 5.8, 6.0, 5.5, 5.3];
const non = [4.1, 5.2, 3.9, 4.4, 4.8, 3.3, 4.0, 4.6, 4.2];

test('the step-2 rule: ANOVA p when both classes pass Shapiro-Wilk, else Mann-Whitney', () => {
  const t = featureTest('f', er, non);
  assert.equal(t.normalBoth, true);
  assert.equal(t.filterTest, 'anova');
  assert.equal(t.filterP, oneWayAnova([er, non]).p);
  const skew = [1, 1.1, 1.2, 1.3, 1.4, 9, 30];
  const u = featureTest('g', skew, non);
  assert.equal(u.filterTest, 'mann_whitney_r_default');
  assert.equal(u.filterP, mannWhitney(skew, non).pRDefault);
});

test('constant feature: filter test "constant", p null, dropped at step 2', () => {
  const t = featureTest('flat', [2, 2, 2, 2], [2, 2, 2]);
  assert.equal(t.filterTest, 'constant');
  assert.equal(t.filterP, null);
  assert.deepEqual(filterStep([t, featureTest('f', er, non)]).kept, ['f']);
});

test('feature constant within one class: no Shapiro p, so Mann-Whitney decides', () => {
  const t = featureTest('half', [7, 7, 7, 7], non);
  assert.equal(t.shapiroEr, null);
  assert.equal(t.normalBoth, false);
  assert.equal(t.filterTest, 'mann_whitney_r_default');
});

test('ICC filter: identical ratings have no ICC and fail step 1', () => {
  const r = iccFilter(['same', 'ok'], [[3, 3, 3], [1, 2, 3]], [[3, 3, 3], [1.1, 2, 2.9]]);
  assert.deepEqual(r.kept, ['ok']);
  assert.equal(r.icc[0], null);
});

test('Spearman step: visit by p (ties in input order), keep the first, log the partner', () => {
  const a = [1, 2, 3, 4, 5, 6];
  const b = [1, 2, 3, 4, 6, 5]; // ρ(a, b) = 0.943
  const c = [6, 1, 5, 2, 4, 3];
  const r = spearmanRedundancy(['a', 'b', 'c'], [0.01, 0.01, 0.001], [a, b, c]);
  assert.deepEqual(r.visitOrder, ['c', 'a', 'b']);
  assert.deepEqual(r.kept, ['a', 'c']);
  assert.deepEqual(r.dropped.map((d) => [d.feature, d.droppedBecauseOf]), [['b', 'a']]);
  assert.ok(Math.abs(r.dropped[0].rho - 0.9428571428571428) < 1e-15);
});

test('bad input: missing feature value names the feature; one-class outcome is refused', () => {
  assert.throws(() => featureTest('Energy', [1, NaN, 3], [1, 2, 3]), /feature 'Energy', class 1: value 2 of 3 is missing/);
  assert.throws(
    () => iccFilter(['Range'], [[1, 2, 3]], [[1, NaN, 3]]),
    /ICC, feature 'Range', observer 2: value 2 of 3 is missing/,
  );
  const train = [[1, 2, 3, 4, 5, 6]];
  assert.throws(
    () => selectionSteps1to3({ names: ['x'], train, y: [0, 0, 0, 0, 0, 0], observer1: [[1, 2, 3]], observer2: [[1, 2, 3.1]] }),
    /class sizes 0 and 6/,
  );
});
