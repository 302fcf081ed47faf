/**
 * Batch progress on stderr: on a terminal one line redrawn in place (a bar, counts, speed, time
 * left); otherwise (a log file, a cluster job) one plain line per finished case.
 */
import type { BatchProgress } from '../features/batch.js';

/** "1h02m", "3m05s", "42s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Estimated time left: the average wall time per finished case so far, times the cases left. */
export function remainingMs(p: Pick<BatchProgress, 'done' | 'total' | 'elapsedMs'>): number | undefined {
  if (p.done === 0) return undefined;
  return (p.elapsedMs / p.done) * (p.total - p.done);
}

export interface ProgressView {
  update(p: BatchProgress): void;
  /** Leave the terminal line clean before the summary. */
  finish(): void;
}

export function progressView(stream: NodeJS.WriteStream, prefix: string): ProgressView {
  return stream.isTTY ? barView(stream, prefix) : lineView(stream, prefix);
}

function barView(stream: NodeJS.WriteStream, prefix: string): ProgressView {
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      if (p.last.status === 'failed') {
        // A failure is worth a line of its own above the bar.
        stream.write(`\r\x1b[K${prefix} row ${p.last.row.row} (${p.last.row.case}) FAILED: ${(p.last.message ?? '').split('\n')[0]}\n`);
        last = 0;
      }
      const now = Date.now();
      if (p.done < p.total && now - last < 100) return;
      last = now;
      const width = 24;
      const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
      const eta = remainingMs(p);
      const rate = p.elapsedMs > 0 ? (p.done / p.elapsedMs) * 1000 : 0;
      const parts = [
        `${prefix} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${p.total}`,
        p.failed > 0 ? `${p.failed} failed` : '',
        p.reused > 0 ? `${p.reused} reused` : '',
        `${rate.toFixed(1)} cases/s`,
        eta === undefined ? '' : `ETA ${formatDuration(eta)}`,
      ].filter((s) => s !== '');
      const text = parts.join('  ');
      const columns = stream.columns || 100; // 0 on some pseudo-terminals
      stream.write(`\r${text.slice(0, columns - 1)}\x1b[K`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}

function lineView(stream: NodeJS.WriteStream, prefix: string): ProgressView {
  return {
    update(p) {
      const { row, status, ms, message } = p.last;
      const what = status === 'failed'
        ? `FAILED: ${(message ?? '').split('\n')[0]}`
        : `${status} in ${(ms / 1000).toFixed(2)} s`;
      const eta = remainingMs(p);
      stream.write(`${prefix} [${p.done}/${p.total}] row ${row.row} (${row.case}): ${what}${eta === undefined || p.done === p.total ? '' : ` (ETA ${formatDuration(eta)})`}\n`);
    },
    finish() {},
  };
}
