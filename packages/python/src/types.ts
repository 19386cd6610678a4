// The node contract (docs/node-contract.md) declared structurally, so this package does not need
// @remotemedia/core at run time; core's registry accepts these shapes as they are.

export interface AudioFrame {
  /** Interleaved f32 samples. */
  samples: Float32Array;
  /** Hz. */
  sampleRate: number;
  channels: number;
  /** Milliseconds from the start of the stream to the first sample. */
  timestamp?: number;
}

export type PortType = 'audio' | 'json' | 'text' | 'bytes' | 'any';

export interface PortSpec {
  readonly name: string;
  readonly type: PortType;
  readonly description?: string;
}

export type JsonSchema = { readonly [keyword: string]: unknown };

export interface NodeMetadata {
  readonly category: string;
  readonly description: string;
  readonly params: JsonSchema;
  readonly inputs: readonly PortSpec[];
  readonly outputs: readonly PortSpec[];
}

export interface NodeInstance {
  process(input: unknown): unknown;
  flush?(): unknown;
  close?(): void | Promise<void>;
}

export interface NodeDefinition<P = Record<string, unknown>> {
  readonly type: string;
  readonly runtime: 'rust' | 'python' | 'ts';
  readonly metadata: NodeMetadata;
  create(params: P): NodeInstance | Promise<NodeInstance>;
}

export interface PythonCreateOptions {
  /** The pipeline node id the instance serves; worker output is logged with it. */
  nodeId?: string;
}

/** What `@remotemedia/core` calls to list and create Python nodes. */
export interface PythonRuntimeProvider {
  definitions(): Promise<readonly NodeDefinition[]>;
  create(
    type: string,
    params: Record<string, unknown>,
    options?: PythonCreateOptions,
  ): Promise<NodeInstance>;
  close(): Promise<void>;
}

export type LogFields = Record<string, unknown>;

/** Same shape as core's Logger. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}
