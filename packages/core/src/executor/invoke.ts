// The slow path of a node call: awaiting an async result under timeout/abort, and retrying
// retryable failures with backoff. Sync successes never come here.
import { performance } from 'node:perf_hooks';
import type { FrameRefs } from './frame-refs.js';
import type { PlannedNode } from './plan.js';
import { backoffDelay, nodeError, settle, sleep } from './policy.js';

/** How the first attempt went, when the caller already made it on the fast path. */
export type FirstAttempt =
  | { pending: PromiseLike<unknown>; startedAt: number }
  | { error: unknown; startedAt: number };

/** What a run gives every call: its abort signal, whether to time calls, a timeout override. */
export interface CallContext {
  signal: AbortSignal | undefined;
  timing: boolean;
  /** Replaces each node's own timeout for this run when set. */
  timeoutMs?: number | undefined;
  /**
   * Race every async call against the abort signal. Unary runs do; streams need not, because a
   * failed stream stops its queues and output at once (and it saves a listener per call).
   */
  raceAbort?: boolean;
  /** Streams: the frame pool's bookkeeping (who holds which buffer). */
  frames?: FrameRefs | undefined;
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Calls `call` (process or flush of `node`) with the node's policy; resolves with its output. */
export async function invokeWithPolicy(
  node: PlannedNode,
  call: () => unknown,
  context: CallContext,
  first?: FirstAttempt,
): Promise<unknown> {
  const { signal, timing } = context;
  const raceSignal = context.raceAbort === false ? undefined : signal;
  const retry = node.policy.retry;
  const timeoutMs = context.timeoutMs ?? node.policy.timeoutMs;
  const m = node.metrics;
  for (let attempt = 1; ; attempt++) {
    let startedAt = 0;
    try {
      let result: unknown;
      if (attempt === 1 && first !== undefined) {
        startedAt = first.startedAt;
        if ('error' in first) throw first.error;
        result = await settle(first.pending, timeoutMs, raceSignal, node.id);
      } else {
        m.calls++;
        startedAt = timing ? performance.now() : 0;
        result = call();
        if (isThenable(result)) result = await settle(result, timeoutMs, raceSignal, node.id);
      }
      if (timing) m.latency.record(performance.now() - startedAt);
      return result;
    } catch (error) {
      m.errors++;
      if (timing) m.latency.record(performance.now() - startedAt);
      const coded = nodeError(error, node.id);
      const retryable = coded.retryable && coded.code !== 'ERR_ABORTED' && signal?.aborted !== true;
      if (!retryable || attempt >= retry.maxAttempts) throw coded;
      // Counted once the retry happens: an abort during the backoff retries nothing.
      await sleep(backoffDelay(retry, attempt), signal, node.id);
      m.retries++;
    }
  }
}
