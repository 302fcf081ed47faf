/**
 * Figure 3: the nomogram as rms's plot.nomogram draws it (rms 6.5, R/plot.nomogram.s):
 * - a "Points" axis 0..maxscale on top, labelled at pretty(0..maxscale, nint) above the line,
 *   with unlabelled half-length ticks at the quarter steps between labels;
 * - one axis per predictor, ticks at the points of its axis values and the values written
 *   below; a discrete predictor's labels alternate below and above (ordered by points), and
 *   labels that would overlap are dropped, as R's axis() drops them;
 * - "Total Points" on its own scale, max(total-points axis) spanning the same width as
 *   maxscale, minor ticks at fifths; "Linear Predictor" at (lp − β₀ − Σmin)·sc with minor
 *   ticks at halves; the risk axis at the fun.at probabilities' total points.
 * Row labels sit in a left column of xfrac = 0.35 of the width, as in rms.
 */
import { scaleLinear } from 'd3-scale';
import { pretty } from '../../stats/pretty.js';
import { el, esc, line, n2, svgDocument, text } from '../svg.js';
import type { NomogramInput } from '../types.js';

const ROW = 54;
const LABEL_W = 190;
const CHAR_W = 6.6;

/** Splits a label at spaces into lines of at most `width` characters (a longer word stays whole). */
export function wrapLabel(label: string, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const w of label.split(/\s+/)) {
    if (cur && (cur + ' ' + w).length > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines;
}

/** R's format() of one axis value: up to 7 significant digits, no trailing zeros. */
export function formatAxisValue(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(7)));
}

interface TickLabel {
  x: number;
  label: string;
}

/** Keeps labels left to right unless they would overlap the last kept one (R's axis()). */
export function dropOverlapping(labels: readonly TickLabel[], charWidth = CHAR_W, gap = 4): TickLabel[] {
  const sorted = [...labels].sort((a, b) => a.x - b.x);
  const kept: TickLabel[] = [];
  let right = -Infinity;
  for (const l of sorted) {
    const half = (l.label.length * charWidth) / 2;
    if (l.x - half >= right + gap) {
      kept.push(l);
      right = l.x + half;
    }
  }
  return kept;
}

export interface NomogramFigureOptions {
  /** add hidden markers (ids nomogram-marker-*) that the risk calculator moves */
  interactive?: boolean;
  width?: number;
}

/** The nomogram as an SVG document. */
export function nomogramFigure(input: NomogramInput, opts: NomogramFigureOptions = {}): string {
  const width = opts.width ?? 900;
  const x0 = LABEL_W;
  const x1 = width - 30;
  const rows = 1 + input.axes.length + 1 + (input.lpAxis ? 1 : 0) + 1;
  const top = 56;
  const height = top + (rows - 1) * ROW + 50;
  const px = scaleLinear().domain([0, input.maxscale]).range([x0, x1]);
  const totalMax = Math.max(...input.totalPointsAxis);
  if (!(totalMax > 0)) throw new RangeError('nomogram figure: the total-points axis is empty');
  // the total-points scale: totalMax spans the same width as maxscale (rms rescales par("usr"))
  const tx = scaleLinear().domain([0, totalMax]).range([x0, x1]);
  const body: string[] = [];
  body.push(text(12, 22, input.title, { 'font-size': 14 }));
  let y = top;
  // rms word-wraps row labels into the label column (strgraphwrap); so do we, at ~7.4 px a character
  const rowLabel = (label: string, yy: number): string => {
    const lines = wrapLabel(label, Math.floor((LABEL_W - 16) / 7.4));
    if (lines.length === 1) return text(12, yy + 4, label, { 'font-size': 13, class: 'row-label' });
    const top = yy + 4 - ((lines.length - 1) * 15) / 2;
    return el('text', { x: 12, y: top, 'font-size': 13, class: 'row-label' }, lines.map((l, k) => el('tspan', { x: 12, dy: k ? 15 : 0 }, esc(l))));
  };

  // Points axis (labels above)
  const pts = pretty([0, input.maxscale], { n: 10 });
  const dif = pts[1] - pts[0];
  const minor: number[] = [];
  for (let m = (pts[0] + pts[1]) / 2; m <= Math.max(...pts) + 1e-9; m += dif) minor.push(m - dif / 4, m, m + dif / 4);
  const pointsAxis = [rowLabel('Points', y), line(px(0), y, px(input.maxscale), y, { stroke: '#000' })];
  for (const v of pts) pointsAxis.push(line(px(v), y, px(v), y - 6, { stroke: '#000' }), text(px(v), y - 10, formatAxisValue(v), { 'text-anchor': 'middle', 'font-size': 11 }));
  for (const v of minor) if (v <= input.maxscale + 1e-9) pointsAxis.push(line(px(v), y, px(v), y - 3, { stroke: '#000' }));
  body.push(el('g', { class: 'nomogram-axis points-axis' }, pointsAxis));

  // one axis per predictor
  input.axes.forEach((a, j) => {
    y += ROW;
    if (a.values.length !== a.points.length) throw new RangeError(`nomogram figure, ${a.name}: ${a.values.length} values but ${a.points.length} points`);
    const xs = a.points.map((p) => px(p));
    const parts = [rowLabel(a.label, y), line(Math.min(...xs), y, Math.max(...xs), y, { stroke: '#000' })];
    for (const x of xs) parts.push(line(x, y, x, y + 6, { stroke: '#000' }));
    const labels = a.values.map((v, k) => ({ x: xs[k], label: a.valueLabels?.[k] ?? formatAxisValue(v) }));
    if (a.discrete && labels.length > 1) {
      const order = labels.map((_, k) => k).sort((p, q) => xs[p] - xs[q]);
      order.forEach((k, r) => {
        const below = r % 2 === 0;
        if (!below) parts.push(line(xs[k], y, xs[k], y - 6, { stroke: '#000' }));
        parts.push(text(xs[k], below ? y + 18 : y - 10, labels[k].label, { 'text-anchor': 'middle', 'font-size': 11 }));
      });
    } else {
      for (const l of dropOverlapping(labels)) parts.push(text(l.x, y + 18, l.label, { 'text-anchor': 'middle', 'font-size': 11 }));
    }
    if (opts.interactive) parts.push(marker(`nomogram-marker-${j}`, y));
    body.push(el('g', { class: 'nomogram-axis predictor-axis', 'data-name': a.name }, parts));
  });

  // Total Points
  y += ROW;
  const tp = input.totalPointsAxis;
  const tdif = tp[1] - tp[0];
  const total = [rowLabel('Total Points', y), line(tx(tp[0]), y, tx(totalMax), y, { stroke: '#000' })];
  for (const v of tp) total.push(line(tx(v), y, tx(v), y + 6, { stroke: '#000' }));
  for (const l of dropOverlapping(tp.map((v) => ({ x: tx(v), label: formatAxisValue(v) })))) total.push(text(l.x, y + 18, l.label, { 'text-anchor': 'middle', 'font-size': 11 }));
  for (let v = tp[0]; v <= totalMax + 1e-9; v += tdif / 5) total.push(line(tx(v), y, tx(v), y + 3, { stroke: '#000' }));
  if (opts.interactive) total.push(marker('nomogram-marker-total', y));
  body.push(el('g', { class: 'nomogram-axis total-points-axis' }, total));

  // Linear Predictor
  if (input.lpAxis) {
    y += ROW;
    const { lp, points } = input.lpAxis;
    const xs = points.map((p) => tx(p));
    const parts = [rowLabel('Linear Predictor', y), line(Math.min(...xs), y, Math.max(...xs), y, { stroke: '#000' })];
    for (const x of xs) parts.push(line(x, y, x, y + 6, { stroke: '#000' }));
    for (const l of dropOverlapping(lp.map((v, k) => ({ x: xs[k], label: formatAxisValue(v) })))) parts.push(text(l.x, y + 18, l.label, { 'text-anchor': 'middle', 'font-size': 11 }));
    if (lp.length > 1) {
      const half = (points[1] - points[0]) / 2;
      for (let k = 0; k < points.length - 1; k++) parts.push(line(tx(points[k] + half), y, tx(points[k] + half), y + 3, { stroke: '#000' }));
    }
    body.push(el('g', { class: 'nomogram-axis lp-axis' }, parts));
  }

  // the risk axis
  y += ROW;
  const { probability, points } = input.riskAxis;
  const rx = points.map((p) => tx(p));
  const risk = [rowLabel(input.riskLabel, y)];
  if (rx.length) risk.push(line(Math.min(...rx), y, Math.max(...rx), y, { stroke: '#000' }));
  for (const x of rx) risk.push(line(x, y, x, y + 6, { stroke: '#000' }));
  for (const l of dropOverlapping(probability.map((v, k) => ({ x: rx[k], label: formatAxisValue(v) })), CHAR_W, 2)) risk.push(text(l.x, y + 18, l.label, { 'text-anchor': 'middle', 'font-size': 11 }));
  if (opts.interactive) risk.push(marker('nomogram-marker-risk', y));
  body.push(el('g', { class: 'nomogram-axis risk-axis' }, risk));

  const doc = svgDocument({ kind: 'nomogram', title: input.title, width, height }, body.join(''));
  // the calculator maps points to pixels with these (points axis and total-points axis)
  return doc.replace('<svg ', `<svg data-x0="${n2(x0)}" data-x1="${n2(x1)}" data-maxscale="${input.maxscale}" data-total-max="${totalMax}" `);
}

function marker(id: string, y: number): string {
  return el('g', { id, class: 'nomogram-marker', visibility: 'hidden', transform: `translate(0 ${n2(y)})` }, [
    el('path', { d: 'M0,-9L-6,-18L6,-18Z', fill: '#D55E00' }),
    el('line', { x1: 0, y1: -9, x2: 0, y2: 0, stroke: '#D55E00', 'stroke-width': 2 }),
  ]);
}

