// Registrations a store missed while it was down: the newest event per node (later events
// supersede earlier ones, and applying is idempotent), replayed in arrival order on recovery.
import { eventTime, type Received } from './stores/store.js';

export class RetryQueue {
  readonly #pending = new Map<string, Received>();

  get size(): number {
    return this.#pending.size;
  }

  /** Keeps `received` unless a newer event of the same node is already waiting. */
  add(received: Received): void {
    const id = received.event.source_node_id;
    const waiting = this.#pending.get(id);
    if (waiting !== undefined && eventTime(waiting.event) > eventTime(received.event)) return;
    this.#pending.delete(id);
    this.#pending.set(id, received);
  }

  /** Drops the waiting event of this node if `applied` is at least as new. */
  settle(applied: Received): void {
    const id = applied.event.source_node_id;
    const waiting = this.#pending.get(id);
    if (waiting !== undefined && eventTime(waiting.event) <= eventTime(applied.event)) {
      this.#pending.delete(id);
    }
  }

  /** Oldest first; a snapshot, so entries can be deleted while iterating. */
  entries(): Received[] {
    return [...this.#pending.values()];
  }

  has(received: Received): boolean {
    return this.#pending.get(received.event.source_node_id) === received;
  }

  delete(received: Received): void {
    if (this.has(received)) this.#pending.delete(received.event.source_node_id);
  }
}
