// Small TS nodes for the executor tests, each recording what happened to it.
import { Type } from 'typebox';
import { testNode } from '../../../tools/testing/test-node.js';
import { type AudioFrame, defineNode, type NodeInstance, RemoteMediaError } from '../src/index.js';

export const audioIn = [{ name: 'audio', type: 'audio' }] as const;

/** Multiplies every sample by `gain` into a new frame. */
export const Gain = defineNode({
  type: 'Gain',
  category: 'audio/effects',
  description: 'Multiplies samples by a gain',
  params: Type.Object({ gain: Type.Number({ minimum: 0, maximum: 10 }) }),
  inputs: audioIn,
  outputs: audioIn,
  create: ({ gain }) => ({
    process: (frame: unknown) => {
      const f = frame as AudioFrame;
      return { ...f, samples: f.samples.map((s) => s * gain) };
    },
  }),
});

/** Returns its input unchanged. */
export const Pass = testNode('Pass', {
  description: 'Pass-through',
  create: () => ({ process: (v: unknown) => v }),
});

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
