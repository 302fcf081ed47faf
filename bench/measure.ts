/** Small timing helpers for benchmarks: best-of-n wall time and peak resident memory. */
import { performance } from 'node:perf_hooks';

/** Runs fn `repeat` times (after one warm-up) and returns the fastest run in milliseconds. */
export async function bestOf<T>(repeat: number, fn: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  let result = await fn();
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    result = await fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, result };
}

/** Peak resident set size of this process so far, in MB (from the kernel's high-water mark). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
