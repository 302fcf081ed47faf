/**
 * `radnomo extract IMAGE MASK`: PyRadiomics' features of one case, as one CSV row (with a header)
 * or one JSON object, to stdout or --out. Options mirror PyRadiomics' command line: --params (a
 * PyRadiomics YAML/JSON file), --preset (a shipped params file), --label and --setting override it.
 */
import type { Command } from 'commander';
import { extractFiles } from '../../features/extractor.js';
import { toCsv, toJson, writeFileAtomic } from '../../features/output.js';
import {
  defaultExtractionParams, parseSettingOverride, readParamsFile, readPreset, type ExtractionParams, type SettingEntry,
} from '../../features/params.js';
import { addBatchOptions, runBatchCommand, type BatchCommandOptions } from '../extract-batch.js'; // batch mode (engineer G)

export interface ExtractCommandOptions {
  params?: string;
  preset?: string;
  label?: string;
  setting?: string[];
  out?: string;
  format?: string;
}

/** The params and overrides the options ask for (shared with future batch extraction). */
export function paramsFromOptions(opts: ExtractCommandOptions): { params: ExtractionParams; overrides: SettingEntry[] } {
  if (opts.params && opts.preset) throw new Error('give either --params FILE or --preset NAME, not both');
  const params = opts.preset ? readPreset(opts.preset) : opts.params ? readParamsFile(opts.params) : defaultExtractionParams();
  const overrides = (opts.setting ?? []).map(parseSettingOverride);
  if (opts.label !== undefined) {
    const label = Number(opts.label);
    if (!Number.isInteger(label) || label <= 0) throw new Error(`--label '${opts.label}': the label is an integer > 0 (the mask value of the ROI)`);
    overrides.push({ key: 'label', value: label, raw: label });
  }
  return { params, overrides };
}

/** Commander's collector for a repeatable option: every occurrence appended. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function outputFormat(opts: ExtractCommandOptions): 'csv' | 'json' {
  const f = (opts.format ?? (opts.out?.toLowerCase().endsWith('.json') ? 'json' : 'csv')).toLowerCase();
  if (f !== 'csv' && f !== 'json') throw new Error(`--format '${opts.format}': choose csv or json`);
  return f;
}

export function register(program: Command): void {
  const command = program
    .command('extract')
    .description('PyRadiomics features of one image and mask: one row, diagnostics_* then features, PyRadiomics names and order')
    .argument('[image]', 'image file (NRRD, NIfTI, MetaImage, ...)')
    .argument('[mask]', 'mask (label map) on the same grid')
    .option('--params <file>', 'PyRadiomics parameter file (YAML or JSON); default: PyRadiomics defaults')
    .option('--preset <name>', 'a params file shipped with radnomo (presets/<name>.yaml), instead of --params')
    .option('--label <n>', 'mask value of the ROI (overrides the params file; default 1)')
    // one value per --setting (repeatable): a variadic option would swallow IMAGE MASK after it
    .option('--setting <key:value>', 'override a setting, e.g. --setting binWidth:5 (repeat for more)', collect, [] as string[])
    .option('--out <file>', 'write to this file (written whole, or not at all) instead of stdout')
    .option('--format <csv|json>', 'output format (default csv, or json for an --out ending in .json)');
  addBatchOptions(command) // batch mode: src/cli/extract-batch.ts
    .action(async (image: string | undefined, mask: string | undefined, opts: ExtractCommandOptions & BatchCommandOptions) => {
      if (opts.batch !== undefined) return runBatchCommand(opts, [image, mask], paramsFromOptions(opts));
      if (image === undefined || mask === undefined) throw new Error('give IMAGE and MASK (or --batch MANIFEST --out FILE for many cases)');
      const { params, overrides } = paramsFromOptions(opts);
      const format = outputFormat(opts);
      const result = await extractFiles(image, mask, { params, overrides });
      for (const w of result.warnings) process.stderr.write(`radnomo extract: ${w}\n`);
      const text = format === 'json' ? toJson([result.row]) : toCsv([result.row]);
      if (opts.out) writeFileAtomic(opts.out, text);
      else process.stdout.write(text);
    });
}
