/**
 * The study file's schema (zod): every key a study file may hold, its type and its default.
 * docs/study-file.md documents each key; config.ts reads the YAML, validates it against this
 * schema and reports any problem with its key path and line.
 *
 * Objects are strict: an unknown key is an error (a typo would otherwise be silently ignored).
 * Short forms are normalised before validation (`features: file.csv` = `features: {csv: file.csv}`).
 */
import { z } from 'zod';

const name = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a name starts with a letter and holds letters, digits and _ only');

/** A path, relative to the study file's folder unless absolute. */
const path = z.string().min(1, 'a file path cannot be empty');

const scalarLevel = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));

const asObject = (key: string) => (v: unknown) => (typeof v === 'string' ? { [key]: v } : v);

export const variableSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { type: v } : v),
  z.strictObject({
    type: z.enum(['numeric', 'categorical']),
    label: z.string().optional(),
    from: z.string().optional(),
    transform: z.enum(['none', 'log10', 'log', 'log2', 'sqrt']).default('none'),
    levels: z.array(scalarLevel).min(2).optional(),
    reference: scalarLevel.optional(),
    baseline: z.boolean().default(true),
    baseline_levels: z.array(scalarLevel).min(2).optional(),
  }),
);

export const featureTableSchema = z.preprocess(
  asObject('csv'),
  z.strictObject({
    csv: path,
    id: z.string().default('id'),
    columns: z.array(z.string()).min(1).optional(),
    exclude: z.array(z.string()).default([]),
    where: z.record(z.string(), scalarLevel).optional(),
  }),
);

export const imagesSchema = z.preprocess(
  asObject('manifest'),
  z.strictObject({
    manifest: path,
    sequence: z.string().optional(),
    preset: z.string().optional(),
    params: path.optional(),
    mask_from: name.optional(),
  }),
);

export const sequenceSchema = z.strictObject({
  label: z.string().optional(),
  features: featureTableSchema.optional(),
  images: imagesSchema.optional(),
  observer2: z
    .preprocess(
      (v) => (typeof v === 'string' ? (/\.csv$/i.test(v) ? { csv: v } : v) : v),
      z.strictObject({
        csv: path.optional(),
        id: z.string().default('id'),
        where: z.record(z.string(), scalarLevel).optional(),
        manifest: path.optional(),
      }),
    )
    .optional(),
});

export const splitSchema = z.strictObject({
  column: z.string().optional(),
  train: scalarLevel.default('train'),
  validation: scalarLevel.default('validation'),
  ratio: z.number().gt(0).lt(1).optional(),
  stratify: z.boolean().default(true),
  seed: z.number().int().optional(),
});

export const foldsSchema = z.strictObject({
  column: z.string().optional(),
  k: z.number().int().min(3).default(10),
  seed: z.number().int().optional(),
});

export const lambdaSchema = z.preprocess(
  (v) => (v === 'default' ? { default: true } : v),
  z.strictObject({
    default: z.boolean().optional(),
    /** log10 grid: 10^seq(from, to, by) */
    log10_grid: z.strictObject({ from: z.number(), to: z.number(), by: z.number() }).optional(),
    values: z.array(z.number().positive()).min(2).optional(),
  }),
);

export const selectionSchema = z.strictObject({
  icc: z
    .strictObject({
      form: z.enum(['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k']).default('ICC2'),
      threshold: z.number().default(0.75),
    })
    .prefault({}),
  test: z
    .strictObject({
      rule: z.enum(['normality_gated', 'anova_and_mann_whitney', 'anova_or_mann_whitney', 'normality_gated_mw_normal_approx']).default('normality_gated'),
      alpha: z.number().gt(0).lt(1).default(0.05),
    })
    .prefault({}),
  spearman: z
    .strictObject({
      threshold: z.number().gt(0).max(1).default(0.9),
      order: z.enum(['p_ascending', 'column']).default('p_ascending'),
    })
    .prefault({}),
  forest: z
    .strictObject({
      top_k: z.number().int().positive().nullable().default(25),
      trees: z.number().int().positive().default(500),
      seed: z.number().int().default(2024),
      over_k: z.enum(['apply', 'disable']).default('disable'),
    })
    .prefault({}),
  lasso: z
    .strictObject({
      folds: foldsSchema.prefault({}),
      lambda: lambdaSchema.prefault({ log10_grid: { from: -0.5, to: -2.5, by: -0.025 } }),
      rule: z.enum(['lambda.min', 'lambda.1se']).default('lambda.min'),
      thresh: z.number().positive().default(1e-14),
    })
    .prefault({}),
});

export const clinicalRuleSchema = z.strictObject({
  rule: z.enum(['multivariable', 'list']).default('multivariable'),
  candidates: z.array(z.string()).optional(),
  univariable_alpha: z.number().gt(0).lt(1).default(0.05),
  multivariable_alpha: z.number().gt(0).lt(1).default(0.05),
  variables: z.array(z.string()).optional(),
});

export const studySchema = z.strictObject({
  version: z.literal(1),
  name: z.string().optional(),
  outcome: z.preprocess(
    asObject('column'),
    z.strictObject({
      column: z.string(),
      label: z.string().optional(),
    }),
  ),
  clinical: z.strictObject({
    csv: path,
    id: z.string().default('id'),
    variables: z.record(name, variableSchema).prefault({}),
    missing: z.enum(['error', 'exclude']).default('error'),
  }),
  split: splitSchema,
  sequences: z.record(name, sequenceSchema).refine((r) => Object.keys(r).length > 0, 'declare at least one sequence'),
  missing_sequence: z.enum(['exclude', 'error']).default('exclude'),
  cache: path.optional(),
  selection: selectionSchema.prefault({}),
  models: z.record(name, z.array(name).min(1)).refine((r) => Object.keys(r).length > 0, 'declare at least one radiomics model'),
  best_model: z
    .strictObject({
      rule: z.literal('validation_auc').default('validation_auc'),
      tie_order: z.array(name).optional(),
    })
    .prefault({}),
  nomogram: z
    .strictObject({
      radiomics: z.string().default('best'),
      clinical: clinicalRuleSchema.prefault({}),
      axes: z.enum(['default', 'observed_range']).default('default'),
      maxscale: z.number().positive().default(100),
      fun_at: z.array(z.number().gt(0).lt(1)).min(1).default([0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]),
    })
    .prefault({}),
  evaluation: z
    .strictObject({
      delong_reference: name.nullable().default(null),
      calibration: z
        .strictObject({
          models: z.array(z.string()).default(['clinical', 'best', 'nomogram']),
          bootstrap: z.number().int().min(0).default(200),
          seed: z.number().int().default(20240611),
          hl_groups: z.number().int().min(3).default(10),
        })
        .prefault({}),
      dca: z
        .strictObject({
          models: z.array(z.string()).default(['clinical', 'best', 'nomogram']),
          thresholds: z
            .strictObject({ from: z.number().gt(0).lt(1), to: z.number().gt(0).lt(1), by: z.number().positive() })
            .prefault({ from: 0.01, to: 0.99, by: 0.01 }),
        })
        .prefault({}),
      epv_min: z.number().positive().default(10),
      separation: z.enum(['error', 'firth']).default('error'),
      profile_ci: z.boolean().default(true),
    })
    .prefault({}),
});

export type StudyFile = z.infer<typeof studySchema>;
export type VariableSpec = z.infer<typeof variableSchema>;
export type SequenceSpec = z.infer<typeof sequenceSchema>;
export type SelectionSpec = z.infer<typeof selectionSchema>;
