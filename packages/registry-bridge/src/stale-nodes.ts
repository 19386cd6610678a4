// Nodes that stopped sending heartbeats: marked stale after `staleAfterMs`, removed from both
// stores after `removeAfterMs`. Rows left by an earlier bridge run are found in PostgreSQL.
import type { Logger } from '@remotemedia/core';
import type { BridgeMetrics } from './metrics.js';
import type { NodeChain } from './node-chain.js';
import type { DiscoveryStore } from './stores/discovery.js';
import type { PostgresStore } from './stores/postgres.js';

export class StaleNodes {
  /** Last heartbeat (bridge receive time) per registered node. */
  readonly #lastSeen = new Map<string, number>();
  readonly #marked = new Set<string>();
  readonly #postgres: PostgresStore;
  readonly #discovery: DiscoveryStore;
  readonly #chain: NodeChain;
  readonly #metrics: BridgeMetrics;
  readonly #logger: Logger;
  #sweeping = false;

  constructor(
    stores: { postgres: PostgresStore; discovery: DiscoveryStore },
    chain: NodeChain,
    metrics: BridgeMetrics,
    logger: Logger,
  ) {
    this.#postgres = stores.postgres;
    this.#discovery = stores.discovery;
    this.#chain = chain;
    this.#metrics = metrics;
    this.#logger = logger;
  }

  heartbeat(id: string, at: number): void {
    this.#lastSeen.set(id, Math.max(this.#lastSeen.get(id) ?? 0, at));
    this.#marked.delete(id);
  }

  forget(id: string): void {
    this.#lastSeen.delete(id);
    this.#marked.delete(id);
  }

  async sweep(now: number, staleAfterMs: number, removeAfterMs: number): Promise<void> {
    if (this.#sweeping) return;
    this.#sweeping = true;
    try {
      const staleBefore = now - staleAfterMs;
      const removeBefore = now - removeAfterMs;
      const fromDb = await this.#postgres.markStale(new Date(staleBefore)).catch(() => []);
      for (const id of [...this.#idleSince(staleBefore), ...fromDb]) {
        if (this.#marked.has(id)) continue;
        this.#marked.add(id);
        this.#metrics.stale.inc({ action: 'marked' });
        this.#logger.warn(
          `node ${id} sent no heartbeat since ${new Date(staleBefore).toISOString()}`,
        );
      }
      const gone = new Set(this.#idleSince(removeBefore));
      const idleRows = await this.#postgres.idleSince(new Date(removeBefore)).catch(() => []);
      for (const id of idleRows) gone.add(id);
      for (const id of gone) await this.#chain.run(id, () => this.#remove(id, removeBefore));
      await this.#postgres.purgeDeregistered(new Date(removeBefore)).catch(() => undefined);
    } finally {
      this.#sweeping = false;
    }
  }

  #idleSince(before: number): string[] {
    return [...this.#lastSeen].filter(([, at]) => at < before).map(([id]) => id);
  }

  async #remove(id: string, removeBefore: number): Promise<void> {
    const seen = this.#lastSeen.get(id);
    if (seen !== undefined && seen >= removeBefore) return; // a heartbeat arrived meanwhile
    try {
      await this.#postgres.remove([id], new Date(removeBefore));
      await this.#discovery.remove([id]);
    } catch {
      return; // kept; the next sweep tries again
    }
    this.forget(id);
    this.#metrics.registeredNodes.delete(id);
    this.#metrics.stale.inc({ action: 'removed' });
    this.#logger.info(`node ${id} removed after no heartbeat`);
  }
}
