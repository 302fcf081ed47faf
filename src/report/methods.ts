/**
 * The methods paragraph, written from what the run did: software and versions, preprocessing,
 * features, selection, models and statistics. Every number comes from the run's settings or
 * counts; nothing is assumed.
 */
import { esc } from './svg.js';

export interface MethodsInput {
  software: { name: string; version: string; node: string };
  patients: { n: number; events: number; outcomeLabel: string; train: number; trainEvents: number; validation: number; validationEvents: number; splitRule: string };
  sequences: string[];
  /** how images were preprocessed and features extracted; absent when features were given as tables */
  extraction?: { preset: string; featuresPerSequence: number | null; resampledSpacing?: number[]; normalize?: boolean; largestSlice?: boolean; binWidth?: number; imageTypes?: string[] };
  icc?: { form: string; threshold: number; readers: number };
  selection: { test: string; alpha: number; spearman: number; forestTopK: number | null; lassoFolds: number; lassoRule: string };
  models: { label: string; sequences: string[] }[];
  bestModel: string;
  clinical: { rule: string; alpha: number; selected: string[] };
  nomogramPredictors: string[];
  statistics: { calibrationBootstrap: number; hlGroups: number; dcaRange: [number, number]; seed?: number };
}

const list = (xs: readonly string[]): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

export function methodsText(m: MethodsInput): string[] {
  const p = m.patients;
  const out: string[] = [];
  out.push(
    `The analysis was run with ${m.software.name} ${m.software.version} (Node.js ${m.software.node}). ` +
      `${p.n} patients were included, ${p.events} with ${m.patients.outcomeLabel}. They were divided into a training cohort ` +
      `(${p.train} patients, ${p.trainEvents} events) and a validation cohort (${p.validation} patients, ${p.validationEvents} events) ${m.patients.splitRule}.`,
  );
  if (m.extraction) {
    const e = m.extraction;
    const pre: string[] = [];
    if (e.resampledSpacing) pre.push(`resampled to ${e.resampledSpacing.join(' × ')} mm`);
    if (e.normalize) pre.push('z-score normalised');
    const roi = e.largestSlice ? 'on the largest axial cross-section of each tumour mask (2D ROI)' : 'within each tumour mask';
    out.push(
      `Images of ${list(m.sequences)} were ${pre.length ? list(pre) : 'used as acquired'} and ${e.featuresPerSequence ?? 'the'} radiomics features per sequence were extracted ${roi} ` +
        `with the ${e.preset} settings${e.binWidth ? ` (bin width ${e.binWidth})` : ''}${e.imageTypes?.length ? `, from the ${list(e.imageTypes)} images` : ''}, ` +
        `computed as PyRadiomics defines them (same feature names).`,
    );
  } else {
    out.push(`Radiomics features of ${list(m.sequences)} were read from the given feature tables.`);
  }
  if (m.icc) {
    out.push(`Inter-reader reproducibility was assessed on ${m.icc.readers} patients segmented by a second reader; features with ${m.icc.form} < ${m.icc.threshold} were removed.`);
  }
  const s = m.selection;
  out.push(
    `On the training cohort only, features were selected per model by ${s.test} (P < ${s.alpha}), Spearman's rank correlation (of pairs with |ρ| > ${s.spearman}, the feature with the larger P was removed), ` +
      `${s.forestTopK ? `random-forest importance (the ${s.forestTopK} most important kept) and ` : ''}LASSO logistic regression with ${s.lassoFolds}-fold cross-validation (${s.lassoRule}). ` +
      `A rad-score was built per model by unpenalised logistic regression on the selected features: ${list(m.models.map((x) => (x.sequences.length > 1 && !x.label.includes('(') ? `${x.label} (${list(x.sequences)})` : x.label)))}. ` +
      `The model with the largest validation AUC, ${m.bestModel}, was taken forward.`,
  );
  out.push(
    `Clinical predictors were screened by univariable logistic regression and kept when significant in the multivariable model (${m.clinical.rule}, P < ${m.clinical.alpha}): ${m.clinical.selected.length ? list(m.clinical.selected) : 'none'}. ` +
      `The nomogram combined ${list(m.nomogramPredictors)} in one logistic model, drawn with points scaled as in R's rms package.`,
  );
  const st = m.statistics;
  out.push(
    `Discrimination was measured by the AUC with DeLong 95% confidence intervals and compared by paired DeLong tests; accuracy, sensitivity and specificity at the training Youden cut-off. ` +
      `Calibration was assessed by calibration curves with ${st.calibrationBootstrap} bootstrap resamples for the bias-corrected curve and by the Hosmer-Lemeshow test (${st.hlGroups} groups); clinical utility by decision-curve analysis over threshold probabilities ${st.dcaRange[0]}–${st.dcaRange[1]}. ` +
      `Baseline characteristics were compared by Student's t-test or the Mann-Whitney U test (by Shapiro-Wilk normality) and by χ² or Fisher's exact test. All statistics reproduce R's (pROC, rms, glmnet, psych) definitions; P < 0.05 was considered significant.` +
      (st.seed !== undefined ? ` Random steps used seed ${st.seed}.` : ''),
  );
  return out;
}

export function methodsSection(m: MethodsInput): string {
  return `<section id="methods"><h2>Methods</h2>${methodsText(m).map((t) => `<p>${esc(t)}</p>`).join('')}</section>`;
}
