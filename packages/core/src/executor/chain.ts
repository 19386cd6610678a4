// A run of nodes in a line (each feeding only the next) executed as one step per frame. Sync is
// detected per call: a node whose process() returns a non-thenable is run inline, so a chain of
// sync nodes (native and most TS nodes) costs one synchronous loop per frame, with no await and no
// queue between its nodes. The first thenable (or throw) switches the rest of that frame to the
// async path (timeout, retry) and the chain resumes inline after it.
// In a stream, the chain takes over the pool-buffer holds of its input and hands each node's
// input hold on to its output once the call is over (frame-refs.ts).
import { performance } from 'node:perf_hooks';
import type { ProcessContext } from '@remotemedia/contract';
import { type FrameRefs, type Held, unpooledContext } from './frame-refs.js';
import { type CallContext, type FirstAttempt, invokeWithPolicy, isThenable } from './invoke.js';
import { type PlannedNode, pickValue } from './plan.js';

export class Chain {
  readonly nodes: readonly PlannedNode[];
  /** picks[i]: record key read from node i-1's output before it enters node i. */
  readonly #picks: readonly (string | undefined)[];
  readonly #timing: boolean;
  readonly #context: CallContext;
  readonly #refs: FrameRefs | undefined;
  readonly #call: ProcessContext;
  /** The first node takes a record keyed by port, zipped from its input queues. */
  readonly #zipped: boolean;

  constructor(nodes: readonly PlannedNode[], context: CallContext) {
    this.nodes = nodes;
    this.#zipped = nodes[0]?.recordInput === true;
    this.#picks = nodes.map((node, i) => (i === 0 ? undefined : node.inEdges[0]?.pick));
    this.#timing = context.timing;
    this.#context = context;
    this.#refs = context.frames;
    this.#call = context.frames?.context ?? unpooledContext;
  }

  /**
   * Runs `value` through nodes `from..end`; returns the last node's output (maybe a promise).
   * Takes over the pool-buffer holds of `value`; the caller gets those of the output.
   */
  run(value: unknown, from = 0): unknown {
    const nodes = this.nodes;
    const timing = this.#timing;
    const refs = this.#refs;
    const call = this.#call;
    let v = value;
    // A zipped input holds the buffers of every port's value (see FrameRefs.zip).
    let held: Held = from === 0 && this.#zipped ? refs?.scanPorts(v) : refs?.scan(v);
    // One clock read per hop: each call ends where the next one starts.
    let startedAt = timing ? performance.now() : 0;
    for (let i = from; i < nodes.length; i++) {
      const pick = this.#picks[i];
      if (pick !== undefined) {
        v = pickValue(v, pick);
        if (held !== undefined) held = (refs as FrameRefs).handOff(held, v);
      }
      if (v === undefined) return undefined;
      const node = nodes[i] as PlannedNode;
      const m = node.metrics;
      m.framesIn++;
      m.calls++;
      const mark = refs === undefined ? 0 : refs.mark;
      let out: unknown;
      try {
        out = node.instance.process(v, call);
      } catch (error) {
        const input = v;
        const first = { error, startedAt };
        return this.#resume(i, () => node.instance.process(input, call), first, held);
      }
      if (isThenable(out)) {
        const input = v;
        const first = { pending: out, startedAt };
        return this.#resume(i, () => node.instance.process(input, call), first, held);
      }
      if (timing) {
        const now = performance.now();
        m.latency.record(now - startedAt);
        startedAt = now;
      }
      // The call is over: its input hold passes to what the output carries, the rest is released.
      if (held !== undefined || (refs !== undefined && refs.mark !== mark)) {
        held = (refs as FrameRefs).handOff(held, out);
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
      const call = this.#call;
      const tail = await invokeWithPolicy(
        node,
        () => flush.call(node.instance, call),
        this.#context,
      );
      if (tail === undefined) continue;
      node.metrics.framesOut++;
      const out = await this.run(tail, i + 1);
      if (out !== undefined) outputs.push(out);
    }
    return outputs;
  }

  /** Nothing of its own to free: its nodes are the pipeline's, closed with it. */
  close(): void {}

  async #resume(i: number, call: () => unknown, first: FirstAttempt, held: Held): Promise<unknown> {
    const node = this.nodes[i] as PlannedNode;
    const errors = node.metrics.errors;
    const out = await invokeWithPolicy(node, call, this.#context, first);
    const refs = this.#refs;
    if (refs !== undefined) {
      // A failed attempt (a timeout) may still be reading its input: never recycle that input.
      if (node.metrics.errors !== errors) refs.retain(held, 1);
      refs.handOff(held, out);
    }
    if (out === undefined) return undefined;
    node.metrics.framesOut++;
    return this.run(out, i + 1);
  }
}
