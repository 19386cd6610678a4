// @remotemedia/contract: the node contract every RemoteMedia package imports (types only).
export type { AudioFrame } from './audio-frame.js';
export type { LogFields, Logger } from './logger.js';
export type {
  AnyNodeDefinition,
  JsonSchema,
  NodeDefinition,
  NodeInstance,
  NodeMetadata,
  ParamsOf,
  PortSpec,
  PortType,
  ProcessContext,
  Runtime,
} from './node.js';
export type {
  PythonCreateOptions,
  PythonRuntimeProvider,
  RemoteCreateOptions,
  RemotePlacement,
  RemoteRuntimeProvider,
} from './runtimes.js';
