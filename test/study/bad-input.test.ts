/**
 * Bad input to a study, a test each: ids missing from a table, duplicate ids, an outcome that is
 * not 0/1, a sequence missing for some patients (the policy: such patients are excluded and
 * listed with the reason, or the study stops with `missing_sequence: error`), too few events for
 * the model (an events-per-variable warning), and an unknown key in the study file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStudy } from '../../src/study/config.js';
import { runStudy } from '../../src/study/pipeline.js';
import { clearTableCache } from '../../src/study/tables.js';
import { fitModel } from '../../src/study/models.js';
import { writeSyntheticStudy, type SyntheticSpec } from './synthetic.js';

const SPEC: SyntheticSpec = { n: 60, events: 24, seed: 21, sequences: { a: 6 }, signal: 0.8 };

async function withStudy<T>(spec: SyntheticSpec, opts: Parameters<typeof writeSyntheticStudy>[2], f: (path: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'radnomo-bad-'));
  try {
    clearTableCache();
    return await f(writeSyntheticStudy(dir, spec, opts));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const run = (path: string) => runStudy(loadStudy(path));

test('a patient missing from a feature table is excluded and listed with the reason; with missing_sequence: error the study stops naming them', async () => {
  const drop = (_s: string, rows: (string | number | null)[][]) => rows.splice(rows.findIndex((r) => r[0] === 'S007'), 1);
  const out = await withStudy(SPEC, { editFeatures: drop }, run);
  assert.deepEqual(out.results.cohort.excluded, [{ id: 'S007', reason: "no row in the 'a' features (features_a.csv)" }]);
  assert.equal(out.results.cohort.n, 59);
  assert.ok(!out.predictionsCsv.includes('S007'));
  assert.ok(out.results.warnings.some((w) => /1 patient\(s\) excluded: S007/.test(w)));
  await withStudy(SPEC, { editFeatures: drop, extraYaml: 'missing_sequence: error\n' }, async (path) => {
    await assert.rejects(run(path), /features_a\.csv: 1 patient\(s\) of the clinical table have no 'a' features: S007; add them, or set `missing_sequence: exclude`/);
  });
});

test('ids of a feature table that are not in the clinical table are ignored with a warning', async () => {
  const extra = (_s: string, rows: (string | number | null)[][]) => rows.push(['X999', ...rows[0].slice(1)]);
  const out = await withStudy(SPEC, { editFeatures: extra }, run);
  assert.equal(out.results.cohort.n, 60);
  assert.ok(out.results.warnings.some((w) => /features_a\.csv: 1 id\(s\) not in the clinical table are ignored: X999/.test(w)));
});

test('duplicate ids are an error naming the id and its lines', async () => {
  await withStudy(SPEC, { editClinical: (rows) => (rows[5][0] = 'S005') }, async (path) => {
    await assert.rejects(run(path), /clinical\.csv: duplicate patient ids: 'S005' on lines 6 and 7; each patient must appear once/);
  });
  await withStudy(SPEC, { editFeatures: (_s, rows) => rows.push([...rows[9]]) }, async (path) => {
    await assert.rejects(run(path), /features_a\.csv: duplicate patient ids: 'S010' on lines 11 and 62/);
  });
});

test('an outcome that is not 0/1 is an error naming the patients and the values', async () => {
  await withStudy(SPEC, { editClinical: (rows) => { rows[2][1] = 2; rows[4][1] = 'yes'; rows[8][1] = null; } }, async (path) => {
    await assert.rejects(run(path), /clinical\.csv: the outcome 'er' must be 0 or 1 for every patient; 3 are not: S003 \(line 4\): '2', S005 \(line 6\): 'yes', S009 \(line 10\): missing/);
  });
});

test('a sequence missing for some patients: they are excluded (policy: missing_sequence), each with its reason', async () => {
  const spec: SyntheticSpec = { ...SPEC, sequences: { a: 5, b: 5 } };
  const drop = (s: string, rows: (string | number | null)[][]) => {
    if (s === 'b') for (const id of ['S002', 'S030']) rows.splice(rows.findIndex((r) => r[0] === id), 1);
  };
  const out = await withStudy(spec, { editFeatures: drop }, run);
  assert.deepEqual(out.results.cohort.excluded, [
    { id: 'S002', reason: "no row in the 'b' features (features_b.csv)" },
    { id: 'S030', reason: "no row in the 'b' features (features_b.csv)" },
  ]);
  assert.equal(out.results.cohort.n, 58);
  // both sequences' models use the same 58 patients
  assert.ok(out.results.performance.every((p) => p.train.n + p.validation.n === 58));
});

test('too few events for a model: an events-per-variable warning naming the model, the events and the candidates', async () => {
  const out = await withStudy({ n: 40, events: 10, seed: 7, sequences: { a: 6 }, signal: 1.5 }, {}, run);
  const rad = out.results.radiomics_models[0];
  const events = out.results.cohort.splits.train.events;
  const k = rad.features.length;
  assert.equal(rad.fit.epv, events / k);
  assert.ok(rad.fit.epv < 10);
  // the candidates: the features that reached the outcome-driven steps (6, none dropped by the ICC), the three screened
  // clinical variables (alb passed the univariable screen), and the listed one
  const candidates = out.results.selection.models[0].counts.step1_icc;
  assert.equal(candidates, 6);
  const tail = '; the model is likely overfitted and its training performance optimistic';
  const expected = [
    `radiomics model 'm_a': ${k} coefficient(s) on ${events} events of the training set: ${(events / k).toFixed(1)} events per variable (< 10), ` +
      `chosen from 6 feature(s) left by the ICC step: ${(events / 6).toFixed(2)} events per candidate coefficient${tail}`,
    `multivariable clinical model: 1 coefficient(s) on ${events} events of the training set: ${events.toFixed(1)} events per variable (< 10), ` +
      `chosen from 3 screened clinical variable(s): ${(events / 3).toFixed(2)} events per candidate coefficient${tail}`,
    `clinical model: 1 coefficient(s) on ${events} events of the training set: ${events.toFixed(1)} events per variable (< 10), ` +
      `chosen from the 1 variable(s) listed in the study file: ${events.toFixed(2)} events per candidate coefficient${tail}`,
    `nomogram model: 2 coefficient(s) on ${events} events of the training set: ${(events / 2).toFixed(1)} events per variable (< 10), ` +
      `chosen from 6 feature(s) left by the ICC step for the rad-score and the 1 variable(s) listed in the study file: ${(events / 7).toFixed(2)} events per candidate coefficient${tail}`,
  ];
  for (const e of expected) assert.ok(out.results.warnings.includes(e), `${e}\nnot in\n${out.results.warnings.join('\n')}`);
});

test('an unknown key in the study file stops the study before any work, naming the key and its line', async () => {
  await withStudy(SPEC, { extraYaml: 'best_modle: { rule: validation_auc }\n' }, async (path) => {
    assert.throws(() => loadStudy(path), /study\.yaml:\d+: unknown key 'best_modle' in \(top level\)/);
  });
});

test("a separated training outcome: an error that names the model and the remedies; with separation: firth, Firth's fit", async () => {
  const spec: SyntheticSpec = { n: 40, events: 16, seed: 8, sequences: { a: 4 }, signal: 6, signalFeatures: 1 };
  await withStudy(spec, {}, async (path) => {
    await assert.rejects(run(path), /model 'm_a': the training outcome is completely separated by 'original_firstorder_F[13]'.*Set `evaluation: separation: firth`/);
  });
  // Firth's fit of a separated model: finite coefficients, profile penalised-likelihood limits, a warning
  const x = Float64Array.from({ length: 30 }, (_, i) => i + (i % 3) * 0.1);
  const y = Float64Array.from(x, (v) => (v > 14.5 ? 1 : 0));
  const opts = { profile: true, epvMin: 10, outcome: 'er', onSeparation: 'throw' as const };
  assert.throws(() => fitModel('sep', [{ name: 'x', values: x }], y, opts), /model 'sep': the training outcome is completely separated by 'x'/);
  const m = fitModel('sep', [{ name: 'x', values: x }], y, { ...opts, separation: 'firth' });
  assert.ok(m.warnings.some((w) => /Firth's penalised likelihood/.test(w)));
  assert.ok(m.fit.coefficients.every((b) => Number.isFinite(b)));
  assert.ok(m.fit.coefficients[1] > 0);
  assert.ok(m.profile!.lower[1] < m.fit.coefficients[1] && m.fit.coefficients[1] < m.profile!.upper[1]);
});

test('a categorical level no training patient has: dropped from the designs (fits as without it), warned with the validation patients, the variable left out of the models that score them', async () => {
  const spec: SyntheticSpec = { n: 36, events: 14, seed: 5, sequences: { a: 4 } };
  const carriers: string[] = [];
  const twoOther = (rows: (string | number | null)[][]) => {
    for (const r of rows.filter((x) => x[2] === 'validation').slice(0, 2)) {
      r[6] = 'other';
      carriers.push(String(r[0]));
    }
  };
  // sex in the nomogram's list; with `levels`, two validation patients have the level 'other'
  const runWith = (levels: string | null) =>
    withStudy(spec, { editClinical: levels ? twoOther : undefined }, async (path) => {
      const text = readFileSync(path, 'utf8').replace('variables: [alb]', 'variables: [alb, sex]');
      writeFileSync(path, levels ? text.replace('levels: [F, M]', `levels: ${levels}`) : text);
      return run(path);
    });
  const base = await runWith(null);
  assert.deepEqual(base.results.clinical.selected, ['alb', 'sex']);
  const uniSex = (o: typeof base) => o.results.clinical.univariable.find((u) => u.variable === 'sex')!.model;
  for (const [levels, reference] of [['[F, M, other]', null], ['[other, F, M]', 'F']] as const) {
    carriers.length = 0;
    const out = await runWith(levels);
    assert.equal(carriers.length, 2);
    const w = out.results.warnings;
    const dropped =
      "clinical variable 'sex': no training patient has the level 'other'; it is left out of the models' design (its coefficient cannot be estimated)" +
      (reference ? `, and '${reference}' is the reference level instead` : '') +
      `; validation patient(s) with it: ${carriers.join(', ')}`;
    assert.ok(w.includes(dropped), w.join('\n'));
    const leftOut =
      `clinical variable 'sex' is left out of the clinical model and the nomogram: validation patient(s) ${carriers.join(', ')} ` +
      "have the level(s) 'other', which no training patient has, so a model with it could not score them";
    assert.ok(w.includes(leftOut), w.join('\n'));
    // the training data are those of the study without the level: the same fit, as R's droplevels gives
    assert.deepEqual(uniSex(out), uniSex(base));
    assert.deepEqual(out.results.clinical.selected, ['alb']);
    assert.deepEqual(out.results.nomogram.variables, ['radscore', 'alb']);
    const lines = out.predictionsCsv.trim().split('\n');
    assert.equal(lines.length, 1 + 36);
    assert.ok(lines.slice(1).every((l) => l.split(',').slice(2).every((c) => Number.isFinite(Number(c)))), 'every prediction is a number');
  }
});
