// Commit-after-handling for Kafka: events of a partition are handled concurrently, but a
// partition's offset may only move past an event once it and every earlier event of that
// partition are handled (committing offset N tells the group everything before N is done).

export interface Committable {
  partition: number;
  offset: bigint;
  commit(): void | Promise<void>;
}

export class PartitionCommits<M extends Committable> {
  /** Per partition, the events in arrival order with whether each is handled. */
  readonly #pending = new Map<number, { message: M; handled: boolean }[]>();

  /** Records that `message` arrived (call in arrival order). */
  received(message: M): void {
    const queue = this.#pending.get(message.partition) ?? [];
    queue.push({ message, handled: false });
    this.#pending.set(message.partition, queue);
  }

  /**
   * Marks `message` handled; returns the last message of its partition whose offset may now be
   * committed (everything up to it handled), if the handled prefix grew.
   */
  handled(message: M): M | undefined {
    const queue = this.#pending.get(message.partition);
    const entry = queue?.find((e) => e.message === message);
    if (queue === undefined || entry === undefined) return undefined;
    entry.handled = true;
    let last: M | undefined;
    while (queue[0]?.handled) last = (queue.shift() as { message: M }).message;
    if (queue.length === 0) this.#pending.delete(message.partition);
    return last;
  }

  /** Events received and not yet committable. */
  get size(): number {
    let n = 0;
    for (const queue of this.#pending.values()) n += queue.length;
    return n;
  }

  /** Forgets every pending event (after a rebalance or close: the group hands them out again). */
  clear(): void {
    this.#pending.clear();
  }
}
