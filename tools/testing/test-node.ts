// Node definitions for tests that need a node without params: a type, a description, its ports
// (one 'in' and one 'out' of any type unless given) and what it does. Plain objects, as any
// package may write them, so the tests of every package can use them.
import type { NodeInstance, PortSpec } from '@remotemedia/contract';

/** Params schema of a node that takes none (unknown keys are refused). */
const NO_PARAMS = { type: 'object', additionalProperties: false, properties: {} } as const;

export interface TestNodeSpec {
  description: string;
  /** @default 'ts' */
  runtime?: 'ts' | 'rust';
  /** @default one port 'in' of type 'any' */
  inputs?: readonly PortSpec[];
  /** @default one port 'out' of type 'any' */
  outputs?: readonly PortSpec[];
  create(): NodeInstance | Promise<NodeInstance>;
}

/** A test node definition (category 'test', no params) of type `type`. */
export function testNode<const T extends string>(type: T, spec: TestNodeSpec) {
  return {
    type,
    runtime: spec.runtime ?? 'ts',
    metadata: {
      category: 'test',
      description: spec.description,
      params: NO_PARAMS,
      inputs: spec.inputs ?? [{ name: 'in', type: 'any' }],
      outputs: spec.outputs ?? [{ name: 'out', type: 'any' }],
    },
    create: (_params: Record<string, never>) => spec.create(),
  } as const;
}
