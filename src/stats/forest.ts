/**
 * Random-forest classifier for a 0/1 outcome in the manner of Breiman (2001, Machine Learning
 * 45:5-32) and R's randomForest 4.7 defaults for classification: ntree = 500 trees, each grown
 * on a bootstrap sample of size n, with mtry = ⌊√p⌋ candidate features drawn afresh at every
 * split (not once per tree), CART splits maximising the Gini decrease at midpoints between
 * adjacent distinct values, nodes split until pure or of size 1 (nodesize = 1), no pruning.
 *
 * Importance:
 * - MeanDecreaseGini: for each feature the total decrease of N·Gini(node) over the splits on it,
 *   N counted with bootstrap multiplicity, summed over trees and divided by ntree
 *   (randomForest's "MeanDecreaseGini" scale: the decreases of one tree add up to ~N·Gini(root));
 * - MeanDecreaseAccuracy: for each tree, the out-of-bag accuracy minus the OOB accuracy after
 *   permuting the feature among the OOB rows; averaged over trees ("unscaled"), and divided by
 *   its standard error sd/√ntree ("scaled", randomForest's default importance()).
 *
 * Random numbers come only from the seeded R-compatible generator (random.ts); the forest is not
 * R's draw for draw (randomForest consumes its stream differently), so results agree with R in
 * distribution, not tree for tree.
 */
import { createRng, type Rng } from './random.js';
import { rowName } from './design.js';

export interface ForestOptions {
  ntree?: number;
  /** Candidate features per split; default ⌊√p⌋. */
  mtry?: number;
  /** Minimum node size that may be split further: nodes of size ≤ nodesize are leaves (default 1). */
  nodesize?: number;
  seed: number;
  /** Compute permutation importance (needs OOB passes); default true. */
  permutationImportance?: boolean;
  names?: readonly string[];
  rowLabels?: readonly string[];
}

interface Tree {
  /** For node k: feature (−1 = leaf), threshold, left and right child, class-1 proportion at a leaf. */
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  size: number;
}

export interface Forest {
  p: number;
  trees: Tree[];
  names: readonly string[];
  meanDecreaseGini: Float64Array;
  /** NaN-free only when permutationImportance was on. */
  meanDecreaseAccuracy: Float64Array;
  meanDecreaseAccuracyScaled: Float64Array;
  /** Fraction of OOB votes for class 1 per training row (NaN if never out of bag). */
  oobVotes: Float64Array;
  /** OOB misclassification rate (majority vote, ties to class 1). */
  oobError: number;
}

function checkInput(x: Float64Array, n: number, p: number, y: ArrayLike<number>, opts: ForestOptions): void {
  if (x.length !== n * p) throw new Error(`random forest: matrix has ${x.length} values, expected ${n}×${p}`);
  if (y.length !== n) throw new Error(`random forest: ${y.length} outcomes for ${n} rows`);
  if (p < 1 || n < 2) throw new Error(`random forest needs at least 1 feature and 2 rows (got ${p} and ${n})`);
  let ones = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new Error(`random forest outcome, ${rowName(i, opts.rowLabels)}: ${y[i]} is not 0 or 1`);
    ones += y[i];
  }
  if (ones === 0 || ones === n) throw new Error(`random forest: all ${n} outcomes are ${ones ? 1 : 0}; both classes are needed`);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(x[j * n + i])) {
        throw new Error(`random forest feature '${opts.names?.[j] ?? `column ${j + 1}`}', ${rowName(i, opts.rowLabels)}: value is missing or infinite`);
      }
    }
  }
}

/**
 * Grows one tree on rows with bootstrap counts `w` (rows with w = 0 are out of bag). `sorted`
 * holds, per feature, the row indices in increasing order of that feature, so a split search
 * walks the node's rows in order without sorting (O(n) per candidate).
 */
function growTree(
  x: Float64Array,
  n: number,
  p: number,
  y: ArrayLike<number>,
  w: Int32Array,
  sorted: Int32Array,
  mtry: number,
  nodesize: number,
  rng: Rng,
  gini: Float64Array,
): Tree {
  const cap = 2 * n + 1;
  const feature = new Int32Array(cap).fill(-1);
  const threshold = new Float64Array(cap);
  const left = new Int32Array(cap);
  const right = new Int32Array(cap);
  const value = new Float64Array(cap);
  let size = 1;
  const nodeOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) if (w[i] > 0) nodeOf[i] = 0;
  const stack: number[] = [0];
  const feats = new Int32Array(p);
  while (stack.length) {
    const node = stack.pop()!;
    let n1 = 0;
    let nt = 0;
    for (let i = 0; i < n; i++) {
      if (nodeOf[i] !== node) continue;
      nt += w[i];
      n1 += w[i] * y[i];
    }
    value[node] = n1 / nt;
    if (n1 === 0 || n1 === nt || nt <= nodesize) continue;
    const parentCrit = (n1 * n1 + (nt - n1) * (nt - n1)) / nt;
    for (let j = 0; j < p; j++) feats[j] = j;
    let bestCrit = parentCrit;
    let bestFeat = -1;
    let bestThr = 0;
    for (let t = 0; t < mtry; t++) {
      // partial Fisher-Yates: candidate t drawn from the features not drawn yet
      const k = t + rng.unifIndex(p - t);
      const f = feats[k];
      feats[k] = feats[t];
      feats[t] = f;
      const c = f * n;
      const so = f * n;
      let l1 = 0;
      let lt = 0;
      let prev = -1;
      for (let s = 0; s < n; s++) {
        const i = sorted[so + s];
        if (nodeOf[i] !== node) continue;
        if (prev >= 0) {
          const xv = x[c + prev];
          const xn = x[c + i];
          if (xv !== xn) {
            const rt = nt - lt;
            const r1 = n1 - l1;
            const crit = (l1 * l1 + (lt - l1) * (lt - l1)) / lt + (r1 * r1 + (rt - r1) * (rt - r1)) / rt;
            if (crit > bestCrit + 1e-12) {
              bestCrit = crit;
              bestFeat = f;
              bestThr = (xv + xn) / 2;
              // a midpoint that rounds onto the upper value would send it left: keep the lower value
              if (bestThr === xn) bestThr = xv;
            }
          }
        }
        lt += w[i];
        l1 += w[i] * y[i];
        prev = i;
      }
    }
    if (bestFeat < 0) continue;
    gini[bestFeat] += bestCrit - parentCrit;
    feature[node] = bestFeat;
    threshold[node] = bestThr;
    const L = size++;
    const R = size++;
    left[node] = L;
    right[node] = R;
    const c = bestFeat * n;
    for (let i = 0; i < n; i++) if (nodeOf[i] === node) nodeOf[i] = x[c + i] <= bestThr ? L : R;
    stack.push(R, L);
  }
  return { feature, threshold, left, right, value, size };
}

/** The leaf value (class-1 proportion) of row i of a column-major matrix with `n` rows. */
function treeValue(t: Tree, x: Float64Array, n: number, i: number, permCol = -1, permX?: Float64Array): number {
  let node = 0;
  while (t.feature[node] >= 0) {
    const f = t.feature[node];
    const v = f === permCol ? permX![i] : x[f * n + i];
    node = v <= t.threshold[node] ? t.left[node] : t.right[node];
  }
  return t.value[node];
}

/** Trains a forest (see the file comment). x is column-major n×p. */
export function trainForest(x: Float64Array, n: number, p: number, y: ArrayLike<number>, opts: ForestOptions): Forest {
  checkInput(x, n, p, y, opts);
  const ntree = opts.ntree ?? 500;
  const mtry = Math.max(1, Math.min(p, opts.mtry ?? Math.floor(Math.sqrt(p))));
  const nodesize = opts.nodesize ?? 1;
  const doPerm = opts.permutationImportance ?? true;
  const rng = createRng(opts.seed);
  const gini = new Float64Array(p);
  const trees: Tree[] = [];
  const oobSum = new Float64Array(n);
  const oobCount = new Int32Array(n);
  const accDrop = new Float64Array(p);
  const accDrop2 = new Float64Array(p);
  const w = new Int32Array(n);
  const permX = new Float64Array(n);
  const shuf = new Float64Array(n);
  const oobRows: number[] = [];
  const sorted = new Int32Array(n * p);
  for (let j = 0; j < p; j++) {
    const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[j * n + a] - x[j * n + b] || a - b);
    sorted.set(idx, j * n);
  }
  for (let t = 0; t < ntree; t++) {
    w.fill(0);
    for (let k = 0; k < n; k++) w[rng.unifIndex(n)]++;
    const tree = growTree(x, n, p, y, w, sorted, mtry, nodesize, rng, gini);
    trees.push(tree);
    oobRows.length = 0;
    for (let i = 0; i < n; i++) if (w[i] === 0) oobRows.push(i);
    let correct = 0;
    for (const i of oobRows) {
      const v = treeValue(tree, x, n, i);
      oobSum[i] += v > 0.5 ? 1 : v < 0.5 ? 0 : 0.5;
      oobCount[i]++;
      if ((v >= 0.5 ? 1 : 0) === y[i]) correct++;
    }
    if (doPerm && oobRows.length) {
      for (let j = 0; j < p; j++) {
        // in-place Fisher-Yates shuffle of the feature's OOB values
        const m = oobRows.length;
        for (let k = 0; k < m; k++) shuf[k] = x[j * n + oobRows[k]];
        for (let k = m - 1; k > 0; k--) {
          const r = rng.unifIndex(k + 1);
          const tmp = shuf[k];
          shuf[k] = shuf[r];
          shuf[r] = tmp;
        }
        for (let k = 0; k < m; k++) permX[oobRows[k]] = shuf[k];
        let correctPerm = 0;
        for (const i of oobRows) if ((treeValue(tree, x, n, i, j, permX) >= 0.5 ? 1 : 0) === y[i]) correctPerm++;
        const d = (correct - correctPerm) / oobRows.length;
        accDrop[j] += d;
        accDrop2[j] += d * d;
      }
    }
  }
  const oobVotes = new Float64Array(n);
  let err = 0;
  let counted = 0;
  for (let i = 0; i < n; i++) {
    oobVotes[i] = oobCount[i] ? oobSum[i] / oobCount[i] : NaN;
    if (oobCount[i]) {
      counted++;
      if ((oobVotes[i] >= 0.5 ? 1 : 0) !== y[i]) err++;
    }
  }
  const mda = new Float64Array(p);
  const mdaScaled = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const m = accDrop[j] / ntree;
    mda[j] = doPerm ? m : NaN;
    const sd = Math.sqrt(Math.max(0, accDrop2[j] / ntree - m * m) * (ntree / (ntree - 1)));
    mdaScaled[j] = doPerm ? (sd > 0 ? m / (sd / Math.sqrt(ntree)) : 0) : NaN;
  }
  return {
    p,
    trees,
    names: opts.names ?? Array.from({ length: p }, (_, j) => `x${j + 1}`),
    meanDecreaseGini: gini.map((g) => g / ntree),
    meanDecreaseAccuracy: mda,
    meanDecreaseAccuracyScaled: mdaScaled,
    oobVotes,
    oobError: counted ? err / counted : NaN,
  };
}

/** Fraction of trees voting class 1 for each row of a new column-major m×p matrix. */
export function predictForest(forest: Forest, x: Float64Array, m: number): Float64Array {
  if (x.length !== m * forest.p) throw new Error(`predictForest: matrix has ${x.length} values, expected ${m}×${forest.p}`);
  const out = new Float64Array(m);
  for (const t of forest.trees) {
    for (let i = 0; i < m; i++) {
      const v = treeValue(t, x, m, i);
      out[i] += v > 0.5 ? 1 : v < 0.5 ? 0 : 0.5;
    }
  }
  for (let i = 0; i < m; i++) out[i] /= forest.trees.length;
  return out;
}

/** Feature indices ranked by MeanDecreaseGini, largest first (ties: column order). */
export function rankByGini(forest: Forest): number[] {
  return Array.from({ length: forest.p }, (_, j) => j).sort((a, b) => forest.meanDecreaseGini[b] - forest.meanDecreaseGini[a] || a - b);
}

/**
 * Step 4 of the selection chain (reference/stats selection.json rules): the top `k` features by
 * MeanDecreaseGini of a 500-tree forest, returned in input order; a no-op (all features, no
 * forest grown) when there are ≤ k. Ties in importance keep input order.
 */
export function topFeaturesByGini(
  names: readonly string[],
  x: Float64Array,
  n: number,
  y: ArrayLike<number>,
  opts: { k?: number; seed: number; ntree?: number },
): string[] {
  const k = opts.k ?? 25;
  if (names.length <= k) return [...names];
  const f = trainForest(x, n, names.length, y, { seed: opts.seed, ntree: opts.ntree ?? 500, names, permutationImportance: false });
  const keep = new Set(rankByGini(f).slice(0, k));
  return names.filter((_, j) => keep.has(j));
}
