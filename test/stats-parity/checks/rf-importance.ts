/**
 * rf_importance.json (LOOSE reference: a random forest cannot be matched draw for draw across
 * implementations). radnomo's forest (500 trees, mtry = ⌊√p⌋, seed 2024) on the step-3
 * features is compared by rank agreement: Spearman correlation of the MeanDecreaseGini values
 * ≥ 0.8, the same most important feature, at least 2 of R's top 3 in radnomo's top 3, mtry
 * equal, OOB error within 0.1 of R's.
 */
import type { ParityCheck } from '../context.js';
import { trainForest, rankByGini } from '../../../src/stats/forest.js';
import { modelChain } from '../model-chain.js';
import { list } from '../compare.js';

function ranks(v: number[]): number[] {
  const idx = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
  const r = new Array<number>(v.length);
  idx.forEach((i, k) => (r[i] = k + 1));
  return r;
}

function spearman(a: number[], b: number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const m = (n + 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - m) * (rb[i] - m);
    saa += (ra[i] - m) ** 2;
    sbb += (rb[i] - m) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

export const checks: ParityCheck[] = [
  {
    family: 'random forest importance (loose)',
    cohort(ref, rec) {
      const R = ref.out('rf_importance');
      const c = modelChain(ref);
      const feats: string[] = c.step3; // recomputed steps 1-3 (model-chain.ts)
      rec.equal('forest features = step 3', feats, list(R.features));
      const n = c.train.length;
      const p = feats.length;
      const x = new Float64Array(n * p);
      feats.forEach((f, j) => x.set(c.rowsOf(f, c.train), j * n));
      const y = Float64Array.from(c.train, (i) => c.er[i]);
      const forest = trainForest(x, n, p, y, { ntree: R.ntree, seed: 2024, names: feats });
      rec.equal('mtry', Math.floor(Math.sqrt(p)), R.mtry);
      const ours = Array.from(forest.meanDecreaseGini);
      const theirs = feats.map((f) => R.importance.find((r: any) => r.feature === f).mean_decrease_gini);
      const rho = spearman(ours, theirs);
      rec.ok('Gini importance rank correlation ≥ 0.8', rho >= 0.8, `rho = ${rho.toFixed(3)}`);
      const rank = rankByGini(forest).map((j) => feats[j]);
      const rrank: string[] = list(R.rank_by_gini);
      rec.equal('most important feature', rank[0], rrank[0]);
      const top3 = rank.slice(0, 3).filter((f) => rrank.slice(0, 3).includes(f)).length;
      rec.ok('top-3 overlap ≥ 2', top3 >= 2, `${top3} of 3: ours ${rank.slice(0, 3).join(', ')}`);
      rec.ok('OOB error within 0.1', Math.abs(forest.oobError - R.oob_error) <= 0.1, `ours ${forest.oobError.toFixed(3)}, R ${R.oob_error}`);
      const scaled = Array.from(forest.meanDecreaseAccuracyScaled);
      const rscaled = feats.map((f) => R.importance.find((r: any) => r.feature === f).mean_decrease_accuracy_scaled);
      const rhoAcc = spearman(scaled, rscaled);
      rec.ok('permutation importance rank correlation ≥ 0.5', rhoAcc >= 0.5, `rho = ${rhoAcc.toFixed(3)}`);
    },
  },
];
