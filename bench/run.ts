/**
 * `npm run bench`: runs every bench/*.bench.ts (or those whose name contains an argument) one
 * after the other, each in its own process so that peak memory is measured per benchmark.
 * Benchmarks print their own figures.
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n## ${f}`);
  // tsx/esm, not tsx: tsx's CommonJS hooks detach an ArrayBuffer on the main thread, which slows
  // every typed-array access afterwards; the CLI (built JavaScript) detaches none
  const r = spawnSync(process.execPath, ['--import', 'tsx/esm', '--expose-gc', join(here, f)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
