/**
 * Decision curve analysis (Vickers & Elkin 2006): net benefit of treating patients whose
 * predicted risk exceeds a threshold probability pt,
 *   NB = TP/n − FP/n · pt/(1 − pt), high risk iff p > pt (DecisionCurve / rmda convention; the
 *   `nbGe` variant uses p ≥ pt),
 * treat-all NB = prev − (1 − prev)·pt/(1 − pt), treat-none NB = 0, standardised net benefit
 * sNB = NB/prevalence (Kerr et al. 2016), and net interventions avoided per 100 patients
 * (NB − NB_treat-all)/(pt/(1 − pt)) × 100 (Vickers et al. 2008).
 *
 * Sources: Vickers & Elkin (2006), Med. Decis. Making 26, 565–574; DecisionCurve::calculate.nb
 * (p > pt); reference/stats lib.R net_benefit_curve.
 */
import { requireBinary, requireFinite } from './validate.js';

export interface DcaRow {
  threshold: number;
  tp: number;
  fp: number;
  tpr: number;
  fpr: number;
  nb: number;
  snb: number;
  nbGe: number;
  nbTreatAll: number;
  nbTreatNone: number;
  /** net interventions avoided per 100 patients compared with treating all */
  interventionsAvoidedPer100: number;
}

/** The thresholds 0.01, 0.02, …, 0.99 (R's round(seq(0.01, 0.99, by = 0.01), 2)). */
export function defaultThresholds(): number[] {
  const t: number[] = [];
  for (let k = 1; k <= 99; k++) t.push(k / 100);
  return t;
}

/**
 * Decision curve of predictions p for 0/1 outcomes y at each threshold in (0, 1).
 * The outcome needs both classes (prevalence 0 makes sNB undefined).
 */
export function decisionCurve(y: ArrayLike<number>, p: ArrayLike<number>, thresholds: readonly number[] = defaultThresholds()): DcaRow[] {
  if (y.length !== p.length) throw new RangeError(`decision curve: ${y.length} outcomes but ${p.length} predictions`);
  requireFinite(p, 'decision curve, predictions');
  requireBinary(y, 'decision curve, outcome');
  const n = y.length;
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i];
  if (events === 0 || events === n) {
    throw new RangeError(`decision curve: the outcome has a single class (${events} events in ${n}); net benefit needs events and non-events`);
  }
  const prev = events / n;
  const rows: DcaRow[] = [];
  for (const pt of thresholds) {
    if (!(pt > 0 && pt < 1)) throw new RangeError(`decision curve: threshold ${pt} must lie strictly between 0 and 1`);
    const w = pt / (1 - pt);
    let tp = 0;
    let fp = 0;
    let tp2 = 0;
    let fp2 = 0;
    for (let i = 0; i < n; i++) {
      if (p[i] > pt) {
        if (y[i] === 1) tp++;
        else fp++;
      }
      if (p[i] >= pt) {
        if (y[i] === 1) tp2++;
        else fp2++;
      }
    }
    const nb = tp / n - (fp / n) * w;
    const nbAll = prev - (1 - prev) * w;
    rows.push({
      threshold: pt,
      tp,
      fp,
      tpr: tp / events,
      fpr: fp / (n - events),
      nb,
      snb: nb / prev,
      nbGe: tp2 / n - (fp2 / n) * w,
      nbTreatAll: nbAll,
      nbTreatNone: 0,
      interventionsAvoidedPer100: ((nb - nbAll) / w) * 100,
    });
  }
  return rows;
}
