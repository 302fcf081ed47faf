import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv, numericColumn, stringColumn } from '../../src/stats/csv.js';
import { buildDesign } from '../../src/stats/design.js';
import { fitLogistic, summarizeLogistic, SeparationError } from '../../src/stats/logistic.js';
import { profileConfint } from '../../src/stats/profile-ci.js';
import { termWaldTests } from '../../src/stats/wald.js';
import { vif } from '../../src/stats/vif.js';
import { detectSeparation } from '../../src/stats/separation.js';
import { fitFirth } from '../../src/stats/firth.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'fixtures', 'stats');
const edge = JSON.parse(readFileSync(join(fixtures, 'out', 'edge_cases.json'), 'utf8'));

function rel(a: number, e: number): number {
  return Math.abs(a - e) / Math.abs(e);
}

test('small logistic fit: coefficients, SE, Wald and profile limits as R glm + MASS confint', () => {
  const e = edge.logistic_small;
  const fit = fitLogistic(buildDesign([{ name: 'gx', values: e.x }]), e.y);
  const s = summarizeLogistic(fit);
  const prof = profileConfint(fit);
  s.coefficients.forEach((c, j) => {
    const r = e.result.coefficients[j];
    assert.ok(rel(c.estimate, r.estimate) < 1e-7, `${c.term} estimate`);
    assert.ok(rel(c.se, r.se) < 1e-7, `${c.term} se`);
    assert.ok(rel(c.orWaldLower, r.or_wald_lower) < 1e-7);
    assert.ok(rel(Math.exp(prof.lower[j]), r.or_profile_lower) < 1e-5, `${c.term} profile lower`);
    assert.ok(rel(Math.exp(prof.upper[j]), r.or_profile_upper) < 1e-5, `${c.term} profile upper`);
  });
  assert.equal(s.iterations, e.result.iterations);
  assert.ok(rel(s.deviance, e.result.deviance) < 1e-9);
  assert.ok(rel(s.r2Nagelkerke, e.result.r2_nagelkerke) < 1e-9);
});

test('factor with reference level: GVIF and multi-df Wald test as car::vif / wald_block (R 4.2.2, car 3.1-1)', () => {
  const t = parseCsv(readFileSync(join(fixtures, 'data', 'cohort_A.csv'), 'utf8'), 'cohort_A.csv');
  const split = stringColumn(t, 'split');
  const rows = split.map((s, i) => (s === 'train' ? i : -1)).filter((i) => i >= 0);
  const pick = (c: string) => Float64Array.from(rows, (i) => numericColumn(t, c)[i]);
  const et = stringColumn(t, 'etiology');
  const d = buildDesign([
    { name: 'etiology', values: rows.map((i) => String(et[i])), levels: ['HBV', 'HCV', 'other'] },
    { name: 'alb', values: pick('alb') },
    { name: 'tumor_number', values: pick('tumor_number') },
  ]);
  assert.deepEqual(d.columnNames, ['(Intercept)', 'etiologyHCV', 'etiologyother', 'alb', 'tumor_number']);
  const fit = fitLogistic(d, pick('er'));
  // R: coef(glm(er ~ etiology + alb + tumor_number, binomial, epsilon = 1e-14))
  const rCoef = [4.0555128794033, -0.253296929219857, 2.31745783136256, -0.161193244360854, 1.37677245788165];
  rCoef.forEach((b, j) => assert.ok(rel(fit.coefficients[j], b) < 1e-7, d.columnNames[j]));
  const v = vif(fit);
  // R: car::vif → GVIF, Df, GVIF^(1/(2*Df))
  assert.equal(v[0].df, 2);
  assert.ok(rel(v[0].gvif, 1.02545326350217) < 1e-9);
  assert.ok(rel(v[0].gvifAdjusted, 1.0063034645236) < 1e-9);
  assert.ok(rel(v[1].gvif, 1.012000685311) < 1e-9);
  assert.ok(rel(v[2].gvif, 1.01845422363789) < 1e-9);
  const w = termWaldTests(fit);
  assert.equal(w.etiology.df, 2);
  assert.ok(w.etiology.p > 0 && w.etiology.p < 1);
});

test('missing value: clear error naming the variable and the row', () => {
  assert.throws(
    () => buildDesign([{ name: 'alb', values: [40, NaN, 38] }], { rowLabels: ['P001', 'P002', 'P003'] }),
    /variable 'alb', row 2 \(P002\): value is missing/,
  );
  assert.throws(() => buildDesign([{ name: 'sex', values: ['F', '', 'M'], levels: ['F', 'M'] }]), /factor 'sex', row 2: value \(missing\)/);
});

test('one-class outcome, constant feature, too few rows: clear errors', () => {
  const d = buildDesign([{ name: 'x', values: [1, 2, 3, 4] }]);
  assert.throws(() => fitLogistic(d, [1, 1, 1, 1]), /all 4 rows are 1; a logistic model needs both outcome classes/);
  assert.throws(() => fitLogistic(buildDesign([{ name: 'c', values: [5, 5, 5, 5] }]), [0, 1, 0, 1]), /'c' is a linear combination.*'c' is constant/);
  const small = buildDesign([
    { name: 'a', values: [1, 2] },
    { name: 'b', values: [3, 1] },
  ]);
  assert.throws(() => fitLogistic(small, [0, 1]), /needs more than 3 rows; it has 2/);
  assert.throws(() => fitLogistic(d, [0, 1, 2, 1]), /row 3: value 2 is not 0 or 1/);
});

test('perfect separation is detected and reported (never huge coefficients), Firth offered and finite', () => {
  const x = [1, 2, 3, 4, 5, 6, 7, 8];
  const y = [0, 0, 0, 0, 1, 1, 1, 1];
  const d = buildDesign([{ name: 'x', values: x }]);
  // R's glm (default epsilon) reports converged = TRUE with slope 45.8: silent; radnomo refuses
  assert.throws(
    () => fitLogistic(d, y),
    (e: unknown) => e instanceof SeparationError && /completely separated by 'x'/.test(e.message) && /Firth/.test(e.message),
  );
  const sep = detectSeparation(d, y);
  assert.equal(sep.kind, 'complete');
  assert.equal(sep.separatedRows.length, 8);
  const report = fitLogistic(d, y, { onSeparation: 'report' });
  assert.ok(report.separation?.separated);
  // quasi-complete: one tied row at the boundary
  const q = detectSeparation(buildDesign([{ name: 'x', values: [1, 2, 3, 4, 4, 5, 6] }]), [0, 0, 0, 0, 1, 1, 1]);
  assert.equal(q.kind, 'quasi');
  // not separated
  assert.equal(detectSeparation(buildDesign([{ name: 'x', values: [1, 2, 3, 4, 5, 6] }]), [0, 1, 0, 1, 0, 1]).separated, false);
  const f = fitFirth(d, y);
  assert.ok(f.converged);
  assert.ok(Number.isFinite(f.coefficients[1]) && f.coefficients[1] > 0 && f.coefficients[1] < 10);
  assert.ok(f.lower[1] < f.coefficients[1] && f.coefficients[1] < f.upper[1]);
});

test('Firth on a 2×2 table equals the Haldane-corrected log odds ratio (Firth 1993)', () => {
  // cells: x=0: 3 events of 10; x=1: 10 events of 10 (separated cell)
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < 10; i++) {
    x.push(0);
    y.push(i < 3 ? 1 : 0);
  }
  for (let i = 0; i < 10; i++) {
    x.push(1);
    y.push(1);
  }
  const f = fitFirth(buildDesign([{ name: 'x', values: x }]), y);
  const a = 10.5 / 0.5; // odds with x = 1, (events + ½)/(non-events + ½)
  const b = 3.5 / 7.5;
  assert.ok(Math.abs(f.coefficients[0] - Math.log(b)) < 1e-8);
  assert.ok(Math.abs(f.coefficients[1] - Math.log(a / b)) < 1e-8);
  assert.ok(f.p[1] < 0.05);
});
