/**
 * A feature class whose features are plain formulas over values prepared once per input
 * (firstorder's ROI statistics, shape's mesh and moments, shape2D's contour): the class's table in
 * PyRadiomics' order (deprecated formulas off unless named) and a compute that prepares once and
 * evaluates the enabled formulas in the requested order.
 */
import type { FeatureClass, FeatureInput } from './types.js';
import { featureTable } from './names.js';

export function formulaClass<C>(
  name: string,
  formulas: Record<string, (c: C) => number>,
  deprecated: readonly string[],
  prepare: (input: FeatureInput) => C,
): FeatureClass {
  return {
    name,
    features: featureTable(Object.keys(formulas).filter((f) => !deprecated.includes(f)), deprecated),
    compute(input, enabled) {
      const c = prepare(input);
      const out = new Map<string, number>();
      for (const feature of enabled) {
        const f = formulas[feature];
        if (!f) throw new Error(`${name}: unknown feature '${feature}'`);
        out.set(feature, f(c));
      }
      return out;
    },
  };
}
