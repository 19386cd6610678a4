// Reading a stream's source so that a stream that stops early can end a read still pending (a
// socket with no data yet). `return()` cannot do it for every source: an async generator queues
// it behind the pending read. So the read itself is ended: a Node stream is destroyed (as Node's
// own for-await does on break), a web ReadableStream's reader is cancelled, and any other async
// iterator is asked to return() at once, which ends the pending reads of iterators such as
// `events.on()`. An async generator the caller wrote still finishes its pending read first.

interface Destroyable {
  destroy(error?: Error): unknown;
  destroyed?: boolean;
}

type Source<T> = AsyncIterable<T> | Iterable<T>;

export interface OpenedSource<T> {
  next(): Promise<IteratorResult<T>> | IteratorResult<T>;
  /** Ends a pending read (see above); safe to call more than once, or after the end. */
  stop(): void;
  /** The reader stopped before the end: release the source as for-await's `break` does. */
  close(): Promise<void>;
}

/** How to stop what a wrapper (e.g. the frames `framesFrom` cuts) reads from. */
const stops = new WeakMap<object, () => void>();

/** Marks `wrapper` as reading a source that `stop` ends. */
export function attachStop<T extends object>(wrapper: T, stop: () => void): T {
  stops.set(wrapper, stop);
  return wrapper;
}

function isDestroyable(value: object): value is Destroyable {
  return typeof (value as Partial<Destroyable>).destroy === 'function';
}

function isWebStream<T>(value: object): value is ReadableStream<T> {
  return typeof (value as Partial<ReadableStream>).getReader === 'function';
}

const ignore = (): void => {};

export function openSource<T>(source: Source<T>): OpenedSource<T> {
  if (isWebStream<T>(source)) return openWebStream(source);
  if (!(Symbol.asyncIterator in source)) {
    // Nothing can be pending on a sync iterator: the reader checks between items.
    const iterator = (source as Iterable<T>)[Symbol.iterator]();
    return {
      next: () => iterator.next(),
      stop: ignore,
      close: async () => void iterator.return?.(),
    };
  }
  const iterator = (source as AsyncIterable<T>)[Symbol.asyncIterator]();
  const attached = stops.get(source);
  // Once the source said done (or was returned), it is left alone, as for-await leaves it.
  let over = false;
  const returnOnce = (): Promise<void> => {
    if (over) return Promise.resolve();
    over = true;
    // A return() that throws synchronously becomes a rejection like any other.
    return new Promise<unknown>((resolve) => resolve(iterator.return?.())).then(ignore);
  };
  const stop = (): void => {
    if (over) return;
    if (attached !== undefined) attached();
    else if (isDestroyable(source)) {
      if (source.destroyed !== true) source.destroy();
    } else returnOnce().catch(ignore);
  };
  const seen = (result: IteratorResult<T>): IteratorResult<T> => {
    if (result.done === true) over = true;
    return result;
  };
  // One reaction per read, not an async function's: this runs once per frame.
  const next = (): Promise<IteratorResult<T>> => Promise.resolve(iterator.next()).then(seen);
  return { next, stop, close: returnOnce };
}

function openWebStream<T>(stream: ReadableStream<T>): OpenedSource<T> {
  const reader = stream.getReader();
  // Unlocked once read to the end or cancelled, as for-await over the stream leaves it.
  const release = (): void => reader.releaseLock();
  let cancelled: Promise<void> | undefined;
  // Cancelling settles a pending read with `done`, and tells the stream's source to stop.
  const cancel = (): Promise<void> => {
    cancelled ??= reader.cancel().then(release, release);
    return cancelled;
  };
  return {
    next: () =>
      reader.read().then((result) => {
        if (result.done) release();
        return result as IteratorResult<T>;
      }),
    stop: () => void cancel(),
    close: cancel,
  };
}
