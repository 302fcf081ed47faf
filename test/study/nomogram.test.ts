/**
 * A two-level categorical clinical variable in the nomogram: it enters as the 0/1 indicator of
 * its second level (rms's axis of a binary factor), its axis is labelled with the levels, and
 * predict maps the level names of new patients the same way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStudy } from '../../src/study/config.js';
import { runStudy } from '../../src/study/pipeline.js';
import { predict } from '../../src/study/predict.js';
import { clearTableCache } from '../../src/study/tables.js';
import { parseCsv, numericColumn } from '../../src/stats/csv.js';
import { writeSyntheticStudy } from './synthetic.js';

test('a two-level categorical variable in the nomogram: indicator axis with level labels, predict by level name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'radnomo-nomogram-'));
  try {
    const path = writeSyntheticStudy(dir, { n: 70, events: 28, seed: 17, sequences: { a: 5 }, signal: 0.9 });
    writeFileSync(path, readFileSync(path, 'utf8').replace('variables: [alb]', 'variables: [alb, sex]'));
    clearTableCache();
    const out = await runStudy(loadStudy(path), { outDir: join(dir, 'out') });
    const r = out.results;
    assert.deepEqual(r.nomogram.variables, ['radscore', 'alb', 'sex']);
    assert.deepEqual(r.models.nomogram.terms.map((t) => t.term), ['(Intercept)', 'radscore', 'alb', 'sexM']);
    const axis = r.nomogram.scale.axes.find((a) => a.variable === 'sex')!;
    assert.deepEqual(axis.values, [0, 1]);
    assert.deepEqual(axis.level_labels, ['F', 'M']);
    assert.equal(axis.label, 'sex (M vs F)');
    const b = r.models.nomogram.terms[3].coef;
    assert.ok(Math.abs(axis.points[1] - axis.points[0] - Math.abs(b) * r.nomogram.scale.sc) < 1e-9);
    const model = JSON.parse(readFileSync(join(dir, 'out', 'model.json'), 'utf8'));
    assert.deepEqual(model.clinical[1], { name: 'sex', label: 'sex', from: 'sex', type: 'categorical', levels: ['F', 'M'], transform: 'none', training_min: 0, training_max: 1 });
    const p = await predict(model, { clinical: join(dir, 'clinical.csv'), features: [join(dir, 'features_a.csv')] });
    const mine = parseCsv(p.csv, 'predict');
    const theirs = parseCsv(out.predictionsCsv, 'predictions.csv');
    const a = numericColumn(mine, 'p_nomogram');
    const e = numericColumn(theirs, 'p_nomogram');
    a.forEach((v, i) => assert.ok(Math.abs(v - e[i]) <= 1e-12, `patient ${i}`));
    const pts = numericColumn(mine, 'nomogram_points');
    numericColumn(theirs, 'nomogram_points').forEach((v, i) => assert.ok(Math.abs(v - pts[i]) <= 1e-9));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, readFileSync(join(dir, 'clinical.csv'), 'utf8').replace(/,M\n/, ',male\n'));
    await assert.rejects(predict(model, { clinical: bad, features: [join(dir, 'features_a.csv')] }), /column 'sex': 'male' is not one of the levels F, M/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
