/**
 * selection.json, steps 1–3 of the chain run end to end from the two CSV files
 * (src/stats/feature-filter.ts): ICC2 ≥ 0.75, the step-2 rule and its p-values, the three
 * alternative step-2 rules, the Spearman visiting order, the kept list and the drop log.
 */
import { TOL, list } from '../compare.js';
import type { ParityCheck } from '../context.js';
import { selectionSteps1to3 } from '../../../src/stats/feature-filter.js';
import { cohortData } from '../cohort-data.js';

export const checks: ParityCheck[] = [
  {
    family: 'selection steps 1-3',
    cohort(ref, rec) {
      const S = ref.out('selection');
      const d = cohortData(ref);
      rec.equal('step0_all', d.features, list(S.step0_all));
      const r = selectionSteps1to3({ names: d.features, train: d.train, y: d.yTrain, observer1: d.observer1, observer2: d.observer2 });
      rec.equal('step1_icc', r.step1, list(S.step1_icc));
      rec.equal('step2_filter_p names', Object.keys(r.step2.p), Object.keys(S.step2_filter_p));
      for (const [name, p] of Object.entries<number>(S.step2_filter_p)) rec.close(`step2 p ${name}`, r.step2.p[name], p, TOL.pValue);
      rec.equal('step2_filter', r.step2.kept, list(S.step2_filter));
      rec.equal('alt anova_and_mw', r.step2.alternatives.anovaAndMw, list(S.step2_alternatives.anova_and_mw));
      rec.equal('alt anova_or_mw', r.step2.alternatives.anovaOrMw, list(S.step2_alternatives.anova_or_mw));
      rec.equal('alt rule_with_mw_normal_approx', r.step2.alternatives.ruleWithMwNormalApprox, list(S.step2_alternatives.rule_with_mw_normal_approx));
      rec.equal('step3_visit_order', r.step3.visitOrder, list(S.step3_visit_order));
      rec.equal('step3_spearman', r.step3.kept, list(S.step3_spearman));
      const drops = list<any>(S.step3_dropped);
      rec.equal('step3_dropped pairs', r.step3.dropped.map((x) => [x.feature, x.droppedBecauseOf]), drops.map((x) => [x.feature, x.dropped_because_of]));
      rec.closeAll('step3_dropped rho', r.step3.dropped.map((x) => x.rho), drops.map((x) => x.rho), TOL.closedForm);
    },
  },
];
