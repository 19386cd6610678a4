// Checks that what a package or plugin exports really is a node definition.
import type { AnyNodeDefinition } from '@remotemedia/core';

export function isNodeDefinition(value: unknown): value is AnyNodeDefinition {
  const d = value as Partial<AnyNodeDefinition> | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.type === 'string' &&
    d.type.length > 0 &&
    (d.runtime === 'rust' || d.runtime === 'ts' || d.runtime === 'python') &&
    typeof d.create === 'function' &&
    typeof d.metadata === 'object' &&
    d.metadata !== null &&
    Array.isArray(d.metadata.inputs) &&
    Array.isArray(d.metadata.outputs)
  );
}

export function findDefinition(
  definitions: readonly AnyNodeDefinition[],
  type: string,
  source: string,
): AnyNodeDefinition {
  const found = definitions.find((d) => d.type === type);
  if (found === undefined) {
    throw new Error(`${source} lists node type '${type}' in nodes.json but does not export it`);
  }
  return found;
}
