// Nodes deregistered lately, with the event time of their NODE_SHUTDOWN. A redelivered (or
// late) NODE_INTROSPECTION of such a node that is not newer than its goodbye is dropped instead
// of registering it again. PostgreSQL keeps the same guard in its tombstone row, across restarts.
import type { Envelope } from '@remotemedia/remote';
import { eventTime } from './stores/store.js';

export class Deregistrations {
  readonly #goodbyes = new Map<string, { eventAt: number; receivedAt: number }>();

  record(event: Envelope, receivedAt: number): void {
    const id = event.source_node_id;
    const eventAt = Math.max(eventTime(event), this.#goodbyes.get(id)?.eventAt ?? 0);
    this.#goodbyes.set(id, { eventAt, receivedAt });
  }

  /** True when `event` is no newer than its node's NODE_SHUTDOWN. */
  outdates(event: Envelope): boolean {
    const goodbye = this.#goodbyes.get(event.source_node_id);
    return goodbye !== undefined && eventTime(event) <= goodbye.eventAt;
  }

  /** A newer event registered the node again (a new incarnation with the same id). */
  forget(nodeId: string): void {
    this.#goodbyes.delete(nodeId);
  }

  /** Forgets goodbyes received before `before`. */
  prune(before: number): void {
    for (const [id, goodbye] of this.#goodbyes) {
      if (goodbye.receivedAt < before) this.#goodbyes.delete(id);
    }
  }
}
