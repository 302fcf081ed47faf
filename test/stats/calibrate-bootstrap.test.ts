/**
 * rms calibrate(method = "boot", B = 200) on the multi-sequence cohort (multiseq_A), where some
 * bootstrap refits fail: the requested B, the successful refits and the per-predy counts, draw
 * for draw with R, and the stats-parity comparison of those counts.
 *
 * R's counts (R 4.2.2, rms 6.5-0; not in the harness JSON, which keeps attr(cal, "B") = 200 as
 * n_boot_ok), from out/multiseq_A/predictions.csv and data/multiseq_A_clinical.csv:
 *   tr <- training rows; tr$radscore <- tr$radscore_mp
 *   fit <- lrm(er ~ radscore (+ alb + tumor_number), data = tr, x = TRUE, y = TRUE)
 *   set.seed(20240611); cal <- calibrate(fit, method = "boot", B = 200)
 *   cal[, "n"]  # and the message "Divergence or singularity in k samples"
 * clinical (er ~ alb + tumor_number): no message; radscore: 5 samples; nomogram: 27 samples.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv, numericColumn, stringColumn } from '../../src/stats/csv.js';
import { buildDesign, type Term } from '../../src/stats/design.js';
import { fitLogistic } from '../../src/stats/logistic.js';
import { calibrateBootstrap, calibrationError } from '../../src/stats/calibrate.js';
import { lrmFit } from '../../src/stats/lrm-fit.js';
import { createRng } from '../../src/stats/random.js';
import { Recorder } from '../stats-parity/compare.js';
import { compareResampleCounts } from '../stats-parity/checks/calibration-bootstrap.js';

const here = dirname(fileURLToPath(import.meta.url));
const fx = join(here, '..', 'fixtures', 'stats');
const pred = parseCsv(readFileSync(join(fx, 'out', 'multiseq_A', 'predictions.csv'), 'utf8'), 'predictions.csv');
const clin = parseCsv(readFileSync(join(fx, 'data', 'multiseq_A_clinical.csv'), 'utf8'), 'multiseq_A_clinical.csv');
const calJson = JSON.parse(readFileSync(join(fx, 'out', 'multiseq_A', 'calibration.json'), 'utf8')).train_bootstrap;

const predId = stringColumn(pred, 'id');
const ids = stringColumn(clin, 'id');
const train = ids.map((_, i) => i).filter((i) => stringColumn(clin, 'split')[i] === 'train');
const radscoreMp = numericColumn(pred, 'radscore_mp');
const radscore: Term = { name: 'radscore', values: Float64Array.from(train, (i) => radscoreMp[predId.indexOf(ids[i])]) };
const alb: Term = { name: 'alb', values: Float64Array.from(train, (i) => numericColumn(clin, 'alb')[i]) };
const tn: Term = { name: 'tumor_number', values: Float64Array.from(train, (i) => numericColumn(clin, 'tumor_number')[i]) };
const y = Float64Array.from(train, (i) => numericColumn(clin, 'er')[i]);

const fill = (v: number, k: number): number[] => Array(k).fill(v);
const MODELS = [
  {
    key: 'p_clinical',
    terms: [alb, tn],
    ok: 200,
    n: [148, 164, 176, 182, 185, 194, 196, 199, 199, 199, ...fill(200, 34), 199, 198, 197, 196, 191, 178],
  },
  { key: 'p_mp', terms: [radscore], ok: 195, n: [172, 194, ...fill(195, 47), 171] },
  { key: 'p_nomogram', terms: [radscore, alb, tn], ok: 173, n: [164, ...fill(173, 48), 143] },
];

function calibrateModel(terms: Term[]) {
  const d = buildDesign(terms);
  const fit = fitLogistic(d, y, { epsilon: 1e-14, maxit: 100 });
  return calibrateBootstrap(Float64Array.from(d.x.subarray(d.n, d.n * d.p)), d.p - 1, y, fit.linearPredictor, { B: 200, seed: 20240611 });
}

const results = MODELS.map((m) => calibrateModel(m.terms));

test('rms calibrate on multiseq_A: 200 requested, 200 / 195 / 173 successful refits and per-predy counts as R, corrected column draw for draw', () => {
  MODELS.forEach((m, k) => {
    const c = results[k];
    assert.equal(c.B, 200, `${m.key} requested`);
    assert.equal(c.nBootOk, m.ok, `${m.key} successful refits`);
    assert.deepEqual(Array.from(c.n), m.n, `${m.key} per-predy counts`);
    const t = calJson[m.key].table;
    t.forEach((r: any, g: number) => {
      assert.ok(Math.abs(c.calibratedOrig[g] - r['calibrated.orig']) < 1e-12, `${m.key} orig ${g}`);
      // the JSON has 15 significant digits; measured ≤ 1e-14
      assert.ok(Math.abs(c.calibratedCorrected[g] - r['calibrated.corrected']) < 1e-12, `${m.key} corrected ${g}: ${c.calibratedCorrected[g]} vs ${r['calibrated.corrected']}`);
    });
  });
});

test("stats parity: the requested B is compared with the harness's n_boot_ok, the successful refits are reported beside it", () => {
  const mp = results[1];
  const rec = new Recorder('calibrate counts');
  const line = compareResampleCounts(rec, 'p_mp', mp, calJson.p_mp.n_boot_ok);
  assert.equal(calJson.p_mp.n_boot_ok, 200);
  assert.equal(rec.failed, 0, rec.failures.join('\n'));
  assert.equal(rec.passed, 2);
  assert.match(line, /p_mp: 195 of 200 bootstrap refits succeeded \(per predy 171\.\.195\)/);
  // a different requested B, or a successful count above B, is a failure
  const bad = new Recorder('calibrate counts');
  compareResampleCounts(bad, 'p_mp', { ...mp, B: 195 }, 200);
  compareResampleCounts(bad, 'p_mp', { ...mp, nBootOk: 201 }, 200);
  assert.equal(bad.failed, 2);
});

test('the bootstrap loop gives bit for bit what its definition gives (refit with lrm.fit, lowess + approx on each sample)', () => {
  // the definition, from the public pieces: predab.resample's resamples, lrm.fit, calibrationError
  for (const [k, m] of MODELS.entries()) {
    const d = buildDesign(m.terms);
    const x = Float64Array.from(d.x.subarray(d.n, d.n * d.p));
    const kk = d.p - 1;
    const n = y.length;
    const lp = fitLogistic(d, y, { epsilon: 1e-14, maxit: 100 }).linearPredictor;
    const got = k === 1 ? results[1] : calibrateBootstrap(x, kk, y, lp, { B: 40, seed: 7 });
    const B = k === 1 ? 200 : 40;
    const rng = createRng(k === 1 ? 20240611 : 7);
    const trainSum = new Float64Array(50);
    const testSum = new Float64Array(50);
    const num = new Int32Array(50);
    let ok = 0;
    for (let b = 0; b < B; b++) {
      const rows = rng.sample(n, n, true);
      const xb = new Float64Array(n * kk);
      for (let j = 0; j < kk; j++) for (let i = 0; i < n; i++) xb[j * n + i] = x[j * n + rows[i]];
      const yb = Float64Array.from(rows, (r) => y[r]);
      if (yb.every((v) => v === yb[0])) continue;
      const f = lrmFit(xb, kk, yb);
      if (f.fail) continue;
      ok++;
      const lpAll = Float64Array.from({ length: n }, (_, i) => {
        let s = f.coefficients[0];
        for (let j = 0; j < kk; j++) s += f.coefficients[j + 1] * x[j * n + i];
        return s;
      });
      const tr = calibrationError(Float64Array.from(rows, (r) => lpAll[r]), yb, got.predy);
      const te = calibrationError(lpAll, y, got.predy);
      for (let g = 0; g < 50; g++) {
        if (Number.isNaN(tr[g]) || Number.isNaN(te[g])) continue;
        trainSum[g] += tr[g];
        testSum[g] += te[g];
        num[g]++;
      }
    }
    assert.equal(got.nBootOk, ok);
    assert.deepEqual(Array.from(got.n), Array.from(num));
    const optimism = Float64Array.from(trainSum, (s, g) => s / num[g] - testSum[g] / num[g]);
    assert.deepEqual(Array.from(got.optimism), Array.from(optimism), `${m.key}: optimism bit for bit`);
  }
});

test('lrm.fit without its statistics (calibrate refits) gives the same coefficients and fail flag', () => {
  const d = buildDesign([radscore, alb, tn]);
  const x = Float64Array.from(d.x.subarray(d.n, d.n * d.p));
  const rng = createRng(11);
  for (let b = 0; b < 30; b++) {
    const rows = rng.sample(y.length, y.length, true);
    const xb = new Float64Array(x.length);
    for (let j = 0; j < 3; j++) for (let i = 0; i < y.length; i++) xb[j * y.length + i] = x[j * y.length + rows[i]];
    const yb = Float64Array.from(rows, (r) => y[r]);
    const full = lrmFit(xb, 3, yb);
    const bare = lrmFit(xb, 3, yb, { stats: false });
    assert.deepEqual(Array.from(bare.coefficients), Array.from(full.coefficients));
    assert.equal(bare.fail, full.fail);
    assert.deepEqual(bare.deviance, full.deviance);
    assert.equal(bare.linearPredictor.length, 0);
    assert.ok(Number.isNaN(bare.stats.C) && Number.isNaN(bare.stats.p));
  }
});

test('calibrate: a missing predictor value or an outcome that is not 0/1 is an error naming it', () => {
  const d = buildDesign([alb, tn]);
  const x = Float64Array.from(d.x.subarray(d.n, d.n * d.p));
  const lp = fitLogistic(d, y, { epsilon: 1e-14, maxit: 100 }).linearPredictor;
  const bad = Float64Array.from(x);
  bad[5] = NaN;
  assert.throws(() => calibrateBootstrap(bad, 2, y, lp, { B: 2, seed: 1 }), /calibrate, predictor matrix: value 6 of 126 is missing/);
  const y2 = Float64Array.from(y);
  y2[3] = 2;
  assert.throws(() => calibrateBootstrap(x, 2, y2, lp, { B: 2, seed: 1 }), /calibrate, outcome: value 4 is 2; the outcome must be coded 0\/1/);
});
