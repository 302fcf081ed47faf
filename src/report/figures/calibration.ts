/**
 * Figure 5: calibration curves as rms's plot.calibrate draws them: the observed proportion
 * against the predicted probability, "Apparent" (lowess of the outcome on the predictions),
 * "Bias-corrected" (bootstrap optimism subtracted, training only) and the "Ideal" diagonal,
 * with the predictions as a rug, the mean absolute error and the Hosmer-Lemeshow test.
 */
import { fmt1, bottomAxis, el, pEquals, legend, leftAxis, line, pathThrough, PALETTE, svgDocument, text, type LegendEntry } from '../svg.js';
import type { CalibrationPanel } from '../types.js';
import { panelClip, panelRow, panelScales, panelTitle } from './panel.js';

const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

/** "Hosmer-Lemeshow χ² = 4.52 (df 8), P = 0.807" or a note when χ² is undefined (an empty bin). */
export function hosmerLemeshowLabel(hl: { chisq: number | null; df: number; p: number | null }): string {
  if (hl.chisq === null || !Number.isFinite(hl.chisq)) return 'Hosmer-Lemeshow: not defined (an empty group)';
  return `Hosmer-Lemeshow χ² = ${hl.chisq.toFixed(2)} (df ${hl.df}), P ${pEquals(hl.p)}`;
}

/** The calibration figure as an SVG document, one panel per cohort. */
export function calibrationFigure(panels: readonly CalibrationPanel[], title = 'Calibration curves'): string {
  const layout = panelRow(panels.length, 470, 490, { top: 40, right: 20, bottom: 80, left: 65 });
  const body: string[] = [];
  panels.forEach((panel, i) => {
    const p = layout.panels[i];
    const { x, y } = panelScales(p, [0, 1], [0, 1]);
    const [clip, clipRef] = panelClip(`cal-clip-${i}`, p);
    body.push(el('defs', {}, clip));
    body.push(panelTitle(p, i, panel.title));
    body.push(bottomAxis(x, { ticks: TICKS, format: fmt1, at: p.y1, label: 'Predicted probability' }));
    body.push(leftAxis(y, { ticks: TICKS, format: fmt1, at: p.x0, label: 'Actual probability' }));
    const ideal: LegendEntry = { label: 'Ideal', color: '#888', dash: '4 4', width: 1.2 };
    const entries: LegendEntry[] = [];
    const curves = [line(x(0), y(0), x(1), y(1), { stroke: ideal.color, 'stroke-dasharray': ideal.dash, class: 'ideal' })];
    const curve = (values: number[], cls: string, entry: LegendEntry): void => {
      if (values.length !== panel.predicted.length) throw new RangeError(`calibration figure, ${panel.title}: ${values.length} ${cls} values for ${panel.predicted.length} predictions`);
      const pts = panel.predicted.map((v, j) => [x(v), y(values[j])] as const).filter((q) => Number.isFinite(q[1]));
      curves.push(el('path', { d: pathThrough(pts), fill: 'none', stroke: entry.color, 'stroke-width': entry.width ?? 2, 'stroke-dasharray': entry.dash, class: `curve ${cls}` }));
      entries.push(entry);
    };
    curve(panel.apparent, 'apparent', { label: 'Apparent', color: PALETTE[1], dash: '2 3' });
    if (panel.biasCorrected) curve(panel.biasCorrected, 'bias-corrected', { label: `Bias-corrected${panel.bootstrapRepetitions ? ` (B = ${panel.bootstrapRepetitions})` : ''}`, color: PALETTE[0] });
    entries.push(ideal);
    if (panel.rug) {
      const ticks = panel.rug.map((v) => `M${x(v).toFixed(2)},${p.y0.toFixed(2)}v8`).join('');
      curves.push(el('path', { d: ticks, stroke: '#444', 'stroke-width': 0.6, class: 'rug' }));
    }
    body.push(el('g', { 'clip-path': clipRef }, curves));
    body.push(legend(p.x1 - 150, p.y1 - 16 * entries.length - 14, entries));
    const notes: string[] = [];
    if (panel.n !== undefined) notes.push(`n = ${panel.n}`);
    if (panel.meanAbsoluteError !== undefined) notes.push(`mean absolute error = ${panel.meanAbsoluteError.toFixed(3)}`);
    const noteLines = [notes.join(', '), panel.hosmerLemeshow ? hosmerLemeshowLabel(panel.hosmerLemeshow) : ''].filter((s) => s);
    noteLines.forEach((s, k) => body.push(text(p.x0, p.y1 + 56 + 14 * k, s, { 'font-size': 11, class: 'note' })));
  });
  return svgDocument({ kind: 'calibration', title, width: layout.width, height: layout.height }, body.join(''));
}
