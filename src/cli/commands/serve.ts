/**
 * `radnomo serve DIR`: serves a report on http://127.0.0.1:PORT/ (this machine only) until
 * interrupted. DIR is a report folder, or a run folder holding report/.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveFolder } from '../../report/serve.js';

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve a report on 127.0.0.1 (this machine only); the page also opens from file:// without it')
    .argument('<dir>', 'a report folder, or a study run folder with report/ in it')
    .option('--port <n>', 'TCP port (0: any free port)', '8080')
    .action(async (dir: string, opts: { port: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${opts.port}: give a port number from 0 to 65535`);
      const root = !existsSync(join(dir, 'index.html')) && existsSync(join(dir, 'report', 'index.html')) ? join(dir, 'report') : dir;
      const s = await serveFolder(root, { port });
      process.stdout.write(`serving ${root} on ${s.url} (Ctrl-C stops)\n`);
      const stop = (): void => {
        void s.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
