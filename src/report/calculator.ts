/**
 * The report's risk calculator: one input per nomogram predictor; as values change, each
 * axis's points, the total points, the probability and the risk band are recomputed from the
 * model's numbers, and markers move on the nomogram. It is a small plain script reading the
 * model from an embedded JSON block, so the page works offline from file://.
 *
 * The probability is the logistic model's: p = 1 / (1 + exp(−(β₀ + Σ βⱼ xⱼ))); the points are
 * rms's: pointsⱼ = (βⱼ xⱼ − min_xbetaⱼ) · sc, total = Σ pointsⱼ (rms nomogram, see
 * src/stats/nomogram.ts).
 */
import { esc } from './svg.js';
import type { CalculatorModel } from './types.js';

/** The same computation as the page's script, for callers and tests. */
export function calculatorScore(model: CalculatorModel, x: Record<string, number>): { points: number[]; total: number; lp: number; probability: number; band: string } {
  let lp = model.intercept;
  let total = 0;
  const points = model.predictors.map((p) => {
    const v = x[p.name];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`calculator: value of '${p.name}' is missing`);
    lp += p.coefficient * v;
    const pt = (p.coefficient * v - p.minXbeta) * model.sc;
    total += pt;
    return pt;
  });
  const probability = 1 / (1 + Math.exp(-lp));
  return { points, total, lp, probability, band: bandOf(model, probability) };
}

function bandOf(model: CalculatorModel, p: number): string {
  let k = 0;
  while (k < model.bands.cutoffs.length && p >= model.bands.cutoffs[k]) k++;
  return model.bands.labels[k];
}

/** JSON safe inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The calculator's script: plain ES2017, no imports; reads #calculator-model. */
const SCRIPT = String.raw`(function () {
  'use strict';
  var model = JSON.parse(document.getElementById('calculator-model').textContent);
  var svg = document.querySelector('#calculator svg[data-figure="nomogram"]');
  var x0 = svg ? Number(svg.getAttribute('data-x0')) : 0;
  var x1 = svg ? Number(svg.getAttribute('data-x1')) : 0;
  function fmt(v, d) { return (Math.round(v * Math.pow(10, d)) / Math.pow(10, d)).toFixed(d); }
  function place(id, frac) {
    var m = document.getElementById(id);
    if (!m) return;
    var c = Math.max(0, Math.min(1, frac));
    var t = m.getAttribute('transform').replace(/translate\([^ ]+ /, 'translate(' + (x0 + c * (x1 - x0)).toFixed(2) + ' ');
    m.setAttribute('transform', t);
    m.setAttribute('visibility', 'visible');
    m.setAttribute('data-clamped', frac < 0 || frac > 1 ? 'true' : 'false');
  }
  function update() {
    var lp = model.intercept, total = 0, ok = true;
    model.predictors.forEach(function (p, j) {
      var el = document.getElementById('calc-in-' + j);
      var v = Number(el.value);
      var out = document.getElementById('calc-pts-' + j);
      if (el.value === '' || !isFinite(v)) { ok = false; out.textContent = '–'; el.setAttribute('aria-invalid', 'true'); return; }
      el.removeAttribute('aria-invalid');
      var pts = (p.coefficient * v - p.minXbeta) * model.sc;
      lp += p.coefficient * v;
      total += pts;
      out.textContent = fmt(pts, 1);
      out.setAttribute('data-points', String(pts));
      var warn = document.getElementById('calc-warn-' + j);
      warn.textContent = v < p.min || v > p.max ? 'outside the training range ' + p.min + '–' + p.max : '';
      place('nomogram-marker-' + j, pts / model.maxscale);
    });
    var res = document.getElementById('calc-result');
    if (!ok) { res.setAttribute('data-probability', ''); document.getElementById('calc-prob').textContent = '–'; return; }
    var p = 1 / (1 + Math.exp(-lp));
    var k = 0;
    while (k < model.bands.cutoffs.length && p >= model.bands.cutoffs[k]) k++;
    document.getElementById('calc-total').textContent = fmt(total, 1);
    document.getElementById('calc-prob').textContent = fmt(p, 3);
    document.getElementById('calc-band').textContent = model.bands.labels[k];
    document.getElementById('calc-band').className = 'band band-' + k;
    res.setAttribute('data-probability', String(p));
    res.setAttribute('data-total', String(total));
    res.setAttribute('data-lp', String(lp));
    place('nomogram-marker-total', total / model.totalMax);
    place('nomogram-marker-risk', total / model.totalMax);
  }
  model.predictors.forEach(function (p, j) {
    document.getElementById('calc-in-' + j).addEventListener('input', update);
    document.getElementById('calc-in-' + j).addEventListener('change', update);
  });
  update();
})();`;

function inputFor(p: CalculatorModel['predictors'][number], j: number): string {
  const id = `calc-in-${j}`;
  const control = p.choices
    ? `<select id="${id}" name="${esc(p.name)}">${p.choices.map((c, k) => `<option value="${c}"${c === p.value ? ' selected' : ''}>${esc(p.choiceLabels?.[k] ?? String(c))}</option>`).join('')}</select>`
    : `<input id="${id}" name="${esc(p.name)}" type="number" step="${p.step}" value="${p.value}" inputmode="decimal">`;
  return (
    `<div class="calc-row"><label for="${id}">${esc(p.label)}</label>${control}` +
    `<span class="calc-points"><span id="calc-pts-${j}">–</span> points</span><span class="calc-warn" id="calc-warn-${j}"></span></div>`
  );
}

/**
 * The calculator section: inputs, results and the interactive nomogram SVG (from
 * nomogramFigure(..., { interactive: true })).
 */
export function calculatorSection(model: CalculatorModel, interactiveNomogram: string): string {
  return (
    `<section id="calculator"><h2>Risk calculator</h2>` +
    `<p>Enter a patient's values: each predictor's points, the total points and the predicted probability of ${esc(model.outcomeLabel)} follow the nomogram model. Computed in this page; nothing is sent anywhere. A research model: not for clinical decisions without external validation.</p>` +
    `<form class="calc-form" onsubmit="return false">${model.predictors.map(inputFor).join('')}</form>` +
    `<div id="calc-result" class="calc-result" data-probability=""><div>Total points <strong id="calc-total">–</strong></div>` +
    `<div>Probability of ${esc(model.outcomeLabel)} <strong id="calc-prob">–</strong></div><div>Risk band <strong id="calc-band" class="band">–</strong></div></div>` +
    `<p class="note">${esc(model.bands.note)}</p>` +
    `<div class="figure-box">${interactiveNomogram}</div>` +
    `<script type="application/json" id="calculator-model">${scriptJson(model)}</script>` +
    `<script>${SCRIPT}</script></section>`
  );
}
