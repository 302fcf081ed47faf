/**
 * Runs the radnomo CLI in this process (fast: no new Node and no second load of the wasm
 * pipelines) and reports what a shell would see: the exit status the entry point gives (1 when
 * the command rejects, as bin/radnomo.js and src/cli/main.ts do), stdout and stderr.
 * Output is captured only inside the command's own async context, so the test reporter's
 * writes to stdout pass through untouched. cli.test.ts checks the real entry point in a child.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { main } from '../../src/cli/main.js';

interface Captured { stdout: string; stderr: string }
const context = new AsyncLocalStorage<Captured>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name];
    const write = stream.write.bind(stream) as (...a: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const c = context.getStore();
      if (!c) return write(chunk, ...rest);
      c[name] += String(chunk);
      return true;
    }) as typeof stream.write;
  }
}

export async function runCli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  install();
  const captured: Captured = { stdout: '', stderr: '' };
  return context.run(captured, async () => {
    try {
      await main(['node', 'radnomo', ...args]);
      return { status: 0, ...captured };
    } catch (e) {
      captured.stderr += `radnomo: ${e instanceof Error ? e.message : String(e)}\n`;
      return { status: 1, ...captured };
    }
  });
}
