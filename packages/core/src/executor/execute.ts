// Unary mode: each node runs once, as soon as all its inputs are ready, so independent branches
// run concurrently. Inputs are gathered along edges; several edges into one port arrive as an
// array in connection order.
import { RemoteMediaError } from '@remotemedia/errors';
import { unpooledContext } from './frame-refs.js';
import { type CallContext, invokeWithPolicy } from './invoke.js';
import { type GraphPlan, type PlannedNode, pickValue } from './plan.js';
import { abortError } from './policy.js';

function gather(node: PlannedNode, outputs: Map<string, unknown>): unknown {
  const bySlot = new Map<string, unknown[]>();
  for (const edge of node.inEdges) {
    const value = pickValue(outputs.get(edge.from), edge.pick);
    if (value === undefined) continue;
    const list = bySlot.get(edge.slot) ?? [];
    list.push(value);
    bySlot.set(edge.slot, list);
  }
  const collapse = (slot: string): unknown => {
    const list = bySlot.get(slot);
    const edges = node.inEdges.filter((e) => e.slot === slot).length;
    return list === undefined ? undefined : edges > 1 ? list : list[0];
  };
  if (!node.recordInput) return collapse(node.slots[0] ?? '');
  const record: Record<string, unknown> = {};
  let any = false;
  for (const slot of node.slots) {
    const value = collapse(slot);
    if (value !== undefined) {
      record[slot] = value;
      any = true;
    }
  }
  return any ? record : undefined;
}

/** Runs the graph once; resolves with the outputs of the sink nodes keyed by node id. */
export async function executeOnce(
  plan: GraphPlan,
  inputs: Record<string, unknown>,
  context: CallContext,
): Promise<Record<string, unknown>> {
  if (typeof inputs !== 'object' || inputs === null) {
    throw new RemoteMediaError(
      'ERR_INVALID_INPUT',
      `execute() takes inputs keyed by source node id (${plan.sources.map((n) => n.id).join(', ')})`,
    );
  }
  const missing = plan.sources.filter((n) => !(n.id in inputs)).map((n) => n.id);
  if (missing.length > 0) {
    throw new RemoteMediaError(
      'ERR_INVALID_INPUT',
      `no input for source node(s) ${missing.join(', ')}; execute() takes { ${plan.sources.map((n) => `${n.id}: value`).join(', ')} }`,
    );
  }
  const outputs = new Map<string, unknown>();
  const done = new Map<string, Promise<void>>();
  for (const node of plan.nodes) {
    const upstream = node.inEdges.map((e) => done.get(e.from) as Promise<void>);
    const run = async (): Promise<void> => {
      if (upstream.length > 0) await Promise.all(upstream);
      // An abort raised while upstream nodes ran (even from their synchronous code) starts nothing.
      if (context.signal?.aborted) throw abortError(context.signal, node.id);
      const input = node.inEdges.length === 0 ? inputs[node.id] : gather(node, outputs);
      if (input === undefined) return;
      node.metrics.framesIn++;
      const call = () => node.instance.process(input, unpooledContext);
      const out = await invokeWithPolicy(node, call, context);
      if (out !== undefined) node.metrics.framesOut++;
      outputs.set(node.id, out);
    };
    done.set(node.id, run());
  }
  // Surface the first failure, but let no rejection go unobserved.
  const results = await Promise.allSettled(done.values());
  const failure = results.find((r) => r.status === 'rejected');
  if (failure !== undefined) throw (failure as PromiseRejectedResult).reason;
  const result: Record<string, unknown> = {};
  for (const sink of plan.sinks) result[sink.id] = outputs.get(sink.id);
  return result;
}
