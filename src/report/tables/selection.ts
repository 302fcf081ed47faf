/**
 * The inter-reader ICC summary per sequence (features kept at ICC ≥ threshold and their ICC
 * range, as the paper's section 3.3 reports them) and the selection funnel per radiomics model:
 * the features left after ICC, the test filter, Spearman redundancy, the random forest and LASSO.
 */
import type { FunnelRow, IccSummaryRow } from '../types.js';
import { fx, htmlTable, type CellLike } from './html-table.js';

export function iccTable(rows: readonly IccSummaryRow[]): string {
  const head: CellLike[][] = [['Sequence', 'Features extracted', 'ICC form', 'Kept (ICC ≥ threshold)', 'ICC range of kept features']];
  const body: CellLike[][] = rows.map((r) => [
    r.label,
    { text: String(r.extracted), className: 'num' },
    r.form,
    { text: `${r.kept} (≥ ${r.threshold})`, className: 'num' },
    { text: r.min === null || r.max === null ? '–' : `${fx(r.min, 3)}–${fx(r.max, 3)}`, className: 'num' },
  ]);
  const readers = rows[0]?.readers;
  return htmlTable({
    id: 'table-icc',
    caption: 'Inter-reader agreement of the features (ICC)',
    head,
    body,
    notes: [`ICC between two readers on ${readers ?? '–'} patients; features below the threshold are removed before selection.`],
  });
}

export function funnelTable(rows: readonly FunnelRow[]): string {
  const steps = rows[0]?.steps.map((s) => s.step) ?? [];
  const head: CellLike[][] = [['Model', ...steps]];
  const body: CellLike[][] = rows.map((r) => [r.label, ...steps.map((s) => ({ text: String(r.steps.find((x) => x.step === s)?.n ?? '–'), className: 'num' }))]);
  return htmlTable({ id: 'table-funnel', caption: 'Feature selection: features left after each step (training cohort)', head, body });
}
