/**
 * The demo's study file and extraction params, written next to the cohort: the paper's design
 * (five sequences, a second reader, seven radiomics models, the nomogram on the best model's
 * rad-score with the clinical variables that pass univariable and multivariable p < 0.05) on
 * the paper's 1316-feature preset, extracted on the largest axial cross-section of each mask.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { presetsDir } from '../features/params.js';
import { SEQUENCES } from './phantom.js';

export const DEMO_STUDY_NAME = 'radnomo demo: synthetic multi-parametric MRI cohort';

const LABELS: Record<(typeof SEQUENCES)[number], string> = { t1: 'T1WI', t2: 'T2WI', ap: 'AP', pvp: 'PVP', dp: 'DP' };

/** ak1316 with largestSlice: true (the paper's ROI is the tumour's largest cross-section). */
export function demoParamsText(): string {
  const preset = readFileSync(join(presetsDir(), 'ak1316.yaml'), 'utf8');
  if (!/^setting:\n/m.test(preset)) throw new Error('presets/ak1316.yaml has no setting block; the demo cannot add largestSlice to it');
  return (
    '# The demo\'s extraction: the ak1316 preset on the largest axial cross-section of each mask.\n' +
    preset.replace(/^setting:\n/m, 'setting:\n  largestSlice: true\n')
  );
}

export interface DemoStudyPaths {
  /** relative to the study file */
  clinical: string;
  manifest: string;
  manifestReader2: string;
  params: string;
}

export function demoStudyYaml(p: DemoStudyPaths, opts: { bootstrap: number }): string {
  const seqs = SEQUENCES.map(
    (s) => `  ${s}:\n    label: ${LABELS[s]}\n    images: { manifest: ${p.manifest}, params: ${p.params} }\n    observer2: { manifest: ${p.manifestReader2} }\n`,
  ).join('');
  return `# Written by \`radnomo demo\`: the study of the synthetic cohort in cohort/ (docs/demo.md).
version: 1
name: "${DEMO_STUDY_NAME}"

outcome:
  column: er
  label: early recurrence

clinical:
  csv: ${p.clinical}
  id: id
  variables:
    sex: { type: categorical, levels: [M, F], label: Sex }
    age: { type: numeric, label: Age (years) }
    etiology: { type: categorical, levels: [HBV, HCV, other], label: Etiology }
    cirrhosis: { type: categorical, levels: ["no", "yes"], label: Cirrhosis }
    child_pugh: { type: categorical, levels: [A, B], label: Child-Pugh }
    afp: { type: numeric, label: AFP (ng/mL) }
    alt: { type: numeric, label: ALT (U/L) }
    ast: { type: numeric, label: AST (U/L) }
    alb: { type: numeric, label: Albumin (g/L) }
    tbil: { type: numeric, label: Bilirubin (µmol/L) }
    tumor_number: { type: numeric, baseline_levels: [1, 2, 3], label: Tumour number }
    tumor_size: { type: numeric, label: Tumour size (cm) }
    location: { type: categorical, levels: [right, left], label: Location }

split:
  column: split

sequences:
${seqs}
selection:
  icc: { form: ICC2, threshold: 0.75 }
  test: { rule: normality_gated, alpha: 0.05 }
  spearman: { threshold: 0.9, order: p_ascending }
  forest: { top_k: 25, trees: 500, seed: 2024, over_k: apply }
  lasso:
    folds: { k: 10, seed: 2024 }
    # the one-standard-error rule: sparser rad-scores, which 63 training patients can carry
    rule: lambda.1se

models:
  t1: [t1]
  t2: [t2]
  ap: [ap]
  pvp: [pvp]
  dp: [dp]
  CE_MRI: [ap, pvp, dp]
  mpMRI: [t1, t2, ap, pvp, dp]

best_model:
  rule: validation_auc
  tie_order: [mpMRI, CE_MRI, ap, pvp, dp, t1, t2]

nomogram:
  radiomics: best
  clinical:
    rule: multivariable
    candidates: [sex, age, etiology, cirrhosis, child_pugh, afp, alt, ast, alb, tbil, tumor_number, tumor_size, location]
  axes: default

evaluation:
  delong_reference: mpMRI
  calibration: { models: [clinical, best, nomogram], bootstrap: ${opts.bootstrap}, seed: 20240611, hl_groups: 10 }
  dca: { models: [clinical, best, nomogram] }
  # a model that separates the training set (possible with other seeds or sizes) gets Firth's fit
  separation: firth
`;
}
