/**
 * The radnomo command line: argument parsing only. Each command lives in commands/<name>.ts
 * and exports `register(program)`; the logic it calls is in the library, so a library user
 * gets the same behaviour.
 */
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { commands } from './commands/index.js';

export function packageVersion(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['..', '../..']) {
    try {
      return JSON.parse(readFileSync(join(here, up, 'package.json'), 'utf8')).version as string;
    } catch { /* try the next level: src/cli and dist/cli sit at different depths */ }
  }
  return 'unknown';
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('radnomo')
    .description('Radiomics from medical images to a validated clinical nomogram.')
    .version(packageVersion())
    .showHelpAfterError('(run with --help for usage)');
  for (const register of commands) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv);
}

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  main(process.argv).catch((err: unknown) => {
    process.stderr.write(`radnomo: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
