/**
 * The statistics parity suite: every quantity of the R harness, compared at its README's
 * tolerances. It checks every single-table cohort (out/cohort_*) and the edge cases found in the
 * folder named by RADNOMO_STATS_REF (default: test/fixtures/stats), so a cohort the harness makes
 * is checked by dropping its files in. Families live in checks/*.ts, one file each.
 *
 * Prints the cohort name, a line per family with counts, and ends with "N passed, N failed";
 * the exit code is non-zero on any failure.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Recorder } from './compare.js';
import { cohortRef, type ParityCheck } from './context.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.env.RADNOMO_STATS_REF ?? join(here, '..', 'fixtures', 'stats'));

async function loadChecks(): Promise<ParityCheck[]> {
  const dir = join(here, 'checks');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
  const checks: ParityCheck[] = [];
  for (const f of files) {
    const mod = await import(pathToFileURL(join(dir, f)).href);
    const list: ParityCheck[] = Array.isArray(mod.checks) ? mod.checks : [mod.check];
    for (const c of list) if (c) checks.push(c);
  }
  return checks;
}

async function runFamily(label: string, fn: () => void | Promise<void>, rec: Recorder): Promise<void> {
  try {
    await fn();
  } catch (err) {
    rec.failed++;
    rec.failures.push(`threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
  const status = rec.failed === 0 ? 'ok' : 'FAIL';
  console.log(`  ${label.padEnd(34)} ${String(rec.passed).padStart(6)} passed ${String(rec.failed).padStart(5)} failed  ${status}`);
  for (const f of rec.failures) console.log(`      - ${f}`);
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'out'))) {
    console.error(`stats parity: no out/ folder in ${root}; set RADNOMO_STATS_REF to a folder laid out as reference/stats.`);
    process.exit(2);
  }
  const checks = await loadChecks();
  let passed = 0;
  let failed = 0;
  const cohorts = readdirSync(join(root, 'out'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith('cohort_'))
    .map((d) => d.name)
    .sort();
  for (const name of cohorts) {
    console.log(name);
    const ref = cohortRef(root, name);
    for (const c of checks) {
      if (!c.cohort) continue;
      const rec = new Recorder(c.family);
      await runFamily(c.family, () => c.cohort!(ref, rec), rec);
      passed += rec.passed;
      failed += rec.failed;
    }
  }
  const edgeFile = join(root, 'out', 'edge_cases.json');
  if (existsSync(edgeFile)) {
    console.log('edge_cases');
    const { readFileSync } = await import('node:fs');
    const json = JSON.parse(readFileSync(edgeFile, 'utf8'));
    for (const c of checks) {
      if (!c.edge) continue;
      const rec = new Recorder(c.family);
      await runFamily(c.family, () => c.edge!({ root, json }, rec), rec);
      passed += rec.passed;
      failed += rec.failed;
    }
  }
  if (passed + failed === 0) {
    console.log('no quantity was compared');
    failed = 1;
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main();
