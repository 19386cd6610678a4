// What a node is (docs/node-contract.md): plain data and plain objects, so any package can
// implement a node without depending on the registry or the executor.

/** Where a node runs. */
export type Runtime = 'rust' | 'python' | 'ts';

/** The kind of value a port carries; 'any' connects to everything. */
export type PortType = 'audio' | 'json' | 'text' | 'bytes' | 'any';

export interface PortSpec {
  readonly name: string;
  readonly type: PortType;
  readonly description?: string;
}

/** A JSON Schema object (draft-07, as ajv reads it); `object` so TypeBox and `as const` schemas fit. */
export type JsonSchema = object;

export interface NodeMetadata {
  /** e.g. 'audio/analysis', 'audio/conversion'. */
  readonly category: string;
  readonly description: string;
  /** JSON Schema of the params (`type: 'object'`); unknown keys are always rejected. */
  readonly params: JsonSchema;
  readonly inputs: readonly PortSpec[];
  readonly outputs: readonly PortSpec[];
}

/**
 * What the executor passes to each `process`/`flush` call. In a stream, `acquire` lends a buffer
 * from the stream's frame pool: write the output into it and return it in a frame; it returns to
 * the pool once every consumer is done with it. Outside a stream it is a fresh buffer.
 */
export interface ProcessContext {
  /** A buffer of `length` samples for this call's output (contents unspecified). */
  acquire(length: number): Float32Array;
}

/**
 * A running node. One input port: `process(value)`; several: `process({ port: value })`. One
 * output port: returns the value; several: a record keyed by port name. `undefined` = no output.
 *
 * Input frames are lent for the call: in a stream their buffers may be reused once `process`
 * returns (or its promise settles), unless the output carries them on. A node that keeps samples
 * for later copies them (`samples.slice()`).
 */
export interface NodeInstance {
  process(input: unknown, context?: ProcessContext): unknown;
  /** End of stream: the remaining output, same shape as `process`. */
  flush?(context?: ProcessContext): unknown;
  /** Idempotent. */
  close?(): void | Promise<void>;
}

/** A node type the registry accepts: native (rust), Python, or TypeScript. */
export interface NodeDefinition<P = Record<string, unknown>> {
  readonly type: string;
  readonly runtime: Runtime;
  readonly metadata: NodeMetadata;
  // Method syntax on purpose: definitions with narrower params (e.g. `{ to: number }`) stay
  // assignable to the general NodeDefinition.
  create(params: P): NodeInstance | Promise<NodeInstance>;
}

/** Any definition, whatever its params type. */
// biome-ignore lint/suspicious/noExplicitAny: params are contravariant; `any` is the only top type here.
export type AnyNodeDefinition = NodeDefinition<any>;

/** The params type of a definition's `create`. */
export type ParamsOf<D> = D extends { create(params: infer P): unknown }
  ? unknown extends P
    ? Record<string, unknown>
    : P
  : Record<string, unknown>;
