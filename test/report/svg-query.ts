/** Minimal queries over the report's SVG strings (the figures are flat, regular markup). */

export interface SvgElement {
  tag: string;
  attrs: Record<string, string>;
  /** text content for <text> elements */
  text?: string;
}

const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** Every element with the given tag, in document order. */
export function elements(svg: string, tag: string): SvgElement[] {
  const out: SvgElement[] = [];
  const re = new RegExp(`<${tag}((?:\\s+[\\w:-]+="[^"]*")*)\\s*(/>|>([^<]*))`, 'g');
  for (const m of svg.matchAll(re)) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]] = unescape(a[2]);
    out.push({ tag, attrs, text: m[3] !== undefined ? unescape(m[3]) : undefined });
  }
  return out;
}

export function byClass(svg: string, tag: string, cls: string): SvgElement[] {
  return elements(svg, tag).filter((e) => (e.attrs.class ?? '').split(/\s+/).includes(cls));
}

/** The vertices of an M/L path. */
export function pathPoints(d: string): [number, number][] {
  return [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** The contents of <g ... class="cls" ...> up to its matching </g>. */
export function group(svg: string, cls: string, nth = 0): string {
  let from = 0;
  let start = -1;
  for (let k = 0; k <= nth; k++) {
    const m = svg.slice(from).match(new RegExp(`<g[^>]*class="[^"]*\\b${cls}\\b[^"]*"[^>]*>`));
    if (!m || m.index === undefined) throw new Error(`no group .${cls} #${k}`);
    start = from + m.index + m[0].length;
    from = start;
  }
  let depth = 1;
  const re = /<g[\s>]|<\/g>/g;
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(svg))) {
    depth += m[0] === '</g>' ? -1 : 1;
    if (depth === 0) return svg.slice(start, m.index);
  }
  throw new Error(`unclosed group .${cls}`);
}
