/**
 * The apparent calibration curve as rms::calibrate builds its `calibrated.orig` column (and as
 * the reference harness's `apparent_lowess`): predy = seq(p₍₅₎, p₍ₙ₋₄₎, length = 50) over the
 * sorted predictions, the smoother lowess(p, y, iter = 0) (f = 2/3, delta = 0.01·range), read off
 * at predy by approx(…, ties = first) (linear, NA outside the data). Plus the Brier score.
 *
 * Sources: rms::calibrate.default (Harrell), R's seq.default(from, to, length.out) =
 * c(from, from + (1:(L−2))·((to − from)/(L − 1)), to), R's lowess and approx.
 */
import { approxSorted } from './interpolate.js';
import { lowess } from './lowess.js';
import { requireBinary, requireFinite } from './validate.js';

export interface CalibrationCurve {
  predy: Float64Array;
  calibrated: Float64Array;
}

/** R's seq(from, to, length.out = len) (seq.default's arithmetic). */
export function seqLength(from: number, to: number, len: number): Float64Array {
  const out = new Float64Array(len);
  if (len === 0) return out;
  out[0] = from;
  if (len === 1) return out;
  const by = (to - from) / (len - 1);
  for (let i = 1; i < len - 1; i++) out[i] = from + i * by;
  out[len - 1] = to;
  return out;
}

/**
 * Apparent (in-sample) calibration curve of predictions p against 0/1 outcomes y.
 * Needs at least 10 predictions (the grid runs from the 5th smallest to the 5th largest).
 */
export function apparentCalibrationCurve(p: ArrayLike<number>, y: ArrayLike<number>, gridLength = 50): CalibrationCurve {
  if (p.length !== y.length) throw new RangeError(`calibration curve: ${p.length} predictions but ${y.length} outcomes`);
  requireFinite(p, 'calibration curve, predictions');
  requireBinary(y, 'calibration curve, outcome');
  const n = p.length;
  if (n < 10) throw new RangeError(`calibration curve: ${n} predictions; at least 10 are needed (the grid spans the 5th smallest to the 5th largest)`);
  const ps = Float64Array.from(p).sort();
  const predy = seqLength(ps[4], ps[n - 5], gridLength);
  const sm = lowess(p, y, { iter: 0 });
  // collapse tied x to their first fitted value (lowess gives ties the same value anyway)
  const ux: number[] = [];
  const uy: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && sm.x[i] === sm.x[i - 1]) continue;
    ux.push(sm.x[i]);
    uy.push(sm.y[i]);
  }
  const calibrated = approxSorted(Float64Array.from(ux), Float64Array.from(uy), predy);
  return { predy, calibrated };
}

/**
 * Brier score mean((p − y)²), as rms's lrm stats and val.prob report it.
 * @example brier([0.2, 0.7], [0, 1]) // 0.065
 */
export function brier(p: ArrayLike<number>, y: ArrayLike<number>): number {
  if (p.length !== y.length) throw new RangeError(`Brier score: ${p.length} predictions but ${y.length} outcomes`);
  if (p.length === 0) throw new RangeError('Brier score: no predictions');
  requireFinite(p, 'Brier score, predictions');
  requireBinary(y, 'Brier score, outcome');
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i] - y[i]) ** 2;
  return s / p.length;
}
