/**
 * The page and its parts on R's reference outputs: tables print R's numbers as the paper does,
 * the calculator's own computation equals the logistic formula and rms's points, the checklist
 * counts the run's RQS points, and the page is self-contained (no external reference).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderReport } from '../../src/report/html.js';
import { calculatorScore, scriptJson } from '../../src/report/calculator.js';
import { rqsItems } from '../../src/report/checklist.js';
import { continuousCell, countCell } from '../../src/report/tables/baseline.js';
import { orCell } from '../../src/report/tables/logistic.js';
import { reportDataFromR } from './r-report-data.js';
import * as R from './r-fixtures.js';

const data = reportDataFromR();
const { html, figures } = renderReport(data);

function rowOf(tableId: string, firstCell: string): string[] {
  const table = html.slice(html.indexOf(`id="${tableId}"`));
  const body = table.slice(0, table.indexOf('</table>'));
  for (const tr of body.split('<tr>').slice(1)) {
    const cells = [...tr.matchAll(/<t[dh][^>]*>([^<]*)<\/t[dh]>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    if (cells[0]?.trim() === firstCell) return cells;
  }
  throw new Error(`no row '${firstCell}' in ${tableId}`);
}

test('Table 1: R baseline statistics, mean ± SD for t-tested, median (Q1, Q3) otherwise, the reported P', () => {
  const b = R.readOut('cohort_A', 'baseline.json');
  const alb = b.er_all.continuous.alb;
  assert.equal(alb.reported.test, 't_student');
  const row = rowOf('table-1', 'Albumin (g/L)');
  assert.equal(row[1], `${alb.summary['1'].mean.toFixed(1)} ± ${alb.summary['1'].sd.toFixed(1)}`);
  assert.equal(row[3], `${alb.reported.p.toFixed(3)}a`);
  const afp = b.er_all.continuous.afp;
  assert.equal(afp.reported.test, 'mann_whitney_r_default');
  const arow = rowOf('table-1', 'AFP (ng/mL)');
  assert.equal(arow[1], continuousCell({ n: 0, mean: 0, sd: 0, median: afp.summary['1'].median, q1: afp.summary['1'].q1_type7, q3: afp.summary['1'].q3_type7 }, 'mann_whitney', 1));
  assert.ok(arow[3].endsWith('b'));
  const m = rowOf('table-1', 'M');
  assert.equal(m[1], countCell(b.er_all.categorical.sex.counts.M['1'], b.er_all.categorical.sex.col_percent.M['1']));
  assert.equal(countCell(31, 81.5789473684211), '31 (81.6%)');
  assert.equal(continuousCell({ n: 38, mean: 38.9763, sd: 4.4031, median: 39.65, q1: 35.725, q3: 41.4 }, 't', 1), '39.0 ± 4.4');
});

test('Table 2: univariable and multivariable OR (profile CI) and P from R glm', () => {
  const lc = R.readOut('cohort_A', 'logistic_clinical.json');
  const alb = lc.univariate.alb.coefficients[1];
  const malb = lc.multivariate_p05.coefficients.find((c: { term: string }) => c.term === 'alb');
  const row = rowOf('table-2', 'alb');
  assert.equal(row[1], `${alb.or.toFixed(3)} (${alb.or_profile_lower.toFixed(3)}–${alb.or_profile_upper.toFixed(3)})`);
  assert.equal(row[3], `${malb.or.toFixed(3)} (${malb.or_profile_lower.toFixed(3)}–${malb.or_profile_upper.toFixed(3)})`);
  assert.equal(row[4], malb.p.toFixed(3));
  assert.equal(orCell({ term: 'x', label: 'x', or: 4.889, lower: 1.418, upper: 16.885, p: 0.01 }), '4.889 (1.418–16.885)');
  assert.equal(rowOf('table-2', 'sexM')[3], '', 'not in the multivariable model');
});

test('Table 3, funnel and ICC: R table3.json AUC (DeLong CI) and metrics at the training cut-off', () => {
  const t3 = R.readOut('multiseq_A', 'table3.json');
  const ap = t3.rows.find((r: { model: string }) => r.model === 'ap');
  const row = rowOf('table-3', 'AP');
  assert.equal(row[1], String(ap.n_features));
  assert.equal(row[2], `${ap.train.auc.toFixed(3)} (${ap.train.auc_lower.toFixed(3)}–${ap.train.auc_upper.toFixed(3)})`);
  const v = ap.validation.at_training_cutoff;
  assert.deepEqual(row.slice(7), [v.accuracy.toFixed(3), v.sensitivity.toFixed(3), v.specificity.toFixed(3)]);
  assert.equal(rowOf('table-3', 'mpMRI *')[0], 'mpMRI *', 'the best model is marked');
  const sel = R.readOut('multiseq_A', 'selection.json');
  assert.deepEqual(rowOf('table-funnel', 'mpMRI').slice(1).map(Number), Object.values(sel.models.mp.counts));
  const t1 = rowOf('table-icc', 'T1WI');
  const kept = Object.values(sel.features as Record<string, { sequence: string; icc2: number }>).filter((f) => f.sequence === 't1' && f.icc2 >= 0.75);
  assert.equal(t1[3], `${kept.length} (≥ 0.75)`);
});

test('calculator: probability = plogis(β₀ + Σβx), points = rms points of nomogram.json', () => {
  const m = data.calculator;
  const s = calculatorScore(m, { radscore: 1.16, alb: 50.9, tumor_number: 1 });
  const nom = R.readOut('multiseq_A', 'nomogram.json');
  const c = nom.coefficients;
  const lp = c.Intercept + c.radscore * 1.16 + c.alb * 50.9 + c.tumor_number * 1;
  assert.ok(Math.abs(s.lp - lp) < 1e-12);
  assert.ok(Math.abs(s.probability - 1 / (1 + Math.exp(-lp))) < 1e-15);
  // total points → probability through rms's scale: lp = total/sc + intercept_plus_sum_min
  const d = nom.default;
  assert.ok(Math.abs(s.total / d.sc + d.intercept_plus_sum_min - lp) < 1e-12);
  // a point of R's points table: alb = 26 gives its listed points
  const alb = calculatorScore(m, { radscore: -12, alb: 26, tumor_number: 1 });
  assert.ok(Math.abs(alb.points[1] - d.axes.alb.points[0]) < 1e-9);
  assert.ok(Math.abs(alb.points[0] - 0) < 1e-9);
  assert.equal(s.band, s.probability >= m.bands.cutoffs[0] ? 'High risk' : 'Low risk');
  assert.throws(() => calculatorScore(m, { radscore: 1 }), /alb/);
  assert.equal(scriptJson({ a: '</script>' }), '{"a":"\\u003c/script>"}');
});

test('checklist: RQS points from the run', () => {
  const items = rqsItems(data.checklist);
  assert.equal(items.length, 16);
  // 2nd reader 1 + reduction 3 + clinical 1 + cut-off 1 + discrimination 2 + calibration 2 + split validation 2 + DCA 2
  assert.equal(items.reduce((s, i) => s + (i.points ?? 0), 0), 14);
  assert.match(html, /id="rqs-score">14</);
});

test('the page is self-contained: no external URL, script or stylesheet; figures inline and as files', () => {
  assert.doesNotMatch(html, /\b(src|href)="(https?:)?\/\//);
  assert.doesNotMatch(html, /<link[^>]+stylesheet/);
  assert.doesNotMatch(html, /<script[^>]+src=/);
  assert.doesNotMatch(html, /url\((?!#)/);
  assert.deepEqual(Object.keys(figures), ['figure2-coefficients', 'figure3-nomogram', 'figure4-roc', 'figure5-calibration', 'figure6-dca']);
  for (const svg of Object.values(figures)) assert.ok(html.includes(svg));
  assert.equal(renderReport(reportDataFromR()).html, html, 'deterministic');
});

test('calculator: a categorical predictor is a list of its level names with 0/1 values', async () => {
  const { calculatorSection } = await import('../../src/report/calculator.js');
  const m = structuredClone(data.calculator);
  m.predictors.push({ name: 'cirrhosis', label: 'Cirrhosis', coefficient: 0.7, minXbeta: 0, min: 0, max: 1, step: 1, value: 0, choices: [0, 1], choiceLabels: ['no', 'yes'] });
  const html2 = calculatorSection(m, '<svg></svg>');
  assert.match(html2, /<select id="calc-in-3" name="cirrhosis"><option value="0" selected>no<\/option><option value="1">yes<\/option><\/select>/);
  const a = calculatorScore(m, { radscore: 0, alb: 40, tumor_number: 1, cirrhosis: 1 });
  const b = calculatorScore(m, { radscore: 0, alb: 40, tumor_number: 1, cirrhosis: 0 });
  assert.ok(Math.abs(a.lp - b.lp - 0.7) < 1e-12);
});
