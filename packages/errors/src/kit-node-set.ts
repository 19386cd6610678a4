// What a kit-built native package reads from its binding: the metadata of every node of its Rust
// node set (the one source of nodes.json and of the node definitions), and the handle core's
// NativeChain uses to run consecutive kit nodes in one native call per frame.
import { RemoteMediaError } from './remote-media-error.js';

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
  };
  inputs: KitPort[];
  outputs: KitPort[];
}

/** The part of a kit binding (`export_node_set!`) read here. */
export interface KitBinding<Chain> {
  kitMetadata(): string;
  kitAbi(): number;
  KitChain: Chain;
}

export interface KitNodeSet<Chain> {
  /** Node types of the set, in the set's order. */
  readonly types: readonly string[];
  /** Metadata of one node type; ERR_NODE_NOT_FOUND when the set has no such type. */
  metadata(type: string): KitNodeMetadata;
  /** What NativeChain needs to fuse the set's nodes: the generic chain class and its ABI. */
  readonly native: { readonly KitChain: Chain; readonly abi: number };
}

export function readKitNodeSet<Chain>(binding: KitBinding<Chain>): KitNodeSet<Chain> {
  const entries = JSON.parse(binding.kitMetadata()) as Array<
    KitNodeMetadata & { type: string; runtime?: string }
  >;
  const byType = new Map(
    entries.map(({ type, runtime: _runtime, ...meta }) => [type, meta as KitNodeMetadata]),
  );
  return {
    types: [...byType.keys()],
    metadata(type) {
      const meta = byType.get(type);
      if (meta === undefined) {
        throw new RemoteMediaError(
          'ERR_NODE_NOT_FOUND',
          `${type} is not in this package's Rust node set (it has: ${[...byType.keys()].join(', ')})`,
        );
      }
      return meta;
    },
    native: { KitChain: binding.KitChain, abi: binding.kitAbi() },
  };
}
