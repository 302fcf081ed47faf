/**
 * LASSO logistic regression by cyclical coordinate descent, as glmnet 4.1 fits
 * family = "binomial", alpha = 1, standardize = TRUE, intercept = TRUE (Friedman, Hastie &
 * Tibshirani 2010, J Stat Softw 33(1), "Regularization paths for generalized linear models via
 * coordinate descent"; the binomial two-class path of glmnet's C++ core, glmnetpp):
 *
 * - objective on standardized x: −(1/n) log L(β₀, β) + λ Σ|β_j|; x_j is centered and scaled by
 *   its population SD (weights 1/n); constant columns are excluded (coefficient 0);
 * - outer loop: quadratic (IRLS) approximation at the current fit, weights v = q(1−q)/n,
 *   working residual r = (y − q)/n; inner loop: full passes over the strong set, then passes over
 *   the active set until max_j xv_j·Δβ_j² (and xmz·Δβ₀²) < thresh·dev₀, dev₀ = the null model's
 *   mean negative log-likelihood; then the IRLS step converges by the same measure and the KKT
 *   conditions are checked on the variables outside the strong set;
 * - sequential strong rule: |∇_j| > 2λ_m − λ_{m−1} enters the strong set;
 * - default λ sequence: λ_max = max_j |x̃_jᵀ(y − ȳ)|/n, then λ_max·r^(k−1) with
 *   r = ratio^(1/(nlambda−1)), ratio = 1e-4 (n > p) or 0.01; the first λ is reported as
 *   λ₂²/λ₃ (glmnet's fix.lam); the path stops early (after at least 5 values) when the
 *   deviance ratio changes by < 1e-5, exceeds 0.999, or more than p + 1 variables are nonzero;
 * - fitted probabilities are kept inside [1e-9, 1 − 1e-9] through the linear predictor.
 *
 * Coefficients are returned on the original feature scale: β_j = β̃_j/sd_j,
 * β₀ = β̃₀ − Σ β_j·mean_j.
 */
import { rowName } from './design.js';

export interface LassoPathOptions {
  /** User λ sequence (sorted decreasing internally); no early stopping then. */
  lambda?: ArrayLike<number>;
  nlambda?: number;
  /** Default 1e-4 when n > p, else 0.01 (glmnet). */
  lambdaMinRatio?: number;
  /** Convergence threshold (glmnet thresh); default 1e-7. */
  thresh?: number;
  /** Maximum total coordinate-descent passes (glmnet maxit); default 1e5. */
  maxit?: number;
  /** Names of the columns, for error messages. */
  names?: readonly string[];
  rowLabels?: readonly string[];
}

export interface LassoPath {
  n: number;
  p: number;
  lambda: Float64Array;
  /** Intercepts on the original scale, one per λ. */
  a0: Float64Array;
  /** Coefficients on the original scale: beta[l * p + j]. */
  beta: Float64Array;
  /** Number of nonzero coefficients per λ. */
  df: Int32Array;
  /** 1 − deviance/null deviance per λ. */
  devRatio: Float64Array;
  nullDeviance: number;
  /** λ_max of the data (the smallest λ with an all-zero solution). */
  lambdaMax: number;
  mean: Float64Array;
  /** Population (1/n) standard deviations. */
  sd: Float64Array;
  /** Constant columns, excluded from the fit (coefficients 0). */
  excluded: number[];
  /** Total coordinate-descent passes. */
  passes: number;
}

const PMIN = 1e-9;
const BIG = 9.9e35;
const FDEV = 1e-5;
const DEVMAX = 0.999;
const MNLAM = 5;

/** Checks x (column-major n×p) and y for a LASSO fit: finite values, 0/1 outcome with both classes. */
function checkInput(x: Float64Array, n: number, p: number, y: ArrayLike<number>, opts: LassoPathOptions): void {
  if (x.length !== n * p) throw new Error(`LASSO: the matrix has ${x.length} values, expected ${n}×${p}`);
  if (y.length !== n) throw new Error(`LASSO: ${y.length} outcomes for ${n} rows`);
  if (p < 2) throw new Error(`LASSO needs at least 2 features (glmnet); got ${p}`);
  let ones = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new Error(`LASSO outcome, ${rowName(i, opts.rowLabels)}: value ${y[i]} is not 0 or 1`);
    ones += y[i];
  }
  if (ones <= 1 || n - ones <= 1) {
    throw new Error(`LASSO: one outcome class has ${Math.min(ones, n - ones)} rows; glmnet needs at least 2 in each class`);
  }
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(x[j * n + i])) {
        throw new Error(
          `LASSO feature '${opts.names?.[j] ?? `column ${j + 1}`}', ${rowName(i, opts.rowLabels)}: value is ${Number.isNaN(x[j * n + i]) ? 'missing' : x[j * n + i]}; remove the row or impute it`,
        );
      }
    }
  }
}

/** Fits the whole LASSO path (see the file comment). x is column-major n×p on the original scale. */
export function lassoLogistic(x: Float64Array, n: number, p: number, y: ArrayLike<number>, opts: LassoPathOptions = {}): LassoPath {
  checkInput(x, n, p, y, opts);
  const thresh = opts.thresh ?? 1e-7;
  const maxit = opts.maxit ?? 1e5;
  const w = 1 / n;
  // standardize (population SD, weights 1/n); constant columns are excluded
  const xs = new Float64Array(n * p);
  const mean = new Float64Array(p);
  const sd = new Float64Array(p);
  const included = new Uint8Array(p);
  const excluded: number[] = [];
  for (let j = 0; j < p; j++) {
    const c = j * n;
    let constant = true;
    for (let i = 1; i < n; i++) if (x[c + i] !== x[c]) constant = false;
    if (constant) {
      excluded.push(j);
      continue;
    }
    included[j] = 1;
    let m = 0;
    for (let i = 0; i < n; i++) m += w * x[c + i];
    let s = 0;
    for (let i = 0; i < n; i++) {
      const d = x[c + i] - m;
      xs[c + i] = d;
      s += w * d * d;
    }
    s = Math.sqrt(s);
    for (let i = 0; i < n; i++) xs[c + i] /= s;
    mean[j] = m;
    sd[j] = s;
  }
  const yv = Float64Array.from(y as ArrayLike<number>);

  // null model
  let q0 = 0;
  for (let i = 0; i < n; i++) q0 += w * yv[i];
  const bz = Math.log(q0 / (1 - q0));
  const fmax = Math.log(1 / PMIN - 1);
  const fmin = -fmax;
  const vmin = (1 + PMIN) * PMIN * (1 - PMIN);
  let b0 = bz;
  const beta = new Float64Array(p);
  const q = new Float64Array(n).fill(q0);
  const v = new Float64Array(n).fill(q0 * (1 - q0) * w);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = w * (yv[i] - q0);
  let xmz = q0 * (1 - q0);
  const dev1 = -(bz * q0 + Math.log(1 - q0));
  const dev0 = dev1;
  const thr = thresh * dev0;
  const ga = new Float64Array(p);
  const dot = (j: number, a: Float64Array) => {
    const c = j * n;
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i] * xs[c + i];
    return s;
  };
  for (let j = 0; j < p; j++) if (included[j]) ga[j] = Math.abs(dot(j, r));
  let lambdaMax = 0;
  for (let j = 0; j < p; j++) if (included[j]) lambdaMax = Math.max(lambdaMax, ga[j]);

  const strong = new Uint8Array(p);
  const isActive = new Uint8Array(p);
  const active: number[] = [];
  const xv = new Float64Array(p);
  const bs = new Float64Array(p);
  let passes = 0;

  const userLambda = opts.lambda ? Float64Array.from(opts.lambda as ArrayLike<number>).sort().reverse() : null;
  const nlam = userLambda ? userLambda.length : (opts.nlambda ?? 100);
  const ratio = opts.lambdaMinRatio ?? (n < p ? 0.01 : 1e-4);
  const alf = Math.pow(Math.max(1e-6, ratio), 1 / (nlam - 1));

  const lambdas: number[] = [];
  const a0s: number[] = [];
  const betas: Float64Array[] = [];
  const dfs: number[] = [];
  const devs: number[] = [];
  let alm = 0;

  // Covariance updates (Friedman et al. 2010, §2.2): within one quadratic approximation the
  // gradient g_j = Σ r_i x̃_ij is updated through the weighted Gram matrix G = X̃ᵀVX̃ instead of
  // the residual vector, so a coordinate step costs O(p) instead of O(n). The iterates are the
  // same as glmnet's residual updates up to rounding.
  const G = new Float64Array(p * p);
  const mv = new Float64Array(p); // Σ v_i x̃_ij
  const g = new Float64Array(p); // Σ r_i x̃_ij
  let rs = 0; // Σ r_i
  const strongList = new Int32Array(p);
  let nStrong = 0;
  const updateCoord = (k: number, lam: number, full: boolean): number => {
    const old = beta[k];
    const u = g[k] + old * xv[k];
    const av = Math.abs(u) - lam;
    const nb = av > 0 ? (u > 0 ? av : -av) / xv[k] : 0;
    if (nb === old) return 0;
    beta[k] = nb;
    if (full && !isActive[k]) {
      isActive[k] = 1;
      active.push(k);
    }
    const d = nb - old;
    const ck = k * p;
    for (let t = 0; t < nStrong; t++) {
      const j = strongList[t];
      g[j] -= d * G[ck + j];
    }
    rs -= d * mv[k];
    return xv[k] * d * d;
  };
  const updateIntercept = (): number => {
    const d = rs / xmz;
    if (!d) return 0;
    b0 += d;
    for (let t = 0; t < nStrong; t++) {
      const j = strongList[t];
      g[j] -= d * mv[j];
    }
    rs -= d * xmz;
    return xmz * d * d;
  };
  const setupQuadratic = () => {
    nStrong = 0;
    for (let j = 0; j < p; j++) if (strong[j]) strongList[nStrong++] = j;
    rs = 0;
    for (let i = 0; i < n; i++) rs += r[i];
    for (let a = 0; a < nStrong; a++) {
      const j = strongList[a];
      const cj = j * n;
      let sm = 0;
      let sg = 0;
      for (let i = 0; i < n; i++) {
        sm += v[i] * xs[cj + i];
        sg += r[i] * xs[cj + i];
      }
      mv[j] = sm;
      g[j] = sg;
      for (let b = 0; b <= a; b++) {
        const k = strongList[b];
        const ck = k * n;
        let s2 = 0;
        for (let i = 0; i < n; i++) s2 += v[i] * xs[cj + i] * xs[ck + i];
        G[j * p + k] = s2;
        G[k * p + j] = s2;
      }
      xv[j] = G[j * p + j];
    }
  };

  let stopVar = false;
  for (let m = 0; m < nlam; m++) {
    const alm0 = alm;
    let prevLam = alm0;
    if (userLambda) alm = userLambda[m];
    else if (m > 1) alm *= alf;
    else if (m === 0) alm = BIG;
    else {
      // glmnet recomputes λ_max from the gradient at the (converged) null fit
      lambdaMax = 0;
      for (let j = 0; j < p; j++) if (included[j]) lambdaMax = Math.max(lambdaMax, ga[j]);
      prevLam = lambdaMax;
      alm = lambdaMax * alf;
    }
    // strong rule
    const tlam = 2 * alm - prevLam;
    for (let j = 0; j < p; j++) if (included[j] && !strong[j] && ga[j] > tlam) strong[j] = 1;
    // IRLS
    for (;;) {
      if (passes >= maxit) throw new Error(`LASSO: no convergence within ${maxit} passes at λ = ${alm}; raise maxit or thresh`);
      bs.fill(0);
      const bs0 = b0;
      for (const k of active) bs[k] = beta[k];
      setupQuadratic();
      // weighted least squares by coordinate descent
      for (;;) {
        passes++;
        let dlx = 0;
        for (let j = 0; j < p; j++) if (strong[j]) dlx = Math.max(dlx, updateCoord(j, alm, true));
        dlx = Math.max(dlx, updateIntercept());
        if (dlx < thr) break;
        if (passes > maxit) throw new Error(`LASSO: no convergence within ${maxit} passes at λ = ${alm}`);
        for (;;) {
          passes++;
          let dl = 0;
          for (const k of active) dl = Math.max(dl, updateCoord(k, alm, false));
          dl = Math.max(dl, updateIntercept());
          if (dl < thr) break;
          if (passes > maxit) throw new Error(`LASSO: no convergence within ${maxit} passes at λ = ${alm}`);
        }
      }
      // new quadratic approximation
      for (let i = 0; i < n; i++) {
        let f = b0;
        for (const k of active) f += beta[k] * xs[k * n + i];
        q[i] = f < fmin ? 0 : f > fmax ? 1 : 1 / (1 + Math.exp(-f));
      }
      xmz = 0;
      for (let i = 0; i < n; i++) {
        v[i] = w * q[i] * (1 - q[i]);
        xmz += v[i];
      }
      if (xmz <= vmin) {
        stopVar = true;
        break;
      }
      for (let i = 0; i < n; i++) r[i] = w * (yv[i] - q[i]);
      const d0 = b0 - bs0;
      let conv = xmz * d0 * d0 < thr;
      for (const k of active) {
        if (!conv) break;
        const d = beta[k] - bs[k];
        if (xv[k] * d * d >= thr) conv = false;
      }
      if (!conv) continue;
      let kktOk = true;
      for (let j = 0; j < p; j++) {
        if (!included[j] || strong[j]) continue;
        ga[j] = Math.abs(dot(j, r));
        if (ga[j] > alm) {
          strong[j] = 1;
          kktOk = false;
        }
      }
      if (kktOk) break;
    }
    // record the point
    let devi = 0;
    for (let i = 0; i < n; i++) {
      const pi = Math.min(Math.max(PMIN, q[i]), 1 - PMIN);
      devi -= w * (yv[i] * Math.log(pi) + (1 - yv[i]) * Math.log(1 - pi));
    }
    const devRatio = (dev1 - devi) / dev0;
    const bo = new Float64Array(p);
    let a0 = b0;
    let me = 0;
    for (const k of active) {
      if (beta[k] !== 0) me++;
      bo[k] = beta[k] / sd[k];
      a0 -= bo[k] * mean[k];
    }
    lambdas.push(alm);
    a0s.push(a0);
    betas.push(bo);
    dfs.push(me);
    devs.push(devRatio);
    if (stopVar) break;
    if (!userLambda && m + 1 >= Math.min(MNLAM, nlam)) {
      const prev = m === 0 ? 0 : devs[m - 1];
      if (me > p + 1 || devRatio - prev < FDEV || devRatio > DEVMAX) break;
    }
  }
  // glmnet's fix.lam: the first λ of a default path is extrapolated geometrically
  if (!userLambda && lambdas.length > 2) lambdas[0] = Math.exp(2 * Math.log(lambdas[1]) - Math.log(lambdas[2]));
  else if (!userLambda && lambdas.length) lambdas[0] = lambdaMax;
  const L = lambdas.length;
  const B = new Float64Array(L * p);
  betas.forEach((b, l) => B.set(b, l * p));
  let nullDev = 0;
  for (let i = 0; i < n; i++) nullDev -= 2 * (yv[i] * Math.log(q0) + (1 - yv[i]) * Math.log(1 - q0));
  return {
    n,
    p,
    lambda: Float64Array.from(lambdas),
    a0: Float64Array.from(a0s),
    beta: B,
    df: Int32Array.from(dfs),
    devRatio: Float64Array.from(devs),
    nullDeviance: nullDev,
    lambdaMax,
    mean,
    sd,
    excluded,
    passes,
  };
}

/** Linear predictor a0 + xβ of the path's λ index l for new rows (column-major m×p, original scale). */
export function lassoLinearPredictor(path: LassoPath, l: number, x: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m).fill(path.a0[l]);
  for (let j = 0; j < path.p; j++) {
    const b = path.beta[l * path.p + j];
    if (b === 0) continue;
    const c = j * m;
    for (let i = 0; i < m; i++) out[i] += b * x[c + i];
  }
  return out;
}
