// Picks where a call goes: the type's shared queue group when no tags are asked for, else a
// worker from the discovery store that has every tag (round robin, skipping recently failed ones).
import { RemoteMediaError } from '@remotemedia/errors';
import type { DiscoveryStore } from '../discovery.js';
import { subjects } from '../subjects.js';
import { type Tags, tagsMatch } from '../tags.js';

export interface Route {
  subject: string;
  /** The chosen worker, when selected by tags. */
  workerId: string | undefined;
}

export class Router {
  readonly #discovery: () => Promise<DiscoveryStore>;
  readonly #suspects = new Map<string, number>();
  readonly #suspectMs: number;
  #turn = 0;

  constructor(discovery: () => Promise<DiscoveryStore>, suspectMs: number) {
    this.#discovery = discovery;
    this.#suspectMs = suspectMs;
  }

  /** A worker that just failed a call is skipped until its discovery entry could have expired. */
  suspect(workerId: string | undefined): void {
    if (workerId !== undefined) this.#suspects.set(workerId, Date.now() + this.#suspectMs);
  }

  async route(type: string, tags: Tags): Promise<Route> {
    if (Object.keys(tags).length === 0)
      return { subject: subjects.node(type), workerId: undefined };
    const now = Date.now();
    const workers = await (await this.#discovery()).list();
    const matching = workers.filter(
      (w) => w.nodes.some((n) => n.type === type) && tagsMatch(w.tags, tags),
    );
    const healthy = matching.filter((w) => (this.#suspects.get(w.id) ?? 0) < now);
    const pool = healthy.length > 0 ? healthy : matching;
    const chosen = pool[this.#turn++ % Math.max(1, pool.length)];
    if (chosen === undefined) {
      const offered = workers.map((w) => `${w.id} ${JSON.stringify(w.tags)}`).join(', ');
      throw new RemoteMediaError(
        'ERR_NODE_NOT_FOUND',
        `no live worker serves '${type}' with tags ${JSON.stringify(tags)} (workers: ${offered || 'none'}); start one with those tags or change the tags`,
        { retryable: true },
      );
    }
    return { subject: subjects.workerNode(chosen.id, type), workerId: chosen.id };
  }
}
