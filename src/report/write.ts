/**
 * Writes a rendered report to a folder: index.html and figures/<name>.svg and .png. Each file
 * is written whole or not at all (temporary file, then rename).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReport } from './html.js';
import { pngAvailable, svgToPng } from './png.js';
import type { ReportData } from './report-data.js';

export interface WrittenReport {
  index: string;
  figures: string[];
  /** why PNG files are missing, when they are */
  pngSkipped?: string;
}

export function writeWhole(path: string, data: string | Buffer): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export function writeReportFiles(outDir: string, data: ReportData, opts: { png?: boolean } = {}): WrittenReport {
  const wantPng = opts.png ?? true;
  const png = wantPng && pngAvailable();
  const rendered = renderReport(data, { figureFiles: true });
  const figDir = join(outDir, 'figures');
  mkdirSync(figDir, { recursive: true });
  const figures: string[] = [];
  for (const [stem, svg] of Object.entries(rendered.figures)) {
    const svgPath = join(figDir, `${stem}.svg`);
    writeWhole(svgPath, svg);
    figures.push(svgPath);
    if (png) {
      const pngPath = join(figDir, `${stem}.png`);
      writeWhole(pngPath, svgToPng(svg, 2));
      figures.push(pngPath);
    }
  }
  const index = join(outDir, 'index.html');
  writeWhole(index, rendered.html);
  return { index, figures, pngSkipped: wantPng && !png ? '@resvg/resvg-js is not installed for this platform' : undefined };
}
