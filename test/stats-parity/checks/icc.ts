/**
 * icc.json: psych's six ICC forms (ICC, F, df, p, 95% bounds) and the mean squares per feature
 * between observer 1 (the main CSV's rows of the observer-2 ids) and observer 2, plus the kept
 * lists for ICC2 (primary), ICC3 and ICC1 at 0.75 — recomputed from the two CSV files.
 */
import { TOL, list } from '../compare.js';
import type { ParityCheck } from '../context.js';
import { icc } from '../../../src/stats/icc.js';
import { cohortData } from '../cohort-data.js';

export const checks: ParityCheck[] = [
  {
    family: 'ICC (two observers)',
    cohort(ref, rec) {
      const I = ref.out('icc');
      const d = cohortData(ref);
      rec.equal('n_subjects', d.observer2[0].length, I.n_subjects);
      const kept: Record<string, string[]> = { ICC2: [], ICC3: [], ICC1: [] };
      d.features.forEach((name, j) => {
        const r = I.features[name];
        const a = icc([d.observer1[j], d.observer2[j]], name);
        for (const row of a.rows) {
          const e = r.psych[row.type];
          rec.close(`${name} ${row.type} icc`, row.icc, e.icc, TOL.closedForm);
          rec.close(`${name} ${row.type} F`, row.F, e.F, TOL.closedForm);
          rec.equal(`${name} ${row.type} df`, [row.df1, row.df2], [e.df1, e.df2]);
          rec.close(`${name} ${row.type} p`, row.p, e.p, TOL.pValue);
          rec.close(`${name} ${row.type} lower`, row.lower, e.lower, TOL.closedForm);
          rec.close(`${name} ${row.type} upper`, row.upper, e.upper, TOL.closedForm);
        }
        const ms = a.meanSquares;
        rec.closeAll(`${name} MSR/MSC/MSE/MSW`, [ms.MSR, ms.MSC, ms.MSE, ms.MSW], [r.mean_squares.MSR, r.mean_squares.MSC, r.mean_squares.MSE, r.mean_squares.MSW], TOL.closedForm);
        for (const t of Object.keys(kept)) if (a.byType[t as 'ICC1'].icc >= 0.75) kept[t].push(name);
      });
      rec.equal('kept_primary (ICC2 >= 0.75)', kept.ICC2, list(I.kept_primary));
      rec.equal('kept_if_ICC3', kept.ICC3, list(I.kept_if_ICC3));
      rec.equal('kept_if_ICC1', kept.ICC1, list(I.kept_if_ICC1));
    },
  },
];
