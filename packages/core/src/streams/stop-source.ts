// Stopping a source a stream no longer reads. An async iterator's `return()` waits behind a read
// that is still pending (a socket with no data yet), so it cannot unblock anything; destroying a
// Node stream ends that read at once, as Node's own `for await` over a Readable does on `break`.

interface Destroyable {
  destroy(error?: Error): unknown;
  destroyed?: boolean;
}

const underlying = new WeakMap<object, object>();

/** Marks `wrapper` (e.g. the frames `framesFrom` cuts) as reading from `source`. */
export function attachSource<T extends object>(wrapper: T, source: object): T {
  underlying.set(wrapper, source);
  return wrapper;
}

function isDestroyable(value: object): value is Destroyable {
  return typeof (value as Partial<Destroyable>).destroy === 'function';
}

/** Destroys `source` (or the Node stream it wraps) if it is a Node stream still open. */
export function stopSource(source: object): void {
  for (let s: object | undefined = source; s !== undefined; s = underlying.get(s)) {
    if (isDestroyable(s)) {
      if (s.destroyed !== true) s.destroy();
      return;
    }
  }
}
