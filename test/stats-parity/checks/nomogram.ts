/**
 * nomogram.json and the points columns of predictions.csv: rms nomogram scale (axis values from
 * pretty() or unique values, sc, intercept + Σ min, points per axis value, total-points, lp and
 * risk axes, the exact probability ↔ total points maps) for the default and observed-range
 * axes, on the nomogram model radnomo fits itself (model-chain.ts).
 */
import { readFileSync } from 'node:fs';
import { TOL, list } from '../compare.js';
import type { ParityCheck } from '../context.js';
import { parseCsv, numericColumn } from '../../../src/stats/csv.js';
import { nomogramScale, nomogramScore, totalPointsToLinearPredictor } from '../../../src/stats/nomogram.js';
import { modelChain } from '../model-chain.js';

/** Quantities derived from glm coefficients (1e-7 of R's) through sums: 1e-9 relative, with an absolute floor. */
const NOM = { rel: 1e-9, abs: 1e-9 };

export const checks: ParityCheck[] = [
  {
    family: 'nomogram: rms scale and points',
    cohort(ref, rec) {
      const N = ref.out('nomogram');
      const c = modelChain(ref);
      const fit = c.fits.nomogram;
      const vars = ['radscore', 'alb', 'tumor_number'];
      const values: Record<string, Float64Array> = {
        radscore: Float64Array.from(c.train, (i) => c.radscore[i]),
        alb: c.rowsOf('alb', c.train),
        tumor_number: c.rowsOf('tumor_number', c.train),
      };
      rec.close('coefficient Intercept', fit.coefficients[0], N.coefficients.Intercept, TOL.glm);
      vars.forEach((v, j) => rec.close(`coefficient ${v}`, fit.coefficients[j + 1], N.coefficients[v], TOL.glm));
      const predictors = vars.map((v, j) => ({ name: v, coefficient: fit.coefficients[j + 1], values: values[v] }));
      const pred = parseCsv(readFileSync(`${ref.outDir}/predictions.csv`, 'utf8'), 'predictions.csv');
      for (const [mode, key, col] of [
        ['default', 'default', 'nomogram_points_default'],
        ['observedRange', 'observed_range', 'nomogram_points_observed_range'],
      ] as const) {
        const R = N[key];
        const s = nomogramScale(fit.coefficients[0], predictors, { mode, trainingLinearPredictor: fit.linearPredictor });
        rec.close(`${key} sc`, s.sc, R.sc, NOM);
        rec.equal(`${key} maxscale`, s.maxscale, R.maxscale);
        rec.close(`${key} intercept_plus_sum_min`, s.interceptPlusSumMin, R.intercept_plus_sum_min, NOM);
        s.axes.forEach((a, j) => {
          const r = R.R[j];
          rec.equal(`${key} R variable`, a.name, r.variable);
          rec.close(`${key} ${a.name} min_xbeta`, a.minXbeta, r.min_xbeta, NOM);
          rec.close(`${key} ${a.name} max_xbeta`, a.maxXbeta, r.max_xbeta, NOM);
          // axis values are pretty() values or the data's own values: exact up to the JSON's 15 digits
          rec.closeAll(`${key} ${a.name} axis values`, a.values, list(R.axes[a.name].values), TOL.json15);
          rec.closeAll(`${key} ${a.name} axis points`, a.points, list(R.axes[a.name].points), NOM);
        });
        rec.closeAll(`${key} total_points_axis`, s.totalPointsAxis, list(R.total_points_axis), TOL.json15);
        rec.closeAll(`${key} lp_axis lp`, s.lpAxis.lp, list(R.lp_axis.lp), TOL.json15);
        rec.closeAll(`${key} lp_axis points`, s.lpAxis.points, list(R.lp_axis.points), NOM);
        rec.closeAll(`${key} risk_axis probability`, s.riskAxis.probability, list(R.risk_axis.probability), TOL.json15);
        rec.closeAll(`${key} risk_axis points (rms interpolation)`, s.riskAxis.points, list(R.risk_axis.points), NOM);
        N.total_points_to_probability[key].forEach((r: any) => {
          const lp = totalPointsToLinearPredictor(s, r.total_points);
          rec.close(`${key} total ${r.total_points} → lp`, lp, r.lp, NOM);
          rec.close(`${key} total ${r.total_points} → probability`, 1 / (1 + Math.exp(-lp)), r.probability, NOM);
        });
        N.probability_to_total_points[key].forEach((r: any, k: number) => {
          rec.close(`${key} probability ${r.probability} → total`, s.probabilityToTotalPoints[k].totalPoints, r.total_points, NOM);
        });
        const expected = numericColumn(pred, col);
        const got = c.ids.map((_, i) =>
          nomogramScore(s, { radscore: c.radscore[i], alb: c.col('alb')[i], tumor_number: c.col('tumor_number')[i] }).totalPoints,
        );
        rec.closeAll(`${key} patient total points`, got, expected, NOM);
        const probs = c.ids.map((_, i) => nomogramScore(s, { radscore: c.radscore[i], alb: c.col('alb')[i], tumor_number: c.col('tumor_number')[i] }).probability);
        rec.closeAll(`${key} points → probability = p_nomogram`, probs, c.pred.p_nomogram, { rel: 1e-12, abs: 1e-15 });
      }
    },
  },
];
