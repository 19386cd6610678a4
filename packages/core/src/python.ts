// The seam to Python nodes: @remotemedia/python implements this; core only calls it.
import { RemoteMediaError } from '@remotemedia/errors';
import type { NodeDefinition, NodeInstance } from './types.js';

export interface PythonCreateOptions {
  /** The pipeline node id the instance serves, for the runtime's logs. */
  nodeId?: string;
}

export interface PythonRuntimeProvider {
  /** Definitions (runtime 'python') of the node types the Python workers serve, from their handshake. */
  definitions(): Promise<readonly NodeDefinition[]>;
  /** Creates an instance of a Python node type (params already validated against its schema). */
  create(
    type: string,
    params: Record<string, unknown>,
    options?: PythonCreateOptions,
  ): Promise<NodeInstance>;
  /** Stops every worker. Idempotent. */
  close(): Promise<void>;
}

export function pythonNotConfigured(type: string): RemoteMediaError {
  return new RemoteMediaError(
    'ERR_NODE_NOT_FOUND',
    `node type '${type}' needs the Python runtime, which is not configured; pass one with ` +
      'NodeRegistry.builder().build({ python }) or registry.setPythonRuntime(provider) ' +
      '(@remotemedia/python provides it)',
  );
}
