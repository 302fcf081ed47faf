/** A plain HTML table from header rows and body rows of cells (already formatted text). */
import { esc } from '../svg.js';

export interface Cell {
  text: string;
  colspan?: number;
  rowspan?: number;
  className?: string;
}

export type CellLike = Cell | string;

export interface TableSpec {
  id: string;
  caption: string;
  head: CellLike[][];
  body: CellLike[][];
  notes?: string[];
}

function cell(tag: 'td' | 'th', c: CellLike): string {
  const o = typeof c === 'string' ? { text: c } : c;
  const a = `${o.colspan ? ` colspan="${o.colspan}"` : ''}${o.rowspan ? ` rowspan="${o.rowspan}"` : ''}${o.className ? ` class="${esc(o.className)}"` : ''}`;
  return `<${tag}${a}>${esc(o.text)}</${tag}>`;
}

export function htmlTable(t: TableSpec): string {
  const head = t.head.map((r) => `<tr>${r.map((c) => cell('th', c)).join('')}</tr>`).join('');
  const body = t.body.map((r) => `<tr>${r.map((c) => cell('td', c)).join('')}</tr>`).join('');
  const notes = t.notes?.length ? `<div class="table-notes">${t.notes.map((n) => `<p>${esc(n)}</p>`).join('')}</div>` : '';
  return `<figure class="table" id="${esc(t.id)}"><figcaption>${esc(t.caption)}</figcaption><table><thead>${head}</thead><tbody>${body}</tbody></table>${notes}</figure>`;
}

/** Fixed decimals; "–" for a missing value. */
export function fx(v: number | null | undefined, digits: number): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);
}
