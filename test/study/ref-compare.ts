/**
 * Helpers of the study parity tests: run an example study file on a cohort of the R reference
 * harness (the example with only its paths changed), and compare shapes of results.json with the
 * harness's JSON at the README's tolerances (Recorder and TOL of the stats parity suite).
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOL, list, type Recorder } from '../stats-parity/compare.js';
import { loadStudy } from '../../src/study/config.js';
import { runStudy, type StudyOutput } from '../../src/study/pipeline.js';
import { clearTableCache } from '../../src/study/tables.js';
import { parseCsv, numericColumn, stringColumn } from '../../src/stats/csv.js';
import type { FittedModelJson, Results, NomogramScaleJson } from '../../src/study/results-schema.js';

export { TOL, list };

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');

/** The reference folder (RADNOMO_STATS_REF, default test/fixtures/stats). */
export function referenceRoot(): string {
  return resolve(process.env.RADNOMO_STATS_REF ?? join(here, '..', 'fixtures', 'stats'));
}

/** Cohort folders of out/ whose name starts with `prefix` (cohort_, multiseq_). */
export function referenceCohorts(prefix: string): string[] {
  const out = join(referenceRoot(), 'out');
  if (!existsSync(out)) return [];
  return readdirSync(out, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith(prefix))
    .map((d) => d.name)
    .sort();
}

/**
 * The example study file with only its data paths changed: every
 * `../../test/fixtures/stats/data/<exampleCohort>` becomes `<root>/data/<cohort>`.
 */
export function studyFileFor(example: string, exampleCohort: string, cohort: string): string {
  const text = readFileSync(join(repoRoot, 'examples', example, 'study.yaml'), 'utf8');
  const from = `../../test/fixtures/stats/data/${exampleCohort}`;
  if (!text.includes(from)) throw new Error(`examples/${example}/study.yaml does not reference ${from}`);
  const dir = mkdtempSync(join(tmpdir(), `radnomo-study-${cohort}-`));
  const path = join(dir, 'study.yaml');
  writeFileSync(path, text.split(from).join(join(referenceRoot(), 'data', cohort)));
  return path;
}

export async function runExample(example: string, exampleCohort: string, cohort: string): Promise<StudyOutput> {
  clearTableCache();
  const config = loadStudy(studyFileFor(example, exampleCohort, cohort));
  return runStudy(config);
}

export function outJson(cohort: string, file: string): any {
  return JSON.parse(readFileSync(join(referenceRoot(), 'out', cohort, file), 'utf8'));
}

const num = (t: number | string | null) => (t === '-Inf' ? -Infinity : t === 'Inf' ? Infinity : (t as number));

/** Thresholds are midpoints of recomputed predictions: compared to 1e-12 absolute / relative. */
export const THR = { rel: 1e-12, abs: 1e-12 };
/** Predictions derived from glm coefficients (1e-7 agreement): 1e-9 relative with a floor. */
export const PRED = { rel: 1e-9, abs: 1e-12 };

/** A fitted model against lib.R's glm_summary (coefficients, Wald and profile limits, fit statistics). */
export function compareGlmJson(rec: Recorder, label: string, a: FittedModelJson, r: any, opts: { profile?: boolean } = {}): void {
  const rc = list<any>(r.coefficients);
  rec.equal(`${label} terms`, a.terms.map((t) => t.term), rc.map((c) => c.term));
  rec.equal(`${label} n/events`, [a.n, a.events], [r.n, r.events]);
  a.terms.forEach((t, j) => {
    const c = rc[j];
    if (!c) return;
    const l = `${label} ${t.term}`;
    rec.close(`${l} estimate`, t.coef, c.estimate, TOL.glm);
    rec.close(`${l} se`, t.se, c.se, TOL.glm);
    rec.close(`${l} z`, t.z, c.z, TOL.glm);
    rec.close(`${l} p`, t.p, c.p, TOL.glm);
    rec.close(`${l} or`, t.or, c.or, TOL.glm);
    rec.close(`${l} or_wald_lower`, t.or_low, c.or_wald_lower, TOL.glm);
    rec.close(`${l} or_wald_upper`, t.or_high, c.or_wald_upper, TOL.glm);
    if (opts.profile !== false && c.or_profile_lower !== undefined) {
      rec.close(`${l} or_profile_lower`, t.or_profile_low, c.or_profile_lower, TOL.profile);
      rec.close(`${l} or_profile_upper`, t.or_profile_high, c.or_profile_upper, TOL.profile);
    }
  });
  if (r.deviance !== undefined) {
    rec.close(`${label} deviance`, a.deviance, r.deviance, TOL.glm);
    rec.close(`${label} null_deviance`, a.null_deviance, r.null_deviance, TOL.glm);
    rec.close(`${label} aic`, a.aic, r.aic, TOL.glm);
    rec.close(`${label} lr_chisq`, a.lr_chisq, r.lr_chisq, TOL.glm);
    rec.close(`${label} lr_p`, a.lr_p, r.lr_p, TOL.glm);
    rec.close(`${label} r2_nagelkerke`, a.r2_nagelkerke, r.r2_nagelkerke, TOL.glm);
    rec.equal(`${label} converged`, a.converged, r.converged);
  }
  if (r.vif !== undefined) {
    if (r.vif === null) rec.equal(`${label} vif`, a.vif, null);
    else for (const [k, v] of Object.entries<number>(r.vif)) rec.close(`${label} vif ${k}`, a.vif?.[k], v, TOL.glm);
  }
}

/** rms lrm statistics. */
export function compareLrm(rec: Recorder, label: string, a: Results['models']['nomogram']['lrm'], r: any): void {
  if (!a) {
    rec.ok(`${label} lrm`, false, 'lrm statistics missing');
    return;
  }
  rec.close(`${label} lrm Model L.R.`, a.model_lr, r['Model L.R.'], TOL.glm);
  rec.close(`${label} lrm C`, a.c, r.C, TOL.closedForm);
  rec.close(`${label} lrm Dxy`, a.dxy, r.Dxy, TOL.closedForm);
  rec.close(`${label} lrm R2`, a.r2, r.R2, TOL.glm);
  rec.close(`${label} lrm Brier`, a.brier, r.Brier, TOL.glm);
}

/** A confusion row (threshold, counts, rates). */
export function compareConfusion(rec: Recorder, label: string, a: any, r: any): void {
  rec.close(`${label} threshold`, num(a.threshold), num(r.threshold), THR);
  for (const k of ['tp', 'fp', 'tn', 'fn'] as const) if (r[k] !== undefined) rec.equal(`${label} ${k}`, a[k], r[k]);
  for (const k of ['sensitivity', 'specificity', 'accuracy'] as const) if (r[k] !== undefined) rec.close(`${label} ${k}`, a[k], r[k], TOL.closedForm);
  if (r.youden_J !== undefined) rec.close(`${label} youden_J`, a.youden_j, r.youden_J, TOL.closedForm);
}

/** Hosmer-Lemeshow block. */
export function compareHl(rec: Recorder, label: string, a: Results['calibration'][number]['hosmer_lemeshow'], r: any): void {
  if (!a) {
    rec.ok(`${label} HL`, false, 'Hosmer-Lemeshow missing');
    return;
  }
  rec.close(`${label} HL chisq`, a.chisq, r.chisq, { rel: 1e-9, abs: 1e-12 });
  rec.close(`${label} HL p`, a.p, r.p, TOL.pValue);
  rec.equal(`${label} HL df`, a.df, r.df);
  rec.close(`${label} HL chisq_empty_groups_dropped`, a.chisq_empty_groups_dropped, r.chisq_empty_groups_dropped, { rel: 1e-9, abs: 1e-12 });
  const g = list<any>(r.groups);
  rec.equal(`${label} HL groups`, a.groups.map((x) => [x.group, x.n, x.observed_1]), g.map((x) => [x.group, x.n, x.observed_1]));
}

/** val.prob statistics. */
export function compareValProb(rec: Recorder, label: string, a: Results['calibration'][number]['val_prob'], r: any): void {
  if (!a) {
    rec.ok(`${label} val.prob`, false, 'missing');
    return;
  }
  const pairs: [string, number, number][] = [
    ['Dxy', a.dxy, r.Dxy], ['C (ROC)', a.c, r['C (ROC)']], ['R2', a.r2, r.R2], ['D', a.d, r.D], ['Q', a.q, r.Q],
    ['Brier', a.brier, r.Brier], ['Emax', a.emax, r.Emax], ['E90', a.e90, r.E90], ['Eavg', a.eavg, r.Eavg], ['S:z', a.s_z, r['S:z']], ['S:p', a.s_p, r['S:p']],
  ];
  for (const [k, x, e] of pairs) rec.close(`${label} ${k}`, x, e, { rel: 1e-9, abs: 1e-12 });
  rec.close(`${label} U`, a.u, r.U, { rel: 1e-9, abs: 1e-11 });
  rec.close(`${label} Intercept`, a.intercept, r.Intercept, { rel: 1e-7, abs: 1e-12 });
  rec.close(`${label} Slope`, a.slope, r.Slope, { rel: 1e-9, abs: 1e-12 });
}

/** Apparent lowess curve. */
export function compareApparent(rec: Recorder, label: string, a: Results['calibration'][number]['apparent'], r: any): void {
  if (!a) {
    rec.ok(`${label} apparent`, false, 'missing');
    return;
  }
  rec.closeAll(`${label} predy`, a.predy, list<number>(r.predy), TOL.closedForm);
  rec.closeAll(`${label} calibrated`, a.calibrated, list<number | null>(r.calibrated), { rel: 1e-9, abs: 1e-12 });
}

/**
 * rms calibrate(B = 200): predy and the apparent column exactly; the bias-corrected column depends
 * on R's bootstrap stream and rms's loose refits: by shape (mean |diff| < 0.01), as the stats
 * parity suite compares it.
 */
export function compareBootstrap(rec: Recorder, label: string, a: Results['calibration'][number]['bootstrap'], r: any): void {
  if (!a) {
    rec.ok(`${label} bootstrap`, false, 'missing');
    return;
  }
  const t = list<any>(r.table);
  rec.closeAll(`${label} predy`, a.predy, t.map((x) => x.predy), TOL.closedForm);
  rec.closeAll(`${label} calibrated.orig`, a.apparent, t.map((x) => x['calibrated.orig']), { rel: 1e-9, abs: 1e-12 });
  // the harness's n_boot_ok is attr(cal, "B"), the number of resamples asked for (rms reports
  // failed refits only as "Divergence or singularity in k samples"; checked in R: multiseq_A has
  // 195 and 173 successful refits for p_mp and p_nomogram, as radnomo)
  rec.equal(`${label} resamples`, a.b, r.n_boot_ok);
  rec.ok(`${label} successful refits`, a.n_ok > 0 && a.n_ok <= a.b, `${a.n_ok} of ${a.b}`);
  let mad = 0;
  t.forEach((x, g) => (mad += Math.abs((a.corrected[g] ?? NaN) - x['calibrated.corrected']) / t.length));
  rec.ok(`${label} calibrated.corrected shape`, mad < 0.01, `mean |diff| ${mad}`);
}

/** Decision curve of one model against dca.json rows. */
export function compareDca(rec: Recorder, label: string, a: Results['decision_curves']['splits'][number], model: string, r: any[]): void {
  const c = a.curves.find((x) => x.model === model);
  if (!c) {
    rec.ok(`${label} curve`, false, `no decision curve for ${model}`);
    return;
  }
  rec.equal(`${label} tp`, c.tp, r.map((x) => x.tp));
  rec.equal(`${label} fp`, c.fp, r.map((x) => x.fp));
  const tol = { rel: 1e-9, abs: 1e-15 };
  rec.closeAll(`${label} nb`, c.nb, r.map((x) => x.nb), tol);
  rec.closeAll(`${label} snb`, c.snb, r.map((x) => x.snb), tol);
  rec.closeAll(`${label} nb_ge`, c.nb_ge, r.map((x) => x.nb_ge), tol);
  rec.closeAll(`${label} treat_all`, a.treat_all, r.map((x) => x.nb_treat_all), tol);
}

/** A nomogram scale against nomogram.json's default / observed_range block. */
export function compareNomogramScale(rec: Recorder, label: string, a: NomogramScaleJson, r: any, tp: any[], pt: any[]): void {
  const NOM = { rel: 1e-9, abs: 1e-9 };
  rec.close(`${label} sc`, a.sc, r.sc, NOM);
  rec.close(`${label} intercept_plus_sum_min`, a.intercept_plus_sum_min, r.intercept_plus_sum_min, NOM);
  const R = list<any>(r.R);
  rec.equal(`${label} variables`, a.axes.map((x) => x.variable), R.map((x) => x.variable));
  a.axes.forEach((ax, j) => {
    if (!R[j]) return;
    rec.close(`${label} ${ax.variable} min_xbeta`, ax.min_xbeta, R[j].min_xbeta, NOM);
    rec.close(`${label} ${ax.variable} max_xbeta`, ax.max_xbeta, R[j].max_xbeta, NOM);
    rec.closeAll(`${label} ${ax.variable} axis values`, ax.values, list<number>(r.axes[ax.variable].values), TOL.json15);
    rec.closeAll(`${label} ${ax.variable} axis points`, ax.points, list<number>(r.axes[ax.variable].points), NOM);
  });
  rec.closeAll(`${label} total_points_axis`, a.total_points_axis, list<number>(r.total_points_axis), TOL.json15);
  rec.closeAll(`${label} lp_axis lp`, a.lp_axis.lp, list<number>(r.lp_axis.lp), TOL.json15);
  rec.closeAll(`${label} lp_axis points`, a.lp_axis.points, list<number>(r.lp_axis.points), NOM);
  rec.closeAll(`${label} risk_axis points`, a.risk_axis.points, list<number>(r.risk_axis.points), NOM);
  rec.closeAll(`${label} probability → total points`, a.probability_to_total_points.map((x) => x.total_points), pt.map((x) => x.total_points), NOM);
  rec.closeAll(`${label} total points → probability`, a.total_points_to_probability.map((x) => x.probability), tp.map((x) => x.probability), NOM);
}

/** predictions.csv columns: ours (by name) against R's (by name). */
export function comparePredictions(rec: Recorder, ours: string, refPath: string, columns: [string, string][]): void {
  const a = parseCsv(ours, 'predictions.csv');
  const r = parseCsv(readFileSync(refPath, 'utf8'), refPath);
  rec.equal('predictions ids', stringColumn(a, 'id'), stringColumn(r, 'id'));
  rec.equal('predictions split', stringColumn(a, 'split'), stringColumn(r, 'split'));
  rec.equal('predictions outcome', Array.from(numericColumn(a, 'outcome')), Array.from(numericColumn(r, 'er')));
  for (const [mine, theirs] of columns) rec.closeAll(`predictions ${mine} ~ ${theirs}`, numericColumn(a, mine), numericColumn(r, theirs), PRED);
}
