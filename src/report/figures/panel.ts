/**
 * Panel geometry shared by the multi-panel figures (training and validation side by side, as
 * the paper's Figures 4–6 show them as A and B).
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { el, text } from '../svg.js';

export interface PanelBox {
  /** the panel's left edge in the figure */
  left: number;
  top: number;
  /** the plot area in figure coordinates */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface PanelLayout {
  width: number;
  height: number;
  panels: PanelBox[];
}

export interface PanelMargins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** n panels of panelWidth × panelHeight in one row. */
export function panelRow(n: number, panelWidth: number, panelHeight: number, m: PanelMargins): PanelLayout {
  const panels: PanelBox[] = [];
  for (let i = 0; i < n; i++) {
    const left = i * panelWidth;
    panels.push({ left, top: 0, x0: left + m.left, x1: left + panelWidth - m.right, y0: m.top, y1: panelHeight - m.bottom });
  }
  return { width: n * panelWidth, height: panelHeight, panels };
}

/** x and y scales of a panel for data domains [x0, x1] and [y0, y1]. */
export function panelScales(p: PanelBox, xDomain: [number, number], yDomain: [number, number]): { x: ScaleLinear<number, number>; y: ScaleLinear<number, number> } {
  return {
    x: scaleLinear().domain(xDomain).range([p.x0, p.x1]),
    y: scaleLinear().domain(yDomain).range([p.y1, p.y0]),
  };
}

/** The panel letter and title above the plot area ("A  Training cohort"). */
export function panelTitle(p: PanelBox, index: number, title: string): string {
  return el('g', { class: 'panel-title' }, [
    text(p.left + 8, p.y0 - 14, String.fromCharCode(65 + index), { 'font-size': 16, 'font-weight': 'bold' }),
    text(p.left + 28, p.y0 - 14, title, { 'font-size': 13 }),
  ]);
}

/** A clip path for a panel's plot area; returns [defs, clip-path attribute value]. */
export function panelClip(id: string, p: PanelBox): [string, string] {
  return [el('clipPath', { id }, el('rect', { x: p.x0, y: p.y0, width: p.x1 - p.x0, height: p.y1 - p.y0 })), `url(#${id})`];
}
