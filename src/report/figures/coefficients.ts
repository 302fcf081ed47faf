/**
 * Figure 2: the selected features of the radiomics model with their coefficients in the
 * multivariable logistic regression (the features on the x-axis, the coefficients on the
 * y-axis, as in the paper), positive bars in one colour and negative in another.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { extent } from 'd3-array';
import { el, esc, leftAxis, line, n2, PALETTE, svgDocument } from '../svg.js';
import type { CoefficientsInput } from '../types.js';

/** The coefficients bar chart as an SVG document. */
export function coefficientsFigure(input: CoefficientsInput): string {
  const f = input.features;
  if (!f.length) throw new RangeError('coefficients figure: the model has no features');
  const longest = Math.max(...f.map((b) => b.name.length));
  // rotated labels: a name of k characters needs about 5.8·k·sin 45° pixels below the axis
  const bottom = Math.min(360, 24 + longest * 5.8 * Math.SQRT1_2);
  const width = Math.max(520, 160 + 56 * f.length);
  const height = 380 + bottom;
  const m = { top: 40, left: Math.max(80, f[0].name.length * 5.8 * Math.SQRT1_2 - 10), right: 30 };
  const x = scaleBand<number>().domain(f.map((_, i) => i)).range([m.left, width - m.right]).padding(0.3);
  const [cMin, cMax] = extent(f, (b) => b.coefficient) as [number, number];
  const lo = Math.min(0, cMin);
  const hi = Math.max(0, cMax);
  const y = scaleLinear().domain([lo, hi]).nice(6).range([height - bottom, m.top]);
  const body: string[] = [];
  body.push(el('text', { x: m.left, y: 22, 'font-size': 14 }, esc(input.title)));
  body.push(leftAxis(y, { ticks: y.ticks(6), format: (v) => String(Number(v.toFixed(6))), at: m.left, label: 'Coefficient' }));
  body.push(line(m.left, y(0), width - m.right, y(0), { stroke: '#000' }));
  const bars = f.map((b, i) => {
    const y0 = y(Math.max(0, b.coefficient));
    const h = Math.abs(y(b.coefficient) - y(0));
    return el('rect', {
      x: x(i)!, y: y0, width: x.bandwidth(), height: h,
      fill: b.coefficient >= 0 ? PALETTE[1] : PALETTE[0], class: 'bar', 'data-name': b.name, 'data-coefficient': String(b.coefficient),
    }, el('title', {}, esc(`${b.name}: ${b.coefficient.toPrecision(4)}`)));
  });
  body.push(el('g', { class: 'bars' }, bars));
  const labels = f.map((b, i) => {
    const cx = x(i)! + x.bandwidth() / 2;
    const ty = height - bottom + 10;
    return el('text', { x: cx, y: ty, 'font-size': 10, 'text-anchor': 'end', transform: `rotate(-45 ${n2(cx)} ${n2(ty)})` }, esc(b.name));
  });
  body.push(el('g', { class: 'feature-labels' }, labels));
  return svgDocument({ kind: 'coefficients', title: input.title, width, height }, body.join(''));
}
