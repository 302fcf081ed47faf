/**
 * baseline.json: the four baseline blocks (ER vs non-ER on all, training and validation rows;
 * training vs validation), every categorical and continuous comparison recomputed from the
 * cohort CSV with the baseline-table rule (src/stats/baseline.ts).
 */
import { readFileSync } from 'node:fs';
import { TOL, list, type Recorder } from '../compare.js';
import type { ParityCheck } from '../context.js';
import { numericColumn, parseCsv, stringColumn } from '../../../src/stats/csv.js';
import { compareCategorical, compareContinuous } from '../../../src/stats/baseline.js';
import type { TTestResult } from '../../../src/stats/ttest.js';
import type { AnovaResult } from '../../../src/stats/anova.js';
import { compareMannWhitney } from '../stats-compare.js';

const BLOCKS: Record<string, { groupVar: string; rows: 'all' | 'train' | 'validation' }> = {
  er_all: { groupVar: 'er', rows: 'all' },
  er_train: { groupVar: 'er', rows: 'train' },
  er_validation: { groupVar: 'er', rows: 'validation' },
  train_vs_validation: { groupVar: 'split', rows: 'all' },
};

function compareT(rec: Recorder, label: string, a: TTestResult, r: any, withDiff: boolean): void {
  rec.close(`${label} t`, a.t, r.t, TOL.closedForm);
  rec.close(`${label} df`, a.df, r.df, TOL.closedForm);
  rec.close(`${label} p`, a.p, r.p, TOL.pValue);
  rec.closeAll(`${label} ci95`, a.ci95, r.ci95, TOL.closedForm);
  if (withDiff) rec.close(`${label} mean_diff`, a.meanDiff, r.mean_diff, TOL.closedForm);
}

function compareF(rec: Recorder, label: string, a: AnovaResult, r: any): void {
  rec.close(`${label} F`, a.F, r.F, TOL.closedForm);
  rec.equal(`${label} df`, [a.df1, a.df2], [r.df1, r.df2]);
  rec.close(`${label} p`, a.p, r.p, TOL.pValue);
}

export const checks: ParityCheck[] = Object.entries(BLOCKS).map(([block, spec]) => ({
  family: `baseline: ${block}`,
  cohort(ref, rec) {
    const B = ref.out('baseline')[block];
    const table = parseCsv(readFileSync(ref.dataCsv, 'utf8'), ref.dataCsv);
    const split = stringColumn(table, 'split');
    const rows = split.map((s, i) => (spec.rows === 'all' || s === spec.rows ? i : -1)).filter((i) => i >= 0);
    const gAll = stringColumn(table, spec.groupVar);
    const g = rows.map((i) => gAll[i]);
    const groups = list<string>(B.groups) as [string, string];
    rec.equal(`${block} n per group`, groups.map((l) => g.filter((v) => v === l).length), groups.map((l) => B.n[l]));

    for (const [v, r] of Object.entries<any>(B.categorical)) {
      const s = stringColumn(table, v);
      const levels = list<string>(r.levels);
      const a = compareCategorical(rows.map((i) => s[i]), g, levels, groups, v);
      const L = `${block}/${v}`;
      rec.equal(`${L} counts`, a.counts, levels.map((l) => groups.map((gr) => r.counts[l][gr])));
      rec.closeAll(`${L} col_percent`, a.colPercent.flat(), levels.flatMap((l) => groups.map((gr) => r.col_percent[l][gr])), TOL.closedForm);
      rec.equal(`${L} empty_levels_dropped`, a.emptyLevelsDropped, list(r.empty_levels_dropped));
      rec.close(`${L} pearson chisq`, a.pearson.chisq, r.pearson.chisq, TOL.closedForm);
      rec.equal(`${L} pearson df`, a.pearson.df, r.pearson.df);
      rec.close(`${L} pearson p`, a.pearson.p, r.pearson.p, TOL.pValue);
      rec.equal(`${L} pearson warnings`, a.pearson.warnings, list(r.pearson.warnings));
      rec.closeAll(`${L} expected`, a.expected.flat(), a.testedLevels.flatMap((l) => groups.map((gr) => r.expected[l][gr])), TOL.closedForm);
      rec.close(`${L} min_expected`, a.minExpected, r.min_expected, TOL.closedForm);
      rec.equal(`${L} n_cells_expected_lt5`, a.nCellsExpectedLt5, r.n_cells_expected_lt5);
      rec.close(`${L} fisher p`, a.fisherP, r.fisher_p, TOL.pValue);
      if (r.yates) {
        // a χ² that is 0 up to rounding (R writes 4e-31 when |O − E| = ½ in every cell) is compared absolutely
        rec.close(`${L} yates chisq`, a.yates?.chisq, r.yates.chisq, { rel: 1e-9, abs: 1e-12 });
        rec.close(`${L} yates p`, a.yates?.p, r.yates.p, TOL.pValue);
      } else rec.equal(`${L} no yates`, a.yates, null);
      rec.equal(`${L} reported test`, a.reported.test, r.reported.test);
      rec.close(`${L} reported p`, a.reported.p, r.reported.p, TOL.pValue);
    }

    for (const [v, r] of Object.entries<any>(B.continuous)) {
      const c = numericColumn(table, v);
      const x = Float64Array.from(rows.filter((_, k) => g[k] === groups[0]), (i) => c[i]);
      const y = Float64Array.from(rows.filter((_, k) => g[k] === groups[1]), (i) => c[i]);
      const a = compareContinuous(x, y, groups, v);
      const L = `${block}/${v}`;
      groups.forEach((gr, k) => {
        const s = r.summary[gr];
        const m = a.summary[k];
        rec.equal(`${L} ${gr} n`, m.n, s.n);
        rec.closeAll(
          `${L} ${gr} mean/sd/min/max/median/q1/q3 (types 7, 6)`,
          [m.mean, m.sd, m.min, m.max, m.median, m.q1Type7, m.q3Type7, m.q1Type6, m.q3Type6],
          [s.mean, s.sd, s.min, s.max, s.median, s.q1_type7, s.q3_type7, s.q1_type6, s.q3_type6],
          TOL.closedForm,
        );
        rec.close(`${L} ${gr} shapiro W`, a.shapiro[k].w, r.shapiro[gr].W, TOL.shapiro);
        rec.close(`${L} ${gr} shapiro p`, a.shapiro[k].p, r.shapiro[gr].p, TOL.shapiro);
      });
      rec.equal(`${L} normal_both_groups`, a.normalBothGroups, r.normal_both_groups);
      compareT(rec, `${L} student`, a.tStudent, r.t_student, true);
      compareT(rec, `${L} welch`, a.tWelch, r.t_welch, false);
      compareF(rec, `${L} levene mean`, a.leveneMean, r.levene_center_mean);
      compareF(rec, `${L} levene median`, a.leveneMedian, r.levene_center_median);
      compareMannWhitney(rec, `${L} mw`, a.mannWhitney, r.mann_whitney);
      rec.equal(`${L} reported test`, a.reported.test, r.reported.test);
      rec.close(`${L} reported statistic`, a.reported.statistic, r.reported.statistic, TOL.closedForm);
      rec.close(`${L} reported p`, a.reported.p, r.reported.p, TOL.pValue);
    }
  },
}));
