/**
 * GLCM features, PyRadiomics' definitions (radiomics/glcm.py; docs "Gray Level Co-occurrence
 * Matrix (GLCM) Features"; IBSI reference manual "Grey level co-occurrence based features" for the
 * names it shares).
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
import { glcmCells, type GlcmCells } from './glcm-matrix.js';
import { matrixMcc, mccWork } from './mcc.js';
import { meanOverAngles, nanMean, checkEnabled } from './common.js';
import { sharedTextureGrid } from './shared.js';
import { reusedFloat64, reusedInt32 } from '../scratch.js';

const EPS = Number.EPSILON;

/**
 * Per-angle sums, computed in two fused passes over the matrix (the second needs mu_x, mu_y).
 * Names follow the formulas in the feature table below.
 */
interface AngleStats {
  /** This angle's matrix in GlcmCells. */
  angle: number;
  px: Float64Array;
  py: Float64Array;
  ux: number;
  uy: number;
  /** p_{x+y}(k) at index k - 2. */
  pSum: Float64Array;
  /** p_{x-y}(k) at index k. */
  pDiff: Float64Array;
  hxy: number;
  /** sum p i j */
  autocorrelation: number;
  /** sum p (i - j)^2 */
  contrast: number;
  /** sum p |i - j| */
  absDiff: number;
  /** sum p / (1 + |i - j|) */
  homogeneity1: number;
  /** sum p / (1 + (i - j)^2) */
  homogeneity2: number;
  /** sum p^2 */
  energy: number;
  /** max p */
  maxP: number;
  /** sum p (i + j - mu_x - mu_y)^2, ^3, ^4 */
  cluster2: number;
  cluster3: number;
  cluster4: number;
  /** sum p (i - mu_x)^2, sum p (j - mu_y)^2, sum p (i - mu_x)(j - mu_y) */
  varX: number;
  varY: number;
  covXY: number;
  /** HXY1 and HXY2, found when a feature needs them (NaN until then): see hxy12. */
  hxy1: number;
  hxy2: number;
}

type AngleFeature = (m: GlcmCells, s: AngleStats) => number;

/**
 * The per-angle formulas, keyed by PyRadiomics' feature name. Doc comment of each: the formula
 * (PyRadiomics docs, glcm.py) and the IBSI name where there is one.
 */
const perAngle: Record<string, AngleFeature> = {
  /** Autocorrelation = sum_i sum_j p(i, j) i j. */
  Autocorrelation: (_m, s) => s.autocorrelation,
  /** Cluster Prominence = sum (i + j - mu_x - mu_y)^4 p(i, j) (IBSI: cluster prominence). */
  ClusterProminence: (_m, s) => s.cluster4,
  /** Cluster Shade = sum (i + j - mu_x - mu_y)^3 p(i, j) (IBSI: cluster shade). */
  ClusterShade: (_m, s) => s.cluster3,
  /** Cluster Tendency = sum (i + j - mu_x - mu_y)^2 p(i, j) (IBSI: cluster tendency). */
  ClusterTendency: (_m, s) => s.cluster2,
  /** Contrast = sum (i - j)^2 p(i, j) (IBSI: contrast). */
  Contrast: (_m, s) => s.contrast,
  /**
   * Correlation = (sum p(i, j) i j - mu_x mu_y) / (sigma_x sigma_y), computed as
   * sum p (i - mu_x)(j - mu_y) / (sigma_x sigma_y + eps); 1 when sigma_x sigma_y = 0 (flat region).
   */
  Correlation: (_m, s) => {
    const sxy = Math.sqrt(s.varX) * Math.sqrt(s.varY);
    return sxy === 0 ? 1 : s.covXY / (sxy + EPS);
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
  Dissimilarity: (_m, s) => s.absDiff,
  /** Deprecated (PyRadiomics): Homogeneity 1 = sum p(i, j) / (1 + |i - j|), equal to Id. */
  Homogeneity1: (_m, s) => s.homogeneity1,
  /** Deprecated (PyRadiomics): Homogeneity 2 = sum p(i, j) / (1 + |i - j|^2), equal to Idm. */
  Homogeneity2: (_m, s) => s.homogeneity2,
  /** Inverse Difference (Homogeneity 1) = sum_k p_{x-y}(k) / (1 + k). */
  Id: (_m, s) => sumDiff(s, idWeight, 0),
  /** Inverse Difference Moment (Homogeneity 2) = sum_k p_{x-y}(k) / (1 + k^2). */
  Idm: (_m, s) => sumDiff(s, idmWeight, 0),
  /** Inverse Difference Moment Normalised = sum_k p_{x-y}(k) / (1 + k^2 / N_g^2). */
  Idmn: (m, s) => sumDiff(s, idmnWeight, m.maxLevel),
  /** Inverse Difference Normalised = sum_k p_{x-y}(k) / (1 + k / N_g). */
  Idn: (m, s) => sumDiff(s, idnWeight, m.maxLevel),
  /** Informational Measure of Correlation 1 = (HXY - HXY1) / max(HX, HY); 0 when HX = HY = 0. */
  Imc1: (m, s) => {
    const div = Math.max(entropy(s.px), entropy(s.py));
    return div === 0 ? 0 : (s.hxy - hxy12(m, s).hxy1) / div;
  },
  /**
   * Informational Measure of Correlation 2 = sqrt(1 - exp(-2 (HXY2 - HXY))); 0 when HXY2 = HXY,
   * NaN (skipped by the angle mean) when rounding makes HXY > HXY2.
   */
  Imc2: (m, s) => {
    const { hxy2 } = hxy12(m, s);
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
  JointEnergy: (_m, s) => s.energy,
  /** Joint Entropy = HXY = -sum p(i, j) log2(p(i, j) + eps) (IBSI: joint entropy). */
  JointEntropy: (_m, s) => s.hxy,
  /** Maximum Probability = max p(i, j) (IBSI: joint maximum). */
  MaximumProbability: (_m, s) => s.maxP,
  /** Sum Average = sum_k k p_{x+y}(k) (IBSI: sum average). */
  SumAverage: (_m, s) => sumAverage(s),
  /** Sum Entropy = -sum_k p_{x+y}(k) log2(p_{x+y}(k) + eps) (IBSI: sum entropy). */
  SumEntropy: (_m, s) => entropy(s.pSum),
  /** Sum of Squares = sum (i - mu_x)^2 p(i, j) (IBSI: joint variance; assumes a symmetrical GLCM). */
  SumSquares: (_m, s) => s.varX,
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

/**
 * sum_k p_{x-y}(k) w(k, maxLevel). The weights are module-level functions, not closures written in
 * each formula: V8 holds the optimised code of a closure made per call only weakly, and compiled
 * them again after each full collection.
 */
function sumDiff(s: AngleStats, w: (k: number, maxLevel: number) => number, maxLevel: number): number {
  let t = 0;
  for (let k = 0; k < s.pDiff.length; k++) t += s.pDiff[k] * w(k, maxLevel);
  return t;
}

const idWeight = (k: number) => 1 / (1 + k);
const idmWeight = (k: number) => 1 / (1 + k * k);
const idmnWeight = (k: number, maxLevel: number) => 1 / (1 + (k * k) / (maxLevel * maxLevel));
const idnWeight = (k: number, maxLevel: number) => 1 / (1 + k / maxLevel);
const differenceWeight = (k: number) => k;

function differenceAverage(s: AngleStats): number {
  return sumDiff(s, differenceWeight, 0);
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

/**
 * log2(p + eps) of the cells by their raw count: p = count / sum is the same number for every
 * cell of a matrix with that count (most cells of a matrix hold a few small counts), so its log
 * is taken once per count and matrix. Entries are valid while stamp = the matrix's stamp.
 */
const LOG_CACHE = 4096;
const cachedLog = new Float64Array(LOG_CACHE);
const cachedStamp = new Int32Array(LOG_CACHE);
let stampNow = 0;

function angleStats(m: GlcmCells, angle: number): AngleStats {
  const { n, levels, maxLevel, row, col, value, raw } = m;
  const from = m.start[angle], to = m.start[angle + 1];
  if (++stampNow === 0x7fffffff) {
    cachedStamp.fill(0);
    stampNow = 1;
  }
  const stamp = stampNow;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const pSum = new Float64Array(2 * maxLevel - 1);
  const pDiff = new Float64Array(maxLevel);
  let ux = 0, uy = 0, hxy = 0, autocorrelation = 0, contrast = 0, absDiff = 0;
  let homogeneity1 = 0, homogeneity2 = 0, energy = 0, maxP = -Infinity;
  // the non-zero cells in a dense loop's order (zero cells add nothing; none is the maximum, as
  // every p >= 0 and a matrix has a non-zero cell unless all are NaN)
  for (let k = from; k < to; k++) {
    const v = value[k];
    if (v > maxP || v !== v) maxP = v > maxP || maxP !== maxP ? v : NaN; // NaN wins, as numpy.amax
    const a = row[k], b = col[k];
    const i = levels[a];
    const j = levels[b];
    const d = Math.abs(i - j);
    px[a] += v;
    py[b] += v;
    ux += v * i;
    uy += v * j;
    pSum[i + j - 2] += v;
    pDiff[d] += v;
    const c = raw[k];
    let log: number;
    if (c >= 0 && c < LOG_CACHE && c === (c | 0)) {
      if (cachedStamp[c] !== stamp) {
        cachedStamp[c] = stamp;
        cachedLog[c] = Math.log2(v + EPS);
      }
      log = cachedLog[c];
    } else {
      log = Math.log2(v + EPS);
    }
    hxy -= v * log;
    autocorrelation += v * (i * j);
    contrast += v * (d * d);
    absDiff += v * d;
    homogeneity1 += v / (1 + d);
    homogeneity2 += v / (1 + d * d);
    energy += v * v;
  }
  let cluster2 = 0, cluster3 = 0, cluster4 = 0, varX = 0, varY = 0, covXY = 0;
  for (let k = from; k < to; k++) {
    const v = value[k];
    const di = levels[row[k]] - ux;
    const dj = levels[col[k]] - uy;
    const c = di + dj; // i + j - mu_x - mu_y
    const c2 = c * c;
    cluster2 += v * c2;
    cluster3 += v * (c2 * c);
    cluster4 += v * (c2 * c2);
    varX += v * (di * di);
    varY += v * (dj * dj);
    covXY += v * (di * dj);
  }
  return {
    angle, px, py, ux, uy, pSum, pDiff, hxy, autocorrelation, contrast, absDiff, homogeneity1,
    homogeneity2, energy, maxP, cluster2, cluster3, cluster4, varX, varY, covXY, hxy1: NaN, hxy2: NaN,
  };
}

/**
 * HXY1 = -sum p(i, j) log2(p_x(i) p_y(j) + eps) over the cells and
 * HXY2 = -sum_i sum_j p_x(i) p_y(j) log2(p_x(i) p_y(j) + eps) over every pair of levels, kept in
 * `s`. Both take log2(p_x(i) p_y(j) + eps), a function of the two numbers only: with p_x = p_y
 * (bit for bit: a symmetrical GLCM's row and column sums add the same numbers in the same order)
 * the log is taken once per pair of distinct values of p_x (a small ROI's levels share few
 * values), and the terms are added in the order of the double loop.
 */
function hxy12(m: GlcmCells, s: AngleStats): { hxy1: number; hxy2: number } {
  if (!Number.isNaN(s.hxy1) || !Number.isNaN(s.hxy2)) return s;
  const { n, row, col, value } = m;
  const { px, py } = s;
  const from = m.start[s.angle], to = m.start[s.angle + 1];
  let same = true;
  for (let a = 0; a < n && same; a++) same = px[a] === py[a];
  let hxy1 = 0;
  let hxy2 = 0;
  if (same) {
    // the levels with p_x > 0 (others add nothing), their p_x, and the distinct values among them
    const kept = reusedInt32('glcm hxy kept', n, false);
    const keptP = reusedFloat64('glcm hxy kept p', n, false);
    let nk = 0;
    for (let a = 0; a < n; a++) {
      if (px[a] === 0) continue;
      kept[nk] = a;
      keptP[nk++] = px[a];
    }
    const distinct = reusedFloat64('glcm hxy distinct', nk, false);
    distinct.set(keptP.subarray(0, nk));
    distinct.sort();
    let u = 0;
    for (let x = 0; x < nk; x++) if (x === 0 || distinct[x] !== distinct[u - 1]) distinct[u++] = distinct[x];
    // id[a]: p_x(a)'s position among the u distinct values (binary search); keptId in kept's order
    const id = reusedInt32('glcm hxy id', n, false);
    const keptId = reusedInt32('glcm hxy kept id', nk, false);
    for (let x = 0; x < nk; x++) {
      const p = keptP[x];
      let lo = 0, hi = u - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (distinct[mid] < p) lo = mid + 1;
        else hi = mid;
      }
      id[kept[x]] = lo;
      keptId[x] = lo;
    }
    const logs = reusedFloat64('glcm hxy logs', u * u, false);
    for (let x = 0; x < u; x++) {
      for (let y = x; y < u; y++) {
        const l = Math.log2(distinct[x] * distinct[y] + EPS);
        logs[x * u + y] = l;
        logs[y * u + x] = l;
      }
    }
    for (let k = from; k < to; k++) hxy1 -= value[k] * logs[id[row[k]] * u + id[col[k]]];
    // p_y(b) = p_x(b) bit for bit here: keptP serves both
    for (let x = 0; x < nk; x++) {
      const pa = keptP[x];
      const logRow = keptId[x] * u;
      for (let y = 0; y < nk; y++) hxy2 -= pa * keptP[y] * logs[logRow + keptId[y]];
    }
  } else {
    for (let k = from; k < to; k++) hxy1 -= value[k] * Math.log2(px[row[k]] * py[col[k]] + EPS);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        const q = px[a] * py[b];
        if (q !== 0) hxy2 -= q * Math.log2(q + EPS);
      }
    }
  }
  s.hxy1 = hxy1;
  s.hxy2 = hxy2;
  return s;
}

/**
 * Maximal Correlation Coefficient = sqrt(second largest eigenvalue of Q),
 * Q(i, j) = sum_k p(i, k) p(j, k) / (p_x(i) p_y(k) + eps) (PyRadiomics glcm.getMCCFeatureValue),
 * per angle (mcc.ts), averaged skipping NaN; 1 when only one grey level is present; NaN when a
 * matrix holds NaN (numpy.linalg.eigvals refuses it: PyRadiomics reports NaN).
 */
function mcc(m: GlcmCells, stats: AngleStats[]): number {
  const { n, value } = m;
  if (n < 2) return 1;
  for (let k = 0; k < m.start[m.count]; k++) if (Number.isNaN(value[k])) return NaN;
  let most = 0;
  for (let a = 0; a < m.count; a++) most = Math.max(most, m.start[a + 1] - m.start[a]);
  const work = mccWork(n, most);
  const values: number[] = [];
  for (const s of stats) values.push(matrixMcc(n, m.row, m.col, value, m.start[s.angle], m.start[s.angle + 1], s.px, s.py, work, m.raw));
  return nanMean(values);
}

export const glcmClass: FeatureClass = {
  name: 'glcm',
  features: glcmFeatures,
  compute(input: FeatureInput, enabled: readonly string[]): Map<string, number> {
    checkEnabled('glcm', glcmFeatures, enabled);
    if (!input.binned) throw new Error('glcm: the discretised image (binned) is missing');
    const m = glcmCells(input.binned, input.size, input.spacing, input.settings, sharedTextureGrid(input, Math.max(...input.settings.distances)));
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
        out.set(name, meanOverAngles(f, m, stats));
      }
    }
    return out;
  },
};
