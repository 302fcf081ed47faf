/**
 * The report page: one self-contained HTML file (inline CSS, inline SVG figures, the
 * calculator's inline script), no external resource of any kind, so it opens offline from
 * file:// and makes no network request.
 */
import { calculatorSection } from './calculator.js';
import { checklistSection } from './checklist.js';
import { calibrationFigure } from './figures/calibration.js';
import { coefficientsFigure } from './figures/coefficients.js';
import { dcaFigure } from './figures/dca.js';
import { nomogramFigure } from './figures/nomogram.js';
import { rocFigure } from './figures/roc.js';
import { methodsSection } from './methods.js';
import type { ReportData } from './report-data.js';
import { esc } from './svg.js';
import { baselineTable } from './tables/baseline.js';
import { logisticTable } from './tables/logistic.js';
import { delongTable, performanceTable } from './tables/performance.js';
import { funnelTable, iccTable } from './tables/selection.js';

export interface RenderedReport {
  html: string;
  /** figure file stem -> SVG document */
  figures: Record<string, string>;
}

const CSS = `
:root{--ink:#1b1b1b;--muted:#5a5a5a;--line:#d6d6d6;--accent:#0072B2;--warn:#D55E00}
*{box-sizing:border-box}
body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;color:var(--ink);margin:0;line-height:1.45;background:#fafafa}
header{background:#fff;border-bottom:1px solid var(--line);padding:18px 28px}
header h1{margin:0 0 4px;font-size:22px}
header p{margin:0;color:var(--muted)}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding:6px 28px;z-index:2;font-size:13px}
nav a{margin-right:14px;color:var(--accent);text-decoration:none}
main{max-width:1180px;margin:0 auto;padding:10px 28px 60px}
section{background:#fff;border:1px solid var(--line);border-radius:4px;padding:6px 20px 16px;margin:18px 0}
h2{font-size:18px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:15px}
.notice{background:#fff4e5;border:1px solid #f0c36d;padding:8px 12px;border-radius:4px}
figure{margin:14px 0}
figcaption{font-weight:bold;margin-bottom:6px}
table{border-collapse:collapse;font-size:13px;width:100%}
th,td{border-bottom:1px solid var(--line);padding:3px 7px;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #999;background:#f3f3f3}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.sig{font-weight:bold}
td.level{padding-left:22px}
td.best{font-weight:bold}
.table-notes p,.note{font-size:12px;color:var(--muted);margin:4px 0}
.figure-box{overflow-x:auto}
.figure-box svg{max-width:100%;height:auto}
.downloads{font-size:12px;color:var(--muted)}
.calc-form{display:grid;gap:6px;max-width:720px}
.calc-row{display:grid;grid-template-columns:220px 140px 110px 1fr;align-items:center;gap:8px}
.calc-row input,.calc-row select{font:inherit;padding:3px 5px}
.calc-warn{color:var(--warn);font-size:12px}
.calc-result{display:flex;gap:28px;margin:12px 0;font-size:16px}
.band-0{color:#009E73}.band-1{color:#E69F00}.band-2{color:var(--warn)}
tr.by-person td:nth-child(3){color:var(--warn)}
`;

function figureBlock(id: string, caption: string, svg: string, stem: string, downloads: boolean): string {
  const links = downloads ? `<p class="downloads">Files: figures/${esc(stem)}.svg, figures/${esc(stem)}.png</p>` : '';
  return `<figure id="${esc(id)}"><figcaption>${esc(caption)}</figcaption><div class="figure-box">${svg}</div>${links}</figure>`;
}

/** Renders the page and its figures. Pure: same data, same bytes. */
export function renderReport(data: ReportData, opts: { figureFiles?: boolean } = {}): RenderedReport {
  const files = opts.figureFiles ?? true;
  const figures: Record<string, string> = {};
  if (data.coefficients) figures['figure2-coefficients'] = coefficientsFigure(data.coefficients);
  figures['figure3-nomogram'] = nomogramFigure(data.nomogram);
  figures['figure4-roc'] = rocFigure(data.roc, 'ROC curves of the nomogram and the models');
  figures['figure5-calibration'] = calibrationFigure(data.calibration, 'Calibration curves of the nomogram');
  figures['figure6-dca'] = dcaFigure(data.dca, 'Decision curves');

  const sections: string[] = [];
  sections.push(methodsSection(data.methods));
  const clinical: string[] = [];
  if (data.table1) clinical.push(baselineTable(data.table1));
  if (data.table2) clinical.push(logisticTable(data.table2));
  if (clinical.length) sections.push(`<section id="clinical"><h2>Patients and clinical predictors</h2>${clinical.join('')}</section>`);
  const radiomics: string[] = [];
  if (data.icc?.length) radiomics.push(iccTable(data.icc));
  if (data.funnel?.length) radiomics.push(funnelTable(data.funnel));
  radiomics.push(performanceTable(data.table3));
  if (data.delong.length) radiomics.push(delongTable(data.delong));
  if (figures['figure2-coefficients']) radiomics.push(figureBlock('figure-2', `Figure 2. ${data.coefficients!.title}: coefficients in the multivariable logistic regression`, figures['figure2-coefficients'], 'figure2-coefficients', files));
  sections.push(`<section id="radiomics"><h2>Radiomics models</h2>${radiomics.join('')}</section>`);
  sections.push(
    `<section id="nomogram"><h2>Nomogram</h2>` +
      figureBlock('figure-3', 'Figure 3. The nomogram: read each predictor\'s points on the Points axis, add them, and read the risk under the total.', figures['figure3-nomogram'], 'figure3-nomogram', files) +
      figureBlock('figure-4', 'Figure 4. ROC curves in the training (A) and validation (B) cohorts, AUC with DeLong 95% CI.', figures['figure4-roc'], 'figure4-roc', files) +
      figureBlock('figure-5', 'Figure 5. Calibration curves in the training (A) and validation (B) cohorts: apparent, bias-corrected (bootstrap) and ideal.', figures['figure5-calibration'], 'figure5-calibration', files) +
      figureBlock('figure-6', 'Figure 6. Decision curves in the training (A) and validation (B) cohorts: net benefit of the models, treat-all and treat-none, and net interventions avoided.', figures['figure6-dca'], 'figure6-dca', files) +
      `</section>`,
  );
  sections.push(calculatorSection(data.calculator, nomogramFigure(data.nomogram, { interactive: true })));
  sections.push(checklistSection(data.checklist));

  const nav = [['methods', 'Methods'], ['clinical', 'Clinical'], ['radiomics', 'Radiomics models'], ['nomogram', 'Nomogram & figures'], ['calculator', 'Risk calculator'], ['checklist', 'Checklists']]
    .filter(([id]) => id !== 'clinical' || clinical.length)
    .map(([id, label]) => `<a href="#${id}">${label}</a>`)
    .join('');
  const html =
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">` +
    // no request of any kind leaves the page: scripts and styles inline only
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">` +
    `<title>${esc(data.title)}</title><style>${CSS}</style></head><body>` +
    `<header><h1>${esc(data.title)}</h1><p>${esc(data.subtitle)}</p></header><nav>${nav}</nav><main>` +
    (data.notice ? `<p class="notice">${esc(data.notice)}</p>` : '') +
    sections.join('') +
    `</main></body></html>\n`;
  return { html, figures };
}
