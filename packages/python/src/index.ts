export { PythonException } from './errors.js';
export { PROTOCOL_VERSION } from './frame.js';
export type { PythonNode } from './node-instance.js';
export type { PythonRuntimeOptions } from './options.js';
export { createPythonRuntime, PythonRuntime } from './runtime.js';
export type {
  AudioFrame,
  JsonSchema,
  Logger,
  NodeDefinition,
  NodeInstance,
  NodeMetadata,
  PortSpec,
  PythonCreateOptions,
  PythonRuntimeProvider,
} from './types.js';
