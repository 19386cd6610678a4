// Writes each event to every store. A store that is unavailable is marked down and its events
// wait in a retry queue (the other store keeps registering); `backfill()` replays them once it
// answers. An event a store refuses for its data is handed to `onRejected` (dead-lettered) and
// never queued, so it cannot hold up the events behind it.

import type { Logger } from '@remotemedia/core';
import { redactCredentials } from '@remotemedia/errors';
import { withDeadline } from './deadline.js';
import type { BridgeMetrics } from './metrics.js';
import type { NodeChain } from './node-chain.js';
import { RetryQueue } from './retry-queue.js';
import { isBadEvent } from './stores/failure.js';
import type { Received, RegistrationStore, StoreName } from './stores/store.js';

export type WriteOutcome = 'written' | 'queued' | 'rejected';

export interface StoreWriterOptions {
  /** The stores each event is written to. */
  stores: RegistrationStore[];
  /** Orders the writes of one node's events. */
  chain: NodeChain;
  /** The bridge's metrics (read when counting: they are made after the writer). */
  metrics: () => BridgeMetrics;
  logger: Logger;
  /** A store write without an answer this long counts as the store being down, ms. */
  applyTimeoutMs: number;
  /** Called with an event a store refused (a data error); may throw to have it redelivered. */
  onRejected(received: Received, store: StoreName, error: unknown): Promise<void>;
}

export class StoreWriter {
  readonly #options: StoreWriterOptions;
  readonly #queues: Record<StoreName, RetryQueue> = {
    discovery: new RetryQueue(),
    postgres: new RetryQueue(),
  };
  /** Stores marked down, with the error that did it. */
  readonly #down = new Map<StoreName, string>();
  #backfilling: Promise<void> | undefined;

  constructor(options: StoreWriterOptions) {
    this.#options = options;
  }

  pending(store: StoreName): number {
    return this.#queues[store].size;
  }

  /** Why the store is marked down, or undefined while it is up. */
  downReason(store: StoreName): string | undefined {
    return this.#down.get(store);
  }

  /** Per store: written now, queued for backfill, or rejected (dead-lettered). */
  write(received: Received): Promise<WriteOutcome[]> {
    return Promise.all(this.#options.stores.map((store) => this.#write(store, received)));
  }

  markDown(name: StoreName, error: unknown): void {
    const reason = redactCredentials(String((error as Error)?.message ?? error));
    const wasUp = !this.#down.has(name);
    this.#down.set(name, reason);
    if (wasUp) {
      this.#options.logger.warn(`${name} unavailable; registrations queue until it returns`, {
        error: reason,
      });
    }
  }

  /** Retries the stores that failed and replays what they missed, oldest node first. */
  backfill(): Promise<void> {
    this.#backfilling ??= (async () => {
      try {
        for (const store of this.#options.stores) await this.#backfillStore(store);
      } finally {
        this.#backfilling = undefined;
      }
    })();
    return this.#backfilling;
  }

  #apply(store: RegistrationStore, received: Received): Promise<void> {
    const ms = this.#options.applyTimeoutMs;
    return withDeadline(store.apply(received), ms, `${store.name} did not answer within ${ms} ms`);
  }

  async #write(store: RegistrationStore, received: Received): Promise<WriteOutcome> {
    const queue = this.#queues[store.name];
    if (!this.#down.has(store.name)) {
      try {
        await this.#apply(store, received);
        queue.settle(received);
        this.#count(store, 'ok');
        return 'written';
      } catch (error) {
        if (isBadEvent(error)) {
          this.#count(store, 'rejected');
          await this.#options.onRejected(received, store.name, error);
          return 'rejected';
        }
        this.markDown(store.name, error);
      }
    }
    queue.add(received);
    this.#count(store, 'failed');
    return 'queued';
  }

  async #backfillStore(store: RegistrationStore): Promise<void> {
    const queue = this.#queues[store.name];
    if (queue.size === 0) {
      // Down with nothing waiting: only its health matters.
      if (this.#down.has(store.name) && (await this.#answers(store))) this.#down.delete(store.name);
      return;
    }
    for (const next of queue.entries()) {
      try {
        await this.#options.chain.run(next.event.source_node_id, () =>
          this.#replay(store, queue, next),
        );
      } catch (error) {
        this.markDown(store.name, error);
        return;
      }
    }
  }

  async #replay(store: RegistrationStore, queue: RetryQueue, next: Received): Promise<void> {
    if (!queue.has(next)) return; // superseded or written meanwhile
    try {
      await this.#apply(store, next);
    } catch (error) {
      if (!isBadEvent(error)) throw error;
      // Refused for its data: drop it and go on with the rest of the queue.
      queue.delete(next);
      this.#count(store, 'rejected');
      await this.#options.onRejected(next, store.name, error).catch((failure: unknown) =>
        this.#options.logger.error(`could not dead-letter event ${next.event.event_id}`, {
          error: redactCredentials(String(failure)),
        }),
      );
      return;
    }
    if (this.#down.delete(store.name)) {
      this.#options.logger.info(`${store.name} is back; backfilling ${queue.size} registrations`);
    }
    queue.delete(next);
    this.#count(store, 'backfilled');
  }

  async #answers(store: RegistrationStore): Promise<boolean> {
    const ms = this.#options.applyTimeoutMs;
    return withDeadline(store.ping(), ms, 'no answer').then(
      () => true,
      () => false,
    );
  }

  #count(store: RegistrationStore, result: 'ok' | 'failed' | 'backfilled' | 'rejected'): void {
    this.#options.metrics().storeWrites.inc({ store: store.name, result });
  }
}
