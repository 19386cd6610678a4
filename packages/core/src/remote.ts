// The seam to remote nodes: @remotemedia/remote implements this over NATS; core only calls it.
import { RemoteMediaError } from '@remotemedia/errors';
import type { NodeInstance } from './types.js';

/** Where a node runs: in this process (default) or on a remote worker chosen by tags. */
export interface RemotePlacement {
  remote: boolean;
  /** Every tag must match the worker's (e.g. `{ gpu: 'true' }`). */
  tags?: Record<string, string>;
}

export interface RemoteCreateOptions {
  /** Tags the serving worker must have; empty = any worker serving the type. */
  tags: Record<string, string>;
}

export interface RemoteRuntimeProvider {
  /** Creates a node instance whose calls run on a remote worker (params not yet validated). */
  create(
    type: string,
    params: Record<string, unknown>,
    options: RemoteCreateOptions,
  ): Promise<NodeInstance>;
  /** Releases connections the provider owns. Idempotent. */
  close(): Promise<void>;
}

export function remoteNotConfigured(type: string): RemoteMediaError {
  return new RemoteMediaError(
    'ERR_NODE_NOT_FOUND',
    `node type '${type}' is placed on a remote worker, but no remote runtime is configured; pass one with ` +
      'NodeRegistry.builder().build({ remote }) or registry.setRemoteRuntime(provider) ' +
      '(@remotemedia/remote provides it)',
  );
}
