// The manifest JSON Schema. schema/manifest.schema.json is this object, published for editors
// and other tools (a test keeps the two equal).

import { MANIFEST_LIMITS } from './limits.js';

const identifier = { type: 'string', minLength: 1 } as const;

export const manifestSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'RemoteMedia pipeline manifest',
  description: 'A pipeline: nodes (typed, with params) and the connections between their ports.',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'nodes'],
  properties: {
    $schema: { type: 'string' },
    version: { enum: [1, '1'], description: 'Manifest format version' },
    nodes: {
      type: 'array',
      maxItems: MANIFEST_LIMITS.nodes,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'type'],
        properties: {
          id: { ...identifier, description: 'Unique node id' },
          type: { ...identifier, description: 'A registered node type, e.g. AudioResample' },
          params: { type: 'object', description: "Params, checked against the type's schema" },
          runtime: {
            enum: ['auto', 'rust', 'python', 'ts'],
            default: 'auto',
            description: 'Which implementation to use; auto prefers native, then Python',
          },
          placement: {
            type: 'object',
            additionalProperties: false,
            required: ['remote'],
            description: 'Where the node runs: remote = on a worker chosen by tags',
            properties: {
              remote: { type: 'boolean', description: 'Run on a remote worker' },
              tags: {
                type: 'object',
                additionalProperties: { type: 'string' },
                description: 'Tags the worker must have, e.g. { "gpu": "true" }',
              },
            },
          },
        },
      },
    },
    connections: {
      type: 'array',
      maxItems: MANIFEST_LIMITS.connections,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'to'],
        properties: {
          from: { ...identifier, description: 'Source node id' },
          to: { ...identifier, description: 'Target node id' },
          fromKey: { ...identifier, description: 'Output port of the source' },
          toKey: { ...identifier, description: 'Input port of the target' },
        },
      },
    },
  },
} as const;
