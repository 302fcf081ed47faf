/**
 * The figure renderers on R's reference outputs (multiseq_A, cohort_A): every curve is drawn
 * through R's points, legends carry R's AUC and CI, the nomogram's ticks sit at rms's points,
 * and the same input gives the same bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rocFigure } from '../../src/report/figures/roc.js';
import { calibrationFigure, hosmerLemeshowLabel } from '../../src/report/figures/calibration.js';
import { costBenefitLabel, dcaFigure, interventionsAvoided } from '../../src/report/figures/dca.js';
import { dropOverlapping, formatAxisValue, nomogramFigure } from '../../src/report/figures/nomogram.js';
import { coefficientsFigure } from '../../src/report/figures/coefficients.js';
import { decisionCurve } from '../../src/stats/dca.js';
import { byClass, elements, group, pathPoints } from './svg-query.js';
import * as R from './r-fixtures.js';

const MODELS: [string, string][] = [['p_nomogram', 'Nomogram'], ['p_clinical', 'Clinical'], ['p_mp', 'Radiomics (mpMRI)']];

function csv(path: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = head.split(',').map((c) => c.replace(/"/g, ''));
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v.replace(/"/g, '')])));
}

test('ROC figure: one path per model and panel through every pROC point, legends with R AUC and DeLong CI', () => {
  const panels = R.rocPanelsFromR('multiseq_A', MODELS);
  const svg = rocFigure(panels);
  const paths = byClass(svg, 'path', 'roc-curve');
  assert.equal(paths.length, 6);
  const roc = R.readOut('multiseq_A', 'roc.json');
  paths.forEach((p, k) => {
    const set = k < 3 ? 'train' : 'validation';
    const key = MODELS[k % 3][0];
    const pts = pathPoints(p.attrs.d);
    assert.equal(pts.length, roc[set][key].curve.threshold.length);
    assert.equal(Number(p.attrs['data-auc']), Number(roc[set][key].auc.toFixed(6)));
    // from (0,0) at the plot's bottom-left to (1,1) at its top-right, never going down
    const left = k < 3 ? 65 : 470 + 65;
    assert.deepEqual(pts[0], [left, 410]);
    assert.deepEqual(pts[pts.length - 1], [left + 385, 40]);
    for (let j = 1; j < pts.length; j++) assert.ok(pts[j][0] >= pts[j - 1][0] && pts[j][1] <= pts[j - 1][1]);
  });
  const labels = elements(group(svg, 'legend', 0), 'text').map((t) => t.text);
  const nom = roc.train.p_nomogram;
  assert.equal(labels[0], `Nomogram, AUC ${nom.auc.toFixed(3)} (${nom.auc_ci_delong.lower.toFixed(3)}–${nom.auc_ci_delong.upper.toFixed(3)})`);
  assert.equal(labels[0], 'Nomogram, AUC 0.969 (0.929–1.000)');
  assert.equal(rocFigure(panels), svg, 'deterministic');
});

test('calibration figure: apparent and bias-corrected curves from rms calibrate, Hosmer-Lemeshow from R', () => {
  const panels = R.calibrationPanelsFromR('multiseq_A', 'p_nomogram');
  const svg = calibrationFigure(panels);
  assert.equal(byClass(svg, 'path', 'apparent').length, 2);
  assert.equal(byClass(svg, 'path', 'bias-corrected').length, 1);
  assert.equal(byClass(svg, 'line', 'ideal').length, 2);
  const ap = pathPoints(byClass(svg, 'path', 'apparent')[0].attrs.d);
  assert.equal(ap.length, 50);
  // predy → x, calibrated.orig → y in a 385 × 370 plot area at (65, 40)
  const cal = R.readOut('multiseq_A', 'calibration.json');
  const row = cal.train_bootstrap.p_nomogram.table[10];
  assert.ok(Math.abs(ap[10][0] - (65 + 385 * row.predy)) <= 0.005);
  assert.ok(Math.abs(ap[10][1] - (410 - 370 * row['calibrated.orig'])) <= 0.005);
  const hl = cal.hosmer_lemeshow.train.p_nomogram;
  const notes = byClass(svg, 'text', 'note').map((t) => t.text);
  assert.ok(notes.includes(hosmerLemeshowLabel(hl)));
  assert.equal(hosmerLemeshowLabel({ chisq: 5.3649, df: 8, p: 0.7178 }), 'Hosmer-Lemeshow χ² = 5.36 (df 8), P = 0.718');
  assert.equal(hosmerLemeshowLabel({ chisq: 28.93, df: 8, p: 0.0003 }), 'Hosmer-Lemeshow χ² = 28.93 (df 8), P < 0.001');
  assert.equal(hosmerLemeshowLabel({ chisq: null, df: 8, p: null }), 'Hosmer-Lemeshow: not defined (an empty group)');
});

test('decision curves: model, treat-all and treat-none per panel; interventions avoided agree with src/stats/dca on the predictions', () => {
  const panels = R.dcaPanelsFromR('multiseq_A', MODELS);
  const svg = dcaFigure(panels);
  assert.equal(byClass(svg, 'path', 'nb-model').length, 6);
  assert.equal(byClass(svg, 'path', 'nb-treat-all').length, 2);
  assert.equal(byClass(svg, 'line', 'nb-treat-none').length, 2);
  assert.equal(byClass(svg, 'path', 'interventions-avoided').length, 6);
  assert.equal(costBenefitLabel(20), '1:4');
  assert.equal(costBenefitLabel(40), '2:3');
  assert.equal(costBenefitLabel(80), '4:1');
  // our net interventions avoided from R's net benefit = the stats engine's from the predictions
  const rows = csv(join(R.STATS_OUT, 'multiseq_A', 'predictions.csv')).filter((r) => r.split === 'validation');
  const y = rows.map((r) => Number(r.er));
  const p = rows.map((r) => Number(r.p_nomogram));
  const ours = decisionCurve(y, p);
  const v = panels[1];
  const avoided = interventionsAvoided(v.models[0].netBenefit, v.treatAll, v.thresholds);
  ours.forEach((r, k) => assert.ok(Math.abs(r.interventionsAvoidedPer100 - avoided[k]) <= 1e-9 * Math.max(1, Math.abs(avoided[k])), `pt ${r.threshold}`));
});

test('nomogram: ticks at rms points, total points and risk axes on their own scale, discrete labels alternate', () => {
  const input = R.nomogramFromR('multiseq_A', { radscore: 'Rad-score', alb: 'Albumin (g/L)', tumor_number: 'Tumour number' }, ['tumor_number']);
  const svg = nomogramFigure(input);
  const x0 = 190;
  const x1 = 870;
  const px = (pt: number): number => x0 + ((x1 - x0) * pt) / 100;
  const axes = byClass(svg, 'g', 'predictor-axis');
  assert.equal(axes.length, 3);
  const alb = group(svg, 'predictor-axis', 1);
  const albTicks = elements(alb, 'line').slice(1);
  assert.equal(albTicks.length, 12);
  input.axes[1].points.forEach((pt, k) => assert.ok(Math.abs(Number(albTicks[k].attrs.x1) - px(pt)) <= 0.005));
  // 12 labels of 2 characters fit: all kept, values as R formats them
  assert.deepEqual(elements(alb, 'text').slice(1).map((t) => t.text), ['48', '46', '44', '42', '40', '38', '36', '34', '32', '30', '28', '26']);
  // tumour number: 1 and 3 below the line, 2 above
  const tn = elements(group(svg, 'predictor-axis', 2), 'text').slice(1);
  const lineY = Number(elements(group(svg, 'predictor-axis', 2), 'line')[0].attrs.y1);
  assert.deepEqual(tn.map((t) => [t.text, Number(t.attrs.y) > lineY]), [['1', true], ['2', false], ['3', true]]);
  // the total-points axis spans the same width; the risk axis at R's total points
  const nom = R.readOut('multiseq_A', 'nomogram.json').default;
  const tmax = Math.max(...nom.total_points_axis);
  const risk = elements(group(svg, 'risk-axis'), 'line').slice(1);
  nom.risk_axis.points.forEach((pt: number, k: number) => assert.ok(Math.abs(Number(risk[k].attrs.x1) - (x0 + ((x1 - x0) * pt) / tmax)) <= 0.005));
  const total = elements(group(svg, 'total-points-axis'), 'line');
  assert.equal(Number(total[0].attrs.x2), x1);
  assert.equal(nomogramFigure(input), svg, 'deterministic');
});

test('nomogram helpers: R-like value format and overlap dropping', () => {
  assert.equal(formatAxisValue(0.05), '0.05');
  assert.equal(formatAxisValue(-12), '-12');
  assert.equal(formatAxisValue(0.1 + 0.2), '0.3');
  const kept = dropOverlapping([{ x: 0, label: '0.05' }, { x: 10, label: '0.1' }, { x: 40, label: '0.2' }]);
  assert.deepEqual(kept.map((k) => k.label), ['0.05', '0.2']);
});

test('coefficients figure: one bar per selected feature, sign and height from the glm coefficients', () => {
  const input = R.coefficientsFromR('multiseq_A', 'mp');
  const svg = coefficientsFigure(input);
  const bars = byClass(svg, 'rect', 'bar');
  assert.equal(bars.length, input.features.length);
  const models = R.readOut('multiseq_A', 'models.json');
  const coefs = models.radiomics.mp.coefficients.filter((c: { term: string }) => c.term !== '(Intercept)');
  bars.forEach((b, k) => {
    assert.equal(b.attrs['data-name'], coefs[k].term);
    assert.equal(Number(b.attrs['data-coefficient']), coefs[k].estimate);
    assert.equal(b.attrs.fill, coefs[k].estimate >= 0 ? '#D55E00' : '#0072B2');
  });
  // heights proportional to |coefficient|
  const h = bars.map((b) => Number(b.attrs.height));
  const k = bars.findIndex((_, i) => Math.abs(coefs[i].estimate) > 1);
  const j = bars.findIndex((_, i) => i !== k && Math.abs(coefs[i].estimate) > 1);
  assert.ok(Math.abs(h[k] / h[j] - Math.abs(coefs[k].estimate / coefs[j].estimate)) < 0.01);
  assert.throws(() => coefficientsFigure({ title: 'x', features: [] }), /no features/);
});

test('nomogram: a two-level categorical predictor shows its level names, alternating below and above', () => {
  const input = R.nomogramFromR('multiseq_A', { radscore: 'Rad-score', alb: 'Albumin (g/L)', tumor_number: 'Tumour number' }, []);
  input.axes.push({ name: 'cirrhosis', label: 'Cirrhosis', values: [0, 1], points: [0, 20], discrete: true, valueLabels: ['no', 'yes'] });
  const svg = nomogramFigure(input);
  const g = group(svg, 'predictor-axis', 3);
  const lineY = Number(elements(g, 'line')[0].attrs.y1);
  const texts = elements(g, 'text').slice(1);
  assert.deepEqual(texts.map((t) => [t.text, Number(t.attrs.y) > lineY]), [['no', true], ['yes', false]]);
  assert.ok(Math.abs(Number(texts[1].attrs.x) - (190 + 680 * 0.2)) < 0.005);
});

test('nomogram: long row labels wrap into the label column', async () => {
  const { wrapLabel } = await import('../../src/report/figures/nomogram.js');
  assert.deepEqual(wrapLabel('Rad-score (mp (T1WI + T2WI + AP + PVP + DP))', 23), ['Rad-score (mp (T1WI +', 'T2WI + AP + PVP + DP))']);
  assert.deepEqual(wrapLabel('Albumin (g/L)', 23), ['Albumin (g/L)']);
  const input = R.nomogramFromR('multiseq_A', { radscore: 'Rad-score of the mpMRI model with five sequences', alb: 'Albumin (g/L)', tumor_number: 'Tumour number' }, []);
  const svg = nomogramFigure(input);
  assert.equal(elements(group(svg, 'predictor-axis', 0), 'tspan').length, 3);
});
