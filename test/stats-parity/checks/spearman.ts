/** spearman.json: the 40 × 40 training-set Spearman matrix (average ranks), from the cohort CSV. */
import { TOL, list } from '../compare.js';
import type { ParityCheck } from '../context.js';
import { spearmanMatrix } from '../../../src/stats/correlation.js';
import { cohortData } from '../cohort-data.js';

export const checks: ParityCheck[] = [
  {
    family: 'spearman matrix (training set)',
    cohort(ref, rec) {
      const S = ref.out('spearman');
      const d = cohortData(ref);
      rec.equal('feature order', d.features, list(S.features));
      const p = d.features.length;
      const m = spearmanMatrix(d.train, d.features);
      for (let a = 0; a < p; a++) rec.closeAll(`row ${d.features[a]}`, m.subarray(a * p, a * p + p), S.matrix[a], TOL.closedForm);
    },
  },
];
