// Drain on SIGTERM and SIGINT, once, and stop listening when the worker stops on its own.

/** Calls `handler` on the first SIGTERM or SIGINT; returns the function that stops listening. */
export function onTerminateSignal(handler: () => void): () => void {
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
  return () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
}
