/**
 * GLCM features, PyRadiomics' definitions (radiomics/glcm.py; docs "Gray Level Co-occurrence
 * Matrix (GLCM) Features"; IBSI 1 manual section 3.6 for the names it shares).
 *
 * Each feature is computed on the normalised matrix p(i, j) of every angle (glcm-matrix.ts), then
 * averaged over the angles, skipping NaN (numpy.nanmean): with a weightingNorm there is one
 * matrix. Notation per angle: i, j are grey-level values (only levels present in the ROI),
 * p_x(i) = sum_j p(i, j), p_y(j) = sum_i p(i, j), mu_x = sum i p(i, j), mu_y = sum j p(i, j),
 * p_{x+y}(k) = sum_{i+j=k} p(i, j) for k = 2..2 N_g, p_{x-y}(k) = sum_{|i-j|=k} p(i, j) for
 * k = 0..N_g-1, N_g the largest level present, eps = 2.2e-16 (numpy.spacing(1)),
 * HX = -sum p_x log2(p_x + eps), HY likewise, HXY = -sum p log2(p + eps),
 * HXY1 = -sum p log2(p_x p_y + eps), HXY2 = -sum p_x p_y log2(p_x p_y + eps).
 */
import type { FeatureClass, FeatureDef, FeatureInput } from '../types.js';
import { glcmMatrices, type GlcmMatrices } from './glcm-matrix.js';
import { eigenvalues } from './eigenvalues.js';
import { nanMean, checkEnabled } from './common.js';

const EPS = Number.EPSILON;

/** Per-angle quantities shared by the features. */
interface AngleStats {
  /** Offset of this angle's matrix in GlcmMatrices.p. */
  base: number;
  px: Float64Array;
  py: Float64Array;
  ux: number;
  uy: number;
  /** p_{x+y}(k) at index k - 2. */
  pSum: Float64Array;
  /** p_{x-y}(k) at index k. */
  pDiff: Float64Array;
  hxy: number;
}

type AngleFeature = (m: GlcmMatrices, s: AngleStats) => number;

/**
 * The per-angle formulas, keyed by PyRadiomics' feature name. Doc comment of each: the formula
 * (PyRadiomics docs, glcm.py) and the IBSI name where there is one.
 */
const perAngle: Record<string, AngleFeature> = {
  /** Autocorrelation = sum_i sum_j p(i, j) i j. */
  Autocorrelation: (m, s) => sumP(m, s, (i, j) => i * j),
  /** Cluster Prominence = sum (i + j - mu_x - mu_y)^4 p(i, j) (IBSI: cluster prominence). */
  ClusterProminence: (m, s) => sumP(m, s, (i, j) => (i + j - s.ux - s.uy) ** 4),
  /** Cluster Shade = sum (i + j - mu_x - mu_y)^3 p(i, j) (IBSI: cluster shade). */
  ClusterShade: (m, s) => sumP(m, s, (i, j) => (i + j - s.ux - s.uy) ** 3),
  /** Cluster Tendency = sum (i + j - mu_x - mu_y)^2 p(i, j) (IBSI: cluster tendency). */
  ClusterTendency: (m, s) => sumP(m, s, (i, j) => (i + j - s.ux - s.uy) ** 2),
  /** Contrast = sum (i - j)^2 p(i, j) (IBSI: contrast). */
  Contrast: (m, s) => sumP(m, s, (i, j) => (i - j) ** 2),
  /**
   * Correlation = (sum p(i, j) i j - mu_x mu_y) / (sigma_x sigma_y), computed as
   * sum p (i - mu_x)(j - mu_y) / (sigma_x sigma_y + eps); 1 when sigma_x sigma_y = 0 (flat region).
   */
  Correlation: (m, s) => {
    const sx = Math.sqrt(sumP(m, s, (i) => (i - s.ux) ** 2));
    const sy = Math.sqrt(sumP(m, s, (_i, j) => (j - s.uy) ** 2));
    if (sx * sy === 0) return 1;
    return sumP(m, s, (i, j) => (i - s.ux) * (j - s.uy)) / (sx * sy + EPS);
  },
  /** Difference Average = sum_k k p_{x-y}(k) (IBSI: difference average). */
  DifferenceAverage: (_m, s) => differenceAverage(s),
  /** Difference Entropy = -sum_k p_{x-y}(k) log2(p_{x-y}(k) + eps). */
  DifferenceEntropy: (_m, s) => entropy(s.pDiff),
  /** Difference Variance = sum_k (k - DA)^2 p_{x-y}(k), DA the difference average. */
  DifferenceVariance: (_m, s) => {
    const da = differenceAverage(s);
    let v = 0;
    for (let k = 0; k < s.pDiff.length; k++) v += s.pDiff[k] * (k - da) ** 2;
    return v;
  },
  /** Deprecated (PyRadiomics): Dissimilarity = sum |i - j| p(i, j), equal to Difference Average. */
  Dissimilarity: (m, s) => sumP(m, s, (i, j) => Math.abs(i - j)),
  /** Deprecated (PyRadiomics): Homogeneity 1 = sum p(i, j) / (1 + |i - j|), equal to Id. */
  Homogeneity1: (m, s) => sumP(m, s, (i, j) => 1 / (1 + Math.abs(i - j))),
  /** Deprecated (PyRadiomics): Homogeneity 2 = sum p(i, j) / (1 + |i - j|^2), equal to Idm. */
  Homogeneity2: (m, s) => sumP(m, s, (i, j) => 1 / (1 + (i - j) ** 2)),
  /** Inverse Difference (Homogeneity 1) = sum_k p_{x-y}(k) / (1 + k). */
  Id: (_m, s) => sumDiff(s, (k) => 1 / (1 + k)),
  /** Inverse Difference Moment (Homogeneity 2) = sum_k p_{x-y}(k) / (1 + k^2). */
  Idm: (_m, s) => sumDiff(s, (k) => 1 / (1 + k * k)),
  /** Inverse Difference Moment Normalised = sum_k p_{x-y}(k) / (1 + k^2 / N_g^2). */
  Idmn: (m, s) => sumDiff(s, (k) => 1 / (1 + (k * k) / (m.maxLevel * m.maxLevel))),
  /** Inverse Difference Normalised = sum_k p_{x-y}(k) / (1 + k / N_g). */
  Idn: (m, s) => sumDiff(s, (k) => 1 / (1 + k / m.maxLevel)),
  /**
   * Informational Measure of Correlation 1 = (HXY - HXY1) / max(HX, HY); 0 when HX = HY = 0.
   */
  Imc1: (m, s) => {
    const hx = entropy(s.px);
    const hy = entropy(s.py);
    const hxy1 = -sumP(m, s, (_i, _j, a, b) => Math.log2(s.px[a] * s.py[b] + EPS));
    const div = Math.max(hx, hy);
    return div === 0 ? 0 : (s.hxy - hxy1) / div;
  },
  /**
   * Informational Measure of Correlation 2 = sqrt(1 - exp(-2 (HXY2 - HXY))); 0 when HXY2 = HXY,
   * NaN (skipped by the angle mean) when rounding makes HXY > HXY2.
   */
  Imc2: (_m, s) => {
    let hxy2 = 0;
    for (let a = 0; a < s.px.length; a++) {
      for (let b = 0; b < s.py.length; b++) {
        const q = s.px[a] * s.py[b];
        hxy2 -= q * Math.log2(q + EPS);
      }
    }
    if (hxy2 === s.hxy) return 0;
    return Math.sqrt(1 - Math.exp(-2 * (hxy2 - s.hxy)));
  },
  /** Inverse Variance = sum_{k>=1} p_{x-y}(k) / k^2. */
  InverseVariance: (_m, s) => {
    let v = 0;
    for (let k = 1; k < s.pDiff.length; k++) v += s.pDiff[k] / (k * k);
    return v;
  },
  /** Joint Average = mu_x = sum p(i, j) i (IBSI: joint average; assumes a symmetrical GLCM). */
  JointAverage: (_m, s) => s.ux,
  /** Joint Energy = sum p(i, j)^2 (IBSI: angular second moment). */
  JointEnergy: (m, s) => sumP(m, s, (_i, _j, _a, _b, p) => p),
  /** Joint Entropy = HXY = -sum p(i, j) log2(p(i, j) + eps) (IBSI: joint entropy). */
  JointEntropy: (_m, s) => s.hxy,
  /** Maximum Probability = max p(i, j) (IBSI: joint maximum). */
  MaximumProbability: (m, s) => {
    let mx = -Infinity;
    for (let k = s.base, e = k + m.n * m.n; k < e; k++) if (m.p[k] > mx) mx = m.p[k];
    return mx;
  },
  /** Sum Average = sum_k k p_{x+y}(k) (IBSI: sum average). */
  SumAverage: (_m, s) => sumAverage(s),
  /** Sum Entropy = -sum_k p_{x+y}(k) log2(p_{x+y}(k) + eps) (IBSI: sum entropy). */
  SumEntropy: (_m, s) => entropy(s.pSum),
  /** Sum of Squares = sum (i - mu_x)^2 p(i, j) (IBSI: joint variance; assumes a symmetrical GLCM). */
  SumSquares: (m, s) => sumP(m, s, (i) => (i - s.ux) ** 2),
  /** Deprecated (PyRadiomics): Sum Variance = sum_k (k - SA)^2 p_{x+y}(k), equal to Cluster Tendency. */
  SumVariance: (_m, s) => {
    const sa = sumAverage(s);
    let v = 0;
    for (let k = 0; k < s.pSum.length; k++) v += s.pSum[k] * (k + 2 - sa) ** 2;
    return v;
  },
};

const DEPRECATED = new Set(['Dissimilarity', 'Homogeneity1', 'Homogeneity2', 'SumVariance']);

/** Every GLCM feature in PyRadiomics' order (ASCII order of the names, MCC included). */
export const glcmFeatures: readonly FeatureDef[] = [...Object.keys(perAngle), 'MCC']
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  .map((name) => ({ name, byDefault: !DEPRECATED.has(name) }));

/** sum over (i, j) of p(i, j) * w(i, j, ...) for the angle; w gets level values and indices. */
function sumP(m: GlcmMatrices, s: AngleStats, w: (i: number, j: number, a: number, b: number, p: number) => number): number {
  const { n, levels, p } = m;
  let total = 0;
  for (let a = 0; a < n; a++) {
    const i = levels[a];
    const row = s.base + a * n;
    for (let b = 0; b < n; b++) {
      const v = p[row + b];
      if (v === 0) continue;
      total += v * w(i, levels[b], a, b, v);
    }
  }
  return total;
}

function sumDiff(s: AngleStats, w: (k: number) => number): number {
  let t = 0;
  for (let k = 0; k < s.pDiff.length; k++) t += s.pDiff[k] * w(k);
  return t;
}

function differenceAverage(s: AngleStats): number {
  return sumDiff(s, (k) => k);
}

function sumAverage(s: AngleStats): number {
  let t = 0;
  for (let k = 0; k < s.pSum.length; k++) t += s.pSum[k] * (k + 2);
  return t;
}

/** -sum q log2(q + eps) */
function entropy(q: Float64Array): number {
  let h = 0;
  for (let k = 0; k < q.length; k++) if (q[k] !== 0 || Number.isNaN(q[k])) h -= q[k] * Math.log2(q[k] + EPS);
  return h;
}

function angleStats(m: GlcmMatrices, angle: number): AngleStats {
  const { n, levels, p, maxLevel } = m;
  const base = angle * n * n;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const pSum = new Float64Array(2 * maxLevel - 1);
  const pDiff = new Float64Array(maxLevel);
  let ux = 0;
  let uy = 0;
  let hxy = 0;
  for (let a = 0; a < n; a++) {
    const i = levels[a];
    for (let b = 0; b < n; b++) {
      const v = p[base + a * n + b];
      const j = levels[b];
      px[a] += v;
      py[b] += v;
      ux += v * i;
      uy += v * j;
      pSum[i + j - 2] += v;
      pDiff[Math.abs(i - j)] += v;
      if (v !== 0 || Number.isNaN(v)) hxy -= v * Math.log2(v + EPS);
    }
  }
  return { base, px, py, ux, uy, pSum, pDiff, hxy };
}

/**
 * Maximal Correlation Coefficient = sqrt(second largest eigenvalue of Q),
 * Q(i, j) = sum_k p(i, k) p(j, k) / (p_x(i) p_y(k) + eps) (PyRadiomics glcm.getMCCFeatureValue);
 * 1 when only one grey level is present. Like numpy.linalg.eigvals on the stack of angles: if any
 * angle has a complex eigenvalue, every angle's value is the real part of a complex square root
 * (a negative eigenvalue gives 0); otherwise a negative second eigenvalue gives NaN, which the
 * angle mean skips.
 */
function mcc(m: GlcmMatrices, stats: AngleStats[]): number {
  const { n, p } = m;
  if (n < 2) return 1;
  const seconds: { re: number; im: number }[] = [];
  let anyComplex = false;
  const q = new Float64Array(n * n);
  const col = new Float64Array(n);
  for (const s of stats) {
    q.fill(0);
    for (let k = 0; k < n; k++) {
      for (let a = 0; a < n; a++) col[a] = p[s.base + a * n + k];
      const pyk = s.py[k];
      for (let a = 0; a < n; a++) {
        const pak = col[a];
        if (pak === 0) continue;
        const d = s.px[a] * pyk + EPS;
        const row = a * n;
        for (let b = 0; b < n; b++) q[row + b] += (pak * col[b]) / d;
      }
    }
    let finite = true;
    for (let k = 0; k < n * n; k++) if (!Number.isFinite(q[k])) finite = false;
    if (!finite) return NaN; // numpy.linalg.eigvals refuses NaN: PyRadiomics reports NaN
    const e = eigenvalues(q, n);
    const order = Array.from({ length: n }, (_, k) => k).sort((x, y) => e.re[x] - e.re[y] || e.im[x] - e.im[y]);
    const k2 = order[n - 2];
    for (let k = 0; k < n; k++) if (e.im[k] !== 0) anyComplex = true;
    seconds.push({ re: e.re[k2], im: e.im[k2] });
  }
  const values = seconds.map(({ re, im }) => {
    if (anyComplex) return Math.sqrt((Math.hypot(re, im) + re) / 2); // real part of the principal sqrt
    return re >= 0 ? Math.sqrt(re) : NaN;
  });
  return nanMean(values);
}

export const glcmClass: FeatureClass = {
  name: 'glcm',
  features: glcmFeatures,
  compute(input: FeatureInput, enabled: readonly string[]): Map<string, number> {
    checkEnabled('glcm', glcmFeatures, enabled);
    if (!input.binned) throw new Error('glcm: the discretised image (binned) is missing');
    const m = glcmMatrices(input.binned, input.size, input.spacing, input.settings);
    const stats: AngleStats[] = [];
    for (let a = 0; a < m.count; a++) stats.push(angleStats(m, a));
    const out = new Map<string, number>();
    for (const name of enabled) {
      if (name === 'MCC') {
        out.set(name, mcc(m, stats));
      } else if (name === 'JointAverage') {
        // PyRadiomics takes a plain mean here (mu_x is never NaN-filtered)
        let t = 0;
        for (const s of stats) t += s.ux;
        out.set(name, t / stats.length);
      } else {
        const f = perAngle[name];
        out.set(name, nanMean(stats.map((s) => f(m, s))));
      }
    }
    return out;
  },
};
