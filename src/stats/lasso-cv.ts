/**
 * K-fold cross-validation of the LASSO logistic path, as glmnet 4.1's cv.glmnet does it for
 * family = "binomial", type.measure = "deviance":
 *
 * - the full-data path fixes the λ sequence; every fold is refitted on the other folds with that
 *   same sequence (so no early stopping in the folds);
 * - held-out deviance per observation −2[y log p + (1−y) log(1−p)] with p clamped to
 *   [1e-5, 1 − 1e-5]; per fold the mean, cvraw_k;
 * - cvm = Σ w_k cvraw_k / Σ w_k (w_k = fold size),
 *   cvsd = √(Σ w_k (cvraw_k − cvm)² / Σ w_k / (K − 1));
 * - lambda.min = the largest λ with cvm equal to the minimum; lambda.1se = the largest λ with
 *   cvm ≤ (cvm + cvsd) at lambda.min.
 *
 * Folds are given (`foldid`, 1..K as R's cv_fold) or drawn, seeded, stratified by outcome: the
 * cases and the controls are each shuffled with the project's R-compatible generator and dealt
 * to folds 1..K in turn (glmnet's own default is an unstratified sample(rep(1:K, length = n))).
 */
import { lassoLogistic, lassoLinearPredictor, type LassoPath, type LassoPathOptions } from './lasso.js';
import { createRng } from './random.js';

export interface LassoCvOptions extends LassoPathOptions {
  /** Fold of every row, 1..K. */
  foldid?: ArrayLike<number>;
  /** Number of folds when foldid is not given (default 10). */
  nfolds?: number;
  /** Seed of the stratified folds when foldid is not given (required then). */
  seed?: number;
}

export interface LassoCv {
  lambda: Float64Array;
  cvm: Float64Array;
  cvsd: Float64Array;
  cvup: Float64Array;
  cvlo: Float64Array;
  nzero: Int32Array;
  lambdaMin: number;
  lambda1se: number;
  /** 0-based indices into lambda (R's which(...) − 1). */
  indexMin: number;
  index1se: number;
  foldid: Int32Array;
  fit: LassoPath;
  /** Per fold and λ, the mean held-out deviance: cvraw[k * L + l]. */
  cvraw: Float64Array;
}

/** Stratified, seeded fold assignment 1..K (see the file comment). */
export function stratifiedFolds(y: ArrayLike<number>, nfolds: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const out = new Int32Array(y.length);
  for (const cls of [0, 1]) {
    const idx: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === cls) idx.push(i);
    const perm = rng.sample(idx.length, idx.length, false);
    for (let k = 0; k < perm.length; k++) out[idx[perm[k]]] = (k % nfolds) + 1;
  }
  return out;
}

function subsetColumns(x: Float64Array, n: number, p: number, rows: number[]): Float64Array {
  const m = rows.length;
  const out = new Float64Array(m * p);
  for (let j = 0; j < p; j++) for (let i = 0; i < m; i++) out[j * m + i] = x[j * n + rows[i]];
  return out;
}

/** cv.glmnet for the binomial LASSO (see the file comment). x is column-major n×p. */
export function cvLassoLogistic(x: Float64Array, n: number, p: number, y: ArrayLike<number>, opts: LassoCvOptions = {}): LassoCv {
  let foldid: Int32Array;
  if (opts.foldid) {
    if (opts.foldid.length !== n) throw new Error(`LASSO CV: foldid has ${opts.foldid.length} values for ${n} rows`);
    foldid = Int32Array.from(opts.foldid as ArrayLike<number>);
    for (let i = 0; i < n; i++) {
      if (!Number.isInteger(opts.foldid[i]) || opts.foldid[i] < 1) {
        throw new Error(`LASSO CV: fold of row ${i + 1} is ${opts.foldid[i]}; folds must be integers 1..K`);
      }
    }
  } else {
    if (opts.seed === undefined) throw new Error('LASSO CV: give foldid or a seed for the stratified folds');
    foldid = stratifiedFolds(y, opts.nfolds ?? 10, opts.seed);
  }
  const K = Math.max(...foldid);
  if (K < 3) throw new Error(`LASSO CV: ${K} folds; cv.glmnet needs at least 3`);
  const fit = lassoLogistic(x, n, p, y, opts);
  const lambda = fit.lambda;
  const L = lambda.length;
  const cvraw = new Float64Array(K * L);
  const wk = new Float64Array(K);
  for (let k = 1; k <= K; k++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (foldid[i] === k ? test : train).push(i);
    if (!test.length) throw new Error(`LASSO CV: fold ${k} is empty`);
    const ytr = train.map((i) => y[i]);
    let path: LassoPath;
    try {
      path = lassoLogistic(subsetColumns(x, n, p, train), train.length, p, ytr, {
        ...opts,
        lambda,
        rowLabels: opts.rowLabels ? train.map((i) => opts.rowLabels![i]) : undefined,
      });
    } catch (e) {
      throw new Error(`LASSO CV, fit without fold ${k}: ${(e as Error).message}`);
    }
    const xt = subsetColumns(x, n, p, test);
    wk[k - 1] = test.length;
    for (let l = 0; l < L; l++) {
      const eta = lassoLinearPredictor(path, l, xt, test.length);
      let s = 0;
      for (let t = 0; t < test.length; t++) {
        let pr = 1 / (1 + Math.exp(-eta[t]));
        pr = Math.min(Math.max(pr, 1e-5), 1 - 1e-5);
        const yi = y[test[t]];
        s += -2 * (yi * Math.log(pr) + (1 - yi) * Math.log(1 - pr));
      }
      cvraw[(k - 1) * L + l] = s / test.length;
    }
  }
  let sw = 0;
  for (let k = 0; k < K; k++) sw += wk[k];
  const cvm = new Float64Array(L);
  const cvsd = new Float64Array(L);
  for (let l = 0; l < L; l++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += wk[k] * cvraw[k * L + l];
    cvm[l] = s / sw;
    let v = 0;
    for (let k = 0; k < K; k++) {
      const d = cvraw[k * L + l] - cvm[l];
      v += wk[k] * d * d;
    }
    cvsd[l] = Math.sqrt(v / sw / (K - 1));
  }
  const cvup = cvm.map((m, l) => m + cvsd[l]);
  const cvlo = cvm.map((m, l) => m - cvsd[l]);
  let cvmin = Infinity;
  for (let l = 0; l < L; l++) cvmin = Math.min(cvmin, cvm[l]);
  let indexMin = -1;
  for (let l = 0; l < L; l++) if (cvm[l] <= cvmin && (indexMin < 0 || lambda[l] > lambda[indexMin])) indexMin = l;
  const semin = cvup[indexMin];
  let index1se = -1;
  for (let l = 0; l < L; l++) if (cvm[l] <= semin && (index1se < 0 || lambda[l] > lambda[index1se])) index1se = l;
  return {
    lambda,
    cvm,
    cvsd,
    cvup,
    cvlo,
    nzero: fit.df,
    lambdaMin: lambda[indexMin],
    lambda1se: lambda[index1se],
    indexMin,
    index1se,
    foldid,
    fit,
    cvraw,
  };
}

/** Nonzero coefficient indices of a path at λ index l. */
export function nonzeroAt(path: LassoPath, l: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < path.p; j++) if (path.beta[l * path.p + j] !== 0) out.push(j);
  return out;
}
