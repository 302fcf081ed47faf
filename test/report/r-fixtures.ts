/**
 * Report inputs built from R's reference outputs (test/fixtures/stats/out/<cohort>): the
 * figures are tested on R's numbers (pROC curves, rms calibrate, decision curves, rms
 * nomogram scale) before and besides the study's own results.json.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CalibrationPanel, CoefficientsInput, DcaPanel, NomogramInput, RocPanel } from '../../src/report/types.js';

const here = dirname(fileURLToPath(import.meta.url));
export const STATS_OUT = join(here, '..', 'fixtures', 'stats', 'out');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export function readOut(cohort: string, file: string): Json {
  return JSON.parse(readFileSync(join(STATS_OUT, cohort, file), 'utf8'));
}

const SETS = [['train', 'Training cohort'], ['validation', 'Validation cohort']] as const;

export function rocPanelsFromR(cohort: string, models: [string, string][]): RocPanel[] {
  const roc = readOut(cohort, 'roc.json');
  return SETS.map(([set, title]) => ({
    title,
    series: models.map(([key, label]) => {
      const r = roc[set][key];
      return {
        label,
        fpr: r.curve.specificity.map((s: number) => 1 - s),
        tpr: r.curve.sensitivity,
        auc: r.auc,
        aucLower: r.auc_ci_delong.lower,
        aucUpper: r.auc_ci_delong.upper,
      };
    }),
  }));
}

export function calibrationPanelsFromR(cohort: string, model: string): CalibrationPanel[] {
  const cal = readOut(cohort, 'calibration.json');
  const boot = cal.train_bootstrap[model];
  const valid = cal.apparent_lowess.validation[model];
  return [
    {
      title: 'Training cohort',
      predicted: boot.table.map((r: Json) => r.predy),
      apparent: boot.table.map((r: Json) => r['calibrated.orig']),
      biasCorrected: boot.table.map((r: Json) => r['calibrated.corrected']),
      bootstrapRepetitions: boot.n_boot_ok,
      meanAbsoluteError: boot.mean_abs_error,
      hosmerLemeshow: cal.hosmer_lemeshow.train[model],
    },
    {
      title: 'Validation cohort',
      predicted: valid.predy,
      apparent: valid.calibrated,
      hosmerLemeshow: cal.hosmer_lemeshow.validation[model],
    },
  ];
}

export function dcaPanelsFromR(cohort: string, models: [string, string][]): DcaPanel[] {
  const dca = readOut(cohort, 'dca.json');
  return SETS.map(([set, title]) => {
    const first = dca[set].models[models[0][0]];
    return {
      title,
      thresholds: first.map((r: Json) => r.threshold),
      prevalence: dca[set].prevalence,
      models: models.map(([key, label]) => ({ label, netBenefit: dca[set].models[key].map((r: Json) => r.nb) })),
      treatAll: first.map((r: Json) => r.nb_treat_all),
    };
  });
}

export function nomogramFromR(cohort: string, labels: Record<string, string>, discrete: string[]): NomogramInput {
  const nom = readOut(cohort, 'nomogram.json').default;
  return {
    title: 'Nomogram',
    maxscale: nom.maxscale,
    axes: Object.entries(nom.axes as Record<string, { values: number[]; points: number[] }>).map(([name, a]) => ({
      name, label: labels[name] ?? name, values: a.values, points: a.points, discrete: discrete.includes(name),
    })),
    totalPointsAxis: nom.total_points_axis,
    lpAxis: { lp: nom.lp_axis.lp, points: nom.lp_axis.points },
    riskAxis: { probability: nom.risk_axis.probability, points: nom.risk_axis.points },
    riskLabel: 'Risk of ER',
  };
}

export function coefficientsFromR(cohort: string, model: string): CoefficientsInput {
  const m = readOut(cohort, 'models.json').radiomics[model];
  return {
    title: `Radiomics model ${model}: selected features`,
    features: m.coefficients.filter((c: Json) => c.term !== '(Intercept)').map((c: Json) => ({ name: c.term, coefficient: c.estimate })),
  };
}
