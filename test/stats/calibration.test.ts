import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv, numericColumn, stringColumn } from '../../src/stats/csv.js';
import { valProb } from '../../src/stats/val-prob.js';
import { calibrateBootstrap, calibrationLine } from '../../src/stats/calibrate.js';
import { lrmFit } from '../../src/stats/lrm-fit.js';
import { bootstrapValidate } from '../../src/stats/bootstrap-validate.js';
import { buildDesign, linearPredictor } from '../../src/stats/design.js';
import { fitLogistic } from '../../src/stats/logistic.js';

const here = dirname(fileURLToPath(import.meta.url));
const fx = join(here, '..', 'fixtures', 'stats');
const cal = JSON.parse(readFileSync(join(fx, 'out', 'cohort_A', 'calibration.json'), 'utf8'));
const pred = parseCsv(readFileSync(join(fx, 'out', 'cohort_A', 'predictions.csv'), 'utf8'), 'predictions.csv');
const data = parseCsv(readFileSync(join(fx, 'data', 'cohort_A.csv'), 'utf8'), 'cohort_A.csv');
const split = stringColumn(pred, 'split');
const rowsOf = (s: string) => split.map((v, i) => (v === s ? i : -1)).filter((i) => i >= 0);

test('val.prob on validation predictions equals rms (cohort A, p_nomogram)', () => {
  const rows = rowsOf('validation');
  const p = Float64Array.from(rows, (i) => numericColumn(pred, 'p_nomogram')[i]);
  const y = Float64Array.from(rows, (i) => numericColumn(pred, 'er')[i]);
  const s = valProb(p, y);
  const r = cal.val_prob.validation.p_nomogram;
  for (const [a, e] of [
    [s.Dxy, r.Dxy],
    [s.C, r['C (ROC)']],
    [s.R2, r.R2],
    [s.UChisq, r['U:Chi-sq']],
    [s.Intercept, r.Intercept],
    [s.Slope, r.Slope],
    [s.Emax, r.Emax],
    [s.E90, r.E90],
    [s.Eavg, r.Eavg],
    [s.Sz, r['S:z']],
  ]) {
    assert.ok(Math.abs(a - e) <= 1e-9 * Math.abs(e) + 1e-12, `${a} vs ${e}`);
  }
  assert.ok(Number.isNaN(s.Dp), 'D:p is NA in rms');
});

test('val.prob: predictions of exactly 0 or 1 are left out of the logistic part with a warning; bad input errors', () => {
  const s = valProb([0, 0.2, 0.4, 0.6, 0.8, 0.3, 0.7, 0.5, 0.1, 0.9, 0.65, 0.35], [0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 0, 1]);
  assert.equal(s.warnings.length, 1);
  assert.ok(Number.isFinite(s.Slope));
  assert.throws(() => valProb([0.2, NaN], [0, 1]), /row 2: prediction NaN is missing or outside/);
  assert.throws(() => valProb([0.2, 0.3], [1, 1]), /both classes are needed/);
});

test('lrm.fit: rms C index bins probabilities (ties within 1/5000) and stops after |Δ(−2LL)| ≤ eps', () => {
  // two predictions 1e-5 apart fall in one bin: a tie for rms, a concordant pair for the exact AUC
  const x = Float64Array.from([0.10000, 0.10001, 0.5, 0.9]);
  const y = [0, 1, 0, 1];
  const f = lrmFit(Float64Array.from(x, (v) => Math.log(v / (1 - v))), 1, y, { initial: [0, 1], maxit: 1 });
  // pairs: (0.10001, 0.1) tied by bin, (0.10001, 0.5) discordant, (0.9, ·) concordant twice; exact AUC = 3/4
  assert.equal(f.stats.C, (2 + 0.5) / 4);
  assert.equal(f.stats.Dxy, (2 - 1) / 4);
});

test('bootstrap calibration (rms calibrate, B = 40) reproduces R draw for draw on cohort A (clinical model)', () => {
  const rows = rowsOf('train');
  const alb = Float64Array.from(rows, (i) => numericColumn(data, 'alb')[i]);
  const tn = Float64Array.from(rows, (i) => numericColumn(data, 'tumor_number')[i]);
  const y = Float64Array.from(rows, (i) => numericColumn(data, 'er')[i]);
  const fit = fitLogistic(buildDesign([{ name: 'alb', values: alb }, { name: 'tumor_number', values: tn }]), y);
  const x = new Float64Array(2 * rows.length);
  x.set(alb);
  x.set(tn, rows.length);
  const c = calibrateBootstrap(x, 2, y, fit.linearPredictor, { B: 200, seed: 20240611 });
  const t = cal.train_bootstrap.clinical.table;
  t.forEach((r: any, g: number) => {
    assert.ok(Math.abs(c.calibratedOrig[g] - r['calibrated.orig']) < 1e-12);
    assert.ok(Math.abs(c.calibratedCorrected[g] - r['calibrated.corrected']) < 1e-9, `corrected ${g}`);
  });
  assert.equal(c.nBootOk, 200);
  assert.throws(() => calibrateBootstrap(x.subarray(0, 10), 1, y.subarray(0, 10), fit.linearPredictor.subarray(0, 10), { seed: 1 }), /at least 11/);
});

test('bootstrap validation of a procedure: optimism ≥ 0 for Dxy of an overfitted model, corrected < apparent', () => {
  const rows = rowsOf('train');
  const y = Float64Array.from(rows, (i) => numericColumn(data, 'er')[i]);
  const names = ['alb', 'tumor_number', 'age', 'alt', 'ast', 'tbil', 'tumor_size'];
  const cols = names.map((nm) => Float64Array.from(rows, (i) => numericColumn(data, nm)[i]));
  const design = (r: ArrayLike<number>) => buildDesign(names.map((nm, j) => ({ name: nm, values: Float64Array.from(r, (i) => cols[j][i]) })));
  const procedure = (train: Int32Array) => {
    const f = fitLogistic(design(train), Float64Array.from(train, (i) => y[i]), { epsilon: 1e-10 });
    return (r: Int32Array) => linearPredictor(design(r), f.coefficients);
  };
  const v = bootstrapValidate(procedure, y, { B: 30, seed: 1 });
  const dxy = v.rows.find((r) => r.index === 'Dxy')!;
  const slope = v.rows.find((r) => r.index === 'Slope')!;
  assert.ok(dxy.optimism > 0 && dxy.corrected < dxy.original);
  assert.ok(Math.abs(slope.original - 1) < 1e-6, 'apparent slope of an MLE is 1');
  assert.ok(slope.corrected < 1, 'shrinkage expected');
  assert.equal(dxy.n + v.failed, 30);
});

test('calibration line: exact MLE recalibration; slope 1 and intercepts 0 on the training fit itself', () => {
  const rows = rowsOf('train');
  const y = Float64Array.from(rows, (i) => numericColumn(pred, 'er')[i]);
  const p = Float64Array.from(rows, (i) => numericColumn(pred, 'p_nomogram')[i]);
  const c = calibrationLine(p, y);
  assert.ok(Math.abs(c.slope - 1) < 1e-9 && Math.abs(c.intercept) < 1e-9 && Math.abs(c.interceptInTheLarge) < 1e-9);
  const v = rowsOf('validation');
  const cv = calibrationLine(
    Float64Array.from(v, (i) => numericColumn(pred, 'p_nomogram')[i]),
    Float64Array.from(v, (i) => numericColumn(pred, 'er')[i]),
  );
  // rms val.prob's values come from lrm.fit stopped at |Δ(−2LL)| ≤ 0.025: close to the MLE, not equal
  const r = cal.val_prob.validation.p_nomogram;
  assert.ok(Math.abs(cv.slope - r.Slope) < 1e-3 && Math.abs(cv.intercept - r.Intercept) < 1e-3);
  assert.throws(() => calibrationLine([0, 0.5], [0, 1]), /row 1: prediction 0 must lie strictly between 0 and 1/);
});
