// A time limit on a promise: a server that stops answering must not freeze the bridge.
export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

/** Settles like `task`, or rejects with DeadlineError(`message`) once `ms` have passed. */
export async function withDeadline<T>(task: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(message)), ms);
  });
  try {
    return await Promise.race([task, expired]);
  } finally {
    clearTimeout(timer);
  }
}
