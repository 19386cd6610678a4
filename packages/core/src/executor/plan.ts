// Turns a validated manifest into the executor's plan: node instances in topological order, with
// their edges, call policies and metrics.

import type { NodeInstance } from '@remotemedia/contract';
import { RemoteMediaError } from '@remotemedia/errors';
import { routeEdge, topologicalOrder } from '../graph.js';
import type { Manifest } from '../manifest/types.js';
import { validateManifest } from '../manifest/validate.js';
import { NodeMetrics } from '../metrics/node-metrics.js';
import type { AnyNodeRegistry } from '../registry.js';
import { type NativeNodePlan, nativePlanFor } from './native-plan.js';
import { type CallPolicy, nodeError, type RetryPolicy, resolveRetry } from './policy.js';

export interface NodeRunOptions {
  retry?: RetryPolicy;
  /** Per-call timeout in ms for async results. */
  timeoutMs?: number;
  /** What a full input queue does in streams: wait (backpressure, default) or drop the oldest input. */
  overflow?: 'block' | 'drop-oldest';
}

export interface PlannedEdge {
  from: string;
  to: string;
  /** Record key read from the source's output; undefined = the value itself. */
  pick: string | undefined;
  /** Input slot on the target ('' when the target has one unnamed input). */
  slot: string;
}

export interface PlannedNode {
  id: string;
  type: string;
  instance: NodeInstance;
  metrics: NodeMetrics;
  policy: CallPolicy;
  overflow: 'block' | 'drop-oldest';
  inEdges: PlannedEdge[];
  outEdges: PlannedEdge[];
  /** Distinct input slots, in connection order. */
  slots: string[];
  /** True when process() takes a record keyed by port (several input ports). */
  recordInput: boolean;
  /** Set for kit-built native nodes: lets a stream run a package's nodes fused in a NativeChain. */
  native?: NativeNodePlan | undefined;
}

export interface GraphPlan {
  /** Topological order. */
  nodes: PlannedNode[];
  byId: Map<string, PlannedNode>;
  sources: PlannedNode[];
  sinks: PlannedNode[];
}

/** Throws the validation problems as one error: their shared code (or ERR_MANIFEST), all listed. */
export function assertValid(
  manifest: unknown,
  registry: AnyNodeRegistry,
): asserts manifest is Manifest {
  const { ok, errors } = validateManifest(manifest, registry);
  if (ok) return;
  const codes = new Set(errors.map((e) => e.code));
  const code = codes.size === 1 ? (errors[0]?.code ?? 'ERR_MANIFEST') : 'ERR_MANIFEST';
  const list = errors.map((e) => `  ${e.path}: ${e.message}`).join('\n');
  throw new RemoteMediaError(
    code,
    `invalid manifest (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n${list}`,
  );
}

export async function buildPlan(
  registry: AnyNodeRegistry,
  manifest: Manifest,
  defaults: NodeRunOptions,
  perNode: Record<string, NodeRunOptions>,
): Promise<GraphPlan> {
  const connections = manifest.connections ?? [];
  const { order = [] } = topologicalOrder(
    manifest.nodes.map((n) => n.id),
    connections,
  );
  const specs = new Map(manifest.nodes.map((n) => [n.id, n]));
  const created: PlannedNode[] = [];
  try {
    for (const id of order) {
      const spec = specs.get(id);
      if (spec === undefined) continue;
      const options = { ...defaults, ...perNode[id] };
      let instance: NodeInstance;
      try {
        instance = await registry.createNode(spec.type, spec.params ?? {}, {
          runtime: spec.runtime ?? 'auto',
          nodeId: id,
          ...(spec.placement === undefined ? {} : { placement: spec.placement }),
        });
      } catch (error) {
        throw nodeError(error, id);
      }
      const inputs = registry.getMetadata(spec.type)?.inputs;
      created.push({
        id,
        type: spec.type,
        instance,
        metrics: new NodeMetrics(),
        policy: { retry: resolveRetry(options.retry), timeoutMs: options.timeoutMs },
        overflow: options.overflow ?? 'block',
        inEdges: [],
        outEdges: [],
        slots: [],
        recordInput: (inputs?.length ?? 0) > 1,
        native: nativePlanFor(registry, spec),
      });
    }
  } catch (error) {
    await Promise.allSettled(created.map((n) => n.instance.close?.()));
    throw error;
  }
  const byId = new Map(created.map((n) => [n.id, n]));
  for (const c of connections) {
    const from = byId.get(c.from) as PlannedNode;
    const to = byId.get(c.to) as PlannedNode;
    const route = routeEdge(c, registry.getMetadata(from.type), registry.getMetadata(to.type));
    const edge: PlannedEdge = { from: c.from, to: c.to, pick: route.pick, slot: route.slot ?? '' };
    from.outEdges.push(edge);
    to.inEdges.push(edge);
    if (!to.slots.includes(edge.slot)) to.slots.push(edge.slot);
  }
  for (const node of created) if (node.slots.length > 1) node.recordInput = true;
  return {
    nodes: created,
    byId,
    sources: created.filter((n) => n.inEdges.length === 0),
    sinks: created.filter((n) => n.outEdges.length === 0),
  };
}

/** The value an edge carries for a node output. */
export function pickValue(output: unknown, pick: string | undefined): unknown {
  if (pick === undefined || output === undefined || output === null) return output;
  return (output as Record<string, unknown>)[pick];
}
