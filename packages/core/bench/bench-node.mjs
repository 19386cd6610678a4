// Node definitions for the benchmarks, as plain objects a user could write: a TS node of category
// 'test' with one 'in' and one 'out' port.

/** Params of the gain nodes: `{ gain?: number }`. */
export const GAIN_PARAMS = { type: 'object', properties: { gain: { type: 'number' } } };

/** A TS node `type` whose ports carry `[input, output]` types. */
export function benchNode(type, description, [input, output], create, params = { type: 'object' }) {
  return {
    type,
    runtime: 'ts',
    metadata: {
      category: 'test',
      description,
      params,
      inputs: [{ name: 'in', type: input }],
      outputs: [{ name: 'out', type: output }],
    },
    create,
  };
}
