/**
 * PyRadiomics' first-order features (radiomics/firstorder.py, class RadiomicsFirstOrder).
 * Formulas: PyRadiomics documentation, "First Order Features"; IBSI 1 manual sections 3.3
 * (intensity-based statistics) and 3.4 (intensity histogram, for Entropy and Uniformity).
 *
 * Let X be the N_p intensities inside the ROI (not discretised), c = voxelArrayShift, and p(i) the
 * fraction of ROI voxels in bin i of the discretised image (only occupied bins).
 * Statistics follow NumPy's definitions as PyRadiomics calls them: means are pairwise sums
 * (numpy.add.reduce), percentiles are numpy.percentile's 'linear' method, variance is
 * numpy.std(X)**2 (population variance).
 *
 * IBSI mode: Kurtosis is the excess kurtosis (minus 3) and c is 0 (IBSI has no intensity shift).
 */
import type { FeatureClass, FeatureInput } from './types.js';
import { formulaClass } from './formula-class.js';
import { numpySum } from '../image/preprocess/numpy-sum.js';
import { OrderStatistics } from './order-statistics.js';
import { roiIndex } from './roi-index.js';
import { reusedFloat64 } from './scratch.js';

/** numpy.spacing(1): PyRadiomics' epsilon in the entropy. */
const EPS = 2.220446049250313e-16;

/** NumPy's pairwise sum (np.add.reduce), so that means and moments round as PyRadiomics' do. */
export const pairwiseSum = numpySum;

function mean(a: Float64Array): number {
  return pairwiseSum(a) / a.length;
}

/** numpy.percentile(X, q) with the default 'linear' method on sorted values. */
export function percentile(sorted: Float64Array, q: number): number {
  return percentileOf({ length: sorted.length, at: (k) => sorted[k] }, q);
}

/** numpy.percentile(X, q), 'linear' method, from X's order statistics. */
function percentileOf(order: { length: number; at(k: number): number }, q: number): number {
  const n = order.length;
  if (n === 0) return NaN;
  const virtualIndex = (n - 1) * (q / 100);
  const lo = Math.floor(virtualIndex);
  const hi = Math.min(lo + 1, n - 1);
  const gamma = virtualIndex - lo;
  const a = order.at(lo), b = order.at(hi);
  // numpy's _lerp: interpolate from the nearer end
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/** The positions percentileOf reads for q. */
function percentilePositions(n: number, q: number): number[] {
  const lo = Math.floor((n - 1) * (q / 100));
  return [lo, Math.min(lo + 1, n - 1)];
}

/**
 * Every position of the sorted values the features read (minimum, maximum, the 10th, 25th, 75th
 * and 90th percentiles, the median), so that the order statistics find them in one pass.
 */
function orderPositions(n: number): number[] {
  const h = n >> 1;
  return [0, n - 1, h - 1, h, ...[10, 25, 75, 90].flatMap((q) => percentilePositions(n, q))];
}

/** numpy.median from the order statistics. */
function median(order: OrderStatistics): number {
  const n = order.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  return n % 2 === 1 ? order.at(h) : (order.at(h - 1) + order.at(h)) / 2;
}

/**
 * PyRadiomics' central moments (_moment: mean((X - mean(X))^n)) for n = 2, 3, 4 and the mean
 * absolute deviation, from one pass over X: each term as numpy makes it (d^2 squared exactly,
 * d^2 d and d^2 d^2 for pow(), which they differ from by an ulp at most), each mean a pairwise sum.
 */
function moments(x: Float64Array, n: number, mu: number, s: Float64Array[]): { m2: number; m3: number; m4: number; mad: number } {
  const [s2, s3, s4, s1] = s;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mu;
    const d2 = d * d;
    s2[i] = d2;
    s3[i] = d2 * d;
    s4[i] = d2 * d2;
    s1[i] = Math.abs(d);
  }
  return { m2: pairwiseSum(s2, 0, n) / n, m3: pairwiseSum(s3, 0, n) / n, m4: pairwiseSum(s4, 0, n) / n, mad: pairwiseSum(s1, 0, n) / n };
}

/** Four scratch arrays of n values for the terms of the sums, reused from call to call (./scratch.ts). */
function scratch(n: number): Float64Array[] {
  return [0, 1, 2, 3].map((k) => reusedFloat64(`firstorder terms ${k}`, n, false));
}

interface FirstOrderData {
  /** ROI intensities in voxel order */
  x: Float64Array;
  /** their order statistics (the sorted values, found on demand) */
  order: OrderStatistics;
  /** occupancy fractions p(i) of the occupied bins */
  p: Float64Array;
  shift: number;
  voxelVolume: number;
  ibsi: boolean;
  /** four arrays of x.length values, for the terms of the sums */
  scratch: Float64Array[];
  cache: Map<string, number>;
}

/**
 * d's value under `key`, computed by f(d) the first time. f is a module-level function, not a
 * closure made per call: V8 holds a closure's optimised code weakly, so a closure made anew for
 * each image lost it at each full collection and ran its loop interpreted until compiled again.
 */
function cached(d: FirstOrderData, key: string, f: (d: FirstOrderData) => number): number {
  let v = d.cache.get(key);
  if (v === undefined) {
    v = f(d);
    d.cache.set(key, v);
  }
  return v;
}

const meanOf = (d: FirstOrderData) => mean(d.x);
const p10Of = (d: FirstOrderData) => percentileOf(d.order, 10);
const p90Of = (d: FirstOrderData) => percentileOf(d.order, 90);
const mu = (d: FirstOrderData) => cached(d, 'mean', meanOf);
function central(d: FirstOrderData, key: 'm2' | 'm3' | 'm4' | 'mad'): number {
  if (!d.cache.has('m2')) {
    const m = moments(d.x, d.x.length, mu(d), d.scratch);
    d.cache.set('m2', m.m2).set('m3', m.m3).set('m4', m.m4).set('mad', m.mad);
  }
  return d.cache.get(key)!;
}
const m2 = (d: FirstOrderData) => central(d, 'm2');
const p10 = (d: FirstOrderData) => cached(d, 'p10', p10Of);
const p90 = (d: FirstOrderData) => cached(d, 'p90', p90Of);
const minimum = (d: FirstOrderData) => (d.x.length ? d.order.at(0) : NaN);
const maximum = (d: FirstOrderData) => (d.x.length ? d.order.at(d.x.length - 1) : NaN);

/** sum (X + c)^2 */
function energy(d: FirstOrderData): number {
  return cached(d, 'energy', energySum);
}

function energySum(d: FirstOrderData): number {
  const { x, shift } = d;
  const s = d.scratch[0];
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const v = x[i] + shift;
    s[i] = v * v;
  }
  return pairwiseSum(s, 0, n);
}

/**
 * The mean absolute deviation of the values of x in [lo, hi] from their mean (kept: scratch of
 * x.length). The values are kept without a branch (each written, the count advanced when it is
 * in range): whether a value is in range is a coin toss near the percentiles.
 */
function robustMad(x: Float64Array, lo: number, hi: number, kept: Float64Array): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    kept[n] = v;
    n += +(v >= lo) & +(v <= hi);
  }
  const m = pairwiseSum(kept, 0, n) / n;
  for (let i = 0; i < n; i++) kept[i] = Math.abs(kept[i] - m);
  return pairwiseSum(kept, 0, n) / n;
}

/** Each feature's formula; source: PyRadiomics firstorder.py docstrings (same numbering). */
const FORMULAS: Record<string, (d: FirstOrderData) => number> = {
  /** 1. Energy: sum (X(i) + c)^2 (IBSI "Energy", N8CA, with c = 0). */
  Energy: (d) => energy(d),
  /** 2. Total Energy: voxel volume times Energy (not in IBSI). */
  TotalEnergy: (d) => energy(d) * d.voxelVolume,
  /** 3. Entropy: -sum p(i) log2(p(i) + eps), eps = 2.2e-16 (IBSI "Intensity histogram entropy", TLU2). */
  Entropy: (d) => {
    let s = 0;
    for (let i = 0; i < d.p.length; i++) s += d.p[i] * Math.log2(d.p[i] + EPS);
    return -s;
  },
  /** 4. Minimum: min(X) (IBSI 1GSF). */
  Minimum: (d) => minimum(d),
  /** 5. 10th percentile of X (IBSI QG58). */
  '10Percentile': (d) => p10(d),
  /** 6. 90th percentile of X (IBSI 8DWT). */
  '90Percentile': (d) => p90(d),
  /** 7. Maximum: max(X) (IBSI 84IY). */
  Maximum: (d) => maximum(d),
  /** 8. Mean: sum X(i) / N_p (IBSI Q4LE). */
  Mean: (d) => mu(d),
  /** 9. Median of X (IBSI Y12H). */
  Median: (d) => median(d.order),
  /** 10. Interquartile Range: P75 - P25 (IBSI SALO). */
  InterquartileRange: (d) => percentileOf(d.order, 75) - percentileOf(d.order, 25),
  /** 11. Range: max(X) - min(X) (IBSI 2OJQ). */
  Range: (d) => maximum(d) - minimum(d),
  /** 12. Mean Absolute Deviation: sum |X(i) - mean| / N_p (IBSI 4FUA). */
  MeanAbsoluteDeviation: (d) => central(d, 'mad'),
  /**
   * 13. Robust Mean Absolute Deviation: the mean absolute deviation of the intensities between the
   * 10th and 90th percentiles, inclusive, from their own mean (IBSI 1128).
   */
  RobustMeanAbsoluteDeviation: (d) => robustMad(d.x, p10(d), p90(d), d.scratch[0]),
  /** 14. Root Mean Squared: sqrt(sum (X(i) + c)^2 / N_p) (IBSI 5ZWQ, with c = 0); 0 for an empty ROI. */
  RootMeanSquared: (d) => (d.x.length === 0 ? 0 : Math.sqrt(energy(d) / d.x.length)),
  /** 15. Standard Deviation (deprecated): sqrt(sum (X(i) - mean)^2 / N_p). */
  StandardDeviation: (d) => Math.sqrt(m2(d)),
  /** 16. Skewness: mu3 / mu2^(3/2); 0 for a flat region (IBSI KE2A). */
  Skewness: (d) => {
    const v = m2(d);
    const m3 = central(d, 'm3');
    return m3 / (v === 0 ? 1 : v) ** 1.5;
  },
  /** 17. Kurtosis: mu4 / mu2^2; 0 for a flat region. IBSI (IPH6) defines the excess kurtosis, 3 less. */
  Kurtosis: (d) => {
    const v = m2(d);
    const m4 = central(d, 'm4');
    const k = m4 / (v === 0 ? 1 : v) ** 2;
    return d.ibsi ? k - 3 : k;
  },
  /** 18. Variance: sum (X(i) - mean)^2 / N_p, as numpy.std(X)**2 (IBSI ECT3). */
  Variance: (d) => Math.sqrt(m2(d)) ** 2,
  /** 19. Uniformity: sum p(i)^2 (IBSI "Intensity histogram uniformity", BJ5W). */
  Uniformity: (d) => {
    let s = 0;
    for (let i = 0; i < d.p.length; i++) s += d.p[i] * d.p[i];
    return s;
  },
};

const DEPRECATED = ['StandardDeviation'];

/** gather's range of the values, and whether any is NaN (module variables: see gather). */
let gatheredMin = Infinity, gatheredMax = -Infinity, gatheredNan = false;

/**
 * x[k] = image[roi[k]] with the values' range (in gatheredMin, gatheredMax, gatheredNan), and the
 * bin counts of `binned` where they fit in `counts`; returns whether all did. A function that only
 * its result follows: V8 compiles it while the loop runs (on-stack replacement), and untried code
 * after the loop made that code bail out on every call (the object literal once returned here,
 * "insufficient type feedback" at its first property, 14 times per STS_001 slice extraction over
 * its first 20 runs); stores to module variables need no feedback.
 */
function gather(image: Float64Array, roi: Int32Array, binned: Int32Array | null, x: Float64Array, counts: Float64Array): boolean {
  let within = true;
  let min = Infinity, max = -Infinity, nan = false;
  for (let k = 0; k < roi.length; k++) {
    const i = roi[k];
    const v = image[i];
    x[k] = v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v !== v) nan = true;
    if (binned) {
      const b = binned[i];
      if (b < counts.length) counts[b]++;
      else within = false;
    }
  }
  gatheredMin = min;
  gatheredMax = max;
  gatheredNan = nan;
  return within;
}

function prepare(input: FeatureInput): FirstOrderData {
  const { image, mask, binned } = input;
  const roi = roiIndex(mask);
  const n = roi.length;
  // reused scratch (ours until compute returns), as are the order statistics' arrays
  const x = reusedFloat64('firstorder x', n, false);
  // the bin counts in the same pass, when the bins are known to stop at ng (discretize's)
  let counts = new Float64Array(binned ? Math.max(input.ng, 0) + 1 : 1);
  // the values' range for the order statistics, found in the same pass
  const within = gather(image, roi, binned, x, counts);
  const min = gatheredMin, max = gatheredMax, nan = gatheredNan;
  if (binned && !within) {
    let maxBin = 0;
    for (let k = 0; k < n; k++) if (binned[roi[k]] > maxBin) maxBin = binned[roi[k]];
    counts = new Float64Array(maxBin + 1);
    for (let k = 0; k < n; k++) counts[binned[roi[k]]]++;
  }
  const occupied: number[] = [];
  for (let b = 0; b < counts.length; b++) if (counts[b] > 0) occupied.push(counts[b] / n);
  const [sx, sy, sz] = input.spacing;
  const order = new OrderStatistics(x, true, { min, max, nan });
  if (n > 0) order.want(orderPositions(n));
  return {
    x,
    order,
    p: Float64Array.from(occupied),
    shift: input.settings.ibsi ? 0 : input.settings.voxelArrayShift,
    voxelVolume: sx * sy * sz,
    ibsi: input.settings.ibsi,
    scratch: scratch(n),
    cache: new Map(),
  };
}

export const firstorderClass: FeatureClass = formulaClass('firstorder', FORMULAS, DEPRECATED, prepare);
