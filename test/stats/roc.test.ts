import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rocCurve, youden, metricsAt, rocThresholds } from '../../src/stats/roc.js';
import { delongAuc, delongTest, bootstrapAucCi } from '../../src/stats/delong.js';
import { parseCsv, numericColumn, stringColumn } from '../../src/stats/csv.js';

const here = dirname(fileURLToPath(import.meta.url));
const edge = JSON.parse(readFileSync(join(here, '..', 'fixtures', 'stats', 'out', 'edge_cases.json'), 'utf8'));

test('tied scores and tied Youden optima: pROC curve, DeLong, all pROC best rows, smallest threshold wins', () => {
  const e = edge.roc_ties;
  const c = rocCurve({ y: e.y, score: e.p });
  assert.ok(Math.abs(c.auc - e.auc) < 1e-12);
  const d = delongAuc({ y: e.y, score: e.p });
  assert.ok(Math.abs(d.variance - e.var_delong) / e.var_delong < 1e-9);
  assert.ok(Math.abs(d.lower - e.ci_delong[0]) < 1e-12 && Math.abs(d.upper - e.ci_delong[1]) < 1e-12);
  const thr = e.curve.threshold.map((t: any) => (t === '-Inf' ? -Infinity : t === 'Inf' ? Infinity : t));
  assert.equal(c.thresholds.length, thr.length);
  c.thresholds.forEach((t, k) => assert.ok(t === thr[k] || Math.abs(t - thr[k]) < 1e-13, `threshold ${k}`)); // JSON has 15 digits
  const y = youden(c);
  assert.equal(y.youdenRowsPROC.length, e.youden_best_all_rows.length);
  y.youdenRowsPROC.forEach((r, k) => assert.ok(Math.abs(r.threshold - e.youden_best_all_rows[k].threshold) < 1e-12));
  assert.equal(y.best.threshold, y.exactTies[0].threshold);
  assert.ok(y.exactTies.length > 1, 'the fixture has tied optima');
  assert.equal(y.best.threshold, Math.min(...y.exactTies.map((r) => r.threshold)));
});

test('ties everywhere: every score equal gives AUC ½, one finite threshold pair, a documented result', () => {
  const y = [0, 1, 0, 1, 1, 0];
  const s = [0.3, 0.3, 0.3, 0.3, 0.3, 0.3];
  const c = rocCurve({ y, score: s });
  assert.equal(c.auc, 0.5);
  assert.equal(c.pairs2, 9);
  assert.deepEqual(Array.from(c.thresholds), [-Infinity, Infinity]);
  const d = delongAuc({ y, score: s });
  assert.equal(d.variance, 0);
  assert.equal(d.lower, 0.5);
  const m = metricsAt({ y, score: s }, 0.3);
  assert.deepEqual([m.tp, m.fp, m.tn, m.fn], [3, 3, 0, 0]);
  assert.ok(Number.isNaN(m.npv), 'no negatives: NPV undefined (NaN), not a division error');
});

test('perfect separation: AUC 1, CI clipped to [0, 1]', () => {
  const e = edge.roc_perfect;
  const d = delongAuc({ y: e.y, score: e.p });
  assert.equal(d.auc, 1);
  assert.deepEqual([d.lower, d.upper], e.ci_delong);
});

test('paired DeLong: identical predictions give null, a real difference a finite z', () => {
  const e = edge.roc_ties;
  const same = delongTest(e.y, e.p, e.p);
  assert.deepEqual([same.z, same.p], [null, null]);
  assert.ok(Math.abs(same.auc1 - e.auc) < 1e-13);
  const other = e.p.map((v: number, i: number) => v + (i % 3) * 0.05);
  const t = delongTest(e.y, e.p, other);
  assert.ok(t.z !== null && Number.isFinite(t.z) && t.p! > 0 && t.p! <= 1);
});

test('thresholds: a midpoint that rounds onto the lower value moves to the upper (pROC)', () => {
  const a = 1;
  const b = 1 + 2 ** -52;
  assert.deepEqual(Array.from(rocThresholds([a, b])), [-Infinity, b, Infinity]);
});

test('bad input: missing score, one class, non-0/1 outcome', () => {
  assert.throws(() => rocCurve({ y: [0, 1, 1], score: [0.1, NaN, 0.3], labels: ['a', 'b', 'c'], name: 'p_nomogram' }), /p_nomogram, row 2 \(b\): score is missing/);
  assert.throws(() => rocCurve({ y: [1, 1, 1], score: [0.1, 0.2, 0.3] }), /needs cases and controls; there are 3 cases and 0 controls/);
  assert.throws(() => delongAuc({ y: [0, 2], score: [0.1, 0.2] }), /outcome 2 is not 0 or 1/);
});

test('stratified bootstrap CI of the AUC reproduces pROC replicate for replicate', () => {
  const pred = parseCsv(readFileSync(join(here, '..', 'fixtures', 'stats', 'out', 'cohort_A', 'predictions.csv'), 'utf8'), 'predictions.csv');
  const rows = stringColumn(pred, 'split').map((s, i) => (s === 'validation' ? i : -1)).filter((i) => i >= 0);
  const y = Float64Array.from(rows, (i) => numericColumn(pred, 'er')[i]);
  const p = Float64Array.from(rows, (i) => numericColumn(pred, 'p_nomogram')[i]);
  const ci = bootstrapAucCi({ y, score: p }, { B: 500, seed: 42 });
  // R 4.2.2, pROC 1.18.0: set.seed(42); ci.auc(roc(er, p_nomogram, levels = c(0, 1), direction = "<"),
  //   method = "bootstrap", boot.n = 500, boot.stratified = TRUE)
  const r = [0.63039772727272736, 0.82386363636363635, 0.95752840909090897];
  [ci.lower, ci.median, ci.upper].forEach((v, k) => assert.ok(Math.abs(v - r[k]) < 1e-12, `${v} vs ${r[k]}`));
});
