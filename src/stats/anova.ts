/**
 * One-way analysis of variance with equal variances, as R's oneway.test(y ~ g, var.equal = TRUE)
 * (equivalently anova(lm(y ~ factor(g)))): F = [Σ nᵢ(mᵢ − m)²/(k − 1)] / [Σ (nᵢ − 1)vᵢ/(N − k)],
 * p = P(F_{k−1, N−k} > F). With two groups F = t² of Student's t test.
 *
 * Source: R stats::oneway.test.
 */
import { pf } from './distributions.js';
import { meanUnchecked, varianceUnchecked } from './descriptives.js';
import { named, requireFinite } from './validate.js';

export interface AnovaResult {
  F: number;
  df1: number;
  df2: number;
  p: number;
}

/**
 * One-way ANOVA over groups given as arrays.
 * @example oneWayAnova([[1, 2, 3], [4, 5, 7]]).F
 */
export function oneWayAnova(groups: ArrayLike<number>[], label?: string): AnovaResult {
  const what = named('one-way ANOVA', label);
  const k = groups.length;
  if (k < 2) throw new RangeError(`${what}: ${k} group(s); at least 2 are needed`);
  let n = 0;
  groups.forEach((g, i) => {
    requireFinite(g, `${what}, group ${i + 1}`);
    if (g.length < 1) throw new RangeError(`${what}: group ${i + 1} is empty`);
    n += g.length;
  });
  if (n - k < 1) throw new RangeError(`${what}: ${n} values in ${k} groups leave no residual degrees of freedom`);
  const ni = groups.map((g) => g.length);
  const mi = groups.map((g) => meanUnchecked(g));
  const vi = groups.map((g) => (g.length > 1 ? varianceUnchecked(g) : 0));
  // weighted grand mean, as oneway.test: sum(n.i * m.i) / n
  let m = 0;
  for (let i = 0; i < k; i++) m += ni[i] * mi[i];
  m /= n;
  let between = 0;
  let within = 0;
  for (let i = 0; i < k; i++) {
    between += ni[i] * (mi[i] - m) ** 2;
    within += (ni[i] - 1) * vi[i];
  }
  const df1 = k - 1;
  const df2 = n - k;
  if (within === 0) throw new RangeError(`${what}: every group is constant (within-group variance 0); F is undefined`);
  const F = between / df1 / (within / df2);
  return { F, df1, df2, p: pf(F, df1, df2, false) };
}
