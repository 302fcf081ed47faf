/**
 * The baseline tables (the paper's Table 1): every clinical variable with `baseline: true`
 * compared between the outcome groups in all patients, in the training set and in the
 * validation set, and between the training and validation sets, with the rules of
 * src/stats/baseline.ts (Pearson χ² without correction for categories; Student t when both groups
 * pass Shapiro-Wilk, else Mann-Whitney). A comparison that cannot be made (a variable with a
 * single observed level in a block, a group of fewer than 3) is left out with a warning.
 */
import { compareCategorical, compareContinuous } from '../stats/baseline.js';
import type { Cohort } from './cohort.js';
import type { Results } from './results-schema.js';

type BaselineBlock = Results['baseline'][number];

export function baselineTables(cohort: Cohort, warnings: string[]): BaselineBlock[] {
  const all = cohort.ids.map((_, k) => k);
  const outcomeGroup = (k: number) => String(cohort.y[k]);
  const specs = [
    { name: 'outcome_all' as const, rows: all, groupVariable: cohort.outcome, groups: ['1', '0'] as [string, string], group: outcomeGroup },
    { name: 'outcome_train' as const, rows: cohort.train, groupVariable: cohort.outcome, groups: ['1', '0'] as [string, string], group: outcomeGroup },
    { name: 'outcome_validation' as const, rows: cohort.validation, groupVariable: cohort.outcome, groups: ['1', '0'] as [string, string], group: outcomeGroup },
    { name: 'train_vs_validation' as const, rows: all, groupVariable: 'split', groups: ['train', 'validation'] as [string, string], group: (k: number) => cohort.split[k] },
  ];
  return specs.map((b) => {
    const g = b.rows.map(b.group);
    const variables: BaselineBlock['variables'] = [];
    for (const v of cohort.variables.values()) {
      if (!v.baseline) continue;
      try {
        if (v.type === 'categorical' || v.baselineLevels) {
          const values = b.rows.map((k) => (v.text ? v.text[k] : String(v.numeric![k])));
          const levels = v.levels ?? v.baselineLevels!;
          const c = compareCategorical(values, g, levels, b.groups, v.name);
          variables.push({
            variable: v.name,
            label: v.label,
            kind: 'categorical',
            levels,
            counts: c.counts,
            col_percent: c.colPercent,
            test: 'pearson_chisq',
            statistic: c.pearson.chisq,
            df: c.pearson.df,
            p: c.pearson.p,
            fisher_p: c.fisherP,
            yates_p: c.yates ? c.yates.p : null,
            min_expected: c.minExpected,
            warnings: c.pearson.warnings,
          });
        } else {
          const x = Float64Array.from(b.rows.filter((_, i) => g[i] === b.groups[0]), (k) => v.numeric![k]);
          const y = Float64Array.from(b.rows.filter((_, i) => g[i] === b.groups[1]), (k) => v.numeric![k]);
          const c = compareContinuous(x, y, b.groups, v.name);
          variables.push({
            variable: v.name,
            label: v.label,
            kind: 'continuous',
            summary: c.summary.map((s) => ({ n: s.n, mean: s.mean, sd: s.sd, median: s.median, q1: s.q1Type7, q3: s.q3Type7, min: s.min, max: s.max })),
            normal_both: c.normalBothGroups,
            test: c.reported.test === 't_student' ? 't_student' : 'mann_whitney',
            statistic: c.reported.statistic,
            p: c.reported.p,
            t_student_p: c.tStudent.p,
            welch_p: c.tWelch.p,
            mann_whitney_p: c.mannWhitney.pRDefault,
          });
        }
      } catch (e) {
        warnings.push(`baseline table ${b.name}: '${v.name}' left out: ${(e as Error).message}`);
      }
    }
    return {
      name: b.name,
      group_variable: b.groupVariable,
      groups: [...b.groups],
      n: b.groups.map((gr) => g.filter((x) => x === gr).length),
      variables,
    };
  });
}
