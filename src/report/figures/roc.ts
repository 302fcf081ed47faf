/**
 * Figure 4: ROC curves of the models in the training and validation cohorts, each labelled with
 * its AUC and DeLong 95% CI (pROC's plot: sensitivity against 1 − specificity, chance diagonal).
 */
import { fmt1, bottomAxis, el, legend, withCi, leftAxis, line, pathThrough, PALETTE, svgDocument } from '../svg.js';
import type { RocPanel } from '../types.js';
import { panelClip, panelRow, panelScales, panelTitle } from './panel.js';

const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

/** The legend text of one curve: "Nomogram, AUC 0.869 (0.781–0.957)". */
export function rocLegendLabel(label: string, auc: number, lo: number, hi: number): string {
  return `${label}, AUC ${withCi(auc, lo, hi)}`;
}

/** The ROC figure as an SVG document, one panel per cohort. */
export function rocFigure(panels: readonly RocPanel[], title = 'ROC curves'): string {
  const layout = panelRow(panels.length, 470, 470, { top: 40, right: 20, bottom: 60, left: 65 });
  const body: string[] = [];
  panels.forEach((panel, i) => {
    const p = layout.panels[i];
    const { x, y } = panelScales(p, [0, 1], [0, 1]);
    const [clip, clipRef] = panelClip(`roc-clip-${i}`, p);
    body.push(el('defs', {}, clip));
    body.push(panelTitle(p, i, panel.title));
    body.push(bottomAxis(x, { ticks: TICKS, format: fmt1, at: p.y1, label: '1 − Specificity' }));
    body.push(leftAxis(y, { ticks: TICKS, format: fmt1, at: p.x0, label: 'Sensitivity' }));
    body.push(line(x(0), y(0), x(1), y(1), { stroke: '#888', 'stroke-dasharray': '4 4', class: 'chance' }));
    const curves = panel.series.map((s, k) => {
      if (s.fpr.length !== s.tpr.length) throw new RangeError(`ROC figure, ${s.label}: ${s.fpr.length} x values but ${s.tpr.length} y values`);
      // pROC lists thresholds ascending (sensitivity falling); draw from (0,0) to (1,1)
      const order = s.fpr.map((_, j) => j).sort((a, b) => s.fpr[a] - s.fpr[b] || s.tpr[a] - s.tpr[b]);
      const pts = order.map((j) => [x(s.fpr[j]), y(s.tpr[j])] as const);
      return el('path', { d: pathThrough(pts), fill: 'none', stroke: PALETTE[k % PALETTE.length], 'stroke-width': 2, class: 'curve roc-curve', 'data-auc': s.auc.toFixed(6) });
    });
    body.push(el('g', { 'clip-path': clipRef }, curves));
    const entries = panel.series.map((s, k) => ({ label: rocLegendLabel(s.label, s.auc, s.aucLower, s.aucUpper), color: PALETTE[k % PALETTE.length] }));
    body.push(legend(p.x1 - 300, p.y1 - 16 * entries.length - 14, entries));
  });
  return svgDocument({ kind: 'roc', title, width: layout.width, height: layout.height }, body.join(''));
}
