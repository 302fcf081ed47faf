/**
 * writeReport on a real run: the multiseq-a example study (R's multi-sequence cohort as feature
 * tables) through runStudy, then the report from its results.json and model.json: the page's
 * Table 3 shows R's table3.json, the files are written, and bad folders get clear errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeReport } from '../../src/report/index.js';
import { loadStudy } from '../../src/study/config.js';
import { runStudy } from '../../src/study/pipeline.js';
import * as R from './r-fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));

test('writeReport on a study run: Table 3 is R\'s, figures written as SVG and PNG', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'radnomo-write-report-'));
  try {
    await runStudy(loadStudy(join(here, '..', '..', 'examples', 'multiseq-a', 'study.yaml')), { outDir: dir });
    const w = writeReport(dir);
    assert.equal(w.index, join(dir, 'report', 'index.html'));
    const html = readFileSync(w.index, 'utf8');
    const t3 = R.readOut('multiseq_A', 'table3.json');
    for (const r of t3.rows) {
      const auc = `${r.validation.auc.toFixed(3)} (${r.validation.auc_lower.toFixed(3)}–${r.validation.auc_upper.toFixed(3)})`;
      assert.ok(html.includes(auc), `validation AUC of ${r.model}: ${auc}`);
    }
    assert.ok(html.includes(`${t3.other_models.nomogram.train.auc.toFixed(3)} (`));
    for (const stem of ['figure2-coefficients', 'figure3-nomogram', 'figure4-roc', 'figure5-calibration', 'figure6-dca']) {
      assert.ok(existsSync(join(dir, 'report', 'figures', `${stem}.svg`)));
      if (!w.pngSkipped) {
        const png = readFileSync(join(dir, 'report', 'figures', `${stem}.png`));
        assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      }
    }
    // a second rebuild gives the same page
    writeReport(dir, { png: false });
    assert.equal(readFileSync(w.index, 'utf8'), html);
    // errors name the file and what to do
    writeFileSync(join(dir, 'model.json'), '{"format":"something-else"}');
    assert.throws(() => writeReport(dir), /model\.json: not a radnomo model file/);
    rmSync(join(dir, 'results.json'));
    assert.throws(() => writeReport(dir), /results\.json: no results\.json here; give the folder that `radnomo study` wrote/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the calculator: a continuous predictor whose pretty() axis has at most 10 integer ticks stays a number input; unique-value axes are choices', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'radnomo-calculator-inputs-'));
  try {
    await runStudy(loadStudy(join(here, '..', '..', 'examples', 'multiseq-a', 'study.yaml')), { outDir: dir });
    // The demo's rad-score got the axis -12, -10, ..., 6 from pretty(): ten integers, like a unique-value axis.
    const ticks = [-12, -10, -8, -6, -4, -2, 0, 2, 4, 6];
    for (const file of ['model.json', 'results.json']) {
      const json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const axes = file === 'model.json' ? json.nomogram.scale_axes : json.nomogram.scale.axes;
      const axis = axes.find((a: { variable: string }) => a.variable === 'radscore');
      axis.values = ticks;
      if (axis.points) axis.points = axis.points.slice(0, ticks.length);
      writeFileSync(join(dir, file), JSON.stringify(json));
    }
    const html = readFileSync(writeReport(dir, { png: false }).index, 'utf8');
    assert.match(html, /<input id="calc-in-\d+" name="radscore" type="number" step="0\.01"/);
    assert.match(html, /<input id="calc-in-\d+" name="alb" type="number"/);
    assert.match(html, /<select id="calc-in-\d+" name="tumor_number">/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
