/**
 * The baseline table ("Table 1") comparisons between two groups, with the rules the reference
 * harness pins (reference/stats README, baseline.json and caveats 1–5):
 * - categorical variables: counts and column percentages per level, levels with no
 *   observation dropped before testing, Pearson χ² without continuity correction (reported),
 *   Yates' χ² for 2 × 2 tables, Fisher's exact p, expected counts and R's warning;
 * - continuous variables: n, mean, sd, min/max, median, quartiles of types 7 and 6,
 *   Shapiro-Wilk per group, Student and Welch t, Levene (mean- and median-centred), every
 *   Mann-Whitney variant; reported = Student t if Shapiro p > 0.05 in both groups, otherwise
 *   Mann-Whitney with R's default p (statistic W = U of the first group).
 * The first group is "x" (t = mean_x − mean_y over its standard error, W = U_x).
 *
 * Missing values are an error naming the variable: remove or impute them first (R's
 * table()/t.test would drop them silently).
 */
import { chisqTest } from './chisq.js';
import { summarize, type Summary } from './descriptives.js';
import { fisherExact } from './fisher.js';
import { levene } from './levene.js';
import { mannWhitney, type MannWhitneyResult } from './mann-whitney.js';
import { shapiroWilk, type ShapiroResult } from './shapiro.js';
import { studentT, welchT, type TTestResult } from './ttest.js';
import type { AnovaResult } from './anova.js';

export interface CategoricalComparison {
  levels: string[];
  groups: [string, string];
  /** counts[level][group] over all levels (including empty ones) */
  counts: number[][];
  /** 100 · count / group total */
  colPercent: number[][];
  emptyLevelsDropped: string[];
  /** levels kept for the tests, in level order */
  testedLevels: string[];
  pearson: { chisq: number; df: number; p: number; warnings: string[] };
  /** expected counts of the tested levels [level][group] */
  expected: number[][];
  minExpected: number;
  nCellsExpectedLt5: number;
  fisherP: number;
  /** Yates-corrected χ², for 2 × 2 tables only */
  yates: { chisq: number; df: number; p: number } | null;
  reported: { test: 'pearson_chisq_uncorrected'; statistic: number; p: number };
}

export interface ContinuousComparison {
  groups: [string, string];
  summary: [Summary, Summary];
  shapiro: [ShapiroResult, ShapiroResult];
  normalBothGroups: boolean;
  tStudent: TTestResult;
  tWelch: TTestResult;
  leveneMean: AnovaResult;
  leveneMedian: AnovaResult;
  mannWhitney: MannWhitneyResult;
  reported: { test: 't_student' | 'mann_whitney_r_default'; statistic: number; p: number };
}

/** The normality gate: both Shapiro-Wilk p-values above 0.05 (strictly). */
export function normalBoth(a: ShapiroResult, b: ShapiroResult): boolean {
  return a.p > 0.05 && b.p > 0.05;
}

/**
 * Compares a categorical variable between two groups.
 * @param values the variable's value per subject
 * @param group the group label per subject
 * @param levels the variable's levels in table order (every value must be one of them)
 * @param groups the two group labels, first = x
 */
export function compareCategorical(
  values: readonly (string | null)[],
  group: readonly (string | null)[],
  levels: readonly string[],
  groups: readonly [string, string],
  name = 'variable',
): CategoricalComparison {
  if (values.length !== group.length) throw new RangeError(`baseline, ${name}: ${values.length} values but ${group.length} group labels`);
  const counts = levels.map(() => [0, 0]);
  for (let i = 0; i < values.length; i++) {
    const gi = group[i] === groups[0] ? 0 : group[i] === groups[1] ? 1 : -1;
    if (gi < 0) continue; // subjects outside the two groups are not compared
    const v = values[i];
    if (v === null) throw new RangeError(`baseline, ${name}: subject ${i + 1} has a missing value; remove or impute missing values first`);
    const li = levels.indexOf(v);
    if (li < 0) throw new RangeError(`baseline, ${name}: value '${v}' of subject ${i + 1} is not one of the levels ${levels.join(', ')}`);
    counts[li][gi]++;
  }
  const colTotal = [0, 1].map((g) => counts.reduce((s, r) => s + r[g], 0));
  if (colTotal[0] === 0 || colTotal[1] === 0) throw new RangeError(`baseline, ${name}: group '${colTotal[0] === 0 ? groups[0] : groups[1]}' has no subjects`);
  const colPercent = counts.map((r) => r.map((c, g) => (100 * c) / colTotal[g]));
  const kept = levels.map((_, i) => i).filter((i) => counts[i][0] + counts[i][1] > 0);
  const empty = levels.filter((_, i) => counts[i][0] + counts[i][1] === 0);
  if (kept.length < 2) throw new RangeError(`baseline, ${name}: only one level (${levels[kept[0]]}) is observed; the variable is constant`);
  const table = kept.map((i) => counts[i]);
  const pear = chisqTest(table, false, name);
  const is2x2 = table.length === 2;
  const y = is2x2 ? chisqTest(table, true, name) : null;
  return {
    levels: [...levels],
    groups: [groups[0], groups[1]],
    counts,
    colPercent,
    emptyLevelsDropped: empty,
    testedLevels: kept.map((i) => levels[i]),
    pearson: { chisq: pear.chisq, df: pear.df, p: pear.p, warnings: pear.warnings },
    expected: pear.expected,
    minExpected: pear.minExpected,
    nCellsExpectedLt5: pear.nCellsExpectedLt5,
    fisherP: fisherExact(table, {}, name),
    yates: y ? { chisq: y.chisq, df: 1, p: y.p } : null,
    reported: { test: 'pearson_chisq_uncorrected', statistic: pear.chisq, p: pear.p },
  };
}

/**
 * Compares a continuous variable between two groups x and y (values already split by group).
 */
export function compareContinuous(x: ArrayLike<number>, y: ArrayLike<number>, groups: readonly [string, string], name = 'variable'): ContinuousComparison {
  const lx = `${name}, group ${groups[0]}`;
  const ly = `${name}, group ${groups[1]}`;
  const sx = summarize(x, lx);
  const sy = summarize(y, ly);
  const swx = shapiroWilk(x, lx);
  const swy = shapiroWilk(y, ly);
  const normal = normalBoth(swx, swy);
  const st = studentT(x, y, name);
  const wt = welchT(x, y, name);
  const mw = mannWhitney(x, y, name);
  return {
    groups: [groups[0], groups[1]],
    summary: [sx, sy],
    shapiro: [swx, swy],
    normalBothGroups: normal,
    tStudent: st,
    tWelch: wt,
    leveneMean: levene([x, y], 'mean', name),
    leveneMedian: levene([x, y], 'median', name),
    mannWhitney: mw,
    reported: normal ? { test: 't_student', statistic: st.t, p: st.p } : { test: 'mann_whitney_r_default', statistic: mw.W, p: mw.pRDefault },
  };
}
