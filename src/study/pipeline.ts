/**
 * `radnomo study`: the paper's pipeline from a study file to a frozen, validated nomogram.
 * Every step is fitted on the training set only and applied frozen to the validation set:
 *
 *   feature tables (CSV or extraction) → cohort (ids matched, exclusions) → split and folds →
 *   selection per radiomics model (ICC → test → Spearman → forest → LASSO) → rad-scores →
 *   clinical screening → best model by validation AUC → clinical and nomogram models →
 *   ROC/DeLong/Youden, calibration, decision curves → nomogram points →
 *   results.json + model.json + predictions.csv (each written whole: temp file, then rename).
 *
 * `runStudy` is what the CLI calls; it returns everything it writes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StudyConfig } from './config.js';
import { buildCohort, trainingLevels, type Cohort } from './cohort.js';
import { sequenceTables, type SourceOptions } from './sources.js';
import { selectFeatures, type ModelSelection, type SelectionResult } from './selection.js';
import { fitModel, fitRadiomicsModel, selectClinical, variableTerm, type Candidates, type FittedModel, type RadiomicsModel } from './models.js';
import { calibrationEntries, decisionCurves, delongComparisons, evaluatePerformance, thresholdGrid, type Prediction } from './evaluation.js';
import { nomogramScales, patientPoints } from './nomogram-model.js';
import { baselineTables } from './baseline-table.js';
import { csvText, featuresJson, fittedModelJson, jsonText, lrmJson, selectionJson } from './results.js';
import { resultsSchema, SCHEMA_VERSION, type Results } from './results-schema.js';
import { InputLog, radnomoVersion, sha256Hex } from './provenance.js';
import type { LoadedParams } from './images.js';
import { buildModelFile, type ModelFile } from './model-file.js';
import { rocCurve } from '../stats/roc.js';
import { writeFileAtomic } from '../features/output.js';
import type { Term } from '../stats/design.js';

/** Where the outputs and the extraction cache go, progress, and how cases are extracted. */
export type StudyRunOptions = SourceOptions;

export interface StudyOutput {
  results: Results;
  model: ModelFile;
  predictionsCsv: string;
  resultsText: string;
  modelText: string;
  cohort: Cohort;
  selection: SelectionResult;
}

const plogis = (x: number) => 1 / (1 + Math.exp(-x));

/** A radiomics model's candidates: the features that reached the selection steps that look at the outcome (after the ICC step). */
function radiomicsCandidates(m: ModelSelection): Candidates {
  return { count: m.step1.length, text: `${m.step1.length} feature(s) left by the ICC step` };
}

function auc2(y: Float64Array, p: Float64Array): number {
  return rocCurve({ y, score: p }).pairs2;
}

/** Runs the study (see the file comment); writes the outputs when opts.outDir is given. */
export async function runStudy(config: StudyConfig, opts: StudyRunOptions = {}): Promise<StudyOutput> {
  const f = config.file;
  const progress = opts.onProgress ?? (() => {});
  const inputs = new InputLog();
  const params = new Map<string, LoadedParams>();
  inputs.add('clinical', f.clinical.csv, config.resolvePath(f.clinical.csv));
  const tables = await sequenceTables(config, opts, inputs, params);

  progress('cohort: matching ids, split and folds');
  const cohort = buildCohort(config, tables);
  const warnings = [...cohort.warnings];
  const outcome = f.outcome.column;

  progress('baseline tables');
  const baseline = baselineTables(cohort, warnings);

  const selection = selectFeatures(cohort, f.selection, f.models, progress);
  if (selection.rfTopK === null && f.selection.forest.top_k !== null) {
    warnings.push(
      `random-forest step disabled for every model: ${selection.nModelsOverTopK} model(s) have more than ${f.selection.forest.top_k} features after Spearman (selection.forest.over_k: disable)`,
    );
  }
  for (const m of selection.models) {
    if (m.lassoKeptNone || m.step5Rule !== f.selection.lasso.rule) {
      warnings.push(`model '${m.model}': step 5 used the fallback '${m.step5Rule}'`);
    }
  }

  // rad-scores
  const values = new Map<string, Float64Array>();
  for (const s of cohort.sequences) s.names.forEach((nm, j) => values.set(nm, s.values[j]));
  const fitOpts = { profile: f.evaluation.profile_ci, epvMin: f.evaluation.epv_min, outcome, separation: f.evaluation.separation };
  const ytr = Float64Array.from(cohort.train, (k) => cohort.y[k]);
  const trainLabels = cohort.train.map((k) => cohort.ids[k]);
  const radiomics: RadiomicsModel[] = [];
  const radscoreFits = new Map<string, FittedModel>();
  for (const m of selection.models) {
    progress(`radiomics model ${m.model}: logistic regression on ${m.step5.length} feature(s)`);
    const r = fitRadiomicsModel(cohort, m.model, m.sequences, m.step5, values, { ...fitOpts, candidates: radiomicsCandidates(m) });
    radiomics.push(r);
    for (const w of r.fitted.warnings) warnings.push(`radiomics model '${m.model}': ${w}`);
    radscoreFits.set(
      m.model,
      fitModel(`radscore_${m.model}`, [{ name: 'radscore', values: Float64Array.from(cohort.train, (k) => r.radscore[k]) }], ytr, { ...fitOpts, profile: false, epvMin: 0, rowLabels: trainLabels, onSeparation: 'report' }),
    );
  }

  // clinical screening
  progress('clinical variables: univariable and multivariable logistic regression');
  const clinical = selectClinical(cohort, f.nomogram.clinical, fitOpts);
  warnings.push(...clinical.warnings);

  // best model
  const yva = Float64Array.from(cohort.validation, (k) => cohort.y[k]);
  const modelNames = radiomics.map((r) => r.model);
  const pairs2: Record<string, number> = {};
  for (const r of radiomics) pairs2[r.model] = auc2(yva, Float64Array.from(cohort.validation, (k) => plogis(r.radscore[k])));
  const tieOrder = f.best_model.tie_order ?? modelNames;
  const ordered = [...tieOrder, ...modelNames.filter((m) => !tieOrder.includes(m))];
  const maxPairs = Math.max(...Object.values(pairs2));
  const best = ordered.find((m) => pairs2[m] === maxPairs)!;
  const nomRad = f.nomogram.radiomics === 'best' ? best : f.nomogram.radiomics;
  const nomRadModel = radiomics.find((r) => r.model === nomRad)!;
  progress(`best radiomics model by validation AUC: ${best}; nomogram on ${nomRad}`);

  // clinical and nomogram models
  // nomogram predictors are numeric; a two-level categorical variable enters as its 0/1 indicator
  // (exactly rms's axis for a binary factor: 0 points at the reference level)
  // (the levels of the training set: selectClinical leaves out a variable that some patient has another level of)
  const predictorValues = new Map<string, Float64Array>();
  const predictorLevels = new Map<string, string[]>();
  for (const v of clinical.selected) {
    const cv = cohort.variables.get(v)!;
    if (cv.type === 'numeric') {
      predictorValues.set(v, cv.numeric!);
      continue;
    }
    const levels = trainingLevels(cohort, cv);
    if (levels.length !== 2) {
      throw new Error(
        `${config.where(['nomogram', 'clinical'])}: the nomogram variable '${v}' is categorical with ${levels.length} levels in the training set; ` +
          'the nomogram takes numeric and two-level variables (merge levels, or list other variables with rule: list)',
      );
    }
    predictorLevels.set(v, levels);
    predictorValues.set(v, Float64Array.from(cv.text!, (t) => levels.indexOf(t)));
  }
  const clinTerms = (rows: readonly number[]): Term[] => clinical.selected.map((v) => variableTerm(cohort, v, rows));
  const clinicalModel = clinical.selected.length
    ? fitModel('clinical', clinTerms(cohort.train), ytr, { ...fitOpts, rowLabels: trainLabels, candidates: clinical.selectedFrom })
    : null;
  const radTerm = (rows: readonly number[]): Term => ({ name: 'radscore', values: Float64Array.from(rows, (k) => nomRadModel.radscore[k]) });
  const radFrom = radiomicsCandidates(selection.models.find((m) => m.model === nomRad)!);
  const nomogramModel = fitModel('nomogram', [radTerm(cohort.train), ...clinTerms(cohort.train)], ytr, {
    ...fitOpts,
    rowLabels: trainLabels,
    candidates: { count: radFrom.count + clinical.selectedFrom.count, text: `${radFrom.text} for the rad-score and ${clinical.selectedFrom.text}` },
  });
  for (const m of [clinicalModel, nomogramModel]) if (m) for (const w of m.warnings) warnings.push(`${m.name} model: ${w}`);

  // predictions of every patient
  const all = cohort.ids.map((_, k) => k);
  const lpOf = (m: FittedModel, terms: Term[]) => {
    const beta = m.fit.coefficients;
    const eta = new Float64Array(all.length).fill(0);
    // intercept first, then each column in design order (R's X %*% b)
    for (let i = 0; i < eta.length; i++) eta[i] = beta[0];
    let col = 1;
    for (const t of terms) {
      if ('levels' in t) {
        for (let l = 1; l < t.levels.length; l++, col++) for (let i = 0; i < eta.length; i++) if (t.values[i] === t.levels[l]) eta[i] += beta[col];
      } else {
        for (let i = 0; i < eta.length; i++) eta[i] += t.values[i] * beta[col];
        col++;
      }
    }
    return eta;
  };
  const preds: Prediction[] = radiomics.map((r) => ({
    model: r.model,
    kind: 'radiomics' as const,
    p: r.radscore.map(plogis),
    nFeatures: r.features.length,
    refit: {
      x: Float64Array.from(cohort.train, (k) => r.radscore[k]),
      k: 1,
      lp: radscoreFits.get(r.model)!.fit.linearPredictor,
    },
  }));
  const refitOf = (m: FittedModel) => {
    const d = m.fit.design;
    return { x: Float64Array.from(d.x.subarray(d.n, d.n * d.p)), k: d.p - 1, lp: m.fit.linearPredictor };
  };
  let pClinical: Float64Array | null = null;
  if (clinicalModel) {
    pClinical = lpOf(clinicalModel, clinTerms(all)).map(plogis);
    preds.push({ model: 'clinical', kind: 'clinical', p: pClinical, nFeatures: null, refit: refitOf(clinicalModel) });
  }
  const lpNomogram = lpOf(nomogramModel, [radTerm(all), ...clinTerms(all)]);
  const pNomogram = lpNomogram.map(plogis);
  preds.push({ model: 'nomogram', kind: 'nomogram', p: pNomogram, nFeatures: null, refit: refitOf(nomogramModel) });

  progress('evaluation: ROC, DeLong, calibration, decision curves');
  const performance = evaluatePerformance(cohort, preds);
  const delong = delongComparisons(cohort, preds, f.evaluation.delong_reference, best);
  const resolveModel = (m: string) => (m === 'best' ? best : m);
  const available = new Set(preds.map((p) => p.model));
  const calModels = new Set(f.evaluation.calibration.models.map(resolveModel).filter((m) => available.has(m)));
  const calibration = calibrationEntries(
    cohort,
    preds,
    { detail: calModels, bootstrap: f.evaluation.calibration.bootstrap, seed: f.evaluation.calibration.seed, groups: f.evaluation.calibration.hl_groups },
    warnings,
  );
  const dcaModels = [...new Set(f.evaluation.dca.models.map(resolveModel))].filter((m) => available.has(m));
  const t = f.evaluation.dca.thresholds;
  const dca = decisionCurves(cohort, preds, dcaModels, thresholdGrid(t.from, t.to, t.by));

  // nomogram
  progress('nomogram');
  const nb = nomogramModel.fit.coefficients;
  const nomPredictors = [
    { name: 'radscore', label: `rad-score (${nomRad})`, coefficient: nb[1], values: Float64Array.from(cohort.train, (k) => nomRadModel.radscore[k]) },
    ...clinical.selected.map((v, j) => {
      const cv = cohort.variables.get(v)!;
      const levels = predictorLevels.get(v);
      return {
        name: v,
        label: levels ? `${cv.label} (${levels[1]} vs ${levels[0]})` : cv.label,
        coefficient: nb[j + 2],
        values: Float64Array.from(cohort.train, (k) => predictorValues.get(v)![k]),
        levels,
      };
    }),
  ];
  const scales = nomogramScales(nb[0], nomPredictors, nomogramModel.fit.linearPredictor, { maxscale: f.nomogram.maxscale, funAt: f.nomogram.fun_at });
  const used = scales[f.nomogram.axes];
  const pointValues: Record<string, Float64Array> = { radscore: nomRadModel.radscore };
  for (const v of clinical.selected) pointValues[v] = predictorValues.get(v)!;
  const points = patientPoints(used.scale, pointValues, cohort.ids.length);

  // predictions.csv
  const header = ['id', 'split', 'outcome', ...radiomics.map((r) => `radscore_${r.model}`), ...preds.map((p) => `p_${p.model}`), 'nomogram_points'];
  const rows = cohort.ids.map((id, k) => [
    id,
    cohort.split[k],
    cohort.y[k],
    ...radiomics.map((r) => r.radscore[k]),
    ...preds.map((p) => p.p[k]),
    points[k],
  ]);
  const predictionsCsv = csvText(header, rows);

  // results.json
  const seeds: Record<string, number | null> = {
    split: f.split.ratio !== undefined ? f.split.seed! : null,
    lasso_folds: f.selection.lasso.folds.column ? null : f.selection.lasso.folds.seed!,
    forest: selection.models.some((m) => m.forest.applied || m.forest.topKForInformation) ? f.selection.forest.seed : null,
    calibration_bootstrap: f.evaluation.calibration.bootstrap > 0 ? f.evaluation.calibration.seed : null,
  };
  const count = (rowsK: readonly number[]) => {
    const ev = rowsK.reduce((a, k) => a + cohort.y[k], 0);
    return { n: rowsK.length, events: ev, non_events: rowsK.length - ev };
  };
  const studyName = config.path.split(/[\\/]/).pop()!;
  const results: Results = {
    format: 'radnomo-results',
    schema_version: SCHEMA_VERSION,
    provenance: {
      radnomo_version: radnomoVersion(),
      study_file: { name: studyName, sha256: sha256Hex(config.text) },
      inputs: inputs.list(),
      seeds,
    },
    study: {
      name: f.name ?? null,
      outcome: { column: outcome, label: f.outcome.label ?? outcome },
      sequences: cohort.sequences.map((s) => ({ name: s.name, label: s.label, source: s.source, n_features: s.names.length, second_reader: s.observer2 !== null })),
      models: Object.entries(f.models).map(([name, seqs]) => ({ name, sequences: cohort.sequences.map((s) => s.name).filter((s) => seqs.includes(s)) })),
      settings: JSON.parse(JSON.stringify(f)),
    },
    cohort: {
      ...count(all),
      splits: { train: count(cohort.train), validation: count(cohort.validation) },
      split_rule: f.split.column ? `column '${f.split.column}'` : `ratio ${f.split.ratio}, ${f.split.stratify ? 'stratified by outcome' : 'not stratified'}, seed ${f.split.seed}`,
      excluded: cohort.excluded,
      second_reader: cohort.sequences.filter((s) => s.observer2).map((s) => ({ sequence: s.name, ids: s.observer2!.ids })),
    },
    baseline,
    clinical: {
      candidates: clinical.candidates,
      univariable: clinical.univariable.map((u) => ({ variable: u.variable, model: fittedModelJson(u.model), wald: { ...u.wald }, lrt_p: u.lrtP })),
      univariable_alpha: f.nomogram.clinical.univariable_alpha,
      selected_univariable: clinical.selectedUnivariable,
      multivariable: clinical.multivariable ? fittedModelJson(clinical.multivariable) : null,
      multivariable_alpha: f.nomogram.clinical.multivariable_alpha,
      rule: clinical.rule,
      selected: clinical.selected,
    },
    features: featuresJson(selection, f.selection.icc.form),
    selection: selectionJson(selection, JSON.parse(JSON.stringify(f.selection))),
    radiomics_models: radiomics.map((r) => ({
      model: r.model,
      sequences: r.sequences,
      features: r.features,
      radscore: { intercept: r.intercept, coefficients: r.features.map((feat, j) => ({ feature: feat, coef: r.coefficients[j] })) },
      fit: fittedModelJson(r.fitted),
      lrm_on_radscore: lrmJson(radscoreFits.get(r.model)!.lrm),
    })),
    best_model: {
      model: best,
      rule: 'largest validation AUC, compared exactly through auc_pairs2; ties: the first model in tie_order',
      tie_order: ordered,
      validation_auc_pairs2: pairs2,
      n_models_at_max: Object.values(pairs2).filter((v) => v === maxPairs).length,
    },
    models: { clinical: clinicalModel ? fittedModelJson(clinicalModel) : null, nomogram: fittedModelJson(nomogramModel) },
    performance,
    delong_tests: delong,
    calibration,
    decision_curves: dca,
    nomogram: {
      radscore_model: nomRad,
      variables: nomPredictors.map((p) => p.name),
      axes: f.nomogram.axes,
      scale: used.json,
      scales: { default: scales.default.json, observed_range: scales.observed_range.json },
    },
    warnings,
  };
  const check = resultsSchema.safeParse(JSON.parse(jsonText(results)));
  if (!check.success) {
    const i = check.error.issues[0];
    throw new Error(`internal error: results.json does not match its schema at ${i.path.join('.')}: ${i.message}`);
  }

  // model.json
  const perfOf = (m: string) => performance.find((p) => p.model === m)!;
  const model = buildModelFile({
    config,
    cohort,
    selection,
    radiomicsModel: nomRadModel,
    params,
    clinicalVariables: clinical.selected,
    predictorValues,
    nomogram: { intercept: nb[0], predictors: nomPredictors, scale: used.scale, axes: f.nomogram.axes },
    thresholds: { radiomics: perfOf(nomRad).train.threshold, nomogram: perfOf('nomogram').train.threshold },
  });


  const resultsText = jsonText(results);
  const modelText = jsonText(model);
  if (opts.outDir) {
    mkdirSync(opts.outDir, { recursive: true });
    writeFileAtomic(join(opts.outDir, 'results.json'), resultsText);
    writeFileAtomic(join(opts.outDir, 'model.json'), modelText);
    writeFileAtomic(join(opts.outDir, 'predictions.csv'), predictionsCsv);
  }
  return { results, model, predictionsCsv, resultsText, modelText, cohort, selection };
}
