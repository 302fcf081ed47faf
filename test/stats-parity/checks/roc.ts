/**
 * roc.json: pROC curves (thresholds, se, sp), AUC, DeLong variance and CI, Youden rows (pROC's
 * and the exact integer ones), paired DeLong tests and the validation confusion matrix at the
 * training cut-off, for the predictions radnomo computes itself (model-chain.ts). Edge cases:
 * roc_ties (tied scores and tied Youden optima) and roc_perfect (CI clipped to 1).
 */
import { TOL, list, type Recorder } from '../compare.js';
import type { ParityCheck } from '../context.js';
import { rocCurve, youden, metricsAt, type ThresholdMetrics } from '../../../src/stats/roc.js';
import { delongAuc, delongTest } from '../../../src/stats/delong.js';
import { modelChain } from '../model-chain.js';

/** Thresholds are midpoints of recomputed predictions: the rad-score sums terms of ~27 in magnitude, so 1e-12 absolute. */
const THR = { rel: 1e-12, abs: 1e-12 };
const num = (t: number | string) => (t === '-Inf' ? -Infinity : t === 'Inf' ? Infinity : (t as number));

function compareRow(rec: Recorder, label: string, a: ThresholdMetrics, r: any): void {
  rec.close(`${label} threshold`, a.threshold, num(r.threshold), THR);
  rec.close(`${label} sensitivity`, a.sensitivity, r.sensitivity, TOL.closedForm);
  rec.close(`${label} specificity`, a.specificity, r.specificity, TOL.closedForm);
  for (const k of ['accuracy', 'ppv', 'npv'] as const) if (r[k] !== undefined) rec.close(`${label} ${k}`, a[k], r[k], TOL.closedForm);
  for (const k of ['tp', 'tn', 'fp', 'fn'] as const) if (r[k] !== undefined) rec.equal(`${label} ${k}`, a[k], r[k]);
  if (r.pROC_youden_se_plus_sp !== undefined) rec.close(`${label} se+sp`, a.sensitivity + a.specificity, r.pROC_youden_se_plus_sp, TOL.closedForm);
  if (r.youden_J !== undefined) rec.close(`${label} youden J`, a.youdenJ, r.youden_J, TOL.closedForm);
  if (r.youden !== undefined) rec.close(`${label} youden J`, a.youdenJ, r.youden, TOL.closedForm);
}

function compareBlock(rec: Recorder, label: string, y: ArrayLike<number>, score: ArrayLike<number>, r: any): void {
  const curve = rocCurve({ y, score });
  const d = delongAuc({ y, score });
  rec.close(`${label} auc`, curve.auc, r.auc, TOL.closedForm);
  rec.close(`${label} delong auc`, d.auc, r.auc, TOL.closedForm);
  if (r.auc_var_delong !== undefined) rec.close(`${label} var`, d.variance, r.auc_var_delong, TOL.closedForm);
  const ci = r.auc_ci_delong ?? { lower: r.ci_delong?.[0], upper: r.ci_delong?.[1] };
  rec.close(`${label} ci lower`, d.lower, ci.lower, TOL.closedForm);
  rec.close(`${label} ci upper`, d.upper, ci.upper, TOL.closedForm);
  if (r.n_cases !== undefined) rec.equal(`${label} n`, [curve.nCases, curve.nControls], [r.n_cases, r.n_controls]);
  if (r.curve) {
    const thr = list<number | string>(r.curve.threshold).map(num);
    rec.equal(`${label} curve length`, curve.thresholds.length, thr.length);
    rec.closeAll(`${label} curve thresholds`, Array.from(curve.thresholds, (t, k) => (Number.isFinite(t) ? t : thr[k])), thr, THR);
    rec.equal(`${label} curve ±Inf`, [curve.thresholds[0], curve.thresholds[curve.thresholds.length - 1]], [-Infinity, Infinity].map((v) => v));
    rec.closeAll(`${label} curve se`, curve.sensitivity, list(r.curve.sensitivity), TOL.closedForm);
    rec.closeAll(`${label} curve sp`, curve.specificity, list(r.curve.specificity), TOL.closedForm);
  }
  const yd = youden(curve);
  const pRows = list<any>(r.youden_best_pROC ?? r.youden_best_all_rows);
  rec.equal(`${label} pROC youden rows`, yd.youdenRowsPROC.length, pRows.length);
  yd.youdenRowsPROC.forEach((row, k) => pRows[k] && compareRow(rec, `${label} pROC youden row ${k + 1}`, row, pRows[k]));
  if (pRows[0]) compareRow(rec, `${label} exact youden = pROC first row`, yd.best, pRows[0]);
  if (r.youden_best_exact_ties) {
    const ties = list<any>(r.youden_best_exact_ties);
    rec.equal(`${label} exact youden ties`, yd.exactTies.length, ties.length);
    yd.exactTies.forEach((row, k) => ties[k] && compareRow(rec, `${label} exact tie ${k + 1}`, row, ties[k]));
  }
}

export const checks: ParityCheck[] = [
  {
    family: 'roc: pROC curves, DeLong, Youden',
    cohort(ref, rec) {
      const R = ref.out('roc');
      const c = modelChain(ref);
      const scores: Record<string, Float64Array> = { ...c.pred, radscore: c.radscore };
      for (const [set, rows] of [
        ['train', c.train],
        ['validation', c.validation],
      ] as const) {
        const y = Float64Array.from(rows, (i) => c.er[i]);
        const s = (name: string) => Float64Array.from(rows, (i) => scores[name][i]);
        for (const m of ['p_clinical', 'p_radiomics', 'p_nomogram', 'radscore']) compareBlock(rec, `${set} ${m}`, y, s(m), R[set][m]);
        for (const [k, t] of Object.entries<any>(R[set].delong_tests)) {
          const d = delongTest(y, s(t.model1), s(t.model2));
          rec.close(`${set} ${k} z`, d.z, t.z, TOL.closedForm);
          rec.close(`${set} ${k} p`, d.p, t.p, TOL.pValue);
          rec.close(`${set} ${k} auc1`, d.auc1, t.auc1, TOL.closedForm);
          rec.close(`${set} ${k} auc2`, d.auc2, t.auc2, TOL.closedForm);
        }
      }
      const yv = Float64Array.from(c.validation, (i) => c.er[i]);
      for (const [m, r] of Object.entries<any>(R.validation_at_training_cutoff)) {
        const ytr = Float64Array.from(c.train, (i) => c.er[i]);
        const cut = youden(rocCurve({ y: ytr, score: Float64Array.from(c.train, (i) => scores[m][i]) })).best.threshold;
        const v = metricsAt({ y: yv, score: Float64Array.from(c.validation, (i) => scores[m][i]) }, cut);
        compareRow(rec, `validation at training cut-off ${m}`, v, r);
      }
    },
    edge(ref, rec) {
      const t = ref.json.roc_ties;
      compareBlock(rec, 'roc_ties', list(t.y), list(t.p), { ...t, youden_best_pROC: t.youden_best_all_rows });
      const p = ref.json.roc_perfect;
      const d = delongAuc({ y: list(p.y), score: list(p.p) });
      rec.close('roc_perfect auc', d.auc, p.auc, TOL.closedForm);
      rec.closeAll('roc_perfect ci (clipped)', [d.lower, d.upper], list(p.ci_delong), TOL.closedForm);
      // identical predictions: the paired test has no variance and reports null, not NaN
      const same = delongTest(list(t.y), list(t.p), list(t.p));
      rec.equal('paired DeLong, identical predictions', [same.z, same.p], [null, null]);
    },
  },
];
