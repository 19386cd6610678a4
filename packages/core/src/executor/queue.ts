// A bounded single-consumer queue: producers wait (backpressure) when it holds `highWaterMark`
// items, or drop the oldest when the consumer opted into dropping. Never grows past the mark.

export class BoundedQueue<T> {
  readonly highWaterMark: number;
  readonly #items: T[] = [];
  #taker: { resolve: (item: T) => void; reject: (error: unknown) => void } | undefined;
  readonly #putters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  #failure: { error: unknown } | undefined;
  /** Deepest the queue has been. */
  maxLength = 0;

  constructor(highWaterMark: number) {
    this.highWaterMark = highWaterMark;
  }

  get length(): number {
    return this.#items.length;
  }

  /** Adds an item; returns a promise only when the producer must wait for room. */
  push(item: T): Promise<void> | undefined {
    if (this.#failure !== undefined) return Promise.reject(this.#failure.error);
    if (this.#deliver(item)) return undefined;
    if (this.#items.length < this.highWaterMark) {
      this.#enqueue(item);
      return undefined;
    }
    return new Promise<void>((resolve, reject) => this.#putters.push({ resolve, reject })).then(
      () => this.push(item),
    );
  }

  /**
   * Adds an item without waiting; when full, drops the oldest item `keep` does not protect (given
   * to `onDrop`) and returns true. Protected items (end-of-input markers of other producers) are
   * never dropped: losing one would leave the consumer waiting forever.
   */
  pushDropOldest(item: T, onDrop?: (dropped: T) => void, keep?: (queued: T) => boolean): boolean {
    if (this.#failure !== undefined || this.#deliver(item)) return false;
    let dropped = false;
    if (this.#items.length >= this.highWaterMark) {
      const at = keep === undefined ? 0 : this.#items.findIndex((queued) => !keep(queued));
      // Only protected items queued (at most one per producer): nothing may go, so it grows.
      if (at >= 0) {
        const oldest = this.#items.splice(at, 1)[0] as T;
        onDrop?.(oldest);
        dropped = true;
      }
    }
    this.#enqueue(item);
    return dropped;
  }

  /** The next item: synchronously when one is queued, else a promise. */
  take(): T | Promise<T> {
    if (this.#items.length > 0) {
      const item = this.#items.shift() as T;
      // Waiting producers resume once the queue is half empty, not after every take: a sync
      // producer then refills in one burst instead of one promise round trip per item.
      if (this.#putters.length > 0 && this.#items.length <= this.highWaterMark >> 1) {
        const room = this.highWaterMark - this.#items.length;
        for (const putter of this.#putters.splice(0, room)) putter.resolve();
      }
      return item;
    }
    if (this.#failure !== undefined) return Promise.reject(this.#failure.error);
    return new Promise<T>((resolve, reject) => {
      this.#taker = { resolve, reject };
    });
  }

  /** Wakes every waiter with `error`; later calls fail with it too. */
  fail(error: unknown): void {
    if (this.#failure !== undefined) return;
    this.#failure = { error };
    this.#items.length = 0;
    this.#taker?.reject(error);
    this.#taker = undefined;
    for (const putter of this.#putters.splice(0)) putter.reject(error);
  }

  #deliver(item: T): boolean {
    const taker = this.#taker;
    if (taker === undefined) return false;
    this.#taker = undefined;
    taker.resolve(item);
    return true;
  }

  #enqueue(item: T): void {
    this.#items.push(item);
    if (this.#items.length > this.maxLength) this.maxLength = this.#items.length;
  }
}
