// Graph facts shared by the validator and the executor: topological order, cycles, and how a
// connection's value is picked from the source's output and delivered to the target's input.
import type { NodeMetadata } from '@remotemedia/contract';

export interface GraphEdge {
  from: string;
  to: string;
  fromKey?: string | undefined;
  toKey?: string | undefined;
}

/** Kahn's algorithm; on a cycle returns the node ids of one cycle (first id repeated at the end). */
export function topologicalOrder(
  ids: readonly string[],
  edges: readonly GraphEdge[],
): { order: string[]; cycle?: undefined } | { order?: undefined; cycle: string[] } {
  const indegree = new Map(ids.map((id) => [id, 0]));
  const next = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) {
    if (!indegree.has(e.from) || !indegree.has(e.to)) continue;
    indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
    next.get(e.from)?.push(e.to);
  }
  const ready = ids.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift() as string;
    order.push(id);
    for (const to of next.get(id) ?? []) {
      const d = (indegree.get(to) ?? 0) - 1;
      indegree.set(to, d);
      if (d === 0) ready.push(to);
    }
  }
  if (order.length === ids.length) return { order };
  return {
    cycle: findCycle(
      ids.filter((id) => (indegree.get(id) ?? 0) > 0),
      next,
    ),
  };
}

function findCycle(candidates: string[], next: Map<string, string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, 'open');
    stack.push(id);
    for (const to of next.get(id) ?? []) {
      if (state.get(to) === 'open') return [...stack.slice(stack.indexOf(to)), to];
      if (state.get(to) === undefined) {
        const found = visit(to);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of candidates) {
    if (state.get(id) === undefined) {
      const found = visit(id);
      if (found) return found;
    }
  }
  return candidates;
}

/** How one connection reads its value and where it lands. */
export interface EdgeRoute {
  /** Key read from a record output; undefined = the output value itself. */
  pick: string | undefined;
  /** Input port it lands on; undefined when the target's ports are not known. */
  slot: string | undefined;
  /** Port types at both ends ('any' when not declared). */
  fromType: string;
  toType: string;
  problems: { field: 'fromKey' | 'toKey'; message: string }[];
}

/**
 * Port rules (docs/node-contract.md): one output port -> the value itself, several -> a record.
 * Without `fromKey`, a multi-output source gives the port named like the target port if it has
 * one, else the whole record. Without `toKey`, a one-input target uses its port; otherwise the
 * source port's name.
 */
export function routeEdge(
  edge: GraphEdge,
  source: NodeMetadata | undefined,
  target: NodeMetadata | undefined,
): EdgeRoute {
  const problems: EdgeRoute['problems'] = [];
  const outs = source?.outputs;
  const ins = target?.inputs;
  let slot = edge.toKey;
  if (slot === undefined && ins?.length === 1) slot = ins[0]?.name;
  if (slot === undefined) slot = edge.fromKey ?? (outs?.length === 1 ? outs[0]?.name : undefined);
  if (ins !== undefined) {
    if (slot === undefined || !ins.some((p) => p.name === slot)) {
      problems.push({
        field: 'toKey',
        message:
          slot === undefined
            ? `'${edge.to}' has several inputs (${ins.map((p) => p.name).join(', ')}); set toKey`
            : `'${edge.to}' has no input port '${slot}' (inputs: ${ins.map((p) => p.name).join(', ') || 'none'})`,
      });
    }
  }
  let pick = edge.fromKey;
  if (outs !== undefined) {
    if (outs.length === 1) {
      if (pick !== undefined && pick !== outs[0]?.name) {
        problems.push({
          field: 'fromKey',
          message: `'${edge.from}' has no output port '${pick}' (outputs: ${outs[0]?.name})`,
        });
      }
      pick = undefined;
    } else if (pick === undefined) {
      pick = outs.some((p) => p.name === slot) ? slot : undefined;
    } else if (!outs.some((p) => p.name === pick)) {
      problems.push({
        field: 'fromKey',
        message: `'${edge.from}' has no output port '${pick}' (outputs: ${outs.map((p) => p.name).join(', ') || 'none'})`,
      });
    }
  }
  const fromName = pick ?? (outs?.length === 1 ? outs[0]?.name : undefined);
  const fromType = outs?.find((p) => p.name === fromName)?.type ?? 'any';
  const toType = ins?.find((p) => p.name === slot)?.type ?? 'any';
  return { pick, slot, fromType, toType, problems };
}

/** Whether a value of port type `from` may flow into a port of type `to`. */
export function portTypesMatch(from: string, to: string): boolean {
  return from === 'any' || to === 'any' || from === to;
}
