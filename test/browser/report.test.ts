/**
 * The report in a real browser (Debian's chromium driven by playwright-core): it loads from
 * file:// with no console error and no network request, every figure renders with its
 * elements, and the calculator's probability equals the model's logistic formula. Screenshots
 * go to test-artifacts/ (git-ignored).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { writeReportFiles } from '../../src/report/write.js';
import { writeReport } from '../../src/report/index.js';
import { loadStudy } from '../../src/study/config.js';
import { runStudy } from '../../src/study/pipeline.js';
import { reportDataFromR } from '../report/r-report-data.js';
import { openReportPage, CHROMIUM } from './browser.js';

const here = dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = join(here, '..', '..', 'test-artifacts', 'browser');

interface FigureSummary {
  kind: string; w: number; h: number; roc: number; apparent: number; corrected: number;
  nb: number; all: number; none: number; axes: number; bars: number; markers: number;
}

const FIGURE_SUMMARY = `[...document.querySelectorAll('main svg[data-figure]')].map((s) => {
  const b = s.getBBox();
  const count = (sel) => s.querySelectorAll(sel).length;
  return {
    kind: s.getAttribute('data-figure'), w: b.width, h: b.height,
    roc: count('path.roc-curve'), apparent: count('path.apparent'), corrected: count('path.bias-corrected'),
    nb: count('path.nb-model'), all: count('path.nb-treat-all'), none: count('line.nb-treat-none'),
    axes: count('g.predictor-axis'), bars: count('rect.bar'), markers: count('g.nomogram-marker'),
  };
})`;

test('report page in chromium: no error, no request, figures drawn, calculator = logistic formula', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (apt-get install -y chromium): browser test skipped` }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'radnomo-report-'));
  try {
    const data = reportDataFromR();
    const written = writeReportFiles(dir, data, { png: false });
    mkdirSync(ARTIFACTS, { recursive: true });
    const session = await openReportPage(pathToFileURL(written.index).href);
    try {
      const { page } = session;
      assert.deepEqual(session.errors, [], 'console errors');
      assert.deepEqual(session.requests, [], 'requests other than file:// and data:');
      // every figure renders: a non-empty SVG with its elements
      // a string, not a function: tsx would wrap inner functions in a helper the page lacks
      const figures = (await page.evaluate(FIGURE_SUMMARY)) as FigureSummary[];
      const byKind = (k: string) => figures.filter((f) => f.kind === k);
      assert.deepEqual(figures.map((f) => f.kind), ['coefficients', 'nomogram', 'roc', 'calibration', 'dca', 'nomogram']);
      for (const f of figures) assert.ok(f.w > 300 && f.h > 200, `${f.kind} is drawn (${f.w} × ${f.h})`);
      assert.equal(byKind('roc')[0].roc, 6);
      assert.equal(byKind('calibration')[0].apparent, 2);
      assert.equal(byKind('calibration')[0].corrected, 1);
      assert.deepEqual([byKind('dca')[0].nb, byKind('dca')[0].all, byKind('dca')[0].none], [6, 2, 2]);
      assert.equal(byKind('nomogram')[0].axes, 3);
      assert.equal(byKind('nomogram')[1].markers, 5);
      assert.equal(byKind('coefficients')[0].bars, data.coefficients!.features.length);
      await page.screenshot({ path: join(ARTIFACTS, 'report-full.png'), fullPage: true });

      // the calculator: the paper's Figure 7 patient (rad-score 1.16, albumin 50.9 g/L, one tumour)
      const model = data.calculator;
      const inputs: Record<string, number> = { radscore: 1.16, alb: 50.9, tumor_number: 1 };
      for (const [j, p] of model.predictors.entries()) {
        const sel = `#calc-in-${j}`;
        if (p.choices) await page.selectOption(sel, String(inputs[p.name]));
        else await page.fill(sel, String(inputs[p.name]));
      }
      const shown = (await page.evaluate(`(() => {
        const r = document.getElementById('calc-result');
        return { p: Number(r.getAttribute('data-probability')), total: Number(r.getAttribute('data-total')), text: document.getElementById('calc-prob').textContent, band: document.getElementById('calc-band').textContent };
      })()`)) as { p: number; total: number; text: string; band: string };
      const lp = model.intercept + model.predictors.reduce((s, p) => s + p.coefficient * inputs[p.name], 0);
      const expected = 1 / (1 + Math.exp(-lp));
      assert.ok(Math.abs(shown.p - expected) <= 1e-12 * expected, `calculator ${shown.p} vs formula ${expected}`);
      assert.equal(shown.text, expected.toFixed(3));
      const total = model.predictors.reduce((s, p) => s + (p.coefficient * inputs[p.name] - p.minXbeta) * model.sc, 0);
      assert.ok(Math.abs(shown.total - total) <= 1e-9);
      assert.equal(shown.band, expected >= model.bands.cutoffs[0] ? 'High risk' : 'Low risk');
      // a marker moved onto the total-points axis
      const marker = await page.getAttribute('#nomogram-marker-total', 'visibility');
      assert.equal(marker, 'visible');
      await page.locator('#calculator').screenshot({ path: join(ARTIFACTS, 'calculator.png') });
      assert.deepEqual(session.errors, []);
      assert.deepEqual(session.requests, []);
    } finally {
      await session.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a study run\'s report in chromium: the calculator computes model.json\'s formula', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (apt-get install -y chromium): browser test skipped` }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'radnomo-run-'));
  try {
    // the R harness's multi-sequence cohort as a study (feature tables, no images): results.json + model.json
    await runStudy(loadStudy(join(here, '..', '..', 'examples', 'multiseq-a', 'study.yaml')), { outDir: dir });
    const written = writeReport(dir, { png: false });
    const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    mkdirSync(ARTIFACTS, { recursive: true });
    const session = await openReportPage(pathToFileURL(written.index).href);
    try {
      const { page } = session;
      const kinds = (await page.evaluate(`[...document.querySelectorAll('main svg[data-figure]')].map((s) => s.getAttribute('data-figure'))`)) as string[];
      assert.deepEqual(kinds, ['coefficients', 'nomogram', 'roc', 'calibration', 'dca', 'nomogram']);
      const names = model.nomogram.scale_axes.map((a: { variable: string }) => a.variable) as string[];
      // two patients: the first axis values, and the last ones
      for (const pick of [(v: number[]) => v[0], (v: number[]) => v[v.length - 1]]) {
        const x: Record<string, number> = {};
        for (const [j, a] of (model.nomogram.scale_axes as { variable: string; values: number[] }[]).entries()) {
          x[a.variable] = pick(a.values);
          const tag = (await page.evaluate(`document.getElementById('calc-in-${j}').tagName`)) as string;
          if (tag === 'SELECT') await page.selectOption(`#calc-in-${j}`, String(x[a.variable]));
          else await page.fill(`#calc-in-${j}`, String(x[a.variable]));
        }
        const shown = Number(await page.getAttribute('#calc-result', 'data-probability'));
        const lp = model.nomogram.intercept + names.reduce((s, v) => s + model.nomogram.coefficients[v] * x[v], 0);
        const expected = 1 / (1 + Math.exp(-lp));
        assert.ok(Math.abs(shown - expected) <= 1e-12 * Math.max(expected, 1e-300), `calculator ${shown} vs model.json ${expected}`);
        // and the total points match model.json's points table
        const total = Number(await page.getAttribute('#calc-result', 'data-total'));
        const tableTotal = (model.nomogram.scale_axes as { variable: string; values: number[]; points: number[] }[]).reduce((s, a) => s + a.points[a.values.indexOf(x[a.variable])], 0);
        assert.ok(Math.abs(total - tableTotal) <= 1e-9, `total ${total} vs points table ${tableTotal}`);
      }
      await page.locator('#calculator').screenshot({ path: join(ARTIFACTS, 'calculator-study-run.png') });
      assert.deepEqual(session.errors, []);
      assert.deepEqual(session.requests, []);
    } finally {
      await session.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
