/**
 * Timing of the modelling statistics on cohort A (test/fixtures/stats/data/cohort_A.csv, 63
 * training rows): LASSO CV (81 λ, 10 folds, thresh 1e-14), the default glmnet path, a 500-tree
 * forest, the three logistic models with profile CIs, ROC/DeLong, rms calibrate (B = 200, three
 * models), val.prob, the nomogram scale. Best of 5 runs after a warm-up, in milliseconds.
 * R 4.2.2 takes ~4.5 s for the whole cohort-A chain (analyze.R); the target for radnomo's chain
 * is 0.5 s. Run: npm run bench stats
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bestOf } from './measure.js';
import { parseCsv, numericColumn, stringColumn } from '../src/stats/csv.js';
import { lassoLogistic } from '../src/stats/lasso.js';
import { cvLassoLogistic, nonzeroAt } from '../src/stats/lasso-cv.js';
import { trainForest } from '../src/stats/forest.js';
import { buildDesign, linearPredictor } from '../src/stats/design.js';
import { fitLogistic, type LogisticFit } from '../src/stats/logistic.js';
import { profileConfint } from '../src/stats/profile-ci.js';
import { rocCurve, youden } from '../src/stats/roc.js';
import { delongAuc, delongTest } from '../src/stats/delong.js';
import { calibrateBootstrap } from '../src/stats/calibrate.js';
import { valProb } from '../src/stats/val-prob.js';
import { nomogramScale } from '../src/stats/nomogram.js';

const here = dirname(fileURLToPath(import.meta.url));
const fx = join(here, '..', 'test', 'fixtures', 'stats');
const table = parseCsv(readFileSync(join(fx, 'data', 'cohort_A.csv'), 'utf8'), 'cohort_A.csv');
const selection = JSON.parse(readFileSync(join(fx, 'out', 'cohort_A', 'selection.json'), 'utf8'));
const split = stringColumn(table, 'split');
const train = split.map((s, i) => (s === 'train' ? i : -1)).filter((i) => i >= 0);
const all = split.map((_, i) => i);
const er = numericColumn(table, 'er');
const y = Float64Array.from(train, (i) => er[i]);
const col = (c: string, rows: number[]) => Float64Array.from(rows, (i) => numericColumn(table, c)[i]);
const step3: string[] = selection.step3_spearman;
const step4: string[] = selection.step4_rf;
const n = train.length;
const matrix = (feats: string[]) => {
  const x = new Float64Array(n * feats.length);
  feats.forEach((f, j) => x.set(col(f, train), j * n));
  return x;
};
const X4 = matrix(step4);
const X3 = matrix(step3);
const grid = Array.from({ length: 81 }, (_, k) => Math.pow(10, -0.5 - 0.025 * k));
const foldid = col('cv_fold', train);

const rows: [string, number][] = [];
async function time(label: string, fn: () => unknown): Promise<void> {
  const { ms } = await bestOf(5, fn);
  rows.push([label, ms]);
}

let cvResult = cvLassoLogistic(X4, n, step4.length, y, { lambda: grid, thresh: 1e-14, maxit: 1e7, foldid });
await time('LASSO cv.glmnet, 81 λ × 10 folds, thresh 1e-14', () => {
  cvResult = cvLassoLogistic(X4, n, step4.length, y, { lambda: grid, thresh: 1e-14, maxit: 1e7, foldid });
});
await time('LASSO default path (glmnet λ sequence)', () => lassoLogistic(X4, n, step4.length, y));
await time('random forest, 500 trees, Gini importance', () =>
  trainForest(X3, n, step3.length, y, { seed: 2024, permutationImportance: false }),
);
await time('random forest, 500 trees, + permutation importance', () => trainForest(X3, n, step3.length, y, { seed: 2024 }));

const step5 = nonzeroAt(cvResult.fit, cvResult.indexMin).map((j) => step4[j]);
const radFit = fitLogistic(buildDesign(step5.map((f) => ({ name: f, values: col(f, train) }))), y);
const radscore = linearPredictor(buildDesign(step5.map((f) => ({ name: f, values: col(f, all) }))), radFit.coefficients);
const terms = (m: string, rows: number[]) => {
  const rs = { name: 'radscore', values: Float64Array.from(rows, (i) => radscore[i]) };
  const alb = { name: 'alb', values: col('alb', rows) };
  const tn = { name: 'tumor_number', values: col('tumor_number', rows) };
  return m === 'clinical' ? [alb, tn] : m === 'radiomics' ? [rs] : [rs, alb, tn];
};
const models = ['clinical', 'radiomics', 'nomogram'];
let fits: LogisticFit[] = [];
await time('3 logistic models (IRLS ε 1e-14)', () => {
  fits = models.map((m) => fitLogistic(buildDesign(terms(m, train)), y));
});
await time('3 logistic models: profile-likelihood CIs', () => fits.forEach((f) => profileConfint(f)));
const probs = fits.map((f, k) => linearPredictor(buildDesign(terms(models[k], all)), f.coefficients).map((e) => 1 / (1 + Math.exp(-e))));
const yAll = er;
await time('ROC + DeLong + Youden (3 models × 2 sets, 3 paired tests × 2)', () => {
  for (const set of ['train', 'validation']) {
    const r = split.map((s, i) => (s === set ? i : -1)).filter((i) => i >= 0);
    const yy = Float64Array.from(r, (i) => yAll[i]);
    const ps = probs.map((p) => Float64Array.from(r, (i) => p[i]));
    for (const p of ps) {
      youden(rocCurve({ y: yy, score: p }));
      delongAuc({ y: yy, score: p });
    }
    delongTest(yy, ps[2], ps[0]);
    delongTest(yy, ps[2], ps[1]);
    delongTest(yy, ps[1], ps[0]);
  }
});
await time('rms calibrate, B = 200, 3 models', () =>
  fits.forEach((f) => {
    const d = f.design;
    calibrateBootstrap(Float64Array.from(d.x.subarray(d.n, d.n * d.p)), d.p - 1, y, f.linearPredictor, { B: 200, seed: 20240611 });
  }),
);
await time('val.prob, 3 models × 2 sets', () => {
  for (const set of ['train', 'validation']) {
    const r = split.map((s, i) => (s === set ? i : -1)).filter((i) => i >= 0);
    const yy = Float64Array.from(r, (i) => yAll[i]);
    for (const p of probs) valProb(Float64Array.from(r, (i) => p[i]), yy);
  }
});
await time('nomogram scale (default axes)', () =>
  nomogramScale(
    fits[2].coefficients[0],
    ['radscore', 'alb', 'tumor_number'].map((name, j) => ({ name, coefficient: fits[2].coefficients[j + 1], values: fits[2].design.x.subarray((j + 1) * n, (j + 2) * n) })),
    { trainingLinearPredictor: fits[2].linearPredictor },
  ),
);

const chain = rows.filter(([l]) => !l.includes('permutation')).reduce((s, [, ms]) => s + ms, 0);
for (const [l, ms] of rows) console.log(`${l.padEnd(64)} ${ms.toFixed(1).padStart(8)} ms`);
console.log(`${'sum (models part of the chain, Gini-only forest)'.padEnd(64)} ${chain.toFixed(1).padStart(8)} ms`);
