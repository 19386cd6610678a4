// The seams to nodes that run elsewhere: @remotemedia/python and @remotemedia/remote implement
// these; the registry only calls them.
import type { NodeDefinition, NodeInstance } from './node.js';

export interface PythonCreateOptions {
  /** The pipeline node id the instance serves; worker output is logged with it. */
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
