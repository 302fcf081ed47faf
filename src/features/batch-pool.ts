/**
 * The batch's worker threads: started once per batch (each reads the params once and keeps its
 * itk-wasm readers warm), one case at a time each. A worker that dies (out of memory, a crash in
 * a reader) fails only the case it was running and is replaced.
 *
 * The worker file sits next to this module: batch-worker.js in dist/, batch-worker.ts in the
 * sources. A .ts worker needs tsx inside the worker thread; with Node 20 and tsx 4, `--import tsx`
 * in a worker's execArgv does not install tsx's loader there (tsx registers its hooks on the main
 * thread only on Node < 22), so the worker starts from a small bootstrap that registers tsx
 * through its API, then imports the worker file.
 */
import { Worker } from 'node:worker_threads';
import type { CaseReply, CaseTask, WorkerHello, WorkerInit } from './batch-protocol.js';

function workerUrl(): URL {
  const here = import.meta.url;
  return new URL(here.endsWith('.ts') ? './batch-worker.ts' : './batch-worker.js', here);
}

function spawnWorker(init: WorkerInit): Worker {
  const url = workerUrl();
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: init });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`
    + '.catch((e) => { throw e; });';
  return new Worker(bootstrap, { eval: true, workerData: init });
}

interface Slot {
  worker: Worker;
  dead?: boolean;
  /** The case it runs and how to answer for it. */
  running?: { task: CaseTask; resolve: (r: CaseReply) => void };
}

export class BatchWorkerPool {
  private slots: Slot[] = [];
  private idle: Slot[] = [];
  private closed = false;
  /** Why no worker can be started any more (set when a replacement fails with no worker left). */
  private broken: string | undefined;
  private waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];

  private constructor(private readonly init: WorkerInit) {}

  /** Start `size` workers and wait until each has read the params. */
  static async start(size: number, init: WorkerInit): Promise<BatchWorkerPool> {
    const pool = new BatchWorkerPool(init);
    try {
      await Promise.all(Array.from({ length: size }, () => pool.addWorker()));
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  private addWorker(): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = spawnWorker(this.init);
      const slot: Slot = { worker };
      let ready = false;
      worker.on('message', (m: WorkerHello | CaseReply) => {
        if (!ready) {
          const hello = m as WorkerHello;
          if (hello.status === 'ready') {
            ready = true;
            this.slots.push(slot);
            this.makeIdle(slot);
            resolve();
          } else {
            reject(new Error(`a batch worker could not start: ${(hello as { message?: string }).message ?? 'unknown reason'}`));
          }
          return;
        }
        const running = slot.running;
        slot.running = undefined;
        this.makeIdle(slot);
        running?.resolve(m as CaseReply);
      });
      const died = (why: string) => {
        if (slot.dead) return;
        slot.dead = true;
        if (!ready) {
          reject(new Error(`a batch worker could not start: ${why}`));
          return;
        }
        this.slots = this.slots.filter((s) => s !== slot);
        this.idle = this.idle.filter((s) => s !== slot);
        const running = slot.running;
        slot.running = undefined;
        if (running) {
          running.resolve({
            id: running.task.id, status: 'failed', file: '',
            message: `the worker extracting this case stopped (${why}); if the case is very large, run it with fewer --jobs or more memory.`,
          });
        }
        // Replace it, so that the batch keeps its parallelism.
        if (!this.closed) {
          void this.addWorker().catch((e: Error) => {
            if (this.slots.length === 0) this.fail(e.message);
          });
        }
      };
      worker.on('error', (err) => died(err.message));
      worker.on('exit', (code) => {
        if (!this.closed) died(`exit code ${code}`);
      });
    });
  }

  /** Number of workers ready or busy. */
  get size(): number {
    return this.slots.length;
  }

  /** Whether a case can be started now. */
  get hasIdle(): boolean {
    return this.idle.length > 0;
  }

  private makeIdle(slot: Slot): void {
    this.idle.push(slot);
    this.waiters.shift()?.resolve();
  }

  private fail(why: string): void {
    this.broken = why;
    for (const w of this.waiters.splice(0)) w.reject(new Error(why));
  }

  /** Resolves when a worker is idle; rejects when no worker can run any more. */
  waitIdle(): Promise<void> {
    if (this.idle.length > 0) return Promise.resolve();
    if (this.broken !== undefined) return Promise.reject(new Error(this.broken));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Run one case on an idle worker (call only when hasIdle). */
  run(task: CaseTask): Promise<CaseReply> {
    const slot = this.idle.shift();
    if (!slot) throw new Error('BatchWorkerPool.run: no idle worker');
    return new Promise((resolve) => {
      slot.running = { task, resolve };
      slot.worker.postMessage(task);
    });
  }

  /** Stop every worker; cases still running are abandoned. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w.reject(new Error('the batch workers were stopped'));
    const workers = this.slots.map((s) => s.worker);
    this.slots = [];
    this.idle = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
