// The frames a connection receives, as the async iterable a pipeline stream reads: pushed by the
// socket handler, ended by `stop` (or the server). `length` tells the session when to pause reading.
// A hand-written iterator rather than an async generator: a frame pushed while the pipeline waits
// goes straight to its pending read (one promise per frame, no generator resumption), and
// `return()` ends a pending read at once.

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

export class PushSource<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  /** Reads waiting for an item, oldest first. */
  readonly #readers: ((result: IteratorResult<T>) => void)[] = [];
  #ended = false;

  get length(): number {
    return this.#items.length;
  }

  get ended(): boolean {
    return this.#ended;
  }

  push(item: T): void {
    if (this.#ended) return;
    const reader = this.#readers.shift();
    if (reader !== undefined) reader({ value: item, done: false });
    else this.#items.push(item);
  }

  end(): void {
    this.#ended = true;
    for (const reader of this.#readers.splice(0)) reader(DONE);
  }

  #next(): Promise<IteratorResult<T>> {
    if (this.#items.length > 0) {
      return Promise.resolve({ value: this.#items.shift() as T, done: false });
    }
    if (this.#ended) return Promise.resolve(DONE);
    return new Promise((resolve) => this.#readers.push(resolve));
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.#next(),
      // The reader stopped: nothing reads what is pushed after this.
      return: () => {
        this.end();
        return Promise.resolve(DONE);
      },
    };
  }
}
