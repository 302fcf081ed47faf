/**
 * Small SVG-string builders shared by the figures: escaping, fixed-precision coordinates (so the
 * same inputs give byte-identical files), axes drawn from a d3 scale, legends and the document
 * wrapper. Figures are plain strings so that they can be inlined in the report, written as .svg
 * files and rasterised to PNG without a DOM.
 */
import type { ScaleLinear } from 'd3-scale';
import { line as d3line } from 'd3-shape';
import { format } from 'd3-format';

/** Escapes text for XML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A coordinate with two decimals and no trailing zeros (−0 written as 0). */
export function n2(x: number): string {
  const r = Math.round(x * 100) / 100;
  return String(r === 0 ? 0 : r);
}

export type Attrs = Record<string, string | number | undefined>;

function attrString(attrs: Attrs): string {
  let s = '';
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    s += ` ${k}="${typeof v === 'number' ? n2(v) : esc(v)}"`;
  }
  return s;
}

/** An element; numbers in attributes are written with two decimals. */
export function el(tag: string, attrs: Attrs, children?: string | string[]): string {
  const body = Array.isArray(children) ? children.join('') : children;
  return body === undefined || body === '' ? `<${tag}${attrString(attrs)}/>` : `<${tag}${attrString(attrs)}>${body}</${tag}>`;
}

export function text(x: number, y: number, content: string, attrs: Attrs = {}): string {
  return el('text', { x, y, ...attrs }, esc(content));
}

export function line(x1: number, y1: number, x2: number, y2: number, attrs: Attrs = {}): string {
  return el('line', { x1, y1, x2, y2, ...attrs });
}

const polyline = d3line<readonly [number, number]>()
  .x((p) => p[0])
  .y((p) => p[1])
  .digits(2);

/** A polyline path through points (d3-shape's linear curve), coordinates with two decimals. */
export function pathThrough(points: ReadonlyArray<readonly [number, number]>): string {
  return points.length ? polyline(points as [number, number][]) ?? '' : '';
}

/** Tick-label formats (d3-format): "0.2", "0.05", "25". */
export const fmt1 = format('.1f');
export const fmtInt = format('d');

export const FONT = "'DejaVu Sans', Arial, Helvetica, sans-serif";

/** A colour-blind-safe palette (Okabe & Ito 2008), in legend order. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

export interface AxisOptions {
  ticks: number[];
  format: (v: number) => string;
  label?: string;
  /** where the axis line sits: y for a bottom axis, x for a left axis */
  at: number;
  tickSize?: number;
  className?: string;
}

/** A bottom axis (ticks down, labels below) over the scale's range. */
export function bottomAxis(scale: ScaleLinear<number, number>, o: AxisOptions): string {
  const [r0, r1] = scale.range();
  const t = o.tickSize ?? 5;
  const parts = [line(r0, o.at, r1, o.at, { stroke: '#000' })];
  for (const v of o.ticks) {
    const x = scale(v);
    parts.push(line(x, o.at, x, o.at + t, { stroke: '#000' }));
    parts.push(text(x, o.at + t + 12, o.format(v), { 'text-anchor': 'middle', 'font-size': 11 }));
  }
  if (o.label) parts.push(text((r0 + r1) / 2, o.at + t + 32, o.label, { 'text-anchor': 'middle', 'font-size': 13 }));
  return el('g', { class: o.className ?? 'axis axis-x' }, parts);
}

/** A left axis (ticks left, labels left, label rotated) over the scale's range. */
export function leftAxis(scale: ScaleLinear<number, number>, o: AxisOptions): string {
  const [r0, r1] = scale.range();
  const t = o.tickSize ?? 5;
  const parts = [line(o.at, r0, o.at, r1, { stroke: '#000' })];
  for (const v of o.ticks) {
    const y = scale(v);
    parts.push(line(o.at - t, y, o.at, y, { stroke: '#000' }));
    parts.push(text(o.at - t - 3, y + 4, o.format(v), { 'text-anchor': 'end', 'font-size': 11 }));
  }
  if (o.label) {
    const y = (r0 + r1) / 2;
    const x = o.at - 44;
    parts.push(text(x, y, o.label, { 'text-anchor': 'middle', 'font-size': 13, transform: `rotate(-90 ${n2(x)} ${n2(y)})` }));
  }
  return el('g', { class: o.className ?? 'axis axis-y' }, parts);
}

export interface LegendEntry {
  label: string;
  color: string;
  dash?: string;
  width?: number;
}

/** A legend box of line samples, top-left corner at (x, y). */
export function legend(x: number, y: number, entries: readonly LegendEntry[], fontSize = 11): string {
  const rowH = fontSize + 5;
  const longest = Math.max(...entries.map((e) => e.label.length));
  const w = 34 + longest * fontSize * 0.58;
  const parts = [el('rect', { x, y, width: w, height: entries.length * rowH + 6, fill: '#fff', 'fill-opacity': 0.85, stroke: '#999', 'stroke-width': 0.5 })];
  entries.forEach((e, i) => {
    const cy = y + 3 + rowH * i + rowH / 2;
    parts.push(line(x + 5, cy, x + 27, cy, { stroke: e.color, 'stroke-width': e.width ?? 2, 'stroke-dasharray': e.dash }));
    parts.push(text(x + 31, cy + fontSize / 2 - 1.5, e.label, { 'font-size': fontSize }));
  });
  return el('g', { class: 'legend' }, parts);
}

export interface SvgDocOptions {
  /** the figure kind, written as data-figure (the browser test looks for it) */
  kind: string;
  title: string;
  width: number;
  height: number;
}

/** A standalone SVG document (valid inline in HTML5 and as an .svg file). */
export function svgDocument(o: SvgDocOptions, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${o.width}" height="${o.height}" viewBox="0 0 ${o.width} ${o.height}" ` +
    `role="img" data-figure="${esc(o.kind)}" font-family="${esc(FONT)}">` +
    `<title>${esc(o.title)}</title><rect width="${o.width}" height="${o.height}" fill="#fff"/>${body}</svg>`
  );
}

/** "0.869 (0.781–0.957)": an estimate with its interval, three decimals. */
export function withCi(est: number, lo: number, hi: number, digits = 3): string {
  if (!Number.isFinite(est)) return '–';
  const ci = Number.isFinite(lo) && Number.isFinite(hi) ? ` (${lo.toFixed(digits)}–${hi.toFixed(digits)})` : ' (CI –)';
  return `${est.toFixed(digits)}${ci}`;
}

/** A P value as journals print it: three decimals, "<0.001" below. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '–';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** "= 0.807" or "< 0.001", to follow a "P". */
export function pEquals(p: number | null | undefined): string {
  const f = formatP(p);
  return f.startsWith('<') ? `< ${f.slice(1)}` : `= ${f}`;
}
