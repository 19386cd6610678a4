// The manifest JSON Schema. schema/manifest.schema.json is this object, published for editors
// and other tools (a test keeps the two equal).

import { MANIFEST_LIMITS } from './limits.js';

const identifier = { type: 'string', minLength: 1 } as const;

/** An object schema that refuses keys it does not name. */
function closedObject<const P extends Record<string, object>, const R extends readonly string[]>(
  required: R,
  properties: P,
  description?: string,
) {
  return {
    type: 'object',
    additionalProperties: false,
    required,
    ...(description === undefined ? {} : { description }),
    properties,
  } as const;
}

/** An array of at most `maxItems` of `items`. */
function listOf<const I extends object>(maxItems: number, items: I) {
  return { type: 'array', maxItems, items } as const;
}

export const manifestSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'RemoteMedia pipeline manifest',
  description: 'A pipeline: nodes (typed, with params) and the connections between their ports.',
  ...closedObject(['version', 'nodes'], {
    $schema: { type: 'string' },
    version: { enum: [1, '1'], description: 'Manifest format version' },
    nodes: listOf(
      MANIFEST_LIMITS.nodes,
      closedObject(['id', 'type'], {
        id: { ...identifier, description: 'Unique node id' },
        type: { ...identifier, description: 'A registered node type, e.g. AudioResample' },
        params: { type: 'object', description: "Params, checked against the type's schema" },
        runtime: {
          enum: ['auto', 'rust', 'python', 'ts'],
          default: 'auto',
          description: 'Which implementation to use; auto prefers native, then Python',
        },
        placement: closedObject(
          ['remote'],
          {
            remote: { type: 'boolean', description: 'Run on a remote worker' },
            tags: {
              type: 'object',
              additionalProperties: { type: 'string' },
              description: 'Tags the worker must have, e.g. { "gpu": "true" }',
            },
          },
          'Where the node runs: remote = on a worker chosen by tags',
        ),
      }),
    ),
    connections: listOf(
      MANIFEST_LIMITS.connections,
      closedObject(['from', 'to'], {
        from: { ...identifier, description: 'Source node id' },
        to: { ...identifier, description: 'Target node id' },
        fromKey: { ...identifier, description: 'Output port of the source' },
        toKey: { ...identifier, description: 'Input port of the target' },
      }),
    ),
  }),
} as const;
