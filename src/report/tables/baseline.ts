/**
 * Table 1: baseline characteristics per group, as the paper and SPSS print them: a continuous
 * variable as mean ± SD when it was compared by Student's t (both groups normal by
 * Shapiro-Wilk), otherwise median (Q1, Q3) with the Mann-Whitney P; a categorical variable as
 * n (%) per level with the χ² (or Fisher) P. Comparisons sit side by side (ER vs non-ER,
 * training vs validation).
 */
import { formatP } from '../svg.js';
import type { BaselineCategorical, BaselineContinuous, GroupSummary, Table1Input } from '../types.js';
import { fx, htmlTable, type CellLike } from './html-table.js';

function decimals(s: GroupSummary): number {
  const m = Math.abs(s.median || s.mean);
  return m >= 100 ? 0 : m >= 10 ? 1 : 2;
}

/** "41.6 ± 4.0" or "39.7 (35.7, 41.4)". */
export function continuousCell(s: GroupSummary, test: BaselineContinuous['test'], digits = decimals(s)): string {
  return test === 't' ? `${fx(s.mean, digits)} ± ${fx(s.sd, digits)}` : `${fx(s.median, digits)} (${fx(s.q1, digits)}, ${fx(s.q3, digits)})`;
}

/** "31 (81.6%)". */
export function countCell(n: number, percent: number): string {
  return `${n} (${percent.toFixed(1)}%)`;
}

const TEST_MARK: Record<string, string> = { t: 'a', mann_whitney: 'b', chisq: 'c', fisher: 'd' };

export function baselineTable(input: Table1Input): string {
  const comps = input.comparisons;
  const head: CellLike[][] = [
    ['Characteristic', ...comps.flatMap((c) => [`${c.groupLabels[0]} (n = ${c.n[0]})`, `${c.groupLabels[1]} (n = ${c.n[1]})`, 'P'])],
  ];
  const body: CellLike[][] = [];
  for (const v of input.variables) {
    const rows = comps.map((c) => c.rows[v.name]);
    const first = rows.find((r) => r !== undefined);
    if (!first) continue;
    const label = v.unit ? `${v.label} (${v.unit})` : v.label;
    const pCell = (r: BaselineContinuous | BaselineCategorical | undefined): CellLike =>
      r ? { text: `${formatP(r.p)}${TEST_MARK[r.test] ?? ''}`, className: r.p < 0.05 ? 'num sig' : 'num' } : '–';
    if (first.kind === 'continuous') {
      const cells: CellLike[] = [label];
      for (const r of rows) {
        if (!r || r.kind !== 'continuous') cells.push('–', '–', '–');
        else {
          const d = decimals(r.summaries[0]);
          cells.push({ text: continuousCell(r.summaries[0], r.test, d), className: 'num' }, { text: continuousCell(r.summaries[1], r.test, d), className: 'num' }, pCell(r));
        }
      }
      body.push(cells);
    } else {
      body.push([{ text: label, className: 'group' }, ...rows.flatMap((r) => ['', '', pCell(r)])]);
      for (const lv of first.levels) {
        const cells: CellLike[] = [{ text: `  ${lv.level}`, className: 'level' }];
        for (const r of rows) {
          const l = r && r.kind === 'categorical' ? r.levels.find((x) => x.level === lv.level) : undefined;
          if (!l) cells.push('–', '–', '');
          else cells.push({ text: countCell(l.counts[0], l.percent[0]), className: 'num' }, { text: countCell(l.counts[1], l.percent[1]), className: 'num' }, '');
        }
        body.push(cells);
      }
    }
  }
  return htmlTable({
    id: 'table-1',
    caption: 'Table 1. Baseline characteristics',
    head,
    body,
    notes: [
      'Continuous variables: mean ± SD when both groups are normal by Shapiro-Wilk (P > 0.05) and compared by Student\'s t-test (a); otherwise median (Q1, Q3) and the Mann-Whitney U test (b). Categorical variables: n (%), Pearson χ² test without continuity correction (c) or Fisher\'s exact test (d).',
    ],
  });
}
