// The error for a node placed remotely when no remote runtime (@remotemedia/contract's
// RemoteRuntimeProvider) is configured.
import { RemoteMediaError } from '@remotemedia/errors';

export function remoteNotConfigured(type: string): RemoteMediaError {
  return new RemoteMediaError(
    'ERR_NODE_NOT_FOUND',
    `node type '${type}' is placed on a remote worker, but no remote runtime is configured; pass one with ` +
      'NodeRegistry.builder().build({ remote }) or registry.setRemoteRuntime(provider) ' +
      '(@remotemedia/remote provides it)',
  );
}
