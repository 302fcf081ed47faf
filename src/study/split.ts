/**
 * The random training/validation split of a study file's `split: {ratio, seed, stratify}`
 * (the paper: "randomly divided into training and validation cohorts at a ratio of 7:3").
 *
 * Stratified (default): the events, then the non-events, each in cohort order, are permuted
 * with the project's seeded generator (R's sample(m), random.ts) and the first round(ratio·m)
 * of each permutation go to training (R's round half to even). Unstratified: the same over all
 * patients. Same seed and cohort, same split.
 */
import { createRng } from '../stats/random.js';

/** R's round() for .5 cases (IEC 60559 round half to even). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export function splitByRatio(y: ArrayLike<number>, ratio: number, seed: number, stratify = true): ('train' | 'validation')[] {
  const n = y.length;
  const out: ('train' | 'validation')[] = new Array(n).fill('validation');
  const rng = createRng(seed);
  const groups: number[][] = stratify
    ? [1, 0].map((cls) => Array.from({ length: n }, (_, i) => i).filter((i) => y[i] === cls))
    : [Array.from({ length: n }, (_, i) => i)];
  for (const members of groups) {
    const m = members.length;
    if (!m) continue;
    const perm = rng.sample(m, m, false);
    const nTrain = roundHalfEven(m * ratio);
    for (let k = 0; k < nTrain; k++) out[members[perm[k]]] = 'train';
  }
  return out;
}
