// One place in a node type's pool: holds a live worker and starts a new one after a crash. The
// generation tells instances that their worker was replaced and they must be created again.
import type { PythonWorker } from './worker.js';

export interface SlotWorker {
  worker: PythonWorker;
  generation: number;
}

export class WorkerSlot {
  private current: Promise<SlotWorker> | undefined;
  private generation = 0;

  constructor(private readonly startWorker: () => Promise<PythonWorker>) {}

  /** The live worker, started on demand (a failed start is retried by the next call). */
  get(): Promise<SlotWorker> {
    if (this.current === undefined) {
      const generation = ++this.generation;
      const started = this.startWorker().then((worker) => {
        worker.onDeath(() => {
          if (this.current === started) this.current = undefined;
        });
        return { worker, generation };
      });
      started.catch(() => {
        if (this.current === started) this.current = undefined;
      });
      this.current = started;
    }
    return this.current;
  }

  /** The worker that is running or starting, if any; never starts one. */
  running(): Promise<SlotWorker> | undefined {
    return this.current;
  }

  async close(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (current === undefined) return;
    const started = await current.catch(() => undefined);
    await started?.worker.close();
  }
}
