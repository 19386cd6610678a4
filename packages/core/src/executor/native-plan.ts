// Which planned nodes can run inside a NativeChain: local definitions from kit-built packages
// (`native: { KitChain, abi }`), with the exact params their TS instance was created with.
import { effectiveParams } from '../params.js';
import type { AnyNodeRegistry } from '../registry.js';
import type { NodeMetadata, PortSpec } from '../types.js';

/** The generic class every kit-built package exports (crates/node-kit-napi `export_node_set!`). */
export interface KitChainHandle {
  /** Runs a frame; writes the last node's output info then per-node stats into `report`. */
  processReported(
    samples: Float32Array,
    sampleRate: number,
    channels: number,
    out: Float32Array,
    report: Float64Array,
  ): number;
  /** `processReported` that also copies the last node's bytes into `bytes` (as many as fit). */
  processInto?(
    samples: Float32Array,
    sampleRate: number,
    channels: number,
    out: Float32Array,
    report: Float64Array,
    bytes: Uint8Array,
  ): number;
  flushReported(out: Float32Array, report: Float64Array): number;
  outputInfo(index: number, info: Float64Array): void;
  readAudio(index: number, out: Float32Array): number;
  readBytes(index: number, out: Uint8Array): number;
  readJson(index: number): string;
  stats(out: Float64Array): void;
  readonly failedNode: number;
  close(): void;
  /** This chain as a stage for another package's chain (kits that call across packages). */
  exportStage?(claimedAbi?: number): object;
  /** Runs other packages' stages after this chain's nodes, in the same call per frame. */
  attach?(stages: object[]): void;
}

export type KitChainClass = new (types: string[], paramsJson: string[]) => KitChainHandle;

/** What a node brings to a NativeChain. */
export interface NativeNodePlan {
  KitChain: KitChainClass;
  abi: number;
  /** JSON of the params after the registry's transform, as the TS instance got them. */
  paramsJson: string;
  outputs: readonly PortSpec[];
  inputs: readonly PortSpec[];
}

interface ManifestNodeLike {
  type: string;
  params?: Record<string, unknown> | undefined;
  runtime?: string | undefined;
  placement?: { remote?: boolean } | undefined;
}

/** The native plan of a manifest node, or undefined when it runs elsewhere or is not kit-built. */
export function nativePlanFor(
  registry: AnyNodeRegistry,
  spec: ManifestNodeLike,
): NativeNodePlan | undefined {
  if (spec.placement?.remote === true || registry.isRemote(spec.type)) return undefined;
  const definition = registry.getDefinition(spec.type);
  if (definition === undefined) return undefined;
  const runtime = spec.runtime ?? 'auto';
  if (runtime !== 'auto' && runtime !== definition.runtime) return undefined;
  const native = (definition as { native?: { KitChain?: unknown; abi?: unknown } }).native;
  if (typeof native?.KitChain !== 'function' || typeof native.abi !== 'number') return undefined;
  // Packages built before the kit reported stats with each call run node by node.
  if (typeof native.KitChain.prototype?.processReported !== 'function') return undefined;
  const metadata: NodeMetadata = definition.metadata;
  return {
    KitChain: native.KitChain as KitChainClass,
    abi: native.abi,
    paramsJson: JSON.stringify(effectiveParams(definition, spec.params ?? {})),
    outputs: metadata.outputs,
    inputs: metadata.inputs,
  };
}
