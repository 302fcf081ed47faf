/**
 * The study cohort: the clinical table's patients with a valid outcome, their clinical variables
 * (typed, transformed, with reference levels), their split and folds, and each sequence's
 * features matched by id.
 *
 * Policies (docs/study-file.md):
 * - the outcome must be 0 or 1 for every row; anything else is an error naming the patient;
 * - a patient without a row in a sequence's feature table is excluded (`missing_sequence:
 *   exclude`, the default; listed with the reason) or is an error (`missing_sequence: error`);
 * - a missing clinical value of a declared variable is an error (`clinical.missing: error`, the
 *   default) or excludes the patient (`exclude`);
 * - ids of a feature table that are not in the clinical table are ignored, with a warning;
 * - a feature with a missing or non-finite value for an included patient (or a second-reader
 *   subject) is dropped from the study, with a warning naming it;
 * - a categorical level that no training patient has is left out of the models' designs, with a
 *   warning naming the variable, the level and the validation patients who have it.
 */
import type { StudyConfig } from './config.js';
import { idColumn, parseNumber, readCsvFile, type FeatureTable } from './tables.js';
import { splitByRatio } from './split.js';
import { stringColumn } from '../stats/csv.js';
import { stratifiedFolds } from '../stats/lasso-cv.js';
import { someOf } from './text-list.js';

export interface ClinicalVariable {
  name: string;
  label: string;
  type: 'numeric' | 'categorical';
  /** numeric values (after `transform`) of the included patients */
  numeric?: Float64Array;
  /** categorical values of the included patients */
  text?: string[];
  /** categorical: all levels, reference first */
  levels?: string[];
  /** shown in the baseline table */
  baseline: boolean;
  /** numeric variable shown as categories in the baseline table */
  baselineLevels?: string[];
}

export interface SequenceData {
  name: string;
  label: string;
  /** feature column names as in the table */
  columns: string[];
  /** pooled names (`<sequence>_<column>` when the study has several sequences) */
  names: string[];
  /** values per feature, aligned with cohort.ids */
  values: Float64Array[];
  /** second reader: subjects (indices into cohort.ids) and their values per feature; null = none */
  observer2: { rows: number[]; ids: string[]; values: Float64Array[] } | null;
  source: 'features' | 'images';
}

export interface Exclusion {
  id: string;
  reason: string;
}

export interface Cohort {
  ids: string[];
  y: Float64Array;
  split: ('train' | 'validation')[];
  train: number[];
  validation: number[];
  /** fold (1..K) of each training row, aligned with `train` */
  foldid: Int32Array;
  variables: Map<string, ClinicalVariable>;
  sequences: SequenceData[];
  excluded: Exclusion[];
  warnings: string[];
  /** the outcome column's name */
  outcome: string;
}

/**
 * A categorical variable's levels that occur in the training set, in `levels` order: the levels
 * of its design columns, the first being the reference. A level that no training patient has
 * cannot be estimated (its indicator column is all zero; R's glm reports an aliased, NA
 * coefficient), so every model leaves it out, as R's droplevels on the training data does
 * (docs/study-file.md, `levels`).
 */
export function trainingLevels(cohort: Pick<Cohort, 'train'>, v: ClinicalVariable): string[] {
  const seen = new Set(cohort.train.map((k) => v.text![k]));
  return v.levels!.filter((l) => seen.has(l));
}

/** Feature tables per declared sequence (main reader and optional second reader). */
export type SequenceTables = Map<string, { main: FeatureTable; observer2: FeatureTable | null; source: 'features' | 'images' }>;

function transformValue(v: number, t: string): number {
  switch (t) {
    case 'log10':
      return Math.log10(v);
    case 'log':
      return Math.log(v);
    case 'log2':
      return Math.log2(v);
    case 'sqrt':
      return Math.sqrt(v);
    default:
      return v;
  }
}

/** Builds the cohort from the study file and the sequences' feature tables. */
export function buildCohort(config: StudyConfig, tables: SequenceTables): Cohort {
  const f = config.file;
  const clinicalPath = config.resolvePath(f.clinical.csv);
  const table = readCsvFile(clinicalPath, f.clinical.csv);
  const allIds = idColumn(table, f.clinical.id);
  const n0 = allIds.length;
  const warnings: string[] = [];
  const reasons: string[][] = allIds.map(() => []);

  // outcome: 0/1 for every row
  if (!table.columns.includes(f.outcome.column)) {
    throw new Error(`${table.source}: no outcome column '${f.outcome.column}' (${config.where(['outcome'])}); the columns are ${table.columns.slice(0, 15).join(', ')}`);
  }
  const yRaw = stringColumn(table, f.outcome.column);
  const yAll = new Float64Array(n0);
  const badY: string[] = [];
  yRaw.forEach((s, i) => {
    const v = parseNumber(s);
    if (v !== 0 && v !== 1) badY.push(`${allIds[i]} (line ${i + 2}): ${s === null ? 'missing' : `'${s}'`}`);
    else yAll[i] = v;
  });
  if (badY.length) {
    throw new Error(
      `${table.source}: the outcome '${f.outcome.column}' must be 0 or 1 for every patient; ${badY.length} are not: ` +
        `${someOf(badY, 6)}. Recode the outcome as 0/1 (1 = the event) or remove those rows.`,
    );
  }

  // clinical variables (raw, all rows)
  type RawVar = { spec: (typeof f.clinical.variables)[string]; name: string; num?: Float64Array; txt?: (string | null)[] };
  const raws: RawVar[] = Object.entries(f.clinical.variables).map(([name, spec]) => {
    const col = spec.from ?? name;
    if (!table.columns.includes(col)) {
      throw new Error(`${table.source}: no column '${col}' for the clinical variable '${name}' (${config.where(['clinical', 'variables', name])})`);
    }
    const s = stringColumn(table, col);
    if (spec.type === 'categorical') return { spec, name, txt: s.map((v) => (v === null ? null : v.trim())) };
    const num = new Float64Array(n0);
    s.forEach((v, i) => {
      const x = parseNumber(v);
      if (x === undefined) throw new Error(`${table.source}: line ${i + 2} (${allIds[i]}), column '${col}': '${v}' is not a number; the variable '${name}' is numeric`);
      const t = transformValue(x, spec.transform);
      if (Number.isNaN(x)) num[i] = NaN;
      else if (!Number.isFinite(t)) {
        throw new Error(`${table.source}: line ${i + 2} (${allIds[i]}), column '${col}': ${spec.transform}(${x}) is not finite; '${name}' needs values > 0 for this transform`);
      } else num[i] = t;
    });
    return { spec, name, num };
  });
  for (const r of raws) {
    for (let i = 0; i < n0; i++) {
      const missing = r.num ? Number.isNaN(r.num[i]) : r.txt![i] === null || r.txt![i] === '';
      if (!missing) continue;
      if (f.clinical.missing === 'error') {
        throw new Error(
          `${table.source}: line ${i + 2} (${allIds[i]}): the clinical variable '${r.name}' is missing; ` +
            'fill it in, or set `clinical: missing: exclude` to leave such patients out of the study',
        );
      }
      reasons[i].push(`clinical variable '${r.name}' is missing`);
    }
  }

  // split column (when given)
  let splitAll: ('train' | 'validation' | null)[] | null = null;
  if (f.split.column) {
    if (!table.columns.includes(f.split.column)) {
      throw new Error(`${table.source}: no split column '${f.split.column}' (${config.where(['split', 'column'])})`);
    }
    splitAll = stringColumn(table, f.split.column).map((s, i) => {
      const v = s === null ? '' : s.trim();
      if (v === f.split.train) return 'train';
      if (v === f.split.validation) return 'validation';
      throw new Error(
        `${table.source}: line ${i + 2} (${allIds[i]}), column '${f.split.column}': '${v}' is neither '${f.split.train}' nor '${f.split.validation}'; ` +
          'set `split: train:` / `validation:` to the labels the column uses',
      );
    });
  }

  // sequences: rows by id
  const idIndex = new Map(allIds.map((id, i) => [id, i]));
  const seqRows: { name: string; rowOf: Int32Array }[] = [];
  for (const [name] of Object.entries(f.sequences)) {
    const t = tables.get(name);
    if (!t) throw new Error(`sequence '${name}': no feature table was produced`);
    const rowOf = new Int32Array(n0).fill(-1);
    const extra: string[] = [];
    t.main.ids.forEach((id, r) => {
      const i = idIndex.get(id);
      if (i === undefined) extra.push(id);
      else rowOf[i] = r;
    });
    if (extra.length) {
      warnings.push(`${t.main.source}: ${extra.length} id(s) not in the clinical table are ignored: ${someOf(extra, 8)}`);
    }
    const missing: string[] = [];
    const failed = new Map((t.main.failures ?? []).map((x) => [x.id, x.reason]));
    for (let i = 0; i < n0; i++) {
      if (rowOf[i] >= 0) continue;
      missing.push(allIds[i]);
      reasons[i].push(failed.has(allIds[i]) ? `'${name}': ${failed.get(allIds[i])}` : `no row in the '${name}' features (${t.main.source})`);
    }
    if (missing.length && f.missing_sequence === 'error') {
      throw new Error(
        `${t.main.source}: ${missing.length} patient(s) of the clinical table have no '${name}' features: ${someOf(missing, 8)}; ` +
          'add them, or set `missing_sequence: exclude` to leave them out of the study',
      );
    }
    warnings.push(...t.main.notes);
    seqRows.push({ name, rowOf });
  }

  const included: number[] = [];
  const excluded: Exclusion[] = [];
  for (let i = 0; i < n0; i++) {
    if (reasons[i].length) excluded.push({ id: allIds[i], reason: reasons[i].join('; ') });
    else included.push(i);
  }
  if (excluded.length) {
    warnings.push(`${excluded.length} patient(s) excluded: ${someOf(excluded.map((e) => `${e.id} (${e.reason})`), 6)}`);
  }
  const ids = included.map((i) => allIds[i]);
  const y = Float64Array.from(included, (i) => yAll[i]);
  const events = y.reduce((a, b) => a + b, 0);
  if (events === 0 || events === y.length) {
    throw new Error(`${table.source}: after exclusions all ${y.length} patients have outcome ${events === 0 ? 0 : 1}; a study needs events and non-events`);
  }

  // split
  const split: ('train' | 'validation')[] = splitAll
    ? included.map((i) => splitAll![i]!)
    : splitByRatio(y, f.split.ratio!, f.split.seed!, f.split.stratify);
  const train: number[] = [];
  const validation: number[] = [];
  split.forEach((s, k) => (s === 'train' ? train : validation).push(k));
  for (const [set, rows] of [['training', train], ['validation', validation]] as const) {
    const ev = rows.reduce((a, k) => a + y[k], 0);
    if (ev === 0 || ev === rows.length) {
      throw new Error(`split: the ${set} set has ${rows.length} patients and ${ev} events; both sets need events and non-events`);
    }
  }

  // folds of the training rows
  const folds = f.selection.lasso.folds;
  let foldid: Int32Array;
  if (folds.column) {
    if (!table.columns.includes(folds.column)) throw new Error(`${table.source}: no fold column '${folds.column}' (${config.where(['selection', 'lasso', 'folds', 'column'])})`);
    const s = stringColumn(table, folds.column);
    foldid = Int32Array.from(train, (k) => {
      const i = included[k];
      const v = parseNumber(s[i]);
      if (v === undefined || !Number.isInteger(v) || v < 1) {
        throw new Error(`${table.source}: line ${i + 2} (${allIds[i]}), column '${folds.column}': '${s[i] ?? ''}' is not a fold number (1..K); every training patient needs one`);
      }
      return v;
    });
  } else {
    foldid = stratifiedFolds(Float64Array.from(train, (k) => y[k]), folds.k, folds.seed!);
  }

  // clinical variables of the included patients
  const variables = new Map<string, ClinicalVariable>();
  for (const r of raws) {
    const base: ClinicalVariable = { name: r.name, label: r.spec.label ?? r.name, type: r.spec.type, baseline: r.spec.baseline };
    if (r.num) {
      base.numeric = Float64Array.from(included, (i) => r.num![i]);
      if (r.spec.baseline_levels) {
        base.baselineLevels = r.spec.baseline_levels;
        const bad = included.filter((i) => !r.spec.baseline_levels!.includes(String(r.num![i])));
        if (bad.length) throw new Error(`${table.source}: variable '${r.name}': value ${r.num![bad[0]]} of ${allIds[bad[0]]} is not one of baseline_levels ${r.spec.baseline_levels.join(', ')}`);
      }
    } else {
      const text = included.map((i) => r.txt![i] as string);
      let levels = r.spec.levels;
      if (!levels) {
        levels = [...new Set(text)].sort();
        if (r.spec.reference !== undefined) {
          if (!levels.includes(r.spec.reference)) throw new Error(`${config.where(['clinical', 'variables', r.name, 'reference'])}: reference level '${r.spec.reference}' of '${r.name}' does not occur in ${table.source}`);
          levels = [r.spec.reference, ...levels.filter((l) => l !== r.spec.reference)];
        }
      }
      text.forEach((v, k) => {
        if (!levels!.includes(v)) {
          throw new Error(`${table.source}: line ${included[k] + 2} (${ids[k]}), variable '${r.name}': '${v}' is not one of its levels ${levels!.join(', ')}; add it to \`levels\` or fix the value`);
        }
      });
      base.text = text;
      base.levels = levels;
    }
    variables.set(r.name, base);
  }

  // levels no training patient has: left out of the models' designs (trainingLevels)
  for (const v of variables.values()) {
    if (v.type !== 'categorical') continue;
    const kept = trainingLevels({ train }, v);
    for (const level of v.levels!.filter((l) => !kept.includes(l))) {
      const carriers = validation.filter((k) => v.text![k] === level).map((k) => ids[k]);
      warnings.push(
        `clinical variable '${v.name}': no training patient has the level '${level}'; it is left out of the models' design (its coefficient cannot be estimated)` +
          (level === v.levels![0] && kept.length ? `, and '${kept[0]}' is the reference level instead` : '') +
          (carriers.length ? `; validation patient(s) with it: ${someOf(carriers, 10)}` : ''),
      );
    }
  }

  // sequences' values of the included patients
  const multi = Object.keys(f.sequences).length > 1;
  const sequences: SequenceData[] = seqRows.map(({ name, rowOf }) => {
    const t = tables.get(name)!;
    const spec = f.sequences[name];
    const sameFile = t.source === 'features' && config.resolvePath(spec.features!.csv) === clinicalPath;
    // a feature table that is the clinical file itself: its declared clinical columns are not features
    const declared = new Set<string>([f.outcome.column, f.clinical.id]);
    if (sameFile && !spec.features!.columns) {
      if (f.split.column) declared.add(f.split.column);
      if (folds.column) declared.add(folds.column);
      for (const [v, s] of Object.entries(f.clinical.variables)) declared.add(s.from ?? v);
    }
    const columns: string[] = [];
    const values: Float64Array[] = [];
    const dropped: string[] = [];
    t.main.columns.forEach((c, j) => {
      if (declared.has(c)) return;
      const src = t.main.values[j];
      const v = Float64Array.from(included, (i) => src[rowOf[i]]);
      if (v.some((x) => !Number.isFinite(x))) {
        dropped.push(c);
        return;
      }
      columns.push(c);
      values.push(v);
    });
    if (dropped.length) {
      warnings.push(`sequence '${name}': ${dropped.length} feature(s) with missing or non-finite values are dropped: ${someOf(dropped, 6)}`);
    }
    let observer2: SequenceData['observer2'] = null;
    if (t.observer2) {
      const o = t.observer2;
      const pos = new Map(ids.map((id, k) => [id, k]));
      const rows: number[] = [];
      const oRows: number[] = [];
      const notIn: string[] = [];
      o.ids.forEach((id, r) => {
        const k = pos.get(id);
        if (k === undefined) notIn.push(id);
        else {
          rows.push(k);
          oRows.push(r);
        }
      });
      if (notIn.length) {
        warnings.push(`${o.source}: ${notIn.length} second-reader id(s) are not study patients and are left out of the ICC: ${notIn.slice(0, 8).join(', ')}`);
      }
      if (rows.length < 2) throw new Error(`${o.source}: ${rows.length} second-reader subject(s) among the study patients; the ICC needs at least 2`);
      const oValues: Float64Array[] = [];
      const keep: number[] = [];
      const oDropped: string[] = [];
      columns.forEach((c, j) => {
        const oj = o.columns.indexOf(c);
        if (oj < 0) throw new Error(`${o.source}: no column '${c}'; the second reader's table needs every feature column of ${t.main.source}`);
        const v = Float64Array.from(oRows, (r) => o.values[oj][r]);
        if (v.some((x) => !Number.isFinite(x))) oDropped.push(c);
        else {
          keep.push(j);
          oValues.push(v);
        }
      });
      if (oDropped.length) {
        warnings.push(`sequence '${name}': ${oDropped.length} feature(s) with missing second-reader values are dropped: ${oDropped.slice(0, 6).join(', ')}`);
        const kc = keep.map((j) => columns[j]);
        const kv = keep.map((j) => values[j]);
        columns.length = 0;
        values.length = 0;
        columns.push(...kc);
        values.push(...kv);
      }
      observer2 = { rows, ids: rows.map((k) => ids[k]), values: oValues };
    } else {
      warnings.push(`sequence '${name}': no second reader; the ICC step keeps all its features`);
    }
    if (!columns.length) throw new Error(`sequence '${name}': no usable feature column is left (${t.main.source})`);
    return {
      name,
      label: spec.label ?? name,
      columns,
      names: columns.map((c) => (multi ? `${name}_${c}` : c)),
      values,
      observer2,
      source: t.source,
    };
  });
  const seen = new Map<string, string>();
  for (const s of sequences) {
    for (const nm of s.names) {
      if (seen.has(nm)) throw new Error(`feature name '${nm}' occurs in sequences '${seen.get(nm)}' and '${s.name}'; rename a column`);
      seen.set(nm, s.name);
    }
  }

  return { ids, y, split, train, validation, foldid, variables, sequences, excluded, warnings, outcome: f.outcome.column };
}
