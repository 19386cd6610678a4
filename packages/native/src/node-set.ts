// What a kit-built native package reads from its binding: the metadata of every node of its Rust
// node set (the one source of nodes.json and of the node definitions), the definitions
// themselves (each creating the generic KitNode), each node's streaming class, and the handle core's executor uses to run
// consecutive nodes of this package fused in one native call per frame.
import { RemoteMediaError } from '@remotemedia/errors';
import type { KitChainClass } from './kit-chain.js';
import { KitNode } from './kit-node.js';
import { KitProcessor, type KitProcessorOptions } from './kit-processor.js';
import { KitRun, type KitRunOptions } from './kit-run.js';

export interface KitPort {
  name: string;
  type: 'audio' | 'json' | 'text' | 'bytes' | 'any';
  description?: string;
}

export interface KitNodeMetadata {
  category: string;
  description: string;
  params: {
    type: 'object';
    additionalProperties: false;
    properties: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  inputs: KitPort[];
  outputs: KitPort[];
}

/** The part of a kit binding (`export_node_set!`) read here. */
export interface KitBinding {
  kitMetadata(): string;
  KitChain: KitChainClass;
}

/**
 * How core runs consecutive nodes of one package as one chain. Nodes fuse only when their
 * definitions carry the same `KitFusion` object, i.e. come from the same binary.
 */
export interface KitFusion {
  fuse(
    types: readonly string[],
    paramsJson: readonly string[],
    outputs: readonly KitPort[],
    options?: KitRunOptions,
  ): KitRun;
}

/** A node definition of a kit node, for `NodeRegistry.builder().rust(...)`. */
export interface KitNodeDefinition<P = Record<string, unknown>, O = unknown> {
  readonly type: string;
  readonly runtime: 'rust';
  readonly metadata: KitNodeMetadata;
  readonly native: KitFusion;
  create(params?: P): KitNode<O>;
}

/** A node's low-level streaming class, e.g. `Denoiser` for the `Denoise` node. */
export type KitProcessorClass<P = Record<string, unknown>> = new (
  options: KitProcessorOptions<P>,
) => KitProcessor<P>;

export interface KitNodeSet {
  /** Node types of the set, in the set's order. */
  readonly types: readonly string[];
  /** Metadata of one node type; ERR_NODE_NOT_FOUND when the set has no such type. */
  metadata(type: string): KitNodeMetadata;
  /** The definition of one node type (ERR_NODE_NOT_FOUND as above). */
  definition<P = Record<string, unknown>, O = unknown>(type: string): KitNodeDefinition<P, O>;
  /** Every node's definition, in the set's order. */
  definitions(): KitNodeDefinition[];
  /** The streaming class of one node type, named `name` in its errors (ERR_NODE_NOT_FOUND as above). */
  processor<P = Record<string, unknown>>(type: string, name: string): KitProcessorClass<P>;
  readonly native: KitFusion;
}

export function readKitNodeSet(binding: KitBinding): KitNodeSet {
  const entries = JSON.parse(binding.kitMetadata()) as Array<
    KitNodeMetadata & { type: string; runtime?: string }
  >;
  const byType = new Map(
    entries.map(({ type, runtime: _runtime, ...meta }) => [type, meta as KitNodeMetadata]),
  );
  const KitChain = binding.KitChain;
  const native: KitFusion = {
    fuse: (types, paramsJson, outputs, options) =>
      new KitRun(KitChain, types, paramsJson, outputs, options),
  };
  const metadata = (type: string): KitNodeMetadata => {
    const meta = byType.get(type);
    if (meta === undefined) {
      throw new RemoteMediaError(
        'ERR_NODE_NOT_FOUND',
        `${type} is not in this package's Rust node set (it has: ${[...byType.keys()].join(', ')})`,
      );
    }
    return meta;
  };
  const definition = <P, O>(type: string): KitNodeDefinition<P, O> => {
    const meta = metadata(type);
    return {
      type,
      runtime: 'rust',
      metadata: meta,
      native,
      create: (params?: P) => new KitNode<O>(KitChain, type, meta.outputs, params),
    };
  };
  const processor = <P>(type: string, name: string): KitProcessorClass<P> => {
    const node = { type, name, outputs: metadata(type).outputs };
    const Processor = class extends KitProcessor<P> {
      constructor(options: KitProcessorOptions<P>) {
        super(KitChain, node, options);
      }
    };
    Object.defineProperty(Processor, 'name', { value: name });
    return Processor;
  };
  return {
    types: [...byType.keys()],
    metadata,
    definition,
    definitions: () => [...byType.keys()].map((type) => definition(type)),
    processor,
    native,
  };
}
