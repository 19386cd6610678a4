// A run of nodes in a line (each feeding only the next) executed as one step per frame. Sync is
// detected per call: a node whose process() returns a non-thenable is run inline, so a chain of
// sync nodes (native and most TS nodes) costs one synchronous loop per frame, with no await and no
// queue between its nodes. The first thenable (or throw) switches the rest of that frame to the
// async path (timeout, retry) and the chain resumes inline after it.
import { performance } from 'node:perf_hooks';
import { type CallContext, type FirstAttempt, invokeWithPolicy, isThenable } from './invoke.js';
import { type PlannedNode, pickValue } from './plan.js';

export class Chain {
  readonly nodes: readonly PlannedNode[];
  /** picks[i]: record key read from node i-1's output before it enters node i. */
  readonly #picks: readonly (string | undefined)[];
  readonly #timing: boolean;
  readonly #context: CallContext;

  constructor(nodes: readonly PlannedNode[], context: CallContext) {
    this.nodes = nodes;
    this.#picks = nodes.map((node, i) => (i === 0 ? undefined : node.inEdges[0]?.pick));
    this.#timing = context.timing;
    this.#context = context;
  }

  /** Runs `value` through nodes `from..end`; returns the last node's output (maybe a promise). */
  run(value: unknown, from = 0): unknown {
    const nodes = this.nodes;
    const timing = this.#timing;
    let v = value;
    // One clock read per hop: each call ends where the next one starts.
    let startedAt = timing ? performance.now() : 0;
    for (let i = from; i < nodes.length; i++) {
      const pick = this.#picks[i];
      if (pick !== undefined) v = pickValue(v, pick);
      if (v === undefined) return undefined;
      const node = nodes[i] as PlannedNode;
      const m = node.metrics;
      m.framesIn++;
      m.calls++;
      let out: unknown;
      try {
        out = node.instance.process(v);
      } catch (error) {
        const input = v;
        return this.#resume(i, () => node.instance.process(input), { error, startedAt });
      }
      if (isThenable(out)) {
        const input = v;
        return this.#resume(i, () => node.instance.process(input), { pending: out, startedAt });
      }
      if (timing) {
        const now = performance.now();
        m.latency.record(now - startedAt);
        startedAt = now;
      }
      if (out !== undefined) m.framesOut++;
      v = out;
    }
    return v;
  }

  /**
   * End of stream: flushes each node in order, running what it returns through the nodes after
   * it (so node i+1 sees node i's tail before its own flush). Returns the outputs of the last node.
   */
  async flush(): Promise<unknown[]> {
    const outputs: unknown[] = [];
    for (let i = 0; i < this.nodes.length; i++) {
      const node = this.nodes[i] as PlannedNode;
      const flush = node.instance.flush;
      if (flush === undefined) continue;
      const tail = await invokeWithPolicy(node, () => flush.call(node.instance), this.#context);
      if (tail === undefined) continue;
      node.metrics.framesOut++;
      const out = await this.run(tail, i + 1);
      if (out !== undefined) outputs.push(out);
    }
    return outputs;
  }

  async #resume(i: number, call: () => unknown, first: FirstAttempt): Promise<unknown> {
    const node = this.nodes[i] as PlannedNode;
    const out = await invokeWithPolicy(node, call, this.#context, first);
    if (out === undefined) return undefined;
    node.metrics.framesOut++;
    return this.run(out, i + 1);
  }
}
