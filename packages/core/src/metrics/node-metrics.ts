// Per-node counters the executor updates in place (plain fields: a hot-path increment is one store).
import { LatencyHistogram, type LatencySummary } from './histogram.js';

export interface NodeMetricsSnapshot {
  /** process() and flush() calls, retries included. */
  calls: number;
  /** Calls that failed (each failed attempt counts). */
  errors: number;
  retries: number;
  framesIn: number;
  /** Non-empty outputs. */
  framesOut: number;
  /** Inputs dropped under load (only for nodes that opted into `overflow: 'drop-oldest'`). */
  dropped: number;
  /** Deepest the node's input queue has been (streams). */
  queueHighWater: number;
  /** Per-call latency in milliseconds. */
  latency: LatencySummary;
}

export class NodeMetrics {
  calls = 0;
  errors = 0;
  retries = 0;
  framesIn = 0;
  framesOut = 0;
  dropped = 0;
  queueHighWater = 0;
  readonly latency = new LatencyHistogram();

  snapshot(): NodeMetricsSnapshot {
    return {
      calls: this.calls,
      errors: this.errors,
      retries: this.retries,
      framesIn: this.framesIn,
      framesOut: this.framesOut,
      dropped: this.dropped,
      queueHighWater: this.queueHighWater,
      latency: this.latency.summary(),
    };
  }
}

export interface PipelineMetrics {
  nodes: Record<string, NodeMetricsSnapshot>;
}
