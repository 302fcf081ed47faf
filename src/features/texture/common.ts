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
