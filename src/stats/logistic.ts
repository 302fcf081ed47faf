/**
 * Logistic regression by iteratively reweighted least squares, as R's glm.fit does it
 * (family = binomial, logit link): start from μ = (y + ½)/2, solve each weighted least-squares
 * step by a QR decomposition, stop when |dev − dev_old| / (|dev| + 0.1) < ε. With ε = 1e-14
 * (the reference harness's glm.control) the coefficients are the maximum-likelihood estimate to
 * machine precision. Standard errors come from the R factor of the last step, exactly as
 * summary.glm takes them (chol2inv of the QR of the last WLS problem).
 *
 * Sources: R stats::glm.fit and binomial() (logit linkinv/mu.eta with R's ±30 cut-offs, the
 * 2·Σ[y log(y/μ) + (1−y) log((1−y)/(1−μ))] deviance), summary.glm (Wald z, 2·pnorm(−|z|)).
 *
 * Separation is never silent: when the fit does not converge or fitted probabilities reach 0 or
 * 1, `fitLogistic` runs the linear-programming check of separation.ts and, if the data are
 * separated, throws a SeparationError naming the terms and offering Firth's penalised fit
 * (firth.ts) instead of returning huge coefficients.
 */
import { linearPredictor, rowName, type Design } from './design.js';
import { qrDecompose, qrSolve, qrUnscaledCovariance, type QR } from './linalg.js';
import { pnorm, pchisq, qnorm } from './distributions.js';
import { detectSeparation, type SeparationResult } from './separation.js';

export interface LogisticOptions {
  /** glm.control epsilon; default 1e-14 (the harness), R's own default is 1e-8. */
  epsilon?: number;
  /** glm.control maxit; default 100. */
  maxit?: number;
  /** Offset added to the linear predictor. */
  offset?: ArrayLike<number>;
  /** Starting linear predictor (R's etastart), used by the likelihood profiles. */
  etaStart?: ArrayLike<number>;
  /**
   * What to do when the data are separated: 'throw' (default) raises a SeparationError;
   * 'report' returns the (non-converged) fit with `separation` filled in, for callers that
   * present the problem themselves.
   */
  onSeparation?: 'throw' | 'report';
  /** Compute the null deviance (default true; profiles and bootstraps skip it). */
  nullDeviance?: boolean;
}

export interface LogisticFit {
  design: Design;
  y: Float64Array;
  coefficients: Float64Array;
  /** Unscaled covariance (X'WX)⁻¹, column-major p×p (dispersion is 1 for the binomial). */
  covariance: Float64Array;
  se: Float64Array;
  z: Float64Array;
  p: Float64Array;
  linearPredictor: Float64Array;
  fitted: Float64Array;
  deviance: number;
  nullDeviance: number;
  /** −2 log L + 2p (equal to deviance + 2p for 0/1 outcomes). */
  aic: number;
  logLik: number;
  iterations: number;
  converged: boolean;
  /** R's "fitted probabilities numerically 0 or 1 occurred" condition. */
  fittedZeroOrOne: boolean;
  warnings: string[];
  /** Filled when separation was checked (non-convergence or fitted 0/1). */
  separation?: SeparationResult;
  offset?: Float64Array;
}

/** Raised when the maximum-likelihood estimate does not exist because the outcome is separated. */
export class SeparationError extends Error {
  constructor(
    message: string,
    readonly separation: SeparationResult,
  ) {
    super(message);
    this.name = 'SeparationError';
  }
}

const DBL_EPSILON = 2.220446049250313e-16;
const THRESH = 30;
const MTHRESH = -30;
const INVEPS = 1 / DBL_EPSILON;

/** Inverse logit with R's cut-offs (stats/src/family.c logit_linkinv). */
export function logitLinkinv(eta: number): number {
  const tmp = eta < MTHRESH ? DBL_EPSILON : eta > THRESH ? INVEPS : Math.exp(eta);
  return tmp / (1 + tmp);
}

/** dμ/dη for the logit link with R's floor at DBL_EPSILON (family.c logit_mu_eta). */
export function logitMuEta(eta: number): number {
  const opexp = 1 + Math.exp(eta);
  return eta > THRESH || eta < MTHRESH ? DBL_EPSILON : Math.exp(eta) / (opexp * opexp);
}

/** y·log(y/μ) with the 0·log 0 = 0 convention (family.c y_log_y). */
function yLogY(y: number, mu: number): number {
  return y !== 0 ? y * Math.log(y / mu) : 0;
}

/** Binomial deviance Σ 2[y log(y/μ) + (1−y) log((1−y)/(1−μ))]. */
export function binomialDeviance(y: ArrayLike<number>, mu: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += 2 * (yLogY(y[i], mu[i]) + yLogY(1 - y[i], 1 - mu[i]));
  return s;
}

/**
 * Checks a 0/1 outcome and the design: clear errors for a missing or non-0/1 outcome, a single
 * outcome class, fewer rows than coefficients.
 */
export function checkLogisticInput(design: Design, y: ArrayLike<number>, outcomeName = 'outcome'): Float64Array {
  if (y.length !== design.n) throw new Error(`${outcomeName}: ${y.length} values but the design has ${design.n} rows`);
  const out = new Float64Array(y.length);
  let ones = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v !== 0 && v !== 1) {
      throw new Error(
        `${outcomeName}, ${rowName(i, design.rowLabels)}: value ${v === undefined || Number.isNaN(v) ? 'missing' : v} is not 0 or 1; ` +
          'logistic regression needs a 0/1 outcome for every row',
      );
    }
    out[i] = v;
    ones += v;
  }
  if (ones === 0 || ones === y.length) {
    throw new Error(
      `${outcomeName}: all ${y.length} rows are ${ones === 0 ? 0 : 1}; a logistic model needs both outcome classes`,
    );
  }
  if (design.n <= design.p) {
    throw new Error(
      `logistic model with ${design.p} coefficients (${design.columnNames.join(', ')}) needs more than ${design.p} rows; it has ${design.n}`,
    );
  }
  return out;
}

function aliasedMessage(design: Design, qr: QR): string {
  const names = qr.deficient.map((j) => design.columnNames[j]);
  const constant = qr.deficient.filter((j) => {
    const c = design.x.subarray(j * design.n, (j + 1) * design.n);
    return c.every((v) => v === c[0]);
  });
  const hint = constant.length
    ? ` (${constant.map((j) => `'${design.columnNames[j]}'`).join(', ')} ${constant.length > 1 ? 'are' : 'is'} constant)`
    : '';
  return (
    `logistic model: column${names.length > 1 ? 's' : ''} ${names.map((s) => `'${s}'`).join(', ')} ` +
    `${names.length > 1 ? 'are' : 'is a'} linear combination${names.length > 1 ? 's' : ''} of the others${hint}; ` +
    'remove the redundant term(s) from the model'
  );
}

/**
 * Fits a logistic regression of 0/1 `y` on the design by IRLS (R glm.fit). See the file
 * comment for the algorithm and the handling of separation.
 */
export function fitLogistic(design: Design, yIn: ArrayLike<number>, opts: LogisticOptions = {}): LogisticFit {
  const epsilon = opts.epsilon ?? 1e-14;
  const maxit = opts.maxit ?? 100;
  const y = checkLogisticInput(design, yIn);
  const { n, p, x } = design;
  const offset = opts.offset ? Float64Array.from(opts.offset) : undefined;

  // Rank check once, on the unweighted design: a constant or collinear term is a user error.
  const qr0 = qrDecompose(x, n, p);
  if (qr0.deficient.length) throw new Error(aliasedMessage(design, qr0));

  let eta: Float64Array = new Float64Array(n);
  const mu = new Float64Array(n);
  if (opts.etaStart) {
    for (let i = 0; i < n; i++) eta[i] = opts.etaStart[i];
  } else {
    for (let i = 0; i < n; i++) {
      const m = (y[i] + 0.5) / 2; // (weights·y + ½)/(weights + 1) with weights 1
      eta[i] = Math.log(m / (1 - m));
    }
  }
  for (let i = 0; i < n; i++) mu[i] = logitLinkinv(eta[i]);
  let devold = binomialDeviance(y, mu);
  let coef: Float64Array = new Float64Array(p);
  let lastQR: QR | null = null;
  let converged = false;
  let iter = 0;
  const xw = new Float64Array(n * p);
  const zw = new Float64Array(n);
  let dev = devold;
  for (iter = 1; iter <= maxit; iter++) {
    for (let i = 0; i < n; i++) {
      const me = logitMuEta(eta[i]);
      const off = offset ? offset[i] : 0;
      const varmu = mu[i] * (1 - mu[i]);
      const w = Math.sqrt((me * me) / varmu);
      zw[i] = (eta[i] - off + (y[i] - mu[i]) / me) * w;
      for (let j = 0; j < p; j++) xw[j * n + i] = x[j * n + i] * w;
    }
    const qr = qrDecompose(xw, n, p, 1e-12);
    if (qr.deficient.length) {
      // weights collapsed to ~0 on the rows that carry a column: fitted probabilities at 0/1
      break;
    }
    const start = qrSolve(qr, zw);
    lastQR = qr;
    eta = linearPredictor(design, start, offset);
    for (let i = 0; i < n; i++) mu[i] = logitLinkinv(eta[i]);
    dev = binomialDeviance(y, mu);
    coef = start;
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devold = dev;
  }
  if (iter > maxit) iter = maxit;

  let fittedZeroOrOne = false;
  const eps10 = 10 * DBL_EPSILON;
  for (let i = 0; i < n; i++) if (mu[i] > 1 - eps10 || mu[i] < eps10) fittedZeroOrOne = true;
  const warnings: string[] = [];
  if (!converged) warnings.push(`glm.fit: algorithm did not converge in ${maxit} iterations`);
  if (fittedZeroOrOne) warnings.push('glm.fit: fitted probabilities numerically 0 or 1 occurred');

  let separation: SeparationResult | undefined;
  if (!converged || fittedZeroOrOne || !lastQR) {
    separation = detectSeparation(design, y);
    if (separation.separated) {
      const msg =
        `logistic model: the outcome is ${separation.kind === 'complete' ? 'completely' : 'quasi-completely'} separated by ` +
        `${separation.infiniteColumns.map((s) => `'${s}'`).join(', ')} (${separation.separatedRows.length} of ${n} rows are predicted ` +
        'perfectly), so the maximum-likelihood estimates are infinite. Use Firth\'s penalised logistic regression ' +
        '(fitFirth) or drop the separating term.';
      if ((opts.onSeparation ?? 'throw') === 'throw') throw new SeparationError(msg, separation);
      warnings.push(msg);
    }
  }
  if (!lastQR) {
    throw new Error('logistic model: the weighted least-squares step became singular; fitted probabilities reached 0 or 1');
  }

  const covariance = qrUnscaledCovariance(lastQR);
  const se = new Float64Array(p);
  const z = new Float64Array(p);
  const pv = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    se[j] = Math.sqrt(covariance[j * p + j]);
    z[j] = coef[j] / se[j];
    pv[j] = 2 * pnorm(-Math.abs(z[j]));
  }
  // null deviance: intercept-only (with offset, R fits it; without, μ = mean y)
  let nullDeviance: number;
  if (opts.nullDeviance === false) {
    nullDeviance = NaN;
  } else if (!design.hasIntercept) {
    const mu0 = new Float64Array(n);
    for (let i = 0; i < n; i++) mu0[i] = logitLinkinv(offset ? offset[i] : 0);
    nullDeviance = binomialDeviance(y, mu0);
  } else if (offset) {
    nullDeviance = fitInterceptOnlyWithOffset(y, offset, epsilon, maxit);
  } else {
    let s = 0;
    for (let i = 0; i < n; i++) s += y[i];
    const m = s / n;
    nullDeviance = binomialDeviance(y, new Float64Array(n).fill(m));
  }
  let ll = 0;
  for (let i = 0; i < n; i++) ll += y[i] === 1 ? Math.log(mu[i]) : Math.log(1 - mu[i]);
  return {
    design,
    y,
    coefficients: coef,
    covariance,
    se,
    z,
    p: pv,
    linearPredictor: eta,
    fitted: Float64Array.from(mu),
    deviance: dev,
    nullDeviance,
    aic: -2 * ll + 2 * p,
    logLik: ll,
    iterations: iter,
    converged,
    fittedZeroOrOne,
    warnings,
    separation,
    offset,
  };
}

function fitInterceptOnlyWithOffset(y: Float64Array, offset: Float64Array, epsilon: number, maxit: number): number {
  const n = y.length;
  const d: Design = {
    n,
    p: 1,
    x: new Float64Array(n).fill(1),
    columnNames: ['(Intercept)'],
    termOfColumn: [-1],
    termNames: [],
    termIsFactor: [],
    hasIntercept: true,
  };
  return fitLogistic(d, y, { epsilon, maxit, offset, onSeparation: 'report', nullDeviance: false }).deviance;
}

export interface CoefficientRow {
  term: string;
  estimate: number;
  se: number;
  z: number;
  p: number;
  or: number;
  orWaldLower: number;
  orWaldUpper: number;
  orProfileLower?: number | null;
  orProfileUpper?: number | null;
}

export interface LogisticSummary {
  n: number;
  events: number;
  coefficients: CoefficientRow[];
  deviance: number;
  nullDeviance: number;
  aic: number;
  logLik: number;
  lrChisq: number;
  lrDf: number;
  lrP: number;
  /** Cox & Snell R² = 1 − exp(−LR/n). */
  r2CoxSnell: number;
  /** Nagelkerke R² = Cox-Snell / (1 − exp(2·ℓ₀/n)). */
  r2Nagelkerke: number;
  iterations: number;
  converged: boolean;
  warnings: string[];
}

/**
 * The coefficient table and model statistics the reference harness reports (lib.R glm_summary):
 * odds ratios with Wald limits exp(b ± qnorm(0.975)·se), the likelihood-ratio test against the
 * intercept-only model, Cox-Snell and Nagelkerke R². Profile limits are added by
 * `withProfileLimits` (profile-ci.ts) because they need extra fits.
 */
export function summarizeLogistic(fit: LogisticFit, level = 0.95): LogisticSummary {
  const zq = qnorm(1 - (1 - level) / 2);
  const n = fit.design.n;
  let events = 0;
  for (let i = 0; i < n; i++) events += fit.y[i];
  const coefficients: CoefficientRow[] = fit.design.columnNames.map((term, j) => {
    const b = fit.coefficients[j];
    const se = fit.se[j];
    return {
      term,
      estimate: b,
      se,
      z: fit.z[j],
      p: fit.p[j],
      or: Math.exp(b),
      orWaldLower: Math.exp(b - zq * se),
      orWaldUpper: Math.exp(b + zq * se),
    };
  });
  const lr = fit.nullDeviance - fit.deviance;
  const df = fit.design.p - (fit.design.hasIntercept ? 1 : 0);
  const ll0 = -fit.nullDeviance / 2;
  const coxSnell = 1 - Math.exp(-lr / n);
  return {
    n,
    events,
    coefficients,
    deviance: fit.deviance,
    nullDeviance: fit.nullDeviance,
    aic: fit.aic,
    logLik: fit.logLik,
    lrChisq: lr,
    lrDf: df,
    lrP: pchisq(lr, df, false),
    r2CoxSnell: coxSnell,
    r2Nagelkerke: coxSnell / (1 - Math.exp((2 * ll0) / n)),
    iterations: fit.iterations,
    converged: fit.converged,
    warnings: fit.warnings,
  };
}

/** Predicted probabilities of a fitted model for the rows of another design with the same columns. */
export function predictLogistic(fit: LogisticFit, design: Design): Float64Array {
  if (design.p !== fit.design.p) throw new Error(`predictLogistic: design has ${design.p} columns, the model ${fit.design.p}`);
  const eta = linearPredictor(design, fit.coefficients);
  for (let i = 0; i < eta.length; i++) eta[i] = 1 / (1 + Math.exp(-eta[i]));
  return eta;
}
