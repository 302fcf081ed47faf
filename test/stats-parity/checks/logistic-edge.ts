/**
 * edge_cases.json, logistic_small: Wald and profile-likelihood limits of a small logistic fit
 * (16 rows), where the two differ visibly; the glm table at the README's tolerances.
 */
import type { ParityCheck } from '../context.js';
import { buildDesign } from '../../../src/stats/design.js';
import { fitLogistic } from '../../../src/stats/logistic.js';
import { compareGlm } from '../glm-compare.js';
import { list } from '../compare.js';

export const checks: ParityCheck[] = [
  {
    family: 'logistic: Wald vs profile (small fit)',
    edge(ref, rec) {
      const e = ref.json.logistic_small;
      const fit = fitLogistic(buildDesign([{ name: 'gx', values: list<number>(e.x) }]), list<number>(e.y));
      compareGlm(rec, 'logistic_small', fit, e.result);
    },
  },
];
