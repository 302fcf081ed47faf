/**
 * Apparent calibration curve, Brier and decision curves against R 4.2.2 (rms calibrate's
 * apparent curve: sm <- lowess(p, y, iter = 0); approx(sm, xout = seq(sort(p)[5], sort(p)[16],
 * length = 50), ties = function(x) x[1]); lib.R's net_benefit_curve), on the p, y of
 * hosmer-lemeshow.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apparentCalibrationCurve, brier } from '../../src/stats/calibration-curve.js';
import { decisionCurve } from '../../src/stats/dca.js';
import { assertClose } from './assert-close.js';

const p = [0.05, 0.12, 0.12, 0.2, 0.31, 0.33, 0.4, 0.45, 0.52, 0.6, 0.61, 0.7, 0.72, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.99];
const y = [0, 0, 1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1];

test('apparent calibration curve and Brier as R', () => {
  const c = apparentCalibrationCurve(p, y);
  const at = [0, 9, 24, 49];
  assertClose(at.map((i) => c.predy[i]), [0.31, 0.41836734693877553, 0.59897959183673466, 0.9], 1e-15, 'predy');
  assertClose(at.map((i) => c.calibrated[i]), [0.33762705906093154, 0.39835751558131643, 0.63094222782630216, 0.88494294311511346], 1e-12, 'calibrated');
  assertClose(brier(p, y), 0.17253, 1e-14);
});

test('net benefit (> and >=), sNB, treat-all as R; interventions avoided from the formula', () => {
  const rows = decisionCurve(y, p, [0.1, 0.33, 0.5, 0.9]);
  assertClose(rows.map((r) => r.nb), [0.56111111111111112, 0.40149253731343282, 0.4, 0.2], 1e-13, 'nb');
  assertClose(rows.map((r) => r.nbGe), [0.56111111111111112, 0.45149253731343286, 0.4, 0.25], 1e-13, 'nb_ge');
  assertClose(rows.map((r) => r.snb), [0.93518518518518523, 0.6691542288557214, 0.66666666666666674, 0.33333333333333337], 1e-13, 'snb');
  assertClose(rows.map((r) => r.nbTreatAll), [0.55555555555555558, 0.40298507462686561, 0.19999999999999996, -3.0000000000000009], 1e-13, 'all');
  for (const r of rows) assertClose(r.interventionsAvoidedPer100, ((r.nb - r.nbTreatAll) * (1 - r.threshold) / r.threshold) * 100, 1e-12);
});

test('bad input: one-class outcome, missing prediction, threshold outside (0, 1), too few points', () => {
  assert.throws(() => decisionCurve([0, 0, 0], [0.1, 0.2, 0.3]), /single class \(0 events in 3\)/);
  assert.throws(() => decisionCurve([0, 1], [0.1, NaN]), /value 2 of 2 is missing/);
  assert.throws(() => decisionCurve(y, p, [1]), /threshold 1 must lie strictly between 0 and 1/);
  assert.throws(() => apparentCalibrationCurve(p.slice(0, 9), y.slice(0, 9)), /at least 10 are needed/);
  assert.throws(() => brier([0.2], [0.5]), /coded 0\/1/);
});
