/**
 * Figure 6: decision curves (Vickers & Elkin 2006) per cohort: the net benefit of each model
 * against the threshold probability, with treat-all (grey) and treat-none (black, zero), a
 * second axis of the cost:benefit ratio pt:(1 − pt) as DecisionCurve/rmda draw it, and below,
 * the net interventions avoided per 100 patients, (NB − NB_treat-all) / (pt/(1 − pt)) · 100
 * (Vickers et al. 2008, BMC Med Inform Decis Mak 8:53).
 */
import { scaleLinear } from 'd3-scale';
import { max } from 'd3-array';
import { fmt1, fmtInt, bottomAxis, el, legend, leftAxis, line, pathThrough, PALETTE, svgDocument, text, type LegendEntry } from '../svg.js';
import type { DcaPanel } from '../types.js';
import { panelClip, panelTitle, type PanelBox } from './panel.js';

const X_TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The cost:benefit ratio of a threshold given in percent: 20 -> "1:4". */
export function costBenefitLabel(percent: number): string {
  const g = gcd(percent, 100 - percent);
  return `${percent / g}:${(100 - percent) / g}`;
}

/** Net interventions avoided per 100 patients at each threshold (NaN where pt/(1 − pt) = 0). */
export function interventionsAvoided(netBenefit: readonly number[], treatAll: readonly number[], thresholds: readonly number[]): number[] {
  return thresholds.map((pt, k) => ((netBenefit[k] - treatAll[k]) / (pt / (1 - pt))) * 100);
}

function niceCeil(v: number, step: number): number {
  return Math.ceil(v / step - 1e-9) * step;
}

/** The decision-curve figure as an SVG document, one column per cohort. */
export function dcaFigure(panels: readonly DcaPanel[], title = 'Decision curves'): string {
  const W = 470;
  const H = 680;
  const m = { left: 65, right: 20 };
  const body: string[] = [];
  panels.forEach((panel, i) => {
    const left = i * W;
    const nb: PanelBox = { left, top: 0, x0: left + m.left, x1: left + W - m.right, y0: 40, y1: 350 };
    const ia: PanelBox = { left, top: 0, x0: nb.x0, x1: nb.x1, y0: 470, y1: 620 };
    const n = panel.thresholds.length;
    for (const c of [...panel.models, { label: 'treat all', netBenefit: panel.treatAll }]) {
      if (c.netBenefit.length !== n) throw new RangeError(`decision curve figure, ${panel.title}, ${c.label}: ${c.netBenefit.length} values for ${n} thresholds`);
    }
    const x = scaleLinear().domain([0, 1]).range([nb.x0, nb.x1]);
    const top = niceCeil(Math.max(panel.prevalence, max(panel.models.flatMap((c) => c.netBenefit.filter(Number.isFinite))) ?? 0) + 0.02, 0.1);
    const y = scaleLinear().domain([-0.05, top]).range([nb.y1, nb.y0]);
    const yTicks = y.ticks(6);
    const [clipA, refA] = panelClip(`dca-clip-${i}`, nb);
    const [clipB, refB] = panelClip(`dca-ia-clip-${i}`, ia);
    body.push(el('defs', {}, [clipA, clipB]));
    body.push(panelTitle(nb, i, panel.title));
    body.push(bottomAxis(x, { ticks: X_TICKS, format: fmt1, at: nb.y1, label: 'Threshold probability' }));
    // cost:benefit ratio as a second row of labels under the threshold axis
    const ratios = [40, 60, 80].map((pc) => text(x(pc / 100), nb.y1 + 50, costBenefitLabel(pc), { 'text-anchor': 'middle', 'font-size': 10, fill: '#555' }));
    body.push(el('g', { class: 'cost-benefit' }, [text(nb.x0 + 2, nb.y1 + 50, 'Cost:Benefit', { 'text-anchor': 'start', 'font-size': 10, fill: '#555' }), ...ratios]));
    body.push(leftAxis(y, { ticks: yTicks, format: fmt1, at: nb.x0, label: 'Net benefit' }));
    const curves: string[] = [];
    const entries: LegendEntry[] = [];
    const pts = (vals: readonly number[], sy: (v: number) => number) =>
      panel.thresholds.map((t, k) => [x(t), sy(vals[k])] as const).filter((q) => Number.isFinite(q[1]));
    panel.models.forEach((c, k) => {
      const color = PALETTE[k % PALETTE.length];
      curves.push(el('path', { d: pathThrough(pts(c.netBenefit, y)), fill: 'none', stroke: color, 'stroke-width': 2, class: 'curve nb-model' }));
      entries.push({ label: c.label, color });
    });
    curves.push(el('path', { d: pathThrough(pts(panel.treatAll, y)), fill: 'none', stroke: '#999', 'stroke-width': 1.5, class: 'curve nb-treat-all' }));
    curves.push(line(x(0), y(0), x(1), y(0), { stroke: '#000', 'stroke-width': 1.5, class: 'nb-treat-none' }));
    entries.push({ label: 'Treat all', color: '#999', width: 1.5 }, { label: 'Treat none', color: '#000', width: 1.5 });
    body.push(el('g', { 'clip-path': refA }, curves));
    body.push(legend(nb.x1 - 170, nb.y0 + 6, entries));

    // net interventions avoided per 100 patients
    const avoided = panel.models.map((c) => interventionsAvoided(c.netBenefit, panel.treatAll, panel.thresholds));
    const yi = scaleLinear().domain([-20, 100]).range([ia.y1, ia.y0]);
    body.push(bottomAxis(x, { ticks: X_TICKS, format: fmt1, at: ia.y1, label: 'Threshold probability' }));
    body.push(leftAxis(yi, { ticks: [0, 25, 50, 75, 100], format: fmtInt, at: ia.x0 }));
    body.push(text(ia.x0 - 50, ia.y0 - 12, 'Net interventions avoided per 100 patients', { 'font-size': 12 }));
    const iaCurves = avoided.map((vals, k) =>
      el('path', { d: pathThrough(pts(vals, yi)), fill: 'none', stroke: PALETTE[k % PALETTE.length], 'stroke-width': 2, class: 'curve interventions-avoided' }),
    );
    iaCurves.push(line(x(0), yi(0), x(1), yi(0), { stroke: '#000', 'stroke-width': 0.8 }));
    body.push(el('g', { 'clip-path': refB }, iaCurves));
  });
  return svgDocument({ kind: 'dca', title, width: W * panels.length, height: H }, body.join(''));
}
