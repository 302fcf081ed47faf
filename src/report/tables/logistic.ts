/**
 * Table 2: univariable and multivariable logistic regression of the clinical variables on the
 * outcome in the training cohort: odds ratio (95% CI) and Wald P per term.
 */
import { formatP } from '../svg.js';
import type { OddsRatioRow, Table2Input } from '../types.js';
import { htmlTable, type CellLike } from './html-table.js';

/** "0.913 (0.846–0.985)". */
export function orCell(r: OddsRatioRow): string {
  const f = (v: number): string => (!Number.isFinite(v) ? '∞' : v >= 1000 ? v.toExponential(2) : v.toFixed(3));
  return `${f(r.or)} (${f(r.lower)}–${f(r.upper)})`;
}

export function logisticTable(input: Table2Input): string {
  const multi = new Map(input.multivariable.map((r) => [r.term, r]));
  const head: CellLike[][] = [
    [{ text: 'Variable', rowspan: 2 }, { text: 'Univariable', colspan: 2 }, { text: 'Multivariable', colspan: 2 }],
    ['OR (95% CI)', 'P', 'OR (95% CI)', 'P'],
  ];
  const body: CellLike[][] = input.univariable.map((r) => {
    const m = multi.get(r.term);
    return [
      r.label,
      { text: orCell(r), className: 'num' },
      { text: formatP(r.p), className: r.p < 0.05 ? 'num sig' : 'num' },
      { text: m ? orCell(m) : '', className: 'num' },
      { text: m ? formatP(m.p) : '', className: m && m.p < 0.05 ? 'num sig' : 'num' },
    ];
  });
  return htmlTable({
    id: 'table-2',
    caption: 'Table 2. Univariable and multivariable logistic regression for the outcome (training cohort)',
    head,
    body,
    notes: [`n = ${input.n}, ${input.events} events. OR, odds ratio; CI by ${input.ciKind}; P by the Wald test.`],
  });
}
