/**
 * The schema of results.json, `radnomo study`'s main output, in zod with a description on every
 * field. docs/results.schema.json is generated from it (`resultsJsonSchema()`; a test keeps the
 * two equal), and the study validates its own output against it before writing.
 *
 * Conventions: snake_case keys; numbers are IEEE doubles written as the shortest text that reads
 * back as the same double; NaN and ±Infinity are null (the ROC thresholds ±Inf are the strings
 * "-Inf" / "Inf"); lists are always arrays; splits are "train" and "validation"; model names are the
 * study file's radiomics model names plus "clinical" and "nomogram"; predictions are on the
 * probability scale p = plogis(linear predictor).
 */
import { z } from 'zod';
import { GLOSSARY } from './results-glossary.js';

const num = z.number();
const numOrNull = z.number().nullable();
const d = <T extends z.ZodType>(schema: T, description: string): T => schema.describe(description) as T;

export const SCHEMA_VERSION = 1;

export const splitName = d(z.enum(['train', 'validation']), 'The split: the training set (everything is fitted on it) or the validation set (frozen models applied).');

export const termSchema = d(
  z.strictObject({
    term: d(z.string(), 'Design column: "(Intercept)", a numeric variable or feature, or a factor column named variable + level (e.g. "etiologyHCV", treatment contrasts against the first level).'),
    coef: d(num, 'Coefficient (log odds ratio) of the maximum-likelihood fit.'),
    se: d(numOrNull, 'Standard error of the coefficient (from the Fisher information, as summary.glm).'),
    z: d(numOrNull, 'Wald z = coef / se.'),
    p: d(numOrNull, 'Two-sided Wald p-value 2·Φ(−|z|).'),
    or: d(numOrNull, 'Odds ratio exp(coef); null when it overflows a double (as every other non-finite number).'),
    or_low: d(numOrNull, 'Lower 95% Wald limit of the odds ratio, exp(coef − 1.959964·se) (as SPSS reports it).'),
    or_high: d(numOrNull, 'Upper 95% Wald limit of the odds ratio, exp(coef + 1.959964·se).'),
    or_profile_low: d(numOrNull, 'Lower 95% profile-likelihood limit of the odds ratio (as R confint); null when not computed or when the profile does not reach it.'),
    or_profile_high: d(numOrNull, 'Upper 95% profile-likelihood limit of the odds ratio; null when not computed or not reached.'),
  }),
  'One coefficient of a logistic regression.').meta({ id: 'Term' });

export const waldSchema = d(
  z.strictObject({ chisq: num, df: num, p: num }),
  'Overall Wald χ² test that all coefficients of one variable are zero (one column, or all columns of a factor).').meta({ id: 'Wald' });

export const lrmStatsSchema = d(
  z.strictObject({
    obs: num,
    model_lr: d(num, 'Likelihood-ratio χ² against the intercept-only model.'),
    df: num,
    p: num,
    c: d(num, 'Concordance index C (= AUC on the training set), rms lrm.'),
    dxy: d(num, "Somers' Dxy = 2(C − 0.5)."),
    gamma: num,
    tau_a: num,
    r2: d(num, 'Nagelkerke R².'),
    brier: d(num, 'Brier score on the training set.'),
  }),
  'rms lrm statistics of the same model (lrm.fit, eps 1e-12).').meta({ id: 'LrmStats' });

export const fittedModelSchema = d(
  z.strictObject({
    name: d(z.string(), 'Model name: a radiomics model of the study file, "clinical", "nomogram", "multivariable" (clinical screening), or the variable of a univariable fit.'),
    formula: d(z.string(), 'R-style formula, e.g. "er ~ alb + tumor_number".'),
    variables: d(z.array(z.string()), 'Model terms (variables or features) in formula order.'),
    n: d(num, 'Training patients.'),
    events: d(num, 'Training events (outcome 1).'),
    terms: d(z.array(termSchema), 'Coefficients, intercept first.'),
    wald: d(z.record(z.string(), waldSchema), 'Overall Wald test per variable.'),
    deviance: num,
    null_deviance: num,
    aic: num,
    lr_chisq: d(num, 'Likelihood-ratio χ² = null deviance − deviance.'),
    lr_df: num,
    lr_p: num,
    r2_cox_snell: num,
    r2_nagelkerke: num,
    converged: z.boolean(),
    iterations: num,
    vif: d(z.record(z.string(), num).nullable(), 'Generalised variance inflation factor per variable (car::vif); null with fewer than 2 variables.'),
    lrm: d(lrmStatsSchema.nullable(), 'rms lrm statistics; null if lrm.fit failed.'),
    epv: d(num, 'Events per variable: min(events, non-events) / number of non-intercept coefficients.'),
    warnings: d(z.array(z.string()), 'Fit warnings (non-convergence, fitted probabilities 0 or 1, profiling, low events per variable).'),
  }),
  'A logistic regression fitted on the training set (glm, ε = 1e-14).').meta({ id: 'FittedModel' });

const confusionSchema = d(
  z.strictObject({
    threshold: d(z.union([num, z.literal('-Inf'), z.literal('Inf')]), 'Cut-off on the probability scale; a patient is called positive iff p ≥ threshold.'),
    tp: num,
    fp: num,
    tn: num,
    fn: num,
    sensitivity: num,
    specificity: num,
    accuracy: num,
    ppv: d(numOrNull, 'Positive predictive value; null when nobody is called positive.'),
    npv: d(numOrNull, 'Negative predictive value; null when nobody is called negative.'),
    youden_j: d(num, 'sensitivity + specificity − 1.'),
  }),
  'Confusion matrix at a cut-off.').meta({ id: 'Confusion' });

export const splitPerformanceSchema = d(
  z.strictObject({
    n: num,
    events: num,
    auc: d(num, 'Area under the ROC curve (Mann-Whitney).'),
    auc_low: d(numOrNull, 'Lower 95% DeLong limit, clipped to [0, 1] (pROC ci.auc); null when a class has a single patient (no variance).'),
    auc_high: d(numOrNull, 'Upper 95% DeLong limit, clipped to [0, 1]; null when a class has a single patient.'),
    auc_var: d(numOrNull, 'DeLong variance of the AUC; null when a class has a single patient.'),
    auc_pairs2: d(num, '2·#concordant + #tied (case, control) pairs = 2·AUC·n₁·n₀, an exact integer (used to compare AUCs exactly).'),
    threshold: d(z.union([num, z.literal('-Inf'), z.literal('Inf')]), "The training set's Youden cut-off (exact integer arithmetic, ties → smallest threshold), applied unchanged in validation."),
    threshold_linear: d(numOrNull, 'The same cut-off on the linear-predictor (rad-score) scale, qlogis(threshold); null for ±Inf.'),
    sensitivity: d(num, 'At `threshold`.'),
    specificity: d(num, 'At `threshold`.'),
    accuracy: d(num, 'At `threshold`.'),
    at_threshold: confusionSchema,
    own_youden: d(confusionSchema, "This split's own Youden cut-off (in training the same as at_threshold)."),
    own_youden_ties: d(num, 'Number of thresholds tied at the exact Youden maximum (the smallest is used).'),
    roc: d(
      z.strictObject({
        threshold: z.array(z.union([num, z.literal('-Inf'), z.literal('Inf')])),
        sensitivity: z.array(num),
        specificity: z.array(num),
      }),
      'The full ROC curve with pROC conventions: thresholds −Inf, midpoints of the sorted unique predictions, +Inf; increasing.',
    ),
  }),
  "One model's discrimination on one split.").meta({ id: 'SplitPerformance' });

export const performanceSchema = d(
  z.strictObject({
    model: d(z.string(), 'Model name (a radiomics model, "clinical" or "nomogram").'),
    kind: z.enum(['radiomics', 'clinical', 'nomogram']),
    prediction: d(z.string(), 'Column of predictions.csv holding its probabilities, "p_<model>".'),
    n_features: d(numOrNull, 'Features in the rad-score (radiomics models); null otherwise.'),
    train: splitPerformanceSchema,
    validation: splitPerformanceSchema,
  }),
  "A model's ROC analysis in both splits (the paper's Table 3 for the radiomics models).",
);

export const delongSchema = d(
  z.strictObject({
    split: splitName,
    model1: z.string(),
    model2: z.string(),
    auc1: num,
    auc2: num,
    z: d(numOrNull, 'DeLong z for AUC1 − AUC2 (paired, pROC roc.test); null for identical predictions.'),
    p: d(numOrNull, 'Two-sided p; null for identical predictions.'),
  }),
  'Paired DeLong comparison of two models on the same patients.',
);

export const hlSchema = d(
  z.strictObject({
    chisq: d(numOrNull, 'Hosmer-Lemeshow χ² (hoslem.test grouping: type-7 quantile breaks, duplicates removed); null when a bin is empty (R: NaN).'),
    df: num,
    p: numOrNull,
    g: num,
    groups_nonempty: num,
    chisq_empty_groups_dropped: d(numOrNull, 'χ² over the non-empty bins only (null when a bin expects 0 of a class: predictions of exactly 0 or 1).'),
    p_empty_groups_dropped: numOrNull,
    groups: z.array(
      z.strictObject({
        group: d(z.string(), "R's cut() label of the bin, e.g. \"[0.0123,0.105]\"."),
        n: num,
        observed_1: num,
        expected_1: num,
        observed_0: num,
        expected_0: num,
      }),
    ),
  }),
  'Hosmer-Lemeshow goodness-of-fit test.',
);

export const valProbSchema = d(
  z.strictObject({
    dxy: num,
    c: num,
    r2: num,
    d: num,
    d_chisq: num,
    u: num,
    u_chisq: num,
    u_p: num,
    q: num,
    brier: num,
    intercept: d(num, 'Calibration intercept (rms val.prob).'),
    slope: d(num, 'Calibration slope (rms val.prob).'),
    emax: num,
    e90: num,
    eavg: num,
    s_z: d(num, 'Spiegelhalter z.'),
    s_p: num,
  }),
  'rms val.prob statistics of the predictions against the outcomes.',
);

export const calibrationSchema = d(
  z.strictObject({
    model: z.string(),
    split: splitName,
    brier: num,
    hosmer_lemeshow: d(hlSchema.nullable(), 'null when it cannot be computed (e.g. all predictions equal); see warnings.'),
    apparent: d(
      z.strictObject({ predy: z.array(num), calibrated: z.array(numOrNull) }).nullable(),
      'Apparent calibration curve: predy = 50 points from the 5th smallest to the 5th largest prediction, calibrated = lowess(p, y, iter = 0) read at predy (null outside the data). null for models not listed in evaluation.calibration.models or splits with < 10 patients.',
    ),
    val_prob: d(valProbSchema.nullable(), 'null for models not listed in evaluation.calibration.models.'),
    bootstrap: d(
      z
        .strictObject({
          b: d(num, 'Bootstrap resamples requested.'),
          seed: num,
          n_ok: d(num, 'Resamples whose refit succeeded.'),
          predy: z.array(num),
          apparent: z.array(numOrNull),
          corrected: d(z.array(numOrNull), 'Optimism-corrected calibration (rms calibrate, method "boot").'),
          optimism: z.array(numOrNull),
          mean_abs_error: numOrNull,
          mean_sq_error: numOrNull,
          q90_abs_error: numOrNull,
        })
        .nullable(),
      'Bootstrap-corrected calibration of the model refitted on resamples of the training set (training split only; null otherwise).',
    ),
  }),
  "Calibration of one model's predictions on one split.",
);

export const decisionCurvesSchema = d(
  z.strictObject({
    thresholds: d(z.array(num), 'Threshold probabilities pt.'),
    models: z.array(z.string()),
    rule: d(z.literal('p > pt'), 'A patient is treated iff p > pt (DecisionCurve/rmda); nb_ge uses p ≥ pt.'),
    splits: z.array(
      z.strictObject({
        split: splitName,
        n: num,
        prevalence: num,
        treat_all: d(z.array(num), 'Net benefit of treating everyone: prev − (1 − prev)·pt/(1 − pt).'),
        curves: z.array(
          z.strictObject({
            model: z.string(),
            tp: z.array(num),
            fp: z.array(num),
            nb: d(z.array(num), 'Net benefit TP/n − FP/n·pt/(1 − pt).'),
            snb: d(z.array(num), 'Standardised net benefit nb / prevalence.'),
            nb_ge: z.array(num),
            interventions_avoided: d(z.array(num), 'Net interventions avoided per 100 patients against treating all.'),
          }),
        ),
      }),
    ),
  }),
  'Decision curves of the models in evaluation.dca.models; the validation curves use the training models (never refitted). Treat-none has net benefit 0.',
);

export const nomogramScaleSchema = d(
  z.strictObject({
    sc: d(num, 'Points per unit of linear predictor: maxscale / max_j (max_xbeta_j − min_xbeta_j).'),
    maxscale: num,
    intercept: num,
    intercept_plus_sum_min: d(num, 'Linear predictor at 0 total points: β₀ + Σ_j min_xbeta_j.'),
    axes: d(
      z.array(
        z.strictObject({
          variable: z.string(),
          label: z.string(),
          coefficient: num,
          values: d(z.array(num), 'Axis values (rms: unique training values if ≤ 10 of them, else pretty(range, 10); observed_range: min and max).'),
          points: d(z.array(num), 'Points of each axis value: (β·x − min_xbeta)·sc.'),
          min_xbeta: num,
          max_xbeta: num,
          training_min: num,
          training_max: num,
          level_labels: d(
            z.array(z.string()).nullable().default(null),
            'For a two-level categorical variable (entered as the 0/1 indicator of its second level), the level of each axis value; null for numeric predictors. Added within version 1: absent from files written before it, read as null (their predictors are numeric).',
          ),
        }),
      ),
      'The points table: one axis per predictor.',
    ),
    total_points_axis: z.array(num),
    lp_axis: z.strictObject({ lp: z.array(num), points: z.array(num) }),
    risk_axis: d(z.strictObject({ probability: z.array(num), points: z.array(num) }), "Probability axis positions as rms draws them (interpolated)."),
    probability_to_total_points: d(z.array(z.strictObject({ probability: num, total_points: num })), 'Exact total points of each fun.at probability: (qlogis(p) − intercept_plus_sum_min)·sc.'),
    total_points_to_probability: d(z.array(z.strictObject({ total_points: num, lp: num, probability: num })), 'Total points 0, 10, ..., 300 → linear predictor and probability.'),
  }),
  'A nomogram scale (rms nomogram, fun = plogis, lp = TRUE).').meta({ id: 'NomogramScale' });

export const resultsSchema = d(
  z.strictObject({
    format: d(z.literal('radnomo-results'), 'Identifies the file.'),
    schema_version: d(
      z.literal(SCHEMA_VERSION),
      'Version of this schema. Within a version fields are only added, and an added field is optional with a default (given in its description) that older files of the version are read with; a change that older readers or files could not follow takes a new version.',
    ),
    provenance: z.strictObject({
      radnomo_version: z.string(),
      study_file: d(z.strictObject({ name: z.string(), sha256: z.string() }), 'The study file (its name, and the SHA-256 of its bytes).'),
      inputs: d(
        z.array(z.strictObject({ role: d(z.string(), 'e.g. "clinical", "features:t1", "observer2:t1", "manifest:ap", "params:ap", "image:ap:P001", "mask:ap:P001", "observer2 mask:ap:P003".'), path: d(z.string(), 'As written in the study file (relative to it); image and mask files relative to the study file\'s folder.'), sha256: z.string() })),
        'Every input file with its SHA-256 (tables, manifests, params, and every image and mask file extracted; a DICOM folder is not hashed here, the extraction cache hashes its files).',
      ),
      seeds: d(z.record(z.string(), numOrNull), 'Every seed the study used (split, folds, forest, calibration bootstrap); null when unused.'),
    }),
    study: z.strictObject({
      name: z.string().nullable(),
      outcome: z.strictObject({ column: z.string(), label: z.string() }),
      sequences: z.array(z.strictObject({ name: z.string(), label: z.string(), source: z.enum(['features', 'images']), n_features: num, second_reader: z.boolean() })),
      models: d(z.array(z.strictObject({ name: z.string(), sequences: z.array(z.string()) })), 'Radiomics models in study-file order.'),
      settings: d(z.record(z.string(), z.unknown()), 'The study file after defaults were filled in (paths as written).'),
    }),
    cohort: z.strictObject({
      n: num,
      events: num,
      non_events: num,
      splits: z.strictObject({
        train: z.strictObject({ n: num, events: num, non_events: num }),
        validation: z.strictObject({ n: num, events: num, non_events: num }),
      }),
      split_rule: d(z.string(), 'How the split was made, e.g. "column split" or "ratio 0.7, stratified, seed 1".'),
      excluded: d(z.array(z.strictObject({ id: z.string(), reason: z.string() })), 'Patients of the clinical table left out, with the reason (missing sequence, missing clinical value).'),
      second_reader: d(z.array(z.strictObject({ sequence: z.string(), ids: z.array(z.string()) })), 'ICC subjects per sequence.'),
    }),
    baseline: d(
      z.array(
        z.strictObject({
          name: d(z.enum(['outcome_all', 'outcome_train', 'outcome_validation', 'train_vs_validation']), 'Which comparison.'),
          group_variable: z.string(),
          groups: d(z.array(z.string()), 'The two groups, first = x (outcome "1" first; "train" first).'),
          n: z.array(num),
          variables: z.array(
            z.discriminatedUnion('kind', [
              z.strictObject({
                variable: z.string(),
                label: z.string(),
                kind: z.literal('categorical'),
                levels: z.array(z.string()),
                counts: d(z.array(z.array(num)), 'counts[level][group].'),
                col_percent: d(z.array(z.array(num)), 'Column percentages [level][group].'),
                test: d(z.literal('pearson_chisq'), 'Reported test: Pearson χ² without continuity correction.'),
                statistic: num,
                df: num,
                p: num,
                fisher_p: num,
                yates_p: numOrNull,
                min_expected: num,
                warnings: z.array(z.string()),
              }),
              z.strictObject({
                variable: z.string(),
                label: z.string(),
                kind: z.literal('continuous'),
                summary: d(
                  z.array(z.strictObject({ n: num, mean: num, sd: num, median: num, q1: num, q3: num, min: num, max: num })),
                  'Per group (quartiles: R type 7).',
                ),
                normal_both: d(z.boolean(), 'Shapiro-Wilk p > 0.05 in both groups.'),
                test: d(z.enum(['t_student', 'mann_whitney']), 'Reported test: Student t when normal_both, else Mann-Whitney (R default p).'),
                statistic: num,
                p: num,
                t_student_p: num,
                welch_p: num,
                mann_whitney_p: num,
              }),
            ]),
          ),
        }),
      ),
      'Baseline tables (the paper\'s Table 1): outcome groups in all patients, training and validation, and training vs validation.',
    ),
    clinical: z.strictObject({
      candidates: z.array(z.string()),
      univariable: z.array(
        z.strictObject({
          variable: z.string(),
          model: fittedModelSchema,
          wald: waldSchema,
          lrt_p: d(num, 'Likelihood-ratio test p against the intercept-only model.'),
        }),
      ),
      univariable_alpha: num,
      selected_univariable: z.array(z.string()),
      multivariable: d(fittedModelSchema.nullable(), 'Multivariable model on the univariable selection; null if none was selected.'),
      multivariable_alpha: num,
      rule: z.enum(['multivariable', 'list']),
      selected: d(z.array(z.string()), 'Clinical variables of the clinical model and the nomogram.'),
    }),
    features: d(
      z.array(
        z.strictObject({
          name: d(z.string(), 'Pooled name ("<sequence>_<column>" when the study has several sequences).'),
          sequence: z.string(),
          column: z.string(),
          icc: d(numOrNull, 'ICC of the form in selection.rules (null: no second reader, or all ratings equal).'),
          icc_low: numOrNull,
          icc_high: numOrNull,
          kept_icc: z.boolean(),
          test: d(z.enum(['anova', 'mann_whitney_r_default', 'constant']), 'Step-2 test used (normality gate).'),
          p: d(numOrNull, 'Step-2 p (null for a constant feature).'),
          shapiro_p_event: numOrNull,
          shapiro_p_non_event: numOrNull,
          anova_p: numOrNull,
          mann_whitney_p: numOrNull,
          kept_test: z.boolean(),
        }),
      ),
      'Every feature of the study: reproducibility (ICC) and training-set test.',
    ),
    selection: z.strictObject({
      rules: z.record(z.string(), z.unknown()),
      rf_top_k: d(numOrNull, 'k when the forest step is active (or a no-op everywhere); null when disabled because a model had more than k features after Spearman (over_k: disable).'),
      n_models_over_top_k: num,
      lambda: d(z.array(num).nullable(), "The λ grid of the LASSO (null: glmnet's own sequence per model)."),
      models: z.array(
        z.strictObject({
          model: z.string(),
          sequences: z.array(z.string()),
          counts: z.strictObject({ step0: num, step1_icc: num, step2_test: num, step3_spearman: num, step4_forest: num, step5_lasso: num }),
          step0: d(z.array(z.string()), 'All pooled features of the model.'),
          step1_icc: z.array(z.string()),
          step2_test: z.array(z.string()),
          step3_spearman: z.array(z.string()),
          step3_visit_order: z.array(z.string()),
          step3_dropped: z.array(z.strictObject({ feature: z.string(), because_of: z.string(), rho: num })),
          step4_forest: z.array(z.string()),
          forest: z.strictObject({
            n_after_spearman: num,
            noop: z.boolean(),
            applied: z.boolean(),
            top_k_for_information: d(z.array(z.string()).nullable(), "radnomo's forest top k when the step was disabled for this model (information only)."),
          }),
          step5_lasso: d(z.array(z.string()), 'Rad-score features, pooled order.'),
          step5_rule: d(
            z.enum(['lambda.min', 'lambda.1se', 'best_ranked_feature', 'single_feature_no_lasso', 'best_ranked_feature_no_feature_reached_lasso']),
            'How step 5 was decided (LASSO rule or a fallback).',
          ),
          lasso_kept_none: d(z.boolean(), "True when the configured λ's set was empty and a fallback was used."),
          lasso: d(
            z
              .strictObject({
                features: z.array(z.string()),
                lambda_max: num,
                lambda: z.array(num),
                cvm: z.array(num),
                cvsd: z.array(num),
                nzero: z.array(num),
                lambda_min: num,
                lambda_1se: num,
                index_min: d(num, '1-based index of lambda_min in lambda (as R).'),
                index_1se: d(num, '1-based index of lambda_1se.'),
                coef_min: d(z.record(z.string(), num), 'Coefficients at lambda_min on the original feature scale, "(Intercept)" first.'),
                coef_1se: z.record(z.string(), num),
                nonzero_min: z.array(z.string()),
                nonzero_1se: z.array(z.string()),
              })
              .nullable(),
            'cv.glmnet (binomial, deviance); null when fewer than 2 features reached it.',
          ),
        }),
      ),
    }),
    radiomics_models: z.array(
      z.strictObject({
        model: z.string(),
        sequences: z.array(z.string()),
        features: z.array(z.string()),
        radscore: d(
          z.strictObject({ intercept: num, coefficients: z.array(z.strictObject({ feature: z.string(), coef: num })) }),
          'rad-score = intercept + Σ coef·feature (raw feature values).',
        ),
        fit: fittedModelSchema,
        lrm_on_radscore: d(lrmStatsSchema.nullable(), 'rms lrm statistics of outcome ~ rad-score.'),
      }),
    ),
    best_model: z.strictObject({
      model: z.string(),
      rule: z.string(),
      tie_order: z.array(z.string()),
      validation_auc_pairs2: d(z.record(z.string(), num), 'Per model, the exact validation AUC numerator (see auc_pairs2).'),
      n_models_at_max: num,
    }),
    models: z.strictObject({
      clinical: d(fittedModelSchema.nullable(), 'outcome ~ clinical variables; null when no clinical variable was selected.'),
      nomogram: d(fittedModelSchema, 'outcome ~ radscore + clinical variables, radscore = the chosen radiomics model\'s rad-score.'),
    }),
    performance: d(z.array(performanceSchema), 'Radiomics models (study order), then clinical, then nomogram.'),
    delong_tests: d(z.array(delongSchema), 'Per split: the reference model (evaluation.delong_reference) against each other radiomics model, nomogram vs clinical, nomogram vs the best radiomics model, best vs clinical.'),
    calibration: d(z.array(calibrationSchema), 'Every model × split (Hosmer-Lemeshow for all; curves, val.prob and bootstrap for evaluation.calibration.models).'),
    decision_curves: decisionCurvesSchema,
    nomogram: z.strictObject({
      radscore_model: d(z.string(), 'The radiomics model whose rad-score enters the nomogram (as "radscore").'),
      variables: d(z.array(z.string()), 'Nomogram predictors: "radscore", then the clinical variables.'),
      axes: d(z.enum(['default', 'observed_range']), 'Which scale gives nomogram_points in predictions.csv and model.json.'),
      scale: d(nomogramScaleSchema, 'The scale used.'),
      scales: z.strictObject({ default: nomogramScaleSchema, observed_range: nomogramScaleSchema }),
    }),
    warnings: d(z.array(z.string()), 'Everything the user should know: exclusions, dropped features, low events per variable, skipped steps.'),
  }),
  'results.json of `radnomo study`.',
);

export type Results = z.infer<typeof resultsSchema>;
export type FittedModelJson = z.infer<typeof fittedModelSchema>;
export type SplitPerformanceJson = z.infer<typeof splitPerformanceSchema>;
export type PerformanceJson = z.infer<typeof performanceSchema>;
export type CalibrationJson = z.infer<typeof calibrationSchema>;
export type NomogramScaleJson = z.infer<typeof nomogramScaleSchema>;

/**
 * Checks a parsed results.json (`source` names it in errors): another format or schema version
 * is named as such, with what to do; a file of this version written before a field was added
 * gets the field's default.
 */
export function parseResults(raw: unknown, source: string): Results {
  const head = (raw !== null && typeof raw === 'object' ? raw : {}) as { format?: unknown; schema_version?: unknown };
  if (head.format !== 'radnomo-results') {
    throw new Error(`${source}: not a radnomo results.json (format ${JSON.stringify(head.format)}); give the results.json that \`radnomo study\` wrote`);
  }
  const v = head.schema_version;
  if (v !== SCHEMA_VERSION) {
    throw new Error(
      typeof v === 'number' && v > SCHEMA_VERSION
        ? `${source}: schema_version ${v} was written by a newer radnomo; this one reads version ${SCHEMA_VERSION}: update radnomo, or run \`radnomo study\` again with this one`
        : `${source}: schema_version ${JSON.stringify(v)} is not a version this radnomo reads (${SCHEMA_VERSION}); run \`radnomo study\` again to rewrite the file`,
    );
  }
  const parsed = resultsSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`${source}: not a results.json this radnomo reads: at ${i.path.join('.') || '(top level)'}: ${i.message} (docs/results.schema.json describes the file)`);
  }
  return parsed.data;
}

type JsonNode = { [k: string]: unknown };

/** Fills each property without a description from the glossary; returns the paths still undocumented. */
function document(node: unknown, path: string, missing: string[]): void {
  if (!node || typeof node !== 'object') return;
  const o = node as JsonNode;
  if (o.properties) {
    for (const [k, v] of Object.entries(o.properties as Record<string, JsonNode>)) {
      if (!v.description && !v.$ref) {
        if (GLOSSARY[k]) v.description = GLOSSARY[k];
        else missing.push(`${path}.${k}`);
      }
      document(v, `${path}.${k}`, missing);
    }
  }
  if (o.items) document(o.items, `${path}[]`, missing);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) if (Array.isArray(o[key])) (o[key] as unknown[]).forEach((x) => document(x, path, missing));
  if (o.additionalProperties && typeof o.additionalProperties === 'object') document(o.additionalProperties, `${path}{}`, missing);
  if (o.$defs) for (const [k, v] of Object.entries(o.$defs as Record<string, unknown>)) document(v, `#${k}`, missing);
}

/**
 * The JSON Schema (draft 2020-12) of results.json, as committed in docs/results.schema.json;
 * `undocumented` lists fields without a description (kept empty by a test).
 */
export function resultsJsonSchema(undocumented: string[] = []): unknown {
  // the schema of the files (zod's input side): a field with a default may be absent
  const s = z.toJSONSchema(resultsSchema, { io: 'input' }) as JsonNode;
  document(s, '', undocumented);
  return { $id: 'https://radnomo.dev/schemas/results.schema.json', title: 'radnomo results.json', ...s };
}
