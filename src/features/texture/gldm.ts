/**
 * GLDM features, PyRadiomics' definitions (radiomics/gldm.py; docs "Gray Level Dependence Matrix
 * (GLDM) Features"; IBSI reference manual "Neighbouring grey level dependence based features", with
 * PyRadiomics' alpha = IBSI's coarseness parameter and IBSI's dependence count k = j).
 *
 * On the dependence matrix P(i, j) (gldm-matrix.ts): i grey-level values, j dependence sizes,
 * N_z = sum P (= number of ROI voxels; 1 if 0), p = P / N_z, p_g(i) = sum_j P(i, j),
 * p_d(j) = sum_i P(i, j), eps = 2.2e-16.
 */
import type { FeatureClass, FeatureDef, FeatureInput } from '../types.js';
import { gldmMatrix, type GldmMatrix } from './gldm-matrix.js';
import { checkEnabled } from './common.js';
import { sharedTextureGrid } from './shared.js';
import {
  sumSq, weighted, variance, joint, entropyOf, squareOf, inverseSquareOf, largeHigh, largeLow, smallHigh, smallLow,
} from './zone-math.js';

interface Coefficients {
  nz: number;
  pg: Float64Array;
  pd: Float64Array;
}

const formulas: Record<string, (m: GldmMatrix, c: Coefficients) => number> = {
  /** Dependence Entropy = -sum_ij p(i, j) log2(p(i, j) + eps). */
  DependenceEntropy: (m, c) => entropyOf(m.p, c.nz),
  /** Dependence Non-Uniformity = sum_j p_d(j)^2 / N_z. */
  DependenceNonUniformity: (_m, c) => sumSq(c.pd) / c.nz,
  /** Dependence Non-Uniformity Normalized = sum_j p_d(j)^2 / N_z^2. */
  DependenceNonUniformityNormalized: (_m, c) => sumSq(c.pd) / (c.nz * c.nz),
  /**
   * Deprecated (PyRadiomics): Dependence Percentage = N_z / N_p, always 1 because every ROI voxel
   * has a dependence count (N_p = N_z).
   */
  DependencePercentage: (_m, c) => {
    let np = 0;
    for (let k = 0; k < c.pg.length; k++) np += c.pg[k];
    return c.nz / (np === 0 ? 1 : np);
  },
  /** Dependence Variance = sum_j (p_d(j) / N_z) (j - mu)^2, mu = sum_j (p_d(j) / N_z) j. */
  DependenceVariance: (m, c) => variance(c.pd, c.nz, m.sizes),
  /** Gray Level Non-Uniformity = sum_i p_g(i)^2 / N_z. */
  GrayLevelNonUniformity: (_m, c) => sumSq(c.pg) / c.nz,
  /**
   * Deprecated (PyRadiomics): Gray Level Non-Uniformity Normalized = sum_i p_g(i)^2 / N_z^2, equal
   * to firstorder Uniformity.
   */
  GrayLevelNonUniformityNormalized: (_m, c) => sumSq(c.pg) / (c.nz * c.nz),
  /** Gray Level Variance = sum_i (p_g(i) / N_z) (i - mu)^2, mu = sum_i (p_g(i) / N_z) i. */
  GrayLevelVariance: (m, c) => variance(c.pg, c.nz, m.levels),
  /** High Gray Level Emphasis = sum_i p_g(i) i^2 / N_z. */
  HighGrayLevelEmphasis: (m, c) => weighted(c.pg, m.levels, squareOf) / c.nz,
  /** Large Dependence Emphasis = sum_j p_d(j) j^2 / N_z. */
  LargeDependenceEmphasis: (m, c) => weighted(c.pd, m.sizes, squareOf) / c.nz,
  /** Large Dependence High Gray Level Emphasis = sum_ij P(i, j) i^2 j^2 / N_z. */
  LargeDependenceHighGrayLevelEmphasis: (m, c) => joint(m.p, m.levels, m.sizes, largeHigh) / c.nz,
  /** Large Dependence Low Gray Level Emphasis = sum_ij P(i, j) j^2 / i^2 / N_z. */
  LargeDependenceLowGrayLevelEmphasis: (m, c) => joint(m.p, m.levels, m.sizes, largeLow) / c.nz,
  /** Low Gray Level Emphasis = sum_i p_g(i) / i^2 / N_z. */
  LowGrayLevelEmphasis: (m, c) => weighted(c.pg, m.levels, inverseSquareOf) / c.nz,
  /** Small Dependence Emphasis = sum_j p_d(j) / j^2 / N_z. */
  SmallDependenceEmphasis: (m, c) => weighted(c.pd, m.sizes, inverseSquareOf) / c.nz,
  /** Small Dependence High Gray Level Emphasis = sum_ij P(i, j) i^2 / j^2 / N_z. */
  SmallDependenceHighGrayLevelEmphasis: (m, c) => joint(m.p, m.levels, m.sizes, smallHigh) / c.nz,
  /** Small Dependence Low Gray Level Emphasis = sum_ij P(i, j) / (i^2 j^2) / N_z. */
  SmallDependenceLowGrayLevelEmphasis: (m, c) => joint(m.p, m.levels, m.sizes, smallLow) / c.nz,
};

const DEPRECATED = new Set(['DependencePercentage', 'GrayLevelNonUniformityNormalized']);

/** Every GLDM feature in PyRadiomics' order (ASCII order of the names). */
export const gldmFeatures: readonly FeatureDef[] = Object.keys(formulas)
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  .map((name) => ({ name, byDefault: !DEPRECATED.has(name) }));

export const gldmClass: FeatureClass = {
  name: 'gldm',
  features: gldmFeatures,
  compute(input: FeatureInput, enabled: readonly string[]): Map<string, number> {
    checkEnabled('gldm', gldmFeatures, enabled);
    if (!input.binned) throw new Error('gldm: the discretised image (binned) is missing');
    const m = gldmMatrix(input.binned, input.size, input.settings, sharedTextureGrid(input, Math.max(...input.settings.distances)));
    const nd = m.sizes.length;
    const pg = new Float64Array(m.n);
    const pd = new Float64Array(nd);
    let nz = 0;
    for (let i = 0; i < m.n; i++) {
      for (let j = 0; j < nd; j++) {
        const v = m.p[i * nd + j];
        pg[i] += v;
        pd[j] += v;
      }
    }
    for (let j = 0; j < nd; j++) nz += pd[j];
    const c: Coefficients = { nz: nz === 0 ? 1 : nz, pg, pd };
    const out = new Map<string, number>();
    for (const name of enabled) out.set(name, formulas[name](m, c));
    return out;
  },
};
