// Writes each event to every store. A store that fails is marked down and its events wait in a
// retry queue (the other store keeps registering); `backfill()` replays them once it answers.
import type { Logger } from '@remotemedia/core';
import type { Envelope } from '@remotemedia/remote';
import { redact } from './health.js';
import type { BridgeMetrics } from './metrics.js';
import type { NodeChain } from './node-chain.js';
import { RetryQueue } from './retry-queue.js';
import type { RegistrationStore, StoreName } from './stores/store.js';

export class StoreWriter {
  readonly #stores: RegistrationStore[];
  readonly #chain: NodeChain;
  readonly #metrics: () => BridgeMetrics;
  readonly #logger: Logger;
  readonly #queues: Record<StoreName, RetryQueue> = {
    discovery: new RetryQueue(),
    postgres: new RetryQueue(),
  };
  readonly #down = new Set<StoreName>();
  #backfilling = false;

  constructor(
    stores: RegistrationStore[],
    chain: NodeChain,
    metrics: () => BridgeMetrics,
    logger: Logger,
  ) {
    this.#stores = stores;
    this.#chain = chain;
    this.#metrics = metrics;
    this.#logger = logger;
  }

  pending(store: StoreName): number {
    return this.#queues[store].size;
  }

  /** Per store: true when written now, false when queued for backfill. */
  write(event: Envelope): Promise<boolean[]> {
    return Promise.all(this.#stores.map((store) => this.#write(store, event)));
  }

  markDown(name: StoreName, error: unknown): void {
    if (this.#down.has(name)) return;
    this.#down.add(name);
    this.#logger.warn(`${name} unavailable; registrations queue until it returns`, {
      error: redact(String((error as Error)?.message ?? error)),
    });
  }

  /** Retries the stores that failed and replays what they missed, oldest node first. */
  async backfill(): Promise<void> {
    if (this.#backfilling) return;
    this.#backfilling = true;
    try {
      for (const store of this.#stores) await this.#backfillStore(store);
    } finally {
      this.#backfilling = false;
    }
  }

  async #write(store: RegistrationStore, event: Envelope): Promise<boolean> {
    const queue = this.#queues[store.name];
    if (!this.#down.has(store.name)) {
      try {
        await store.apply(event);
        queue.settle(event);
        this.#metrics().storeWrites.inc({ store: store.name, result: 'ok' });
        return true;
      } catch (error) {
        this.markDown(store.name, error);
      }
    }
    queue.add(event);
    this.#metrics().storeWrites.inc({ store: store.name, result: 'failed' });
    return false;
  }

  async #backfillStore(store: RegistrationStore): Promise<void> {
    const queue = this.#queues[store.name];
    if (queue.size === 0) {
      // Down with nothing waiting: only its health matters.
      if (
        this.#down.has(store.name) &&
        (await store.ping().then(
          () => true,
          () => false,
        ))
      ) {
        this.#down.delete(store.name);
      }
      return;
    }
    for (let event = queue.peek(); event !== undefined; event = queue.peek()) {
      const next = event;
      try {
        await this.#chain.run(next.source_node_id, async () => {
          if (!queue.has(next)) return; // superseded meanwhile
          await store.apply(next);
          if (this.#down.delete(store.name)) {
            this.#logger.info(`${store.name} is back; backfilling ${queue.size} registrations`);
          }
          queue.delete(next);
          this.#metrics().storeWrites.inc({ store: store.name, result: 'backfilled' });
        });
      } catch (error) {
        this.markDown(store.name, error);
        return;
      }
    }
  }
}
