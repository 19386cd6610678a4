// TypeScript nodes with typed params: the TypeBox schema is both the runtime validator (through
// the registry) and the static type of `create`'s argument.

import type { NodeInstance, PortSpec, Runtime } from '@remotemedia/contract';
import type { Static, TObject } from 'typebox';

export interface DefineNodeOptions<T extends string, S extends TObject, I extends NodeInstance> {
  type: T;
  /** @default 'ts' */
  runtime?: Runtime;
  category: string;
  description: string;
  /** TypeBox object schema of the params (`Type.Object({...})`). */
  params: S;
  inputs: readonly PortSpec[];
  outputs: readonly PortSpec[];
  create(params: Static<S>): I | Promise<I>;
}

/** A definition made by `defineNode`: `type` stays a literal and `create` takes `Static<S>`. */
export interface TypedNodeDefinition<T extends string, P, I extends NodeInstance = NodeInstance> {
  readonly type: T;
  readonly runtime: Runtime;
  readonly metadata: {
    readonly category: string;
    readonly description: string;
    readonly params: TObject;
    readonly inputs: readonly PortSpec[];
    readonly outputs: readonly PortSpec[];
  };
  create(params: P): I | Promise<I>;
}

/**
 * Defines a TypeScript node. Params are validated against `params` by the registry before
 * `create` runs (unknown keys rejected, the offending field named in `ERR_INVALID_PARAM`).
 */
export function defineNode<
  const T extends string,
  S extends TObject,
  I extends NodeInstance = NodeInstance,
>(options: DefineNodeOptions<T, S, I>): TypedNodeDefinition<T, Static<S>, I> {
  return {
    type: options.type,
    runtime: options.runtime ?? 'ts',
    metadata: {
      category: options.category,
      description: options.description,
      params: options.params,
      inputs: options.inputs,
      outputs: options.outputs,
    },
    create: options.create,
  };
}
