/**
 * Feature names as PyRadiomics writes them, and its ordering rules.
 *
 * PyRadiomics finds a class's features by its `get<Name>FeatureValue` methods, listed by
 * inspect.getmembers (sorted by method name), so a class enabled as a whole yields its features in
 * that order: 'MeanAbsoluteDeviation' comes before 'Mean' because 'A' < 'F' in
 * 'getMeanAbsoluteDeviationFeatureValue' < 'getMeanFeatureValue'. A feature list given in a params
 * file is computed in the list's own order (radiomics/base.py, featureextractor.py).
 */
import type { FeatureClass, FeatureDef } from './types.js';

function methodName(feature: string): string {
  return `get${feature}FeatureValue`;
}

/** Compares two feature names the way PyRadiomics orders them (code units of the method names). */
export function comparePyRadiomicsOrder(a: string, b: string): number {
  const ma = methodName(a), mb = methodName(b);
  return ma < mb ? -1 : ma > mb ? 1 : 0;
}

/** A class's feature table in PyRadiomics' order; `deprecated` are off unless named. */
export function featureTable(names: readonly string[], deprecated: readonly string[] = []): FeatureDef[] {
  return [...names, ...deprecated]
    .sort(comparePyRadiomicsOrder)
    .map((name) => ({ name, byDefault: !deprecated.includes(name) }));
}

/**
 * The features to compute for a class: all non-deprecated ones in PyRadiomics' order when the
 * params file names none (null or an empty list), else the named ones in the given order, each once.
 */
export function enabledFeatureNames(cls: FeatureClass, requested: readonly string[] | null | undefined): string[] {
  if (!requested || requested.length === 0) return cls.features.filter((f) => f.byDefault).map((f) => f.name);
  return [...new Set(requested)];
}

/** The output column of a feature: `<imageType>_<class>_<feature>`, e.g. 'original_glcm_ClusterShade'. */
export function featureColumn(imageType: string, featureClass: string, feature: string): string {
  return `${imageType}_${featureClass}_${feature}`;
}
