/**
 * `radnomo merge PART... --out FILE`: join the parts of a sharded batch (`radnomo extract --batch
 * ... --shard K/N --out part-K.csv`) into one features CSV, byte-identical to an unsharded run's.
 * Parts made with other settings or of another manifest are refused, naming the part and what
 * differs; the parts' errors files are joined into FILE.errors.csv.
 */
import type { Command } from 'commander';
import { mergeBatchFiles } from '../../features/batch-merge.js';
import { errorsPath } from '../../features/batch.js';
import { batchTableCsv, errorsCsv } from '../../features/batch-table.js';
import { writeFileAtomic } from '../../features/output.js';
import { rmSync } from 'node:fs';

interface MergeOptions {
  out?: string;
}

function ranges(rows: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
    out.push(i === j ? String(rows[i]) : `${rows[i]}-${rows[j]}`);
    i = j;
  }
  return out.join(', ');
}

export function register(program: Command): void {
  program
    .command('merge')
    .description('join the parts of a sharded batch (radnomo extract --batch --shard K/N) into one features CSV, rows in manifest order')
    .argument('<parts...>', 'the part files (any order)')
    .option('--out <file>', 'the merged features CSV (written whole); failures of the parts go to FILE.errors.csv')
    .action((parts: string[], opts: MergeOptions) => {
      if (!opts.out) throw new Error('merge needs --out FILE');
      const merged = mergeBatchFiles(parts);
      writeFileAtomic(opts.out, batchTableCsv(merged.table));
      if (merged.errors.length > 0) writeFileAtomic(errorsPath(opts.out), errorsCsv(merged.errors));
      else rmSync(errorsPath(opts.out), { force: true });
      const p = 'radnomo merge:';
      const lines = [`${p} ${parts.length} part(s), ${merged.table.rows.length} row(s) written to ${opts.out}.`];
      if (merged.errors.length > 0) lines.push(`${p} ${merged.errors.length} case(s) failed in the parts; they are listed in ${errorsPath(opts.out)}.`);
      if (merged.missingRows.length > 0) {
        lines.push(`${p} manifest rows ${ranges(merged.missingRows)} are in no part and in no errors file: is a part missing, or still running?`);
      }
      process.stderr.write(lines.join('\n') + '\n');
    });
}
