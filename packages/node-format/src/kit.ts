// This package's node metadata, read from the Rust node set (the one source of nodes.json and of
// the definitions), and the handle core's NativeChain uses to run its nodes fused in one call.
import { binding } from './native.js';

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

const byType = new Map<string, KitNodeMetadata>(
  (JSON.parse(binding.kitMetadata()) as Array<KitNodeMetadata & { type: string }>).map(
    ({
      type,
      runtime: _runtime,
      ...meta
    }: KitNodeMetadata & { type: string; runtime?: string }) => [type, meta],
  ),
);

export function kitMetadata(type: string): KitNodeMetadata {
  const meta = byType.get(type);
  if (meta === undefined) throw new Error(`${type} is not in this package's Rust node set`);
  return meta;
}

/** What NativeChain needs to fuse this package's nodes: the generic chain class and its ABI. */
export const kitNative = { KitChain: binding.KitChain, abi: binding.kitAbi() } as const;
