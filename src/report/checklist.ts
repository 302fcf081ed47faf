/**
 * Reporting checklists filled from what the run knows, the rest marked for a person:
 * - the Radiomics Quality Score (Lambin et al., Nat Rev Clin Oncol 2017;14:749–762), 16
 *   components, −8..36 points;
 * - TRIPOD+AI (Collins et al., BMJ 2024;385:e078378), the items a run can speak to.
 * Items are worded after the published checklists; check the official forms before submission.
 */
import { esc } from './svg.js';

export interface ChecklistFacts {
  secondReader: { patients: number; form: string; threshold: number } | null;
  featureReduction: boolean;
  clinicalInModel: boolean;
  cutoff: boolean;
  discriminationCi: boolean;
  resampling: string[];
  calibration: { hosmerLemeshow: boolean; bootstrap: number };
  validation: 'split' | 'external' | 'none';
  decisionCurve: boolean;
  n: number;
  events: number;
  predictors: number;
  candidateFeatures: number;
  missingData: string;
  software: string;
  seed?: number;
}

export interface ChecklistItem {
  id: string;
  topic: string;
  /** 'run': filled from the run; 'person': needs a person */
  by: 'run' | 'person';
  text: string;
  /** RQS points awarded from the run (RQS items only) */
  points?: number;
  maxPoints?: number;
}

export function rqsItems(f: ChecklistFacts): ChecklistItem[] {
  const person = (id: string, topic: string, text: string, maxPoints: number): ChecklistItem => ({ id, topic, by: 'person', text, maxPoints });
  const v = f.validation;
  return [
    person('RQS 1', 'Image protocol quality', 'Protocols well documented (+1), public protocol (+1).', 2),
    f.secondReader
      ? { id: 'RQS 2', topic: 'Multiple segmentations', by: 'run', text: `A second reader segmented ${f.secondReader.patients} patients; features with ${f.secondReader.form} < ${f.secondReader.threshold} were removed.`, points: 1, maxPoints: 1 }
      : person('RQS 2', 'Multiple segmentations', 'No second segmentation in this run.', 1),
    person('RQS 3', 'Phantom study on all scanners', 'Not known to the run.', 1),
    person('RQS 4', 'Imaging at multiple time points', 'Not known to the run.', 1),
    { id: 'RQS 5', topic: 'Feature reduction or adjustment for multiple testing', by: 'run', text: f.featureReduction ? `${f.candidateFeatures} candidate features reduced by ICC, test filter, Spearman, random forest and LASSO.` : 'No feature reduction (−3).', points: f.featureReduction ? 3 : -3, maxPoints: 3 },
    { id: 'RQS 6', topic: 'Multivariable analysis with non-radiomics features', by: 'run', text: f.clinicalInModel ? 'The nomogram combines the rad-score with clinical predictors.' : 'Radiomics only.', points: f.clinicalInModel ? 1 : 0, maxPoints: 1 },
    person('RQS 7', 'Biological correlates', 'Discuss the selected features\' biological meaning.', 1),
    { id: 'RQS 8', topic: 'Cut-off analyses', by: 'run', text: f.cutoff ? 'Youden cut-off fixed on training and applied to validation; risk bands in the calculator.' : 'No cut-off.', points: f.cutoff ? 1 : 0, maxPoints: 1 },
    { id: 'RQS 9', topic: 'Discrimination statistics', by: 'run', text: `AUC with DeLong 95% CI${f.resampling.length ? `; resampling: ${f.resampling.join(', ')}` : ''}.`, points: (f.discriminationCi ? 1 : 0) + (f.resampling.length ? 1 : 0), maxPoints: 2 },
    { id: 'RQS 10', topic: 'Calibration statistics', by: 'run', text: `${f.calibration.hosmerLemeshow ? 'Hosmer-Lemeshow test and calibration curves' : 'Calibration curves'}${f.calibration.bootstrap ? `; ${f.calibration.bootstrap} bootstrap resamples for the bias-corrected curve` : ''}.`, points: 1 + (f.calibration.bootstrap > 0 ? 1 : 0), maxPoints: 2 },
    person('RQS 11', 'Prospective study registered in a trial database', 'Not known to the run (+7 if prospective).', 7),
    { id: 'RQS 12', topic: 'Validation', by: 'run', text: v === 'split' ? 'Validation on a held-out part of the same dataset (+2); external validation scores more.' : v === 'external' ? 'Validation on an external cohort: a person sets the points (+3 to +5).' : 'No validation (−5).', points: v === 'split' ? 2 : v === 'none' ? -5 : 3, maxPoints: 5 },
    person('RQS 13', 'Comparison to gold standard', 'The run compares the nomogram with the clinical model (DeLong); whether that is the gold standard is for a person.', 2),
    { id: 'RQS 14', topic: 'Potential clinical utility', by: 'run', text: f.decisionCurve ? 'Decision-curve analysis (net benefit, interventions avoided).' : 'No decision curve.', points: f.decisionCurve ? 2 : 0, maxPoints: 2 },
    person('RQS 15', 'Cost-effectiveness analysis', 'Not known to the run.', 1),
    person('RQS 16', 'Open science and data', `Code is open (${f.software}); publish images, segmentations and features.csv to score (up to +4).`, 4),
  ];
}

export function tripodItems(f: ChecklistFacts): ChecklistItem[] {
  const run = (id: string, topic: string, text: string): ChecklistItem => ({ id, topic, by: 'run', text });
  const person = (id: string, topic: string, text: string): ChecklistItem => ({ id, topic, by: 'person', text });
  return [
    person('1–4', 'Title, abstract, background, objectives', 'Write them: the run cannot.'),
    person('5', 'Source of data', 'Study design, dates, centres.'),
    person('6', 'Participants', 'Eligibility criteria, setting, treatment.'),
    person('7', 'Data preparation', 'Image acquisition and quality checks; the run records preprocessing in Methods.'),
    person('8', 'Outcome', 'Definition, blinding of outcome assessment.'),
    run('9', 'Predictors', `${f.candidateFeatures} candidate radiomics features and the clinical variables; selection in Methods and the funnel table.`),
    run('10', 'Sample size', `${f.n} patients, ${f.events} events, ${f.predictors} predictors in the nomogram (${(f.events / Math.max(1, f.predictors)).toFixed(1)} events per predictor). Justify the size.`),
    run('11', 'Missing data', f.missingData),
    run('12', 'Analytical methods', `Selection, model fitting and validation described in Methods; software ${f.software}${f.seed !== undefined ? `, seed ${f.seed}` : ''}.`),
    run('12e', 'Performance measures', 'Discrimination (AUC, DeLong CI), calibration (curves, Hosmer-Lemeshow), clinical utility (decision curves).'),
    person('13', 'Class imbalance', 'State whether any rebalancing was done (the run did none).'),
    person('14', 'Fairness', 'Performance in relevant subgroups.'),
    run('15', 'Model output', 'Predicted probability; nomogram points; risk bands at the training Youden cut-off.'),
    person('17', 'Ethical approval', 'Ethics committee and consent.'),
    person('18', 'Open science', 'Funding, conflicts of interest, protocol, registration, data and code availability.'),
    person('19', 'Patient and public involvement', 'Describe or state none.'),
    run('20', 'Participants (results)', 'Table 1 gives the baseline characteristics by outcome and by cohort.'),
    run('22', 'Model specification', 'model.json holds every coefficient; the nomogram and calculator present the full model.'),
    run('23', 'Model performance', 'Table 3, Figures 4–6 with confidence intervals.'),
    person('25–27', 'Interpretation, limitations, usability', 'Discuss.'),
  ];
}

function rows(items: readonly ChecklistItem[], withPoints: boolean): string {
  return items
    .map(
      (i) =>
        `<tr class="by-${i.by}"><td>${esc(i.id)}</td><td>${esc(i.topic)}</td><td>${i.by === 'run' ? 'from the run' : 'for a person'}</td><td>${esc(i.text)}</td>` +
        (withPoints ? `<td class="num">${i.points === undefined ? '?' : i.points}</td><td class="num">${i.maxPoints ?? ''}</td>` : '') +
        '</tr>',
    )
    .join('');
}

export function checklistSection(f: ChecklistFacts): string {
  const rqs = rqsItems(f);
  const score = rqs.reduce((s, i) => s + (i.points ?? 0), 0);
  return (
    `<section id="checklist"><h2>Reporting checklists</h2>` +
    `<p>Filled from what this run knows; rows marked “for a person” need the authors. Item wording follows the published checklists; check the official forms before submission.</p>` +
    `<h3>Radiomics Quality Score (Lambin et al. 2017)</h3>` +
    `<p>Points from the run: <strong id="rqs-score">${score}</strong> of 36 (items for a person not counted).</p>` +
    `<table class="checklist"><thead><tr><th>Item</th><th>Topic</th><th>Filled</th><th>What the run knows</th><th>Points</th><th>Max</th></tr></thead><tbody>${rows(rqs, true)}</tbody></table>` +
    `<h3>TRIPOD+AI (Collins et al. 2024)</h3>` +
    `<table class="checklist"><thead><tr><th>Item</th><th>Topic</th><th>Filled</th><th>What the run knows</th></tr></thead><tbody>${rows(tripodItems(f), false)}</tbody></table></section>`
  );
}
