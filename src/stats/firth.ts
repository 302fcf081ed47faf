/**
 * Firth's penalised-likelihood logistic regression, the remedy for separation (Firth 1993,
 * Biometrika 80:27-38; Heinze & Schemper 2002, Stat Med 21:2409-2419; the method of R's
 * logistf). It maximises l*(β) = l(β) + ½ log|XᵀWX| (Jeffreys prior), whose estimates stay
 * finite under separation:
 *
 * - Newton-Raphson on the modified score U*_j = Σ_i (y_i − π_i + h_i(½ − π_i)) x_ij, h the
 *   diagonal of the hat matrix W^½X(XᵀWX)⁻¹XᵀW^½, with steps capped at 5 per coefficient and
 *   halved while l* decreases (logistf.control: maxstep = 5), until the step and the modified
 *   score are below 1e-10;
 * - standard errors from (XᵀWX)⁻¹ at the estimate;
 * - confidence limits and p-values from the penalised likelihood profile, as logistf's default:
 *   the limits are where 2·(l*(β̂) − l*_j(b)) = χ²₁(level), l*_j(b) the maximum with β_j fixed
 *   at b (found by bracketing and bisection), and p = P(χ²₁ > 2·(l*(β̂) − l*_j(0))).
 *
 * This follows the published method; logistf itself is not packaged for Debian, so these
 * values are checked against closed forms (the Haldane-corrected odds ratio of a 2×2 table)
 * rather than against logistf output.
 */
import type { Design } from './design.js';
import { checkLogisticInput } from './logistic.js';
import { cholesky, choleskySolve, spdInverse, spdLogDet } from './linalg.js';
import { pchisq, qchisq } from './distributions.js';

export interface FirthFit {
  design: Design;
  coefficients: Float64Array;
  se: Float64Array;
  /** Profile penalised-likelihood limits (coefficient scale). */
  lower: Float64Array;
  upper: Float64Array;
  /** Penalised likelihood-ratio p-values of β_j = 0. */
  p: Float64Array;
  /** l*(β̂): log-likelihood + ½ log|XᵀWX|. */
  penalizedLogLik: number;
  iterations: number;
  converged: boolean;
  method: string;
}

interface State {
  pi: Float64Array;
  w: Float64Array;
  info: Float64Array;
  logDet: number;
  loglik: number;
}

function evaluate(d: Design, y: Float64Array, beta: Float64Array): State | null {
  const { n, p, x } = d;
  const pi = new Float64Array(n);
  const w = new Float64Array(n);
  let loglik = 0;
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let j = 0; j < p; j++) eta += x[j * n + i] * beta[j];
    // log π and log(1 − π) without overflow
    const lp = eta >= 0 ? -Math.log1p(Math.exp(-eta)) : eta - Math.log1p(Math.exp(eta));
    const lq = eta >= 0 ? -eta - Math.log1p(Math.exp(-eta)) : -Math.log1p(Math.exp(eta));
    pi[i] = Math.exp(lp);
    w[i] = pi[i] * (1 - pi[i]);
    loglik += y[i] === 1 ? lp : lq;
  }
  const info = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += w[i] * x[a * n + i] * x[b * n + i];
      info[a * p + b] = s;
      info[b * p + a] = s;
    }
  }
  const logDet = spdLogDet(info, p);
  if (Number.isNaN(logDet)) return null;
  return { pi, w, info, logDet, loglik };
}

/** Hat diagonal h_i = w_i x_iᵀ(XᵀWX)⁻¹x_i. */
function hatDiag(d: Design, s: State): Float64Array {
  const { n, p, x } = d;
  const inv = spdInverse(s.info, p)!;
  const h = new Float64Array(n);
  const xi = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) xi[j] = x[j * n + i];
    let q = 0;
    for (let a = 0; a < p; a++) {
      let t = 0;
      for (let b = 0; b < p; b++) t += inv[b * p + a] * xi[b];
      q += xi[a] * t;
    }
    h[i] = s.w[i] * q;
  }
  return h;
}

/**
 * Maximises l* over the coefficients not in `fixed` (their values are kept as given in `start`).
 * Returns the estimate and l*, or null when the information matrix is singular.
 */
function maximise(
  d: Design,
  y: Float64Array,
  start: Float64Array,
  fixed: number | null,
  maxit = 100,
): { beta: Float64Array; lstar: number; iterations: number; converged: boolean } | null {
  const { n, p, x } = d;
  const beta = Float64Array.from(start);
  const free: number[] = [];
  for (let j = 0; j < p; j++) if (j !== fixed) free.push(j);
  const k = free.length;
  let s = evaluate(d, y, beta);
  if (!s) return null;
  let lstar = s.loglik + 0.5 * s.logDet;
  let converged = false;
  let it = 0;
  for (it = 1; it <= maxit; it++) {
    const h = hatDiag(d, s);
    const u = new Float64Array(k);
    const sub = new Float64Array(k * k);
    free.forEach((j, a) => {
      let t = 0;
      for (let i = 0; i < n; i++) t += (y[i] - s!.pi[i] + h[i] * (0.5 - s!.pi[i])) * x[j * n + i];
      u[a] = t;
      free.forEach((l, b) => (sub[b * k + a] = s!.info[l * p + j]));
    });
    const L = cholesky(sub, k, 0);
    if (!L) return null;
    const delta = choleskySolve(L, k, u);
    let mx = 0;
    for (let a = 0; a < k; a++) mx = Math.max(mx, Math.abs(delta[a]));
    if (mx > 5) for (let a = 0; a < k; a++) delta[a] *= 5 / mx;
    let umax = 0;
    for (let a = 0; a < k; a++) umax = Math.max(umax, Math.abs(u[a]));
    let step = 1;
    let accepted = false;
    for (let half = 0; half < 30; half++) {
      const trial = Float64Array.from(beta);
      free.forEach((j, a) => (trial[j] += step * delta[a]));
      const st = evaluate(d, y, trial);
      if (st) {
        const lt = st.loglik + 0.5 * st.logDet;
        if (lt >= lstar - 1e-12 * Math.abs(lstar)) {
          beta.set(trial);
          s = st;
          lstar = lt;
          accepted = true;
          break;
        }
      }
      step /= 2;
    }
    if ((mx * step < 1e-10 && umax < 1e-8) || (!accepted && umax < 1e-8)) {
      converged = true;
      break;
    }
    if (!accepted) break;
  }
  return { beta, lstar, iterations: it, converged };
}

/** Firth's logistic regression of 0/1 y on the design (see the file comment). */
export function fitFirth(design: Design, yIn: ArrayLike<number>, level = 0.95): FirthFit {
  const y = checkLogisticInput(design, yIn);
  const p = design.p;
  const m = maximise(design, y, new Float64Array(p), null);
  if (!m) throw new Error('Firth logistic regression: the information matrix is singular; a term is constant or collinear');
  const s = evaluate(design, y, m.beta)!;
  const cov = spdInverse(s.info, p)!;
  const se = Float64Array.from({ length: p }, (_, j) => Math.sqrt(cov[j * p + j]));
  const crit = qchisq(level, 1);
  const lower = new Float64Array(p);
  const upper = new Float64Array(p);
  const pv = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const dev = (b: number): number => {
      const start = Float64Array.from(m.beta);
      start[j] = b;
      const c = maximise(design, y, start, j);
      return c ? 2 * (m.lstar - c.lstar) : Infinity;
    };
    pv[j] = pchisq(Math.max(0, dev(0)), 1, false);
    for (const sgn of [-1, 1]) {
      // bracket: walk out in steps of one standard error until the deviance passes the cut-off
      let inner = m.beta[j];
      let outer = inner;
      let found = false;
      for (let k = 1; k <= 60; k++) {
        outer = m.beta[j] + sgn * k * Math.max(se[j], 1e-3);
        if (dev(outer) >= crit) {
          found = true;
          break;
        }
        inner = outer;
      }
      let limit = NaN;
      if (found) {
        for (let it = 0; it < 60 && Math.abs(outer - inner) > 1e-10 * (1 + Math.abs(inner)); it++) {
          const mid = (inner + outer) / 2;
          if (dev(mid) >= crit) outer = mid;
          else inner = mid;
        }
        limit = (inner + outer) / 2;
      }
      if (sgn < 0) lower[j] = limit;
      else upper[j] = limit;
    }
  }
  return {
    design,
    coefficients: m.beta,
    se,
    lower,
    upper,
    p: pv,
    penalizedLogLik: m.lstar,
    iterations: m.iterations,
    converged: m.converged,
    method: "Firth's penalised likelihood (Jeffreys prior), profile penalised-likelihood limits",
  };
}
