/**
 * Comparison helpers for the statistics-engine families (tests, ICC, Hosmer-Lemeshow, ...):
 * one function per result shape, so each check file states only where its numbers come from.
 */
import { TOL, list, type Recorder } from './compare.js';
import type { MannWhitneyResult } from '../../src/stats/mann-whitney.js';
import type { HosmerLemeshowResult } from '../../src/stats/hosmer-lemeshow.js';

/** Every field of lib.R's mann_whitney() result. */
export function compareMannWhitney(rec: Recorder, label: string, a: MannWhitneyResult, r: any): void {
  rec.close(`${label} W`, a.W, r.W, TOL.closedForm);
  rec.close(`${label} U_x`, a.Ux, r.U_x, TOL.closedForm);
  rec.close(`${label} U_y`, a.Uy, r.U_y, TOL.closedForm);
  rec.close(`${label} U_min`, a.Umin, r.U_min, TOL.closedForm);
  rec.equal(`${label} n`, [a.nx, a.ny], [r.n_x, r.n_y]);
  rec.equal(`${label} has_ties`, a.hasTies, r.has_ties);
  rec.close(`${label} sum_ranks_x`, a.sumRanksX, r.sum_ranks_x, TOL.closedForm);
  rec.close(`${label} sum_ranks_y`, a.sumRanksY, r.sum_ranks_y, TOL.closedForm);
  rec.close(`${label} z_no_continuity`, a.zNoContinuity, r.z_no_continuity, TOL.closedForm);
  rec.close(`${label} z_continuity`, a.zContinuity, r.z_continuity, TOL.closedForm);
  rec.close(`${label} p_exact`, a.pExact, r.p_exact, TOL.pValue);
  rec.close(`${label} p_normal_continuity`, a.pNormalContinuity, r.p_normal_continuity, TOL.pValue);
  rec.close(`${label} p_normal_no_continuity`, a.pNormalNoContinuity, r.p_normal_no_continuity, TOL.pValue);
  rec.close(`${label} p_r_default`, a.pRDefault, r.p_r_default, TOL.pValue);
  rec.equal(`${label} r_default_is_exact`, a.rDefaultIsExact, r.r_default_is_exact);
  rec.equal(`${label} r_default_method`, a.rDefaultMethod, r.r_default_method);
  rec.equal(`${label} r_default_warnings`, a.rDefaultWarnings, list(r.r_default_warnings));
}

/** lib.R's hosmer_lemeshow(): χ² (or null), df, p, breaks, the per-group table. */
export function compareHosmerLemeshow(rec: Recorder, label: string, a: HosmerLemeshowResult, r: any): void {
  rec.close(`${label} chisq`, a.chisq, r.chisq, TOL.closedForm);
  rec.equal(`${label} df`, a.df, r.df);
  rec.close(`${label} p`, a.p, r.p, TOL.pValue);
  rec.equal(`${label} g`, a.g, r.g);
  rec.equal(`${label} n_groups_nonempty`, a.nGroupsNonempty, r.n_groups_nonempty);
  rec.close(`${label} chisq_empty_groups_dropped`, a.chisqEmptyGroupsDropped, r.chisq_empty_groups_dropped, TOL.closedForm);
  rec.close(`${label} p_empty_groups_dropped`, a.pEmptyGroupsDropped, r.p_empty_groups_dropped, TOL.pValue);
  rec.closeAll(`${label} breaks`, a.breaks, list<number>(r.breaks), TOL.json15);
  const groups = list<any>(r.groups);
  rec.equal(`${label} group labels`, a.groups.map((g) => g.group), groups.map((g) => g.group));
  rec.equal(`${label} group n`, a.groups.map((g) => g.n), groups.map((g) => g.n));
  rec.equal(`${label} observed_1`, a.groups.map((g) => g.observed1), groups.map((g) => g.observed_1));
  rec.closeAll(`${label} expected_1`, a.groups.map((g) => g.expected1), groups.map((g) => g.expected_1), { rel: 1e-12, abs: 1e-12 });
  rec.closeAll(`${label} expected_0`, a.groups.map((g) => g.expected0), groups.map((g) => g.expected_0), { rel: 1e-12, abs: 1e-12 });
}
