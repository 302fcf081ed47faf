/**
 * dca.json: decision curves (net benefit with p > pt and p ≥ pt, treat-all, treat-none,
 * standardised NB, TP/FP/TPR/FPR) at pt = 0.01..0.99 for both sets and the three models.
 * Inputs: the R models' predictions from predictions.csv until the study recomputes them end to
 * end with our own models.
 */
import { TOL, list } from '../compare.js';
import type { ParityCheck } from '../context.js';
import { decisionCurve, defaultThresholds } from '../../../src/stats/dca.js';
import { predictionSets } from '../predictions.js';

const MODELS = ['p_clinical', 'p_radiomics', 'p_nomogram'];

export const checks: ParityCheck[] = [
  {
    family: 'decision curves (predictions.csv)',
    cohort(ref, rec) {
      const D = ref.out('dca');
      const thr = defaultThresholds();
      rec.equal('thresholds', thr, list(D.thresholds));
      const sets = predictionSets(ref, MODELS);
      for (const s of ['train', 'validation'] as const) {
        const S = sets[s];
        rec.equal(`${s} n`, S.y.length, D[s].n);
        rec.close(`${s} prevalence`, S.y.reduce((a, b) => a + b, 0) / S.y.length, D[s].prevalence, TOL.closedForm);
        for (const m of MODELS) {
          const rows = decisionCurve(S.y, S.p[m], thr);
          const ref_ = list<any>(D[s].models[m]);
          rec.equal(`${s}/${m} tp`, rows.map((r) => r.tp), ref_.map((r) => r.tp));
          rec.equal(`${s}/${m} fp`, rows.map((r) => r.fp), ref_.map((r) => r.fp));
          // NB is a difference of O(1) terms and can be 0 up to rounding: compared relatively, or to 1e-15 absolutely
          for (const k of ['tpr', 'fpr', 'nb', 'snb', 'nb_ge', 'nb_treat_all', 'nb_treat_none'] as const) {
            const key = ({ nb_ge: 'nbGe', nb_treat_all: 'nbTreatAll', nb_treat_none: 'nbTreatNone' } as Record<string, string>)[k] ?? k;
            rec.closeAll(`${s}/${m} ${k}`, rows.map((r) => (r as any)[key]), ref_.map((r) => r[k]), { rel: 1e-9, abs: 1e-15 });
          }
        }
      }
    },
  },
];
