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
 *   at b (bracketed in steps of one standard error, then Brent's root finder), and
 *   p = P(χ²₁ > 2·(l*(β̂) − l*_j(0))). `profile` chooses the coefficients profiled (logistf's
 *   `plconf`; all by default); the others get NaN limits and p.
 *
 * XᵀWX is factorised once per coefficient vector (Cholesky, LLᵀ); log|XᵀWX| and the hat
 * diagonal h_i = w_i‖L⁻¹x_i‖² both come from that factor. A coefficient vector where XᵀWX is
 * numerically singular (a Cholesky pivot below 1e-14 of its diagonal entry, i.e. a weighted
 * column within 1e-7 of the span of the earlier ones, R's qr tolerance) has l* = −∞ in effect,
 * as log|XᵀWX| → −∞ there (far out on a profile, where W is ~0 for most rows): a Newton step
 * landing there is halved, and a profile point whose constrained maximum cannot be evaluated
 * counts as beyond the limit. Singular at the start (β = 0) means a collinear design: a
 * FirthFitError names the columns.
 *
 * This follows the published method; logistf itself is not packaged for Debian, so these
 * values are checked against closed forms (the Haldane-corrected odds ratio of a 2×2 table)
 * and an independent scipy maximisation of l* (test/stats/firth.test.ts), not logistf output.
 */
import type { Design } from './design.js';
import { checkLogisticInput } from './logistic.js';
import { cholesky, choleskySolve, qrDecompose } from './linalg.js';
import { pchisq, qchisq } from './distributions.js';

export interface FirthFit {
  design: Design;
  coefficients: Float64Array;
  se: Float64Array;
  /** Profile penalised-likelihood limits (coefficient scale); NaN where not profiled or not reached. */
  lower: Float64Array;
  upper: Float64Array;
  /** Penalised likelihood-ratio p-values of β_j = 0; NaN where not profiled. */
  p: Float64Array;
  /** Per coefficient: whether its profile (limits and p) was computed. */
  profiled: boolean[];
  /** l*(β̂): log-likelihood + ½ log|XᵀWX|. */
  penalizedLogLik: number;
  iterations: number;
  converged: boolean;
  method: string;
}

/**
 * Which coefficients get profile limits and p-values: none (`false`), all (`'all'`, the
 * default), or those named (column names such as 'alb' or 'etiologyHCV', or term names, which
 * select all columns of a factor).
 */
export type FirthProfile = false | 'all' | readonly string[];

export interface FirthOptions {
  /** Confidence level of the profile limits (default 0.95). */
  level?: number;
  profile?: FirthProfile;
}

/** Firth's fit cannot be computed (e.g. a column that is constant or collinear with others). */
export class FirthFitError extends Error {
  override readonly name = 'FirthFitError';
  constructor(
    message: string,
    /** The design columns that cause it, when known. */
    readonly columns: readonly string[] = [],
  ) {
    super(message);
  }
}

interface State {
  pi: Float64Array;
  w: Float64Array;
  info: Float64Array;
  /** Cholesky factor of info (lower, column-major). */
  chol: Float64Array;
  /** hat diagonal */
  h: Float64Array;
  logDet: number;
  loglik: number;
}

/** π, W, XᵀWX, its factor, l and the hat diagonal at β; null where XᵀWX is not numerically positive definite. */
function evaluate(d: Design, y: Float64Array, beta: Float64Array, z: Float64Array): State | null {
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
    const xa = a * n;
    for (let b = 0; b <= a; b++) {
      const xb = b * n;
      let s = 0;
      for (let i = 0; i < n; i++) s += w[i] * x[xa + i] * x[xb + i];
      info[a * p + b] = s;
      info[b * p + a] = s;
    }
  }
  const chol = cholesky(info, p, 0);
  if (!chol) return null;
  let logDet = 0;
  for (let j = 0; j < p; j++) {
    // pivot² = the part of column j's weighted norm² not explained by the earlier columns; below
    // 1e-14 of it (a norm ratio of 1e-7, R's qr tolerance for aliased columns) XᵀWX is singular
    const l = chol[j * p + j];
    if (!(l * l > 1e-14 * info[j * p + j])) return null;
    logDet += Math.log(l);
  }
  logDet *= 2;
  // h_i = w_i x_iᵀ(LLᵀ)⁻¹x_i = w_i ‖L⁻¹x_i‖² (forward substitution, no inverse)
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let q = 0;
    for (let r = 0; r < p; r++) {
      let s = x[r * n + i];
      for (let k = 0; k < r; k++) s -= chol[k * p + r] * z[k];
      z[r] = s / chol[r * p + r];
      q += z[r] * z[r];
    }
    h[i] = w[i] * q;
    if (!Number.isFinite(h[i])) return null;
  }
  if (!Number.isFinite(logDet) || !Number.isFinite(loglik)) return null;
  return { pi, w, info, chol, h, logDet, loglik };
}

interface Maximum {
  beta: Float64Array;
  lstar: number;
  iterations: number;
  converged: boolean;
  state: State;
}

/**
 * Maximises l* over the coefficients not in `fixed` (their values are kept as given in `start`).
 * Returns null when XᵀWX is not positive definite at `start` or the Newton system is singular.
 */
function maximise(d: Design, y: Float64Array, start: Float64Array, fixed: number | null, maxit = 100): Maximum | null {
  const { n, p, x } = d;
  const beta = Float64Array.from(start);
  const free: number[] = [];
  for (let j = 0; j < p; j++) if (j !== fixed) free.push(j);
  const k = free.length;
  const z = new Float64Array(p);
  let s = evaluate(d, y, beta, z);
  if (!s) return null;
  let lstar = s.loglik + 0.5 * s.logDet;
  let converged = false;
  let it = 0;
  const u = new Float64Array(k);
  const sub = new Float64Array(k * k);
  const trial = new Float64Array(p);
  for (it = 1; it <= maxit; it++) {
    const { pi, h, info } = s;
    for (let a = 0; a < k; a++) {
      const j = free[a];
      let t = 0;
      for (let i = 0; i < n; i++) t += (y[i] - pi[i] + h[i] * (0.5 - pi[i])) * x[j * n + i];
      u[a] = t;
      for (let b = 0; b < k; b++) sub[b * k + a] = info[free[b] * p + j];
    }
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
      trial.set(beta);
      for (let a = 0; a < k; a++) trial[free[a]] += step * delta[a];
      const st = evaluate(d, y, trial, z);
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
  return { beta, lstar, iterations: it, converged, state: s };
}

/** Brent's root finder on [a, b] with f(a) < 0 ≤ f(b) (Brent 1973, Algorithms for Minimization without Derivatives, ch. 4, zero). */
function brentRoot(f: (x: number) => number, a: number, b: number, fa: number, fb: number, tol: (x: number) => number, maxit = 100): number {
  let c = a;
  let fc = fa;
  let e = b - a;
  let dd = e;
  for (let it = 0; it < maxit; it++) {
    if (Math.sign(fb) === Math.sign(fc) && fb !== 0) {
      c = a;
      fc = fa;
      e = dd = b - a;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const t = 0.5 * tol(b);
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= t || fb === 0) return b;
    if (Math.abs(e) >= t && Math.abs(fa) > Math.abs(fb)) {
      // inverse quadratic interpolation, or the secant when only two points are distinct
      let pp: number;
      let q: number;
      const s = fb / fa;
      if (a === c) {
        pp = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        pp = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (pp > 0) q = -q;
      else pp = -pp;
      if (2 * pp < Math.min(3 * m * q - Math.abs(t * q), Math.abs(e * q))) {
        e = dd;
        dd = pp / q;
      } else {
        dd = m;
        e = m;
      }
    } else {
      dd = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(dd) > t ? dd : m > 0 ? t : -t;
    fb = f(b);
  }
  return b;
}

/** The coefficient indices that `profile` selects (see FirthProfile). */
function profiledColumns(d: Design, profile: FirthProfile): boolean[] {
  if (profile === false) return d.columnNames.map(() => false);
  if (profile === 'all') return d.columnNames.map(() => true);
  const out = d.columnNames.map(() => false);
  for (const name of profile) {
    let hit = false;
    d.columnNames.forEach((c, j) => {
      const term = d.termOfColumn[j] >= 0 ? d.termNames[d.termOfColumn[j]] : undefined;
      if (c === name || term === name) {
        out[j] = true;
        hit = true;
      }
    });
    if (!hit) {
      throw new RangeError(`fitFirth: no coefficient or term named '${name}' to profile; the model has ${d.columnNames.map((c) => `'${c}'`).join(', ')}`);
    }
  }
  return out;
}

/** The columns that make XᵀX singular, for the error message. */
function collinearColumns(d: Design): string[] {
  const qr = qrDecompose(d.x, d.n, d.p);
  return qr.deficient.map((j) => d.columnNames[j]);
}

/**
 * Firth's logistic regression of 0/1 y on the design (see the file comment). The third argument
 * is the options, or (as before) the confidence level.
 * @example fitFirth(design, y, { profile: false }) // estimates and SE only: no profile limits
 * @example fitFirth(design, y, { profile: ['radscore'] }) // limits and p of the rad-score only
 */
export function fitFirth(design: Design, yIn: ArrayLike<number>, options: FirthOptions | number = {}): FirthFit {
  const opts: FirthOptions = typeof options === 'number' ? { level: options } : options;
  const level = opts.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`fitFirth: confidence level ${level} must lie strictly between 0 and 1`);
  const profiled = profiledColumns(design, opts.profile ?? 'all');
  const y = checkLogisticInput(design, yIn);
  const p = design.p;
  const m = maximise(design, y, new Float64Array(p), null);
  if (!m) {
    const cols = collinearColumns(design);
    throw new FirthFitError(
      cols.length
        ? `Firth logistic regression: ${cols.map((c) => `'${c}'`).join(', ')} ${cols.length > 1 ? 'are' : 'is'} constant or a linear combination of earlier columns ` +
            '(the information matrix is singular); drop or merge them'
        : 'Firth logistic regression: the information matrix is numerically singular (columns on very different scales or nearly collinear); rescale or drop columns',
      cols,
    );
  }
  // covariance (XᵀWX)⁻¹ at the estimate from its Cholesky factor: diag = ‖L⁻¹e_j‖² summed over rows
  const L = m.state.chol;
  const se = new Float64Array(p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    se[j] = Math.sqrt(choleskySolve(L, p, e)[j]);
  }
  const crit = qchisq(level, 1);
  const lower = new Float64Array(p).fill(NaN);
  const upper = new Float64Array(p).fill(NaN);
  const pv = new Float64Array(p).fill(NaN);
  for (let j = 0; j < p; j++) {
    if (!profiled[j]) continue;
    // the constrained maximum at β_j = b, started from the last one found (a nearby b)
    let warm = m.beta;
    const dev = (b: number, from: Float64Array = warm): number => {
      const start = Float64Array.from(from);
      start[j] = b;
      const c = maximise(design, y, start, j);
      if (!c) return Infinity;
      warm = c.beta;
      return 2 * (m.lstar - c.lstar);
    };
    pv[j] = pchisq(Math.max(0, dev(0, m.beta)), 1, false);
    const step = Math.max(se[j], 1e-3);
    for (const sgn of [-1, 1]) {
      warm = m.beta;
      // bracket: walk out in steps of one standard error until the deviance passes the cut-off
      let inner = m.beta[j];
      let fInner = -crit;
      let outer = inner;
      let fOuter = NaN;
      let found = false;
      for (let k = 1; k <= 60; k++) {
        outer = m.beta[j] + sgn * k * step;
        fOuter = dev(outer) - crit;
        if (fOuter >= 0) {
          found = true;
          break;
        }
        inner = outer;
        fInner = fOuter;
      }
      let limit = NaN;
      if (found) {
        const f = (b: number): number => {
          const v = dev(b) - crit;
          return Number.isFinite(v) ? v : 1e300;
        };
        limit = brentRoot(f, inner, outer, fInner, Number.isFinite(fOuter) ? fOuter : 1e300, (b) => 1e-10 * (1 + Math.abs(b)));
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
    profiled,
    penalizedLogLik: m.lstar,
    iterations: m.iterations,
    converged: m.converged,
    method: profiled.some(Boolean)
      ? "Firth's penalised likelihood (Jeffreys prior), profile penalised-likelihood limits"
      : "Firth's penalised likelihood (Jeffreys prior)",
  };
}
