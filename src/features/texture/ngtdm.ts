/**
 * NGTDM features, PyRadiomics' definitions (radiomics/ngtdm.py; docs "Neighbouring Gray Tone
 * Difference Matrix (NGTDM) Features"; IBSI reference manual "Neighbourhood grey tone difference based
 * features").
 *
 * On the matrix of ngtdm-matrix.ts: i grey-level values, n_i voxel counts, N_v,p = sum n_i,
 * p_i = n_i / N_v,p, s_i summed absolute differences, N_g,p the number of levels with p_i > 0.
 * Every sum over i, j runs over levels with p_i > 0 and p_j > 0.
 */
import type { FeatureClass, FeatureDef, FeatureInput } from '../types.js';
import { ngtdmMatrix, type NgtdmMatrix } from './ngtdm-matrix.js';
import { checkEnabled } from './common.js';
import { sharedTextureGrid } from './shared.js';

interface Coefficients {
  m: NgtdmMatrix;
  /** p_i */
  p: Float64Array;
  nvp: number;
  /** sum_i p_i s_i */
  sumPs: number;
  /** sum_i s_i */
  sumS: number;
}

const formulas: Record<string, (c: Coefficients) => number> = {
  /**
   * Busyness = sum_i p_i s_i / sum_i sum_j |i p_i - j p_j|; 0 when the denominator is 0
   * (one grey level).
   */
  Busyness: (c) => {
    const { p, m } = c;
    let d = 0;
    for (let a = 0; a < m.n; a++) for (let b = 0; b < m.n; b++) d += Math.abs(m.levels[a] * p[a] - m.levels[b] * p[b]);
    return d === 0 ? 0 : c.sumPs / d;
  },
  /** Coarseness = 1 / sum_i p_i s_i; 10^6 when the sum is 0 (a homogeneous ROI). */
  Coarseness: (c) => (c.sumPs === 0 ? 1e6 : 1 / c.sumPs),
  /**
   * Complexity = (1 / N_v,p) sum_i sum_j |i - j| (p_i s_i + p_j s_j) / (p_i + p_j).
   */
  Complexity: (c) => {
    const { p, m } = c;
    let t = 0;
    for (let a = 0; a < m.n; a++) {
      for (let b = 0; b < m.n; b++) {
        t += (Math.abs(m.levels[a] - m.levels[b]) * (p[a] * m.s[a] + p[b] * m.s[b])) / (p[a] + p[b]);
      }
    }
    return t / c.nvp;
  },
  /**
   * Contrast = [1 / (N_g,p (N_g,p - 1)) sum_i sum_j p_i p_j (i - j)^2] [(1 / N_v,p) sum_i s_i];
   * 0 when N_g,p = 1.
   */
  Contrast: (c) => {
    const { p, m } = c;
    const div = m.n * (m.n - 1);
    if (div === 0) return 0;
    let t = 0;
    for (let a = 0; a < m.n; a++) for (let b = 0; b < m.n; b++) t += p[a] * p[b] * (m.levels[a] - m.levels[b]) ** 2;
    return ((t * c.sumS) / c.nvp) / div;
  },
  /** Strength = sum_i sum_j (p_i + p_j)(i - j)^2 / sum_i s_i; 0 when sum_i s_i = 0. */
  Strength: (c) => {
    const { p, m } = c;
    if (c.sumS === 0) return 0;
    let t = 0;
    for (let a = 0; a < m.n; a++) for (let b = 0; b < m.n; b++) t += (p[a] + p[b]) * (m.levels[a] - m.levels[b]) ** 2;
    return t / c.sumS;
  },
};

/** Every NGTDM feature in PyRadiomics' order (ASCII order of the names). */
export const ngtdmFeatures: readonly FeatureDef[] = Object.keys(formulas)
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  .map((name) => ({ name, byDefault: true }));

export const ngtdmClass: FeatureClass = {
  name: 'ngtdm',
  features: ngtdmFeatures,
  compute(input: FeatureInput, enabled: readonly string[]): Map<string, number> {
    checkEnabled('ngtdm', ngtdmFeatures, enabled);
    if (!input.binned) throw new Error('ngtdm: the discretised image (binned) is missing');
    const m = ngtdmMatrix(input.binned, input.size, input.settings, sharedTextureGrid(input, Math.max(...input.settings.distances)));
    let nvp = 0;
    for (let k = 0; k < m.n; k++) nvp += m.count[k];
    const p = new Float64Array(m.n);
    let sumPs = 0;
    let sumS = 0;
    for (let k = 0; k < m.n; k++) {
      p[k] = m.count[k] / nvp;
      sumPs += p[k] * m.s[k];
      sumS += m.s[k];
    }
    const c: Coefficients = { m, p, nvp, sumPs, sumS };
    const out = new Map<string, number>();
    for (const name of enabled) out.set(name, formulas[name](c));
    return out;
  },
};
