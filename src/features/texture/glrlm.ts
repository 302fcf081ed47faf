/**
 * GLRLM features, PyRadiomics' definitions (radiomics/glrlm.py; docs "Gray Level Run Length
 * Matrix (GLRLM) Features"; IBSI reference manual "Grey level run length based features").
 *
 * Computed on the run-length matrix P(i, j | a) of every angle (glrlm-matrix.ts), then averaged
 * over the angles skipping NaN (numpy.nanmean). Per angle: i are grey-level values, j run lengths,
 * N_r = sum P (number of runs), p = P / N_r, p_g(i) = sum_j P(i, j), p_r(j) = sum_i P(i, j),
 * N_p = sum_j j p_r(j) (voxels in runs), eps = 2.2e-16.
 */
import type { FeatureClass, FeatureDef, FeatureInput } from '../types.js';
import { glrlmMatrices, type GlrlmMatrices } from './glrlm-matrix.js';
import { meanOverAngles, checkEnabled } from './common.js';
import { sharedTextureGrid } from './shared.js';
import { sumSq, weighted, variance, squareOf, inverseSquareOf, identityOf } from './zone-math.js';

const EPS = Number.EPSILON;

interface AngleStats {
  base: number;
  nr: number;
  pg: Float64Array;
  pr: Float64Array;
  /** sum_ij P(i, j) w(i, j) for w = i^2 j^2, j^2 / i^2, i^2 / j^2, 1 / (i^2 j^2) (0 when not wanted). */
  longHigh: number;
  longLow: number;
  shortHigh: number;
  shortLow: number;
}

type AngleFeature = (m: GlrlmMatrices, s: AngleStats) => number;

const perAngle: Record<string, AngleFeature> = {
  /** Gray Level Non-Uniformity = sum_i p_g(i)^2 / N_r (IBSI: grey level non-uniformity). */
  GrayLevelNonUniformity: (_m, s) => sumSq(s.pg) / s.nr,
  /** Gray Level Non-Uniformity Normalized = sum_i p_g(i)^2 / N_r^2. */
  GrayLevelNonUniformityNormalized: (_m, s) => sumSq(s.pg) / (s.nr * s.nr),
  /** Gray Level Variance = sum_i (p_g(i) / N_r) (i - mu)^2, mu = sum_i (p_g(i) / N_r) i. */
  GrayLevelVariance: (m, s) => variance(s.pg, s.nr, m.levels),
  /** High Gray Level Run Emphasis = sum_i p_g(i) i^2 / N_r. */
  HighGrayLevelRunEmphasis: (m, s) => weighted(s.pg, m.levels, squareOf) / s.nr,
  /** Long Run Emphasis = sum_j p_r(j) j^2 / N_r. */
  LongRunEmphasis: (m, s) => weighted(s.pr, m.runLengths, squareOf) / s.nr,
  /** Long Run High Gray Level Emphasis = sum_ij P(i, j) i^2 j^2 / N_r. */
  LongRunHighGrayLevelEmphasis: (m, s) => s.longHigh / s.nr,
  /** Long Run Low Gray Level Emphasis = sum_ij P(i, j) j^2 / i^2 / N_r. */
  LongRunLowGrayLevelEmphasis: (m, s) => s.longLow / s.nr,
  /** Low Gray Level Run Emphasis = sum_i p_g(i) / i^2 / N_r. */
  LowGrayLevelRunEmphasis: (m, s) => weighted(s.pg, m.levels, inverseSquareOf) / s.nr,
  /** Run Entropy = -sum_ij p(i, j) log2(p(i, j) + eps). */
  RunEntropy: (m, s) => runEntropy(m, s),
  /** Run Length Non-Uniformity = sum_j p_r(j)^2 / N_r. */
  RunLengthNonUniformity: (_m, s) => sumSq(s.pr) / s.nr,
  /** Run Length Non-Uniformity Normalized = sum_j p_r(j)^2 / N_r^2. */
  RunLengthNonUniformityNormalized: (_m, s) => sumSq(s.pr) / (s.nr * s.nr),
  /** Run Percentage = N_r / N_p. */
  RunPercentage: (m, s) => s.nr / weighted(s.pr, m.runLengths, identityOf),
  /** Run Variance = sum_j (p_r(j) / N_r) (j - mu)^2, mu = sum_j (p_r(j) / N_r) j. */
  RunVariance: (m, s) => variance(s.pr, s.nr, m.runLengths),
  /** Short Run Emphasis = sum_j p_r(j) / j^2 / N_r. */
  ShortRunEmphasis: (m, s) => weighted(s.pr, m.runLengths, inverseSquareOf) / s.nr,
  /** Short Run High Gray Level Emphasis = sum_ij P(i, j) i^2 / j^2 / N_r. */
  ShortRunHighGrayLevelEmphasis: (m, s) => s.shortHigh / s.nr,
  /** Short Run Low Gray Level Emphasis = sum_ij P(i, j) / (i^2 j^2) / N_r. */
  ShortRunLowGrayLevelEmphasis: (m, s) => s.shortLow / s.nr,
};

/** Every GLRLM feature in PyRadiomics' order (ASCII order of the names). */
export const glrlmFeatures: readonly FeatureDef[] = Object.keys(perAngle)
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  .map((name) => ({ name, byDefault: true }));

/**
 * log2(q + eps) by count: q = P(i, j) / N_r is the same number for every cell of an angle with
 * the same count (a few small counts fill most cells), so its log is taken once per count and
 * angle. Valid while stamp = the angle's stamp.
 */
const LOG_CACHE = 4096;
const cachedLog = new Float64Array(LOG_CACHE);
const cachedStamp = new Int32Array(LOG_CACHE);
let stampNow = 0;

/** -sum_ij p(i, j) log2(p(i, j) + eps), p = P / N_r. */
function runEntropy(m: GlrlmMatrices, s: AngleStats): number {
  const { n, runLengths, p } = m;
  const nr = runLengths.length;
  if (++stampNow === 0x7fffffff) {
    cachedStamp.fill(0);
    stampNow = 1;
  }
  const stamp = stampNow;
  let h = 0;
  for (let k = s.base, e = k + n * nr; k < e; k++) {
    const c = p[k];
    const q = c / s.nr;
    if (q !== 0 || Number.isNaN(q)) {
      let log: number;
      if (c >= 0 && c < LOG_CACHE && c === (c | 0)) {
        if (cachedStamp[c] !== stamp) {
          cachedStamp[c] = stamp;
          cachedLog[c] = Math.log2(q + EPS);
        }
        log = cachedLog[c];
      } else {
        log = Math.log2(q + EPS);
      }
      h -= q * log;
    }
  }
  return h;
}

/**
 * The sums of one angle's matrix; with `joint`, also the four joint weighted sums over the non-zero
 * cells (one pass for the four, each weight computed as written in AngleStats, cells in row order).
 */
function angleStats(m: GlrlmMatrices, angle: number, joint: boolean): AngleStats {
  const { n, levels, runLengths: lengths, p } = m;
  const nr = lengths.length;
  const base = angle * n * nr;
  const pg = new Float64Array(n);
  const pr = new Float64Array(nr);
  let total = 0, longHigh = 0, longLow = 0, shortHigh = 0, shortLow = 0;
  for (let a = 0; a < n; a++) {
    const i = levels[a];
    for (let b = 0; b < nr; b++) {
      const v = p[base + a * nr + b];
      pg[a] += v;
      pr[b] += v;
      total += v;
      if (joint && v !== 0) {
        const i2 = i * i, j2 = lengths[b] * lengths[b];
        longHigh += v * (i2 * j2);
        longLow += v * (j2 / i2);
        shortHigh += v * (i2 / j2);
        shortLow += v * (1 / (i2 * j2));
      }
    }
  }
  // an all-empty matrix (possible only when it is the only one) gives NaN features, as PyRadiomics
  return { base, nr: total === 0 ? NaN : total, pg, pr, longHigh, longLow, shortHigh, shortLow };
}

/** The features that read AngleStats' joint sums. */
const JOINT = ['LongRunHighGrayLevelEmphasis', 'LongRunLowGrayLevelEmphasis', 'ShortRunHighGrayLevelEmphasis', 'ShortRunLowGrayLevelEmphasis'];

export const glrlmClass: FeatureClass = {
  name: 'glrlm',
  features: glrlmFeatures,
  compute(input: FeatureInput, enabled: readonly string[]): Map<string, number> {
    checkEnabled('glrlm', glrlmFeatures, enabled);
    if (!input.binned) throw new Error('glrlm: the discretised image (binned) is missing');
    const m = glrlmMatrices(input.binned, input.size, input.spacing, input.settings, sharedTextureGrid(input, 1));
    const stats: AngleStats[] = [];
    let joint = false;
    for (const name of enabled) if (JOINT.includes(name)) joint = true;
    for (let a = 0; a < m.count; a++) stats.push(angleStats(m, a, joint));
    const out = new Map<string, number>();
    for (const name of enabled) out.set(name, meanOverAngles(perAngle[name], m, stats));
    return out;
  },
};
