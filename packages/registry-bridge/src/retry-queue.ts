// Registrations a store missed while it was down: the newest event per node (later events
// supersede earlier ones, and applying is idempotent), replayed in arrival order on recovery.
import type { Envelope } from '@remotemedia/remote';
import { eventTime } from './stores/store.js';

export class RetryQueue {
  readonly #pending = new Map<string, Envelope>();

  get size(): number {
    return this.#pending.size;
  }

  /** Keeps `event` unless a newer event of the same node is already waiting. */
  add(event: Envelope): void {
    const id = event.source_node_id;
    const waiting = this.#pending.get(id);
    if (waiting !== undefined && eventTime(waiting) > eventTime(event)) return;
    this.#pending.delete(id);
    this.#pending.set(id, event);
  }

  /** Drops the waiting event of this node if `applied` is at least as new. */
  settle(applied: Envelope): void {
    const waiting = this.#pending.get(applied.source_node_id);
    if (waiting !== undefined && eventTime(waiting) <= eventTime(applied)) {
      this.#pending.delete(applied.source_node_id);
    }
  }

  /** Oldest first. */
  peek(): Envelope | undefined {
    return this.#pending.values().next().value;
  }

  has(event: Envelope): boolean {
    return this.#pending.get(event.source_node_id) === event;
  }

  delete(event: Envelope): void {
    if (this.#pending.get(event.source_node_id) === event) {
      this.#pending.delete(event.source_node_id);
    }
  }
}
