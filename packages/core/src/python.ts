// The error for a Python node type when no Python runtime (@remotemedia/contract's
// PythonRuntimeProvider) is configured.
import { RemoteMediaError } from '@remotemedia/errors';

export function pythonNotConfigured(type: string): RemoteMediaError {
  return new RemoteMediaError(
    'ERR_NODE_NOT_FOUND',
    `node type '${type}' needs the Python runtime, which is not configured; pass one with ` +
      'NodeRegistry.builder().build({ python }) or registry.setPythonRuntime(provider) ' +
      '(@remotemedia/python provides it)',
  );
}
