// Test helpers for code that builds registries: `@remotemedia/core/testing`.
import { RemoteMediaError } from '@remotemedia/errors';
import type { AnyNodeRegistry } from './registry.js';
import { didYouMean } from './suggest.js';

/** Throws (ERR_NODE_NOT_FOUND, listing every missing type) unless each type is registered. */
export function assertNodeRegistered(registry: AnyNodeRegistry, ...types: string[]): void {
  const missing = types.filter((type) => !registry.has(type));
  if (missing.length === 0) return;
  const registered = registry.listNodeTypes();
  throw new RemoteMediaError(
    'ERR_NODE_NOT_FOUND',
    `node type(s) not registered: ${missing.map((t) => `'${t}'${didYouMean(t, registered)}`).join(', ')}; registered: ${registered.join(', ') || 'none'}`,
  );
}
