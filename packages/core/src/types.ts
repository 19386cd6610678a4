// The node contract lives in @remotemedia/contract; re-exported here for core's own modules.
export type {
  AnyNodeDefinition,
  AudioFrame,
  JsonSchema,
  NodeDefinition,
  NodeInstance,
  NodeMetadata,
  ParamsOf,
  PortSpec,
  PortType,
  ProcessContext,
  Runtime,
} from '@remotemedia/contract';
