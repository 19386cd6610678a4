// Keeps the work on one node in order (its events, backfills and removals) while different
// nodes proceed concurrently.
export class NodeChain {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(nodeId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(nodeId) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.#tails.set(nodeId, tail);
    void tail.then(() => {
      if (this.#tails.get(nodeId) === tail) this.#tails.delete(nodeId);
    });
    return next;
  }
}
