/**
 * Table 3: every model's AUC (95% DeLong CI), accuracy, sensitivity and specificity in the
 * training and validation cohorts (the validation metrics at the training Youden cut-off),
 * and the paired DeLong comparisons of AUCs.
 */
import { formatP, withCi } from '../svg.js';
import type { DelongRow, Metrics, PerformanceRow } from '../types.js';
import { fx, htmlTable, type CellLike } from './html-table.js';

function metricCells(m: Metrics): CellLike[] {
  return [
    { text: withCi(m.auc, m.aucLower, m.aucUpper), className: 'num' },
    { text: fx(m.accuracy, 3), className: 'num' },
    { text: fx(m.sensitivity, 3), className: 'num' },
    { text: fx(m.specificity, 3), className: 'num' },
  ];
}

export function performanceTable(rows: readonly PerformanceRow[], caption = 'Table 3. Predictive performance of the models'): string {
  const sub = ['AUC (95% CI)', 'Accuracy', 'Sensitivity', 'Specificity'];
  const head: CellLike[][] = [
    [{ text: 'Model', rowspan: 2 }, { text: 'Features', rowspan: 2 }, { text: 'Training cohort', colspan: 4 }, { text: 'Validation cohort', colspan: 4 }],
    [...sub, ...sub],
  ];
  const body: CellLike[][] = rows.map((r) => [
    { text: r.best ? `${r.label} *` : r.label, className: r.best ? 'best' : '' },
    { text: r.nFeatures === null ? '–' : String(r.nFeatures), className: 'num' },
    ...metricCells(r.train),
    ...metricCells(r.validation),
  ]);
  return htmlTable({
    id: 'table-3',
    caption,
    head,
    body,
    notes: ['AUC with DeLong 95% CI. Accuracy, sensitivity and specificity at the training cohort\'s Youden cut-off, applied unchanged to the validation cohort. * the best radiomics model (largest validation AUC).'],
  });
}

export function delongTable(rows: readonly DelongRow[]): string {
  const head: CellLike[][] = [['Cohort', 'Comparison', 'AUC 1', 'AUC 2', 'Z', 'P']];
  const body: CellLike[][] = rows.map((r) => [
    r.set,
    `${r.first} vs ${r.second}`,
    { text: fx(r.auc1, 3), className: 'num' },
    { text: fx(r.auc2, 3), className: 'num' },
    { text: fx(r.z, 3), className: 'num' },
    { text: formatP(r.p), className: r.p < 0.05 ? 'num sig' : 'num' },
  ]);
  return htmlTable({ id: 'table-delong', caption: 'Paired DeLong tests of AUCs', head, body });
}
