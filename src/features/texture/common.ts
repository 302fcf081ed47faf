/** Small helpers shared by the texture feature classes. */
import type { FeatureDef } from '../types.js';

/** Mean of the values that are not NaN (numpy.nanmean); NaN when there are none. */
export function nanMean(values: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (Number.isNaN(v)) continue;
    s += v;
    n++;
  }
  return n === 0 ? NaN : s / n;
}

/**
 * nanMean of f(m, s) over the angles' stats. A loop here instead of `stats.map((s) => f(m, s))` in
 * each class: V8 holds the optimised code of a closure made per call only weakly, and lost it (to
 * compile it again) at each full collection.
 */
export function meanOverAngles<M, S>(f: (m: M, s: S) => number, m: M, stats: readonly S[]): number {
  const values = new Float64Array(stats.length);
  for (let a = 0; a < stats.length; a++) values[a] = f(m, stats[a]);
  return nanMean(values);
}

/** Throw, naming the class and the valid names, when a requested feature does not exist. */
export function checkEnabled(className: string, features: readonly FeatureDef[], enabled: readonly string[]): void {
  for (const name of enabled) {
    if (!features.some((f) => f.name === name)) {
      throw new Error(
        `${className}: no feature named '${name}'; the ${className} features are ${features.map((f) => f.name).join(', ')}`,
      );
    }
  }
}
