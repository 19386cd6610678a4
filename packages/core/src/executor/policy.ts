// Resilience around one node call: timeout, abort, and retry with exponential backoff + jitter
// (only for errors marked retryable).
import { fromNativeError, RemoteMediaError } from '@remotemedia/errors';

export interface RetryPolicy {
  /** Total attempts including the first. @default 1 (no retry) */
  maxAttempts?: number;
  /** Delay before the first retry, ms. @default 100 */
  baseDelayMs?: number;
  /** Upper bound of one delay, ms. @default 5000 */
  maxDelayMs?: number;
  /** Random spread: the delay is d * (1 - jitter * random()). 0..1. @default 0.5 */
  jitter?: number;
}

export interface CallPolicy {
  retry: Required<RetryPolicy>;
  /** Per call; undefined = none. Applies to async results (a sync call cannot be preempted). */
  timeoutMs: number | undefined;
}

export function resolveRetry(policy: RetryPolicy | undefined): Required<RetryPolicy> {
  const r = {
    maxAttempts: policy?.maxAttempts ?? 1,
    baseDelayMs: policy?.baseDelayMs ?? 100,
    maxDelayMs: policy?.maxDelayMs ?? 5000,
    jitter: policy?.jitter ?? 0.5,
  };
  if (!Number.isInteger(r.maxAttempts) || r.maxAttempts < 1) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `retry.maxAttempts must be an integer >= 1, got ${r.maxAttempts}`,
    );
  }
  if (!(r.jitter >= 0 && r.jitter <= 1)) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `retry.jitter must be between 0 and 1, got ${r.jitter}`,
    );
  }
  return r;
}

/** Delay before retry number `retry` (1-based). */
export function backoffDelay(policy: Required<RetryPolicy>, retry: number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return exponential * (1 - policy.jitter * Math.random());
}

export function abortError(signal: AbortSignal | undefined, nodeId?: string): RemoteMediaError {
  const reason = signal?.reason;
  if (reason instanceof RemoteMediaError)
    return nodeId === undefined ? reason : reason.withNode(nodeId);
  return new RemoteMediaError('ERR_ABORTED', 'the pipeline run was aborted', {
    nodeId,
    cause: reason,
  });
}

/** Resolves after `ms`, or rejects with ERR_ABORTED (naming `nodeId`) when `signal` fires first. */
export function sleep(ms: number, signal: AbortSignal | undefined, nodeId?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal, nodeId));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal, nodeId));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Waits for `pending` with the call's timeout and the run's abort signal. */
export function settle(
  pending: PromiseLike<unknown>,
  timeoutMs: number | undefined,
  signal: AbortSignal | undefined,
  nodeId: string,
): Promise<unknown> {
  if (timeoutMs === undefined && signal === undefined) return pending as Promise<unknown>;
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      done();
      reject(abortError(signal, nodeId));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        done();
        reject(
          new RemoteMediaError(
            'ERR_TIMEOUT',
            `node '${nodeId}' did not answer within ${timeoutMs} ms; raise timeoutMs or check the node`,
            { nodeId, retryable: true },
          ),
        );
      }, timeoutMs);
    }
    pending.then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}

/** A thrown value as a RemoteMediaError attributed to `nodeId`. */
export function nodeError(error: unknown, nodeId: string): RemoteMediaError {
  return fromNativeError(error).withNode(nodeId);
}
