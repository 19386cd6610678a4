// One connection's pipeline: reads the connection's FrameFeed, port values out through `emit`
// (which must be done with a value when it returns: its buffers are recycled), end of input
// flushed through every node before `finish()` resolves.
import {
  type AnyNodeRegistry,
  createPipeline,
  type Manifest,
  type Pipeline,
} from '@remotemedia/core';
import type { FrameFeed } from './frame-feed.js';
import { type EmitPortValue, emitPortValues, sinkPortsOf } from './sinks.js';

export class PipelineRun {
  /** Resolves when the stream has ended and flushed; rejects with the pipeline's error. */
  readonly done: Promise<void>;
  readonly #pipeline: Pipeline;
  readonly #feed: FrameFeed;

  private constructor(
    pipeline: Pipeline,
    sinks: ReturnType<typeof sinkPortsOf>,
    feed: FrameFeed,
    emit: EmitPortValue,
  ) {
    this.#pipeline = pipeline;
    this.#feed = feed;
    this.done = (async () => {
      // Outputs are sent (encoded, copied) before the next one is read: their pool buffers
      // can go back to the stream's pool then.
      const outputs = pipeline.stream(feed.source, { pool: feed.pool, recycleOutputs: true });
      for await (const item of outputs) emitPortValues(item, sinks, emit);
    })();
    // A failure is reported through `done`'s own handlers; never as an unhandled rejection.
    this.done.catch(() => {});
  }

  /** @throws RemoteMediaError when the manifest does not fit the registry or a node cannot start */
  static async create(
    registry: AnyNodeRegistry,
    manifest: Manifest,
    feed: FrameFeed,
    emit: EmitPortValue,
  ): Promise<PipelineRun> {
    // Nothing reads a session's latency histograms: no clock reads per node per frame.
    const pipeline = await createPipeline(registry, manifest, { metrics: false });
    return new PipelineRun(pipeline, sinkPortsOf(manifest, registry), feed, emit);
  }

  /** Ends the input and waits until every node has flushed; rejects with the pipeline's error. */
  async finish(): Promise<void> {
    this.#feed.source.end();
    await this.done;
  }

  async close(): Promise<void> {
    this.#feed.source.end();
    await this.#pipeline.close();
  }
}
