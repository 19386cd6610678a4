// @remotemedia/core: node registry, fluent builder, manifests and the DAG executor.

// The node contract, re-exported so `import type { AudioFrame } from '@remotemedia/core'` keeps working.
export type * from '@remotemedia/contract';
export * from '@remotemedia/errors';
export { type DefineNodeOptions, defineNode, type TypedNodeDefinition } from './define-node.js';
export {
  createPipeline,
  type ExecuteOptions,
  type FrameSource,
  type Pipeline,
  type PipelineOptions,
  type StreamOptions,
} from './executor/pipeline.js';
export type { NodeRunOptions } from './executor/plan.js';
export type { RetryPolicy } from './executor/policy.js';
export { defaultLogger, silentLogger } from './logger.js';
export { loadManifest, parseManifest } from './manifest/load.js';
export { manifestSchema } from './manifest/schema.js';
export type {
  Manifest,
  ManifestConnection,
  ManifestIssue,
  ManifestNode,
  ManifestValidation,
} from './manifest/types.js';
export { validateManifest } from './manifest/validate.js';
export { LatencyHistogram, type LatencySummary } from './metrics/histogram.js';
export type { NodeMetricsSnapshot, PipelineMetrics } from './metrics/node-metrics.js';
export { checkParams, type ParamIssue } from './params.js';
export {
  type AnyNodeRegistry,
  type CreateNodeOptions,
  type DefaultParamsMap,
  NodeRegistry,
  type RegisterOptions,
  type RegisterRemoteOptions,
  type RegistryOptions,
} from './registry.js';
export { type BuildOptions, type ParamsTransform, RegistryBuilder } from './registry-builder.js';
export { FramePool, type FramePoolStats } from './streams/frame-pool.js';
export { type FramesFromOptions, framesFrom } from './streams/frames-from.js';
export { toNodeReadable, toWebReadable } from './streams/to-stream.js';
