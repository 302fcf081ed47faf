/**
 * model.json: the frozen nomogram of a study, everything needed to score a new patient from
 * features (or from images, with the extraction params stored inside) plus clinical values,
 * without the training data: the rad-score's features and coefficients, the clinical variables
 * (source column, transform), the nomogram's coefficients and points scale, the training ranges
 * (for out-of-range warnings) and the training Youden cut-offs. docs/model-file.md describes it.
 * Versioned: `format: "radnomo-model"`, `version: 1`; a file of another version is refused. Within
 * a version fields are only added, each optional with a default for the older files.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { StudyConfig } from './config.js';
import type { Cohort } from './cohort.js';
import type { SelectionResult } from './selection.js';
import type { RadiomicsModel } from './models.js';
import type { LoadedParams } from './images.js';
import type { NomogramScale } from '../stats/nomogram.js';
import { radnomoVersion, sha256Hex } from './provenance.js';

export const MODEL_FILE_VERSION = 1;

const thresholdSchema = z.union([z.number(), z.literal('-Inf'), z.literal('Inf')]);

export const modelFileSchema = z.strictObject({
  format: z.literal('radnomo-model'),
  version: z.literal(MODEL_FILE_VERSION),
  radnomo_version: z.string(),
  study: z.strictObject({ name: z.string().nullable(), sha256: z.string() }),
  outcome: z.strictObject({ column: z.string(), label: z.string() }),
  radiomics: z.strictObject({
    model: z.string(),
    sequences: z.array(
      z.strictObject({
        name: z.string(),
        label: z.string(),
        source: z.enum(['features', 'images']),
        extraction: z
          .strictObject({
            params_source: z.string(),
            params_text: z.string(),
            params_format: z.enum(['yaml', 'json']),
            mask_from: z.string().nullable(),
          })
          .nullable(),
      }),
    ),
    prefixed_names: z.boolean(),
    intercept: z.number(),
    features: z.array(
      z.strictObject({
        name: z.string(),
        sequence: z.string(),
        column: z.string(),
        coefficient: z.number(),
        training_min: z.number(),
        training_max: z.number(),
      }),
    ),
    threshold: thresholdSchema,
  }),
  clinical: z.array(
    z.strictObject({
      name: z.string(),
      label: z.string(),
      from: z.string(),
      // type and levels were added within version 1: files written before them hold numeric variables only
      type: z.enum(['numeric', 'categorical']).default('numeric'),
      /** categorical (two levels): reference first; the value is 1 for the second level */
      levels: z.array(z.string()).nullable().default(null),
      transform: z.enum(['none', 'log10', 'log', 'log2', 'sqrt']),
      training_min: z.number(),
      training_max: z.number(),
    }),
  ),
  nomogram: z.strictObject({
    intercept: z.number(),
    coefficients: z.record(z.string(), z.number()),
    axes: z.enum(['default', 'observed_range']),
    sc: z.number(),
    maxscale: z.number(),
    intercept_plus_sum_min: z.number(),
    scale_axes: z.array(
      z.strictObject({ variable: z.string(), coefficient: z.number(), min_xbeta: z.number(), max_xbeta: z.number(), values: z.array(z.number()), points: z.array(z.number()) }),
    ),
    probability_to_total_points: z.array(z.strictObject({ probability: z.number(), total_points: z.number() })),
    threshold: thresholdSchema,
  }),
});

export type ModelFile = z.infer<typeof modelFileSchema>;

/** Reads and validates a model.json; a clear error for another format or version. */
export function readModelFile(path: string): ModelFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: cannot read the model file (${(e as Error).message})`);
  }
  const r = raw as { format?: unknown; version?: unknown };
  if (r?.format !== 'radnomo-model') throw new Error(`${path}: not a radnomo model file (format is ${JSON.stringify(r?.format)}); give the model.json written by \`radnomo study\``);
  if (r.version !== MODEL_FILE_VERSION) throw new Error(`${path}: model file version ${JSON.stringify(r.version)}; this radnomo reads version ${MODEL_FILE_VERSION}`);
  const parsed = modelFileSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`${path}: invalid model file at ${i.path.join('.') || '(top level)'}: ${i.message}`);
  }
  return parsed.data;
}

type Threshold = number | '-Inf' | 'Inf';

export interface ModelFileInput {
  config: StudyConfig;
  cohort: Cohort;
  selection: SelectionResult;
  /** the radiomics model whose rad-score enters the nomogram */
  radiomicsModel: RadiomicsModel;
  /** extraction params of the sequences extracted from images */
  params: Map<string, LoadedParams>;
  clinicalVariables: string[];
  /** each nomogram clinical variable's value per cohort patient (a two-level factor as 0/1) */
  predictorValues: Map<string, Float64Array>;
  /** the predictors: a two-level categorical one with its training levels (reference first) */
  nomogram: { intercept: number; predictors: { name: string; coefficient: number; levels?: string[] }[]; scale: NomogramScale; axes: 'default' | 'observed_range' };
  thresholds: { radiomics: Threshold; nomogram: Threshold };
}

/** The frozen model of a study run (see the file comment). */
export function buildModelFile(m: ModelFileInput): ModelFile {
  const f = m.config.file;
  const { cohort } = m;
  const rad = m.radiomicsModel;
  const scale = m.nomogram.scale;
  const outcome = f.outcome.column;
  return {
    format: 'radnomo-model',
    version: MODEL_FILE_VERSION,
    radnomo_version: radnomoVersion(),
    study: { name: f.name ?? null, sha256: sha256Hex(m.config.text) },
    outcome: { column: outcome, label: f.outcome.label ?? outcome },
    radiomics: {
      model: rad.model,
      sequences: rad.sequences.map((s) => {
        const seq = cohort.sequences.find((x) => x.name === s)!;
        const lp = m.params.get(s);
        return {
          name: s,
          label: seq.label,
          source: seq.source,
          extraction: lp ? { params_source: lp.source, params_text: lp.text, params_format: lp.format, mask_from: f.sequences[s].images?.mask_from ?? null } : null,
        };
      }),
      prefixed_names: cohort.sequences.length > 1,
      intercept: rad.intercept,
      features: rad.features.map((feat, j) => {
        const info = m.selection.byName.get(feat)!;
        return {
          name: feat,
          sequence: info.sequence,
          column: info.column,
          coefficient: rad.coefficients[j],
          training_min: rad.trainingRange[j][0],
          training_max: rad.trainingRange[j][1],
        };
      }),
      threshold: m.thresholds.radiomics,
    },
    clinical: m.clinicalVariables.map((v) => {
      const spec = f.clinical.variables[v];
      const cv = cohort.variables.get(v)!;
      const vals = Float64Array.from(cohort.train, (k) => m.predictorValues.get(v)![k]);
      return {
        name: v,
        label: cv.label,
        from: spec.from ?? v,
        type: cv.type,
        levels: m.nomogram.predictors.find((p) => p.name === v)!.levels ?? null,
        transform: spec.transform,
        training_min: Math.min(...vals),
        training_max: Math.max(...vals),
      };
    }),
    nomogram: {
      intercept: m.nomogram.intercept,
      coefficients: Object.fromEntries(m.nomogram.predictors.map((p) => [p.name, p.coefficient])),
      axes: m.nomogram.axes,
      sc: scale.sc,
      maxscale: scale.maxscale,
      intercept_plus_sum_min: scale.interceptPlusSumMin,
      scale_axes: scale.axes.map((a) => ({
        variable: a.name,
        coefficient: scale.coefficients[a.name],
        min_xbeta: a.minXbeta,
        max_xbeta: a.maxXbeta,
        values: a.values,
        points: a.points,
      })),
      probability_to_total_points: scale.probabilityToTotalPoints.map((r) => ({ probability: r.probability, total_points: r.totalPoints })),
      threshold: m.thresholds.nomogram,
    },
  };
}
