// The node contract this package implements, re-exported for existing imports.
export type * from '@remotemedia/contract';
export { PythonException } from './errors.js';
export { PROTOCOL_VERSION } from './frame.js';
export type { PythonNode } from './node-instance.js';
export type { PythonRuntimeOptions } from './options.js';
export { createPythonRuntime, PythonRuntime } from './runtime.js';
