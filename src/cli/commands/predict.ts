/**
 * `radnomo predict --model model.json --clinical C.csv (--features F.csv | --images M.csv)`:
 * rad-score, probability and nomogram points of new patients with a frozen model
 * (src/study/predict.ts). CSV to stdout or --out (written whole); warnings on stderr.
 */
import type { Command } from 'commander';
import { readModelFile } from '../../study/model-file.js';
import { predict } from '../../study/predict.js';
import { writeFileAtomic } from '../../features/output.js';

interface PredictCommandOptions {
  model: string;
  clinical: string;
  features?: string[];
  images?: string;
  id?: string;
  out?: string;
}

export function register(program: Command): void {
  program
    .command('predict')
    .description('score new patients with a frozen model.json: rad-score, probability, nomogram points')
    .requiredOption('--model <file>', 'model.json written by `radnomo study`')
    .requiredOption('--clinical <file>', 'clinical CSV: an id column and the nomogram\'s clinical variables')
    .option('--features <file...>', 'feature table(s): a CSV with the model\'s feature names, or sequence=CSV with one sequence\'s columns')
    .option('--images <manifest>', 'images manifest (id, sequence, image, mask): features extracted with the model\'s params')
    .option('--id <column>', 'id column of the tables (default id)')
    .option('--out <file>', 'write the CSV here (written whole) instead of stdout')
    .action(async (opts: PredictCommandOptions) => {
      const model = readModelFile(opts.model);
      const r = await predict(model, {
        clinical: opts.clinical,
        features: opts.features,
        images: opts.images,
        id: opts.id,
        onProgress: (m) => process.stderr.write(`radnomo predict: ${m}\n`),
      });
      for (const w of r.warnings) process.stderr.write(`radnomo predict: warning: ${w}\n`);
      if (opts.out) writeFileAtomic(opts.out, r.csv);
      else process.stdout.write(r.csv);
    });
}
