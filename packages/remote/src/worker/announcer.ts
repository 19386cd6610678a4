// A worker's entry in the discovery store: what it serves (node types with metadata, tags),
// written on start and on every change, and refreshed by a heartbeat so it expires if the worker dies.
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '@remotemedia/contract';
import type { AnyNodeRegistry } from '@remotemedia/core';
import { type DiscoveryStore, openDiscovery, type WorkerAnnouncement } from '../discovery.js';
import type { Tags } from '../tags.js';

export interface WorkerIdentity {
  readonly id: string;
  readonly name: string;
  readonly incarnation: number;
  readonly registry: AnyNodeRegistry;
}

/** The discovery entry of a worker as it is now. */
export function announcementOf(worker: WorkerIdentity, tags: Tags): WorkerAnnouncement {
  return {
    id: worker.id,
    name: worker.name,
    address: `rm.w.${worker.id}`,
    nodes: worker.registry.listNodeTypes().map((type) => ({
      type,
      runtime: worker.registry.runtimesOf(type)[0] ?? 'ts',
      metadata: worker.registry.getMetadata(type),
    })),
    tags,
    incarnation: worker.incarnation,
    updatedAt: Date.now(),
  };
}

export class Announcer {
  readonly #nc: NatsConnection;
  readonly #bucket: string;
  readonly #ttlMs: number;
  readonly #current: () => WorkerAnnouncement;
  readonly #logger: Logger;
  #store: DiscoveryStore | undefined;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(
    nc: NatsConnection,
    bucket: string,
    ttlMs: number,
    current: () => WorkerAnnouncement,
    logger: Logger,
  ) {
    this.#nc = nc;
    this.#bucket = bucket;
    this.#ttlMs = ttlMs;
    this.#current = current;
    this.#logger = logger;
  }

  /** Opens the store (once), writes the entry and (re)starts the heartbeat (every ttl / 3). */
  async start(): Promise<void> {
    this.#store ??= await openDiscovery(this.#nc, this.#bucket, this.#ttlMs);
    await this.announce();
    clearInterval(this.#heartbeat);
    this.#heartbeat = setInterval(() => {
      this.announce().catch((error: unknown) =>
        this.#logger.warn(`worker ${this.#current().id}: heartbeat failed`, {
          error: String(error),
        }),
      );
    }, this.#ttlMs / 3);
    this.#heartbeat.unref();
  }

  /** Writes the entry now, if the worker announces itself at all. */
  async announce(): Promise<void> {
    const entry = this.#current();
    await this.#store?.put(entry.id, entry);
  }

  get started(): boolean {
    return this.#store !== undefined;
  }

  stopHeartbeat(): void {
    clearInterval(this.#heartbeat);
  }

  /** Removes the entry (best effort: it expires anyway). */
  async leave(): Promise<void> {
    await this.#store?.delete(this.#current().id).catch(() => undefined);
  }
}
