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
import { calibrateBootstrap } from '../../src/stats/calibrate.js';
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
