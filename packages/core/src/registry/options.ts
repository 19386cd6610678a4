// The options of NodeRegistry's constructor, its register* methods and createNode.
import type {
  Logger,
  PythonRuntimeProvider,
  RemotePlacement,
  RemoteRuntimeProvider,
  Runtime,
} from '@remotemedia/contract';

export interface RegisterOptions {
  /** Replace an existing registration of the same type instead of failing. */
  override?: boolean;
}

export interface CreateNodeOptions {
  /**
   * Which implementation to use. 'auto' (default) prefers the in-process one (rust or ts) and
   * falls back to a Python implementation of the same type.
   */
  runtime?: 'auto' | Runtime;
  /** `{ remote: true, tags }` creates the node on a remote worker through the remote runtime. */
  placement?: RemotePlacement;
  /** The pipeline node id this instance serves; runtimes name it in their logs (e.g. worker stderr). */
  nodeId?: string;
}

export interface RegistryOptions {
  logger?: Logger;
  python?: PythonRuntimeProvider;
  remote?: RemoteRuntimeProvider;
}

export interface RegisterRemoteOptions extends RegisterOptions {
  /** Tags the serving worker must have. */
  tags?: Record<string, string>;
}

/** Node type -> params type. The default accepts any type name with any params. */
export type DefaultParamsMap = Record<string, Record<string, unknown>>;
