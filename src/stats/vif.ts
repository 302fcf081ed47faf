/**
 * Variance inflation factors of a fitted model as car::vif computes them (car 3.1,
 * vif.default): from the correlation matrix R of the coefficient estimates without the
 * intercept, the generalised VIF of term j is det(R_jj)·det(R_−j,−j)/det(R) (Fox & Monette
 * 1992, JASA 87:178-183). For one-column terms it is the ordinary VIF; for factors it is
 * reported with df and GVIF^(1/(2·df)), the quantity comparable across term sizes.
 */
import { spdLogDet, submatrix } from './linalg.js';
import type { LogisticFit } from './logistic.js';

export interface VifRow {
  term: string;
  gvif: number;
  df: number;
  /** GVIF^(1/(2·df)); equals √VIF for a one-column term. */
  gvifAdjusted: number;
}

/** GVIF of every term; throws when the model has fewer than 2 terms (car: "fewer than 2 terms"). */
export function vif(fit: LogisticFit): VifRow[] {
  const d = fit.design;
  if (d.termNames.length < 2) {
    throw new Error(`VIF needs a model with at least 2 terms; this one has ${d.termNames.length}`);
  }
  const cols: number[] = [];
  for (let j = 0; j < d.p; j++) if (d.termOfColumn[j] !== -1) cols.push(j);
  const k = cols.length;
  const V = submatrix(fit.covariance, d.p, cols);
  const R = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) R[b * k + a] = V[b * k + a] / Math.sqrt(V[a * k + a] * V[b * k + b]);
  const logDetR = spdLogDet(R, k);
  return d.termNames.map((term, t) => {
    const inT: number[] = [];
    const outT: number[] = [];
    cols.forEach((c, i) => (d.termOfColumn[c] === t ? inT : outT).push(i));
    const gvif = Math.exp(spdLogDet(submatrix(R, k, inT), inT.length) + spdLogDet(submatrix(R, k, outT), outT.length) - logDetR);
    return { term, gvif, df: inT.length, gvifAdjusted: Math.pow(gvif, 1 / (2 * inT.length)) };
  });
}
