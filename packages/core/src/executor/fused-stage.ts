// A stage's line of nodes with every run of two or more native nodes of one package binary handed
// to a NativeChain; the other nodes stay on the per-node Chain. Nodes join a run only when they
// come from the same binary and the edge between them carries audio (another package, a json or
// bytes pick, a TS or Python node, or a fan-out ends the run: stages already end at fan-out).
import { Chain } from './chain.js';
import type { FrameRefs } from './frame-refs.js';
import { type CallContext, isThenable } from './invoke.js';
import { NativeChain } from './native-chain.js';
import { type PlannedNode, pickValue } from './plan.js';

/** What a stream stage runs per input and at end of stream. */
export interface StageChain {
  readonly nodes: readonly PlannedNode[];
  run(value: unknown): unknown;
  flush(): Promise<unknown[]>;
  /** Frees what the stage itself created (native chains); the nodes are the pipeline's. Idempotent. */
  close(): void;
}

interface Part {
  /** Record key read from the previous part's output (the edge into the part's first node). */
  pick: string | undefined;
  chain: Chain | NativeChain;
}

/** The stage's chain: fused where native runs exist, else the plain per-node Chain. */
export function fuseNativeRuns(
  nodes: readonly PlannedNode[],
  context: CallContext,
  enabled: boolean,
): StageChain {
  const plain = new Chain(nodes, context);
  if (!enabled) return plain;
  const parts: Part[] = [];
  let fused = false;
  // Output frames of native runs draw from the stream's pool (recycled like every frame there).
  const pool = context.frames?.pool;
  const acquire = pool === undefined ? undefined : (length: number) => pool.acquire(length);
  try {
    for (let i = 0; i < nodes.length; ) {
      let end = i + 1;
      while (end < nodes.length && joins(nodes[end - 1] as PlannedNode, nodes[end] as PlannedNode))
        end++;
      const run = nodes.slice(i, end);
      const pick = i === 0 ? undefined : run[0]?.inEdges[0]?.pick;
      const native = run.length > 1;
      fused ||= native;
      parts.push({
        pick,
        chain: native ? new NativeChain(run, context.timing, acquire) : new Chain(run, context),
      });
      i = end;
    }
  } catch {
    // The package refused the fused params: run node by node, where each node reports its own.
    for (const part of parts) if (part.chain instanceof NativeChain) part.chain.close();
    return plain;
  }
  return fused ? new FusedStageChain(nodes, parts, context.frames) : plain;
}

/** Whether `next` can run in the same NativeChain as `prev`. */
function joins(prev: PlannedNode, next: PlannedNode): boolean {
  const a = prev.native;
  const b = next.native;
  if (a === undefined || b === undefined || a.fusion !== b.fusion) return false;
  const input = b.inputs.length === 1 ? b.inputs[0] : undefined;
  if (input === undefined || (input.type !== 'audio' && input.type !== 'any')) return false;
  const pick = next.inEdges[0]?.pick;
  const port =
    pick === undefined
      ? a.outputs.length === 1
        ? a.outputs[0]
        : undefined
      : a.outputs.find((p) => p.name === pick);
  return port?.type === 'audio';
}

class FusedStageChain implements StageChain {
  readonly nodes: readonly PlannedNode[];
  readonly #parts: readonly Part[];
  readonly #refs: FrameRefs | undefined;

  constructor(nodes: readonly PlannedNode[], parts: readonly Part[], refs: FrameRefs | undefined) {
    this.nodes = nodes;
    this.#parts = parts;
    this.#refs = refs;
  }

  run(value: unknown): unknown {
    return this.#from(0, value);
  }

  async flush(): Promise<unknown[]> {
    const outputs: unknown[] = [];
    for (let k = 0; k < this.#parts.length; k++) {
      const chain = (this.#parts[k] as Part).chain;
      const tails = chain instanceof NativeChain ? chain.flush() : await chain.flush();
      for (const tail of tails) {
        const out = await this.#from(k + 1, tail);
        if (out !== undefined) outputs.push(out);
      }
    }
    this.close();
    return outputs;
  }

  close(): void {
    for (const part of this.#parts) if (part.chain instanceof NativeChain) part.chain.close();
  }

  /** A NativeChain copies its input, so the input's pool buffers go back once it returns. */
  #native(chain: NativeChain, value: unknown): unknown {
    const refs = this.#refs;
    const held = refs?.scan(value);
    const out = chain.process(value);
    if (held !== undefined) refs?.handOff(held, out);
    return out;
  }

  /** Runs `value` through parts `k..`; a promise only when a part had to wait (or failed). */
  #from(k: number, value: unknown): unknown {
    let v = value;
    for (let i = k; i < this.#parts.length; i++) {
      const part = this.#parts[i] as Part;
      if (part.pick !== undefined) v = pickValue(v, part.pick);
      if (v === undefined) return undefined;
      let out: unknown;
      try {
        out = part.chain instanceof NativeChain ? this.#native(part.chain, v) : part.chain.run(v);
      } catch (error) {
        return Promise.reject(error);
      }
      if (isThenable(out)) {
        return (out as Promise<unknown>).then((o) => this.#from(i + 1, o));
      }
      v = out;
    }
    return v;
  }
}
