// What the registry accepts as a node definition (the shape, before any params are seen).
import type { AnyNodeDefinition } from '@remotemedia/contract';
import { RemoteMediaError } from '@remotemedia/errors';

export function checkDefinition(definition: AnyNodeDefinition): void {
  const ok =
    typeof definition === 'object' &&
    definition !== null &&
    typeof definition.type === 'string' &&
    definition.type.length > 0 &&
    (definition.runtime === 'rust' ||
      definition.runtime === 'ts' ||
      definition.runtime === 'python') &&
    typeof definition.create === 'function' &&
    typeof definition.metadata?.params === 'object' &&
    Array.isArray(definition.metadata.inputs) &&
    Array.isArray(definition.metadata.outputs);
  if (!ok) {
    throw new RemoteMediaError(
      'ERR_INVALID_PARAM',
      'not a node definition: expected { type, runtime: rust|python|ts, metadata: { category, description, params, inputs, outputs }, create(params) }',
    );
  }
}
