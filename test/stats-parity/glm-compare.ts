/**
 * Compares one logistic fit of radnomo with a glm_summary block of the reference harness
 * (lib.R glm_summary / glm_table): coefficients, SE, z, p, odds ratios with Wald and profile
 * limits, deviance, AIC, log-likelihood, LR test, R², iterations.
 */
import { TOL, type Recorder } from './compare.js';
import { summarizeLogistic, type LogisticFit } from '../../src/stats/logistic.js';
import { profileConfint } from '../../src/stats/profile-ci.js';
import { vif } from '../../src/stats/vif.js';

export function compareGlm(rec: Recorder, label: string, fit: LogisticFit, ref: any, opts: { profile?: boolean } = {}): void {
  const s = summarizeLogistic(fit);
  rec.equal(`${label} terms`, s.coefficients.map((c) => c.term), ref.coefficients.map((c: any) => c.term));
  rec.equal(`${label} n/events`, [s.n, s.events], [ref.n, ref.events]);
  const prof = opts.profile === false ? null : profileConfint(fit);
  s.coefficients.forEach((c, j) => {
    const r = ref.coefficients[j];
    if (!r) return;
    const l = `${label} ${c.term}`;
    // an estimate that is 0 in exact arithmetic (the rad-score model's intercept) is compared absolutely
    rec.close(`${l} estimate`, c.estimate, r.estimate, TOL.glm);
    rec.close(`${l} se`, c.se, r.se, TOL.glm);
    rec.close(`${l} z`, c.z, r.z, TOL.glm);
    rec.close(`${l} p`, c.p, r.p, TOL.glm);
    rec.close(`${l} or`, c.or, r.or, TOL.glm);
    rec.close(`${l} or_wald_lower`, c.orWaldLower, r.or_wald_lower, TOL.glm);
    rec.close(`${l} or_wald_upper`, c.orWaldUpper, r.or_wald_upper, TOL.glm);
    if (prof) {
      rec.close(`${l} or_profile_lower`, Math.exp(prof.lower[j]), r.or_profile_lower, TOL.profile);
      rec.close(`${l} or_profile_upper`, Math.exp(prof.upper[j]), r.or_profile_upper, TOL.profile);
    }
  });
  rec.close(`${label} deviance`, s.deviance, ref.deviance, TOL.glm);
  rec.close(`${label} null_deviance`, s.nullDeviance, ref.null_deviance, TOL.glm);
  rec.close(`${label} aic`, s.aic, ref.aic, TOL.glm);
  rec.close(`${label} loglik`, s.logLik, ref.loglik, TOL.glm);
  rec.close(`${label} lr_chisq`, s.lrChisq, ref.lr_chisq, TOL.glm);
  rec.equal(`${label} lr_df`, s.lrDf, ref.lr_df);
  rec.close(`${label} lr_p`, s.lrP, ref.lr_p, TOL.glm);
  rec.close(`${label} r2_cox_snell`, s.r2CoxSnell, ref.r2_cox_snell, TOL.glm);
  rec.close(`${label} r2_nagelkerke`, s.r2Nagelkerke, ref.r2_nagelkerke, TOL.glm);
  rec.equal(`${label} iterations/converged`, [s.iterations, s.converged], [ref.iterations, ref.converged]);
}

/** car::vif values (a named object of numbers, or null for models with < 2 terms). */
export function compareVif(rec: Recorder, label: string, fit: LogisticFit, ref: any): void {
  if (ref === null || ref === undefined) {
    rec.ok(`${label} vif absent`, fit.design.termNames.length < 2, 'R gives no VIF but the model has ≥ 2 terms');
    return;
  }
  const rows = vif(fit);
  rec.equal(`${label} vif terms`, rows.map((r) => r.term), Object.keys(ref));
  for (const r of rows) rec.close(`${label} vif ${r.term}`, r.gvif, ref[r.term], TOL.glm);
}
