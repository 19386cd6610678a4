// A run of consecutive native nodes of one package binary executed as one KitChain: one native
// call per frame, with per-node metrics from the chain's own per-node timings. The chain (from
// @remotemedia/native) hands back the tail node's output in its contract shape, timestamps and
// json times already computed in Rust, exactly as the nodes run one by one would give them.
import { expectAudioFrame } from '@remotemedia/errors';
import { type AudioFrame, type KitRun, Stats, stat } from '@remotemedia/native';
import type { PlannedNode } from './plan.js';
import { nodeError } from './policy.js';

export class NativeChain {
  readonly nodes: readonly PlannedNode[];
  readonly #run: KitRun;
  readonly #timing: boolean;
  #started = false;
  #closed = false;

  /**
   * `nodes` all carry a `native` plan of one package; throws when the package rejects the
   * params. `acquire` gives the buffers output frames are copied into (the stream's pool).
   */
  constructor(
    nodes: readonly PlannedNode[],
    timing: boolean,
    acquire?: (length: number) => Float32Array,
  ) {
    this.nodes = nodes;
    this.#timing = timing;
    const plans = nodes.map((n) => n.native as NonNullable<PlannedNode['native']>);
    const fusion = (plans[0] as NonNullable<PlannedNode['native']>).fusion;
    this.#run = fusion.fuse(
      nodes.map((n) => n.type),
      plans.map((p) => p.paramsJson),
      plans[plans.length - 1]?.outputs ?? [],
      { acquire },
    );
  }

  /** Runs one frame through every node; returns the tail node's output (or undefined). */
  process(input: unknown): unknown {
    const head = this.nodes[0] as PlannedNode;
    try {
      expectAudioFrame(input, head.type);
    } catch (error) {
      throw nodeError(error, head.id);
    }
    this.#started = true;
    return this.#call(true, () => this.#run.process(input as AudioFrame));
  }

  /** End of stream: what the nodes held back, as the tail's outputs. */
  flush(): unknown[] {
    if (!this.#started) return [];
    this.#started = false;
    const out = this.#call(false, () => this.#run.flush());
    return out === undefined ? [] : [out];
  }

  /** Idempotent: a stream closes its chains after flush and again when it ends or fails. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#run.close();
  }

  /** One native call, then per-node metrics from the chain's timings; errors name their node. */
  #call(processing: boolean, call: () => unknown): unknown {
    let out: unknown;
    try {
      out = call();
    } catch (error) {
      this.#record(processing, false);
      const failed = this.nodes[this.#run.failedNode] ?? (this.nodes[0] as PlannedNode);
      failed.metrics.errors++;
      throw nodeError(error, failed.id);
    }
    this.#record(processing, out !== undefined);
    return out;
  }

  #record(processing: boolean, tailOut: boolean): void {
    const report = this.#run.report;
    const nodes = this.nodes;
    for (let j = 0; j < nodes.length; j++) {
      if (stat(report, j, Stats.ran) !== 1) continue;
      const m = (nodes[j] as PlannedNode).metrics;
      m.calls++;
      if (processing) m.framesIn++;
      else if (j > 0 && this.#run.hasAudio(j - 1)) {
        // At end of stream the kit runs process(upstream tail) and flush in one step: two calls.
        m.framesIn++;
        m.calls++;
      }
      if (this.#timing) m.latency.record(stat(report, j, Stats.lastNs) / 1e6);
      const next = j + 1 < nodes.length ? stat(report, j + 1, Stats.ran) === 1 : tailOut;
      if (next) m.framesOut++;
    }
  }
}
