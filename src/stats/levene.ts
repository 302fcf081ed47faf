/**
 * Levene's test for equal variances, as car::leveneTest(y, group, center): the one-way ANOVA
 * F test on |yᵢ − center(group of i)|, with center = mean (Levene 1960, SPSS) or median
 * (Brown & Forsythe 1974, car's default).
 *
 * Source: car::leveneTest.default (anova(lm(abs(y − center) ~ group))).
 */
import { oneWayAnova, type AnovaResult } from './anova.js';
import { meanUnchecked, medianSorted } from './descriptives.js';
import { named, requireFinite } from './validate.js';

export type LeveneCenter = 'mean' | 'median';

/** Levene / Brown-Forsythe test over groups given as arrays. */
export function levene(groups: ArrayLike<number>[], center: LeveneCenter, label?: string): AnovaResult {
  const what = named(`Levene test (center = ${center})`, label);
  groups.forEach((g, i) => requireFinite(g, `${what}, group ${i + 1}`));
  const dev = groups.map((g) => {
    const c = center === 'mean' ? meanUnchecked(g) : medianSorted(Float64Array.from(g).sort());
    const d = new Float64Array(g.length);
    for (let i = 0; i < g.length; i++) d[i] = Math.abs(g[i] - c);
    return d;
  });
  return oneWayAnova(dev, what);
}
