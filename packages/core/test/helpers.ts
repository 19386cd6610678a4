// Small TS nodes for the executor tests, each recording what happened to it.
import { Type } from 'typebox';
import { testNode } from '../../../tools/testing/test-node.js';
import {
  type AudioFrame,
  defineNode,
  type Manifest,
  type ManifestConnection,
  type NodeInstance,
  RemoteMediaError,
} from '../src/index.js';

export const audioIn = [{ name: 'audio', type: 'audio' }] as const;

/** Two input ports of any type, for nodes that join two branches. */
export const leftAndRight = [
  { name: 'left', type: 'any' },
  { name: 'right', type: 'any' },
] as const;

export { Gain } from '../../../tools/testing/gain.js';

/** Returns its input unchanged. */
export const Pass = testNode('Pass', {
  description: 'Pass-through',
  create: () => ({ process: (v: unknown) => v }),
});

/** Passes on the record of its two inputs. */
export const Mix = testNode('Mix', {
  description: 'joins two inputs',
  inputs: leftAndRight,
  outputs: [{ name: 'out', type: 'any' }],
  create: () => ({ process: (input: unknown) => input }),
});

/** A node as `[id, type, params?]`. */
export type NodeRow = [id: string, type: string, params?: Record<string, unknown>];
/** A connection as `[from, to, port keys?]`. */
export type EdgeRow = [from: string, to: string, keys?: Omit<ManifestConnection, 'from' | 'to'>];

/** A manifest of `nodes` joined by `edges`. */
export function graph(nodes: NodeRow[], edges: EdgeRow[]): Manifest {
  return {
    version: 1,
    nodes: nodes.map(([id, type, params]) =>
      params === undefined ? { id, type } : { id, type, params },
    ),
    connections: edges.map(([from, to, keys]) => ({ from, to, ...keys })),
  };
}

/** A manifest of `nodes` in a line, each feeding the next (params `{}` where none are given). */
export function line(...nodes: NodeRow[]): Manifest {
  return graph(
    nodes.map(([id, type, params]) => [id, type, params ?? {}]),
    nodes.slice(1).map(([id], i) => [nodes[i]?.[0] as string, id]),
  );
}

/** A `recorder` node of `type`, named after its id. */
export const step = (id: string, type = 'Step'): NodeRow => [id, type, { name: id }];

/** A manifest of `recorder` nodes of `type` in a line, each named after its id. */
export function chain(ids: string[], type = 'Step'): Manifest {
  return graph(
    ids.map((id) => step(id, type)),
    ids.slice(1).map((id, i) => [ids[i] as string, id]),
  );
}

/** `recorder` nodes of `type`: `src` feeds `a` and `b`, which both feed `sink`. */
export function diamond(
  [src, a, b, sink]: [string, string, string, string],
  type = 'Step',
): Manifest {
  return graph(
    [src, a, b, sink].map((id) => step(id, type)),
    [
      [src, a],
      [src, b],
      [a, sink],
      [b, sink],
    ],
  );
}

/** A journal the recording nodes write to. */
export interface Journal {
  events: string[];
  closes: Map<string, number>;
}

export function journal(): Journal {
  return { events: [], closes: new Map() };
}

/** A node whose behaviour the test controls per call; records process/flush/close. */
export function recorder(
  type: string,
  log: Journal,
  behaviour: (input: unknown, call: number) => unknown = (v) => v,
  flush?: () => unknown,
) {
  return defineNode({
    type,
    category: 'test',
    description: `recording node ${type}`,
    params: Type.Object({ name: Type.String() }),
    inputs: [{ name: 'in', type: 'any' }],
    outputs: [{ name: 'out', type: 'any' }],
    create: ({ name }): NodeInstance => {
      let calls = 0;
      return {
        process: (input) => {
          log.events.push(`${name}:process`);
          return behaviour(input, calls++);
        },
        flush: () => {
          log.events.push(`${name}:flush`);
          return flush?.();
        },
        close: () => {
          log.closes.set(name, (log.closes.get(name) ?? 0) + 1);
        },
      };
    },
  });
}

export function frame(values: number[], timestamp = 0): AudioFrame {
  return { samples: Float32Array.from(values), sampleRate: 48_000, channels: 1, timestamp };
}

export function transient(message: string): RemoteMediaError {
  return new RemoteMediaError('ERR_TRANSPORT', message, { retryable: true });
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
