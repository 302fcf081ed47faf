/**
 * edge_cases.json, the inputs in the statistics-engine part: Mann-Whitney exact vs normal
 * approximation (no ties, ties, n ≥ 50), 2 × 2 and 2 × 3 chi-square / Fisher, Hosmer-Lemeshow
 * with tied predictions (collapsed breaks, empty bins), Spearman with ties, quantile types 7
 * and 6, Shapiro-Wilk (n = 11 and n = 63), pretty(n = 10), lowess(iter = 0) + approx, and the
 * small two-rater ICC. Every value is recomputed from the inputs stored next to it.
 * (roc_ties, roc_perfect and logistic_small are checked by the models' edge file.)
 */
import { TOL, list, type Recorder } from '../compare.js';
import type { ParityCheck } from '../context.js';
import { mannWhitney } from '../../../src/stats/mann-whitney.js';
import { chisqTest } from '../../../src/stats/chisq.js';
import { fisherExact } from '../../../src/stats/fisher.js';
import { hosmerLemeshow } from '../../../src/stats/hosmer-lemeshow.js';
import { spearman } from '../../../src/stats/correlation.js';
import { quantile } from '../../../src/stats/descriptives.js';
import { shapiroWilk } from '../../../src/stats/shapiro.js';
import { pretty } from '../../../src/stats/pretty.js';
import { lowess } from '../../../src/stats/lowess.js';
import { approx } from '../../../src/stats/interpolate.js';
import { icc } from '../../../src/stats/icc.js';
import { compareMannWhitney, compareHosmerLemeshow } from '../stats-compare.js';

function transpose(m: number[][]): number[][] {
  return m[0].map((_, j) => m.map((row) => row[j]));
}

function checkChisq(rec: Recorder, label: string, ref: any): void {
  const table: number[][] = ref.table;
  const pear = chisqTest(table, false);
  rec.close(`${label} pearson chisq`, pear.chisq, ref.pearson.statistic, TOL.closedForm);
  rec.equal(`${label} pearson df`, pear.df, ref.pearson.parameter);
  rec.close(`${label} pearson p`, pear.p, ref.pearson['p.value'], TOL.pValue);
  if (ref.yates) {
    const y = chisqTest(table, true);
    rec.close(`${label} yates chisq`, y.chisq, ref.yates.statistic, TOL.closedForm);
    rec.close(`${label} yates p`, y.p, ref.yates['p.value'], TOL.pValue);
  } else {
    rec.ok(`${label} no Yates for non-2x2`, table.length !== 2 || table[0].length !== 2);
  }
  rec.close(`${label} fisher p`, fisherExact(table), ref.fisher_p, TOL.pValue);
  const e: number[][] = ref.expected;
  for (let i = 0; i < e.length; i++) rec.closeAll(`${label} expected row ${i + 1}`, pear.expected[i], e[i], TOL.closedForm);
}

export const checks: ParityCheck[] = [
  {
    family: 'edge: Mann-Whitney variants',
    edge({ json }, rec) {
      for (const k of ['no_ties_small', 'ties_small', 'no_ties_n_ge_50']) {
        const c = json.mann_whitney[k];
        compareMannWhitney(rec, k, mannWhitney(c.x, c.y), c.result);
      }
    },
  },
  {
    family: 'edge: chi-square / Fisher 2x2, 2x3',
    edge({ json }, rec) {
      // R's matrix(c(...), 2) is column-major; the JSON rows are the table's rows
      checkChisq(rec, '2x2', json.chisq.table_2x2);
      checkChisq(rec, '2x3', json.chisq.table_2x3);
      // Fisher's p does not depend on which margin is rows
      rec.close('2x3 fisher transposed', fisherExact(transpose(json.chisq.table_2x3.table)), json.chisq.table_2x3.fisher_p, TOL.pValue);
    },
  },
  {
    family: 'edge: Hosmer-Lemeshow ties',
    edge({ json }, rec) {
      const c = json.hosmer_lemeshow_ties;
      compareHosmerLemeshow(rec, 'ties', hosmerLemeshow(c.y, c.p, 10), c.result);
    },
  },
  {
    family: 'edge: Spearman ties, quantiles',
    edge({ json }, rec) {
      const s = json.spearman_ties;
      rec.close('spearman rho', spearman(s.x, s.y), s.rho, TOL.closedForm);
      const q = json.quantiles;
      rec.closeAll('quantile type 7', quantile(q.x, q.probs, 7), q.type7, TOL.closedForm);
      rec.closeAll('quantile type 6', quantile(q.x, q.probs, 6), q.type6, TOL.closedForm);
    },
  },
  {
    family: 'edge: Shapiro-Wilk',
    edge({ json }, rec) {
      const s = json.shapiro;
      const a = shapiroWilk(s.x);
      rec.close('W n=11', a.w, s.W, TOL.shapiro);
      rec.close('p n=11', a.p, s.p, TOL.shapiro);
      const b = shapiroWilk(s.x63);
      rec.close('W n=63', b.w, s.W63, TOL.shapiro);
      rec.close('p n=63', b.p, s.p63, TOL.shapiro);
    },
  },
  {
    family: 'edge: pretty(n = 10)',
    edge({ json }, rec) {
      for (const c of json.pretty_n10) {
        rec.closeAll(`pretty(${c.range.join(', ')})`, pretty(c.range, { n: 10 }), list<number>(c.pretty), { rel: 1e-15, abs: 1e-300 });
      }
    },
  },
  {
    family: 'edge: lowess iter 0 + approx',
    edge({ json }, rec) {
      const c = json.lowess_iter0;
      const lw = lowess(c.x, c.y, { iter: 0 });
      rec.closeAll('lowess x', lw.x, c.fit_x, TOL.closedForm);
      rec.closeAll('lowess y', lw.y, c.fit_y, TOL.closedForm);
      rec.closeAll('approx(ties = first)', approx(lw.x, lw.y, c.approx_at, 'first'), c.approx_y, TOL.closedForm);
    },
  },
  {
    family: 'edge: ICC small',
    edge({ json }, rec) {
      const m: number[][] = json.icc_small.ratings;
      const res = icc([m.map((r) => r[0]), m.map((r) => r[1])]);
      for (const r of json.icc_small.results) {
        const a = res.byType[r.type as keyof typeof res.byType];
        rec.close(`${r.type} icc`, a.icc, r.icc, TOL.closedForm);
        rec.close(`${r.type} F`, a.F, r.F, TOL.closedForm);
        rec.equal(`${r.type} df`, [a.df1, a.df2], [r.df1, r.df2]);
        rec.close(`${r.type} p`, a.p, r.p, TOL.pValue);
        rec.close(`${r.type} lower`, a.lower, r.lower, TOL.closedForm);
        rec.close(`${r.type} upper`, a.upper, r.upper, TOL.closedForm);
      }
    },
  },
];
