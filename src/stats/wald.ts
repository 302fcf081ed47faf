/**
 * Wald tests of blocks of logistic-regression coefficients: χ² = bᵀV⁻¹b on the block's
 * coefficients b and their covariance V, df = block size (the multi-degree-of-freedom test of a
 * factor; the reference harness's lib.R wald_block, as in aod::wald.test / car::Anova type III).
 */
import { submatrix, quadFormInverse } from './linalg.js';
import { pchisq } from './distributions.js';
import type { LogisticFit } from './logistic.js';

export interface WaldTest {
  chisq: number;
  df: number;
  p: number;
}

/** Wald χ² test that the coefficients in `columns` are all zero. */
export function waldTest(fit: LogisticFit, columns: readonly number[]): WaldTest {
  const p = fit.design.p;
  const V = submatrix(fit.covariance, p, columns);
  const b = columns.map((c) => fit.coefficients[c]);
  const chisq = quadFormInverse(V, columns.length, b);
  return { chisq, df: columns.length, p: pchisq(chisq, columns.length, false) };
}

/** The overall Wald test of every model term (all columns of a factor together), keyed by term name. */
export function termWaldTests(fit: LogisticFit): Record<string, WaldTest> {
  const d = fit.design;
  const out: Record<string, WaldTest> = {};
  d.termNames.forEach((name, t) => {
    const cols: number[] = [];
    d.termOfColumn.forEach((tc, j) => {
      if (tc === t) cols.push(j);
    });
    if (cols.length) out[name] = waldTest(fit, cols);
  });
  return out;
}
