// createPipeline: a manifest's graph with live node instances, run once (`execute`) or over a
// stream (`stream`), with metrics and an idempotent close.

import type { Logger } from '@remotemedia/contract';
import { RemoteMediaError } from '@remotemedia/errors';
import type { Manifest } from '../manifest/types.js';
import type { PipelineMetrics } from '../metrics/node-metrics.js';
import type { AnyNodeRegistry } from '../registry.js';
import { FramePool } from '../streams/frame-pool.js';
import { poolOf } from '../streams/source-pool.js';
import { executeOnce } from './execute.js';
import { FrameRefs } from './frame-refs.js';
import { assertValid, buildPlan, type GraphPlan, type NodeRunOptions } from './plan.js';
import { abortError, type RetryPolicy } from './policy.js';
import { StreamRun } from './stream.js';

export interface PipelineOptions {
  /** Default retry policy of every node. */
  retry?: RetryPolicy;
  /** Default per-call timeout (ms) of every node, for async results. */
  timeoutMs?: number;
  /** Per node id: retry, timeoutMs, overflow. */
  nodes?: Record<string, NodeRunOptions>;
  /** Time every call into the latency histograms. Counters are always kept. @default true */
  metrics?: boolean;
  /** Stream queues hold at most this many items per input. @default 16 */
  highWaterMark?: number;
  /**
   * Streams run consecutive kit-built native nodes (resample, VAD, format...) in one NativeChain:
   * one native call per package per frame, no per-node JS objects. @default true
   */
  nativeChains?: boolean;
  logger?: Logger;
}

export interface ExecuteOptions {
  signal?: AbortSignal;
  /** Replaces every node's timeout for this run. */
  timeoutMs?: number;
}

export interface StreamOptions {
  signal?: AbortSignal;
  /** Replaces the pipeline's high-water mark for this stream. */
  highWaterMark?: number;
  timeoutMs?: number;
  /**
   * The stream's frame pool: nodes' `context.acquire` draws from it, and source frames whose
   * buffers it lent out are taken over and recycled. @default the pool of a `framesFrom()`
   * source, else a new pool for this stream
   */
  pool?: FramePool;
  /**
   * Recycle the pool buffers of yielded outputs when you ask for the next one: a yielded frame is
   * then valid until the next iteration step (`.slice()` to keep it). Off, yielded outputs are
   * yours and their buffers never go back to the pool. Not for readers that run ahead
   * (`toNodeReadable`, `toWebReadable`). @default false
   */
  recycleOutputs?: boolean;
}

/** Anything `stream()` reads frames from: async iterables (Node Readable, Web ReadableStream) or arrays. */
export type FrameSource<T = unknown> = AsyncIterable<T> | Iterable<T>;

export interface Pipeline {
  /** Node ids in topological order. */
  readonly nodeIds: readonly string[];
  /** Runs the graph once. `inputs` is keyed by source node id; resolves with sink outputs by id. */
  execute(
    inputs: Record<string, unknown>,
    options?: ExecuteOptions,
  ): Promise<Record<string, unknown>>;
  /**
   * Streams frames through the graph. With one sink, yields its outputs; with several, yields
   * `{ nodeId, value }`. One stream at a time per pipeline (create a pipeline per stream).
   */
  stream(source: FrameSource, options?: StreamOptions): AsyncIterableIterator<unknown>;
  /** Counters and latency percentiles per node id. */
  metrics(): PipelineMetrics;
  /** Closes every node once. Idempotent. */
  close(): Promise<void>;
}

/**
 * Validates `manifest` against `registry` (every problem reported in one ERR_MANIFEST, or its
 * own code when all problems share one, e.g. ERR_CYCLE), creates the nodes, and returns a Pipeline.
 */
export async function createPipeline(
  registry: AnyNodeRegistry,
  manifest: Manifest,
  options: PipelineOptions = {},
): Promise<Pipeline> {
  assertValid(manifest, registry);
  // Checked before any node exists: a refused option must not leave nodes (or workers) open.
  checkHighWaterMark(options.highWaterMark ?? DEFAULT_HIGH_WATER_MARK);
  const defaults = {
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  const plan = await buildPlan(registry, manifest, defaults, options.nodes ?? {});
  return new PipelineImpl(plan, options, options.logger ?? registry.logger);
}

const DEFAULT_HIGH_WATER_MARK = 16;

function checkHighWaterMark(value: number): number {
  if (!(Number.isInteger(value) && value >= 1)) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      `highWaterMark must be an integer >= 1, got ${value}`,
    );
  }
  return value;
}

class PipelineImpl implements Pipeline {
  readonly #plan: GraphPlan;
  readonly #timing: boolean;
  readonly #highWaterMark: number;
  readonly #nativeChains: boolean;
  readonly #logger: Logger;
  #closing: Promise<void> | undefined;
  #streaming: StreamRun | undefined;

  constructor(plan: GraphPlan, options: PipelineOptions, logger: Logger) {
    this.#plan = plan;
    this.#timing = options.metrics ?? true;
    this.#highWaterMark = options.highWaterMark ?? DEFAULT_HIGH_WATER_MARK;
    this.#nativeChains = options.nativeChains ?? true;
    this.#logger = logger;
  }

  get nodeIds(): readonly string[] {
    return this.#plan.nodes.map((n) => n.id);
  }

  async execute(
    inputs: Record<string, unknown>,
    options: ExecuteOptions = {},
  ): Promise<Record<string, unknown>> {
    this.#checkOpen();
    const signal = options.signal;
    if (signal?.aborted) throw abortError(signal);
    return executeOnce(this.#plan, inputs, {
      signal,
      timing: this.#timing,
      timeoutMs: options.timeoutMs,
    });
  }

  stream(source: FrameSource, options: StreamOptions = {}): AsyncIterableIterator<unknown> {
    this.#checkOpen();
    if (this.#streaming !== undefined) {
      throw new RemoteMediaError(
        'ERR_INVALID_INPUT',
        'a stream is already running on this pipeline; wait for it to end or create another pipeline',
      );
    }
    if (
      source === null ||
      typeof source !== 'object' ||
      !(Symbol.asyncIterator in source || Symbol.iterator in source)
    ) {
      throw new RemoteMediaError(
        'ERR_INVALID_INPUT',
        'stream() takes an AsyncIterable or Iterable of frames (a Node Readable, a Web ReadableStream, an async generator, an array)',
      );
    }
    // A queue of no room never takes an item: the stream would wait forever.
    const highWaterMark = checkHighWaterMark(options.highWaterMark ?? this.#highWaterMark);
    const controller = new AbortController();
    const external = options.signal;
    const run: StreamRun = new StreamRun(this.#plan, source, {
      highWaterMark,
      nativeChains: this.#nativeChains,
      context: {
        signal: controller.signal,
        timing: this.#timing,
        timeoutMs: options.timeoutMs,
        raceAbort: false,
        frames: new FrameRefs(options.pool ?? poolOf(source) ?? new FramePool()),
      },
      recycleOutputs: options.recycleOutputs ?? false,
      onEnd: () => {
        external?.removeEventListener('abort', onAbort);
        run.recordQueueDepths();
        if (this.#streaming === run) this.#streaming = undefined;
      },
      onFailure: async (error) => {
        controller.abort(error);
        external?.removeEventListener('abort', onAbort);
        run.recordQueueDepths();
        this.#logger.debug('stream stopped', { code: error.code, nodeId: error.nodeId });
        await this.close();
      },
    });
    const onAbort = (): void => void run.fail(abortError(external));
    if (external?.aborted) onAbort();
    else external?.addEventListener('abort', onAbort, { once: true });
    this.#streaming = run;
    return run;
  }

  metrics(): PipelineMetrics {
    this.#streaming?.recordQueueDepths();
    const nodes: PipelineMetrics['nodes'] = {};
    for (const node of this.#plan.nodes) nodes[node.id] = node.metrics.snapshot();
    return { nodes };
  }

  close(): Promise<void> {
    if (this.#closing !== undefined) return this.#closing;
    this.#closing = this.#closeNodes();
    // A stream still open (running, or created and never read) ends with ERR_CLOSED and frees
    // its native chains: its consumer would otherwise wait on nodes that are gone, forever
    // when the source is idle.
    void this.#streaming?.fail(
      new RemoteMediaError('ERR_CLOSED', 'the pipeline was closed while this stream was open'),
    );
    return this.#closing;
  }

  async #closeNodes(): Promise<void> {
    const results = await Promise.allSettled(
      this.#plan.nodes.map(async (n) => n.instance.close?.()),
    );
    for (const [i, r] of results.entries()) {
      if (r.status === 'rejected') {
        this.#logger.warn(`node '${this.#plan.nodes[i]?.id}' failed to close`, {
          error: String(r.reason),
        });
      }
    }
  }

  #checkOpen(): void {
    if (this.#closing !== undefined) {
      throw new RemoteMediaError(
        'ERR_CLOSED',
        'this pipeline is closed (close() was called or a stream failed); create a new one',
      );
    }
  }
}
