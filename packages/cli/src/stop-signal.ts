// Waits for the first SIGINT or SIGTERM. While waiting, the signals no longer kill the process,
// so a long-running command can stop cleanly; afterwards a second Ctrl-C kills it as usual.
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export interface StopSignal {
  /** Resolves with the signal received. */
  received: Promise<NodeJS.Signals>;
  /** Stops listening (the signals kill the process again). */
  dispose(): void;
}

export function stopSignal(): StopSignal {
  let handler: (signal: NodeJS.Signals) => void = () => {};
  const dispose = () => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
  const received = new Promise<NodeJS.Signals>((resolve) => {
    handler = (signal) => {
      dispose();
      resolve(signal);
    };
  });
  for (const signal of SIGNALS) process.on(signal, handler);
  return { received, dispose };
}
