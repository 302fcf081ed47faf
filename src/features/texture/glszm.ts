/**
 * GLSZM features, PyRadiomics' definitions (radiomics/glszm.py; docs "Gray Level Size Zone
 * Matrix (GLSZM) Features"; IBSI reference manual "Grey level size zone based features").
 *
 * On the zone matrix P(i, j) (glszm-matrix.ts): i grey-level values, j zone sizes,
 * N_z = sum P (number of zones), N_p = sum_j j p_s(j) (voxels in zones; both 1 if 0),
 * p = P / N_z, p_g(i) = sum_j P(i, j), p_s(j) = sum_i P(i, j), eps = 2.2e-16.
 */
import type { FeatureClass, FeatureDef, FeatureInput } from '../types.js';
import { glszmMatrix, type GlszmMatrix } from './glszm-matrix.js';
import { checkEnabled } from './common.js';
import { sharedTextureGrid } from './shared.js';
import {
  sumSq, weighted, variance, joint, entropyOf, squareOf, inverseSquareOf, largeHigh, largeLow, smallHigh, smallLow,
} from './zone-math.js';

interface Coefficients {
  nz: number;
  np: number;
  pg: Float64Array;
  ps: Float64Array;
}

const formulas: Record<string, (m: GlszmMatrix, c: Coefficients) => number> = {
  /** Gray Level Non-Uniformity = sum_i p_g(i)^2 / N_z (IBSI: grey level non-uniformity). */
  GrayLevelNonUniformity: (_m, c) => sumSq(c.pg) / c.nz,
  /** Gray Level Non-Uniformity Normalized = sum_i p_g(i)^2 / N_z^2. */
  GrayLevelNonUniformityNormalized: (_m, c) => sumSq(c.pg) / (c.nz * c.nz),
  /** Gray Level Variance = sum_i (p_g(i) / N_z) (i - mu)^2, mu = sum_i (p_g(i) / N_z) i. */
  GrayLevelVariance: (m, c) => variance(c.pg, c.nz, m.levels),
  /** High Gray Level Zone Emphasis = sum_i p_g(i) i^2 / N_z. */
  HighGrayLevelZoneEmphasis: (m, c) => weighted(c.pg, m.levels, squareOf) / c.nz,
  /** Large Area Emphasis = sum_j p_s(j) j^2 / N_z. */
  LargeAreaEmphasis: (m, c) => weighted(c.ps, m.sizes, squareOf) / c.nz,
  /** Large Area High Gray Level Emphasis = sum_ij P(i, j) i^2 j^2 / N_z. */
  LargeAreaHighGrayLevelEmphasis: (m, c) => joint(m.p, m.levels, m.sizes, largeHigh) / c.nz,
  /** Large Area Low Gray Level Emphasis = sum_ij P(i, j) j^2 / i^2 / N_z. */
  LargeAreaLowGrayLevelEmphasis: (m, c) => joint(m.p, m.levels, m.sizes, largeLow) / c.nz,
  /** Low Gray Level Zone Emphasis = sum_i p_g(i) / i^2 / N_z. */
  LowGrayLevelZoneEmphasis: (m, c) => weighted(c.pg, m.levels, inverseSquareOf) / c.nz,
  /** Size-Zone Non-Uniformity = sum_j p_s(j)^2 / N_z. */
  SizeZoneNonUniformity: (_m, c) => sumSq(c.ps) / c.nz,
  /** Size-Zone Non-Uniformity Normalized = sum_j p_s(j)^2 / N_z^2. */
  SizeZoneNonUniformityNormalized: (_m, c) => sumSq(c.ps) / (c.nz * c.nz),
  /** Small Area Emphasis = sum_j p_s(j) / j^2 / N_z. */
  SmallAreaEmphasis: (m, c) => weighted(c.ps, m.sizes, inverseSquareOf) / c.nz,
  /** Small Area High Gray Level Emphasis = sum_ij P(i, j) i^2 / j^2 / N_z. */
  SmallAreaHighGrayLevelEmphasis: (m, c) => joint(m.p, m.levels, m.sizes, smallHigh) / c.nz,
  /** Small Area Low Gray Level Emphasis = sum_ij P(i, j) / (i^2 j^2) / N_z. */
  SmallAreaLowGrayLevelEmphasis: (m, c) => joint(m.p, m.levels, m.sizes, smallLow) / c.nz,
  /** Zone Entropy = -sum_ij p(i, j) log2(p(i, j) + eps). */
  ZoneEntropy: (m, c) => entropyOf(m.p, c.nz),
  /** Zone Percentage = N_z / N_p. */
  ZonePercentage: (_m, c) => c.nz / c.np,
  /** Zone Variance = sum_j (p_s(j) / N_z) (j - mu)^2, mu = sum_j (p_s(j) / N_z) j. */
  ZoneVariance: (m, c) => variance(c.ps, c.nz, m.sizes),
};

/** Every GLSZM feature in PyRadiomics' order (ASCII order of the names). */
export const glszmFeatures: readonly FeatureDef[] = Object.keys(formulas)
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  .map((name) => ({ name, byDefault: true }));

export const glszmClass: FeatureClass = {
  name: 'glszm',
  features: glszmFeatures,
  compute(input: FeatureInput, enabled: readonly string[]): Map<string, number> {
    checkEnabled('glszm', glszmFeatures, enabled);
    if (!input.binned) throw new Error('glszm: the discretised image (binned) is missing');
    const m = glszmMatrix(input.binned, input.size, input.settings, sharedTextureGrid(input, 1));
    const ns = m.sizes.length;
    const pg = new Float64Array(m.n);
    const ps = new Float64Array(ns);
    let nz = 0;
    for (let i = 0; i < m.n; i++) {
      for (let j = 0; j < ns; j++) {
        const v = m.p[i * ns + j];
        pg[i] += v;
        ps[j] += v;
        nz += v;
      }
    }
    let np = 0;
    for (let j = 0; j < ns; j++) np += ps[j] * m.sizes[j];
    const c: Coefficients = { nz: nz === 0 ? 1 : nz, np: np === 0 ? 1 : np, pg, ps };
    const out = new Map<string, number>();
    for (const name of enabled) out.set(name, formulas[name](m, c));
    return out;
  },
};
