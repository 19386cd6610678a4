// Which planned nodes can run inside a NativeChain: local definitions of kit-built packages
// (`native: KitFusion` from @remotemedia/native), with the exact params their instance would get.
import type { KitFusion } from '@remotemedia/native';
import { effectiveParams } from '../params.js';
import type { AnyNodeRegistry } from '../registry.js';
import type { NodeMetadata, PortSpec } from '../types.js';

/** What a node brings to a NativeChain. */
export interface NativeNodePlan {
  /** The node's package binary: only nodes with the same one run in one chain. */
  fusion: KitFusion;
  /** JSON of the params after the registry's transform, as the instance would get them. */
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
  const native = (definition as { native?: Partial<KitFusion> }).native;
  if (typeof native?.fuse !== 'function') return undefined;
  const metadata: NodeMetadata = definition.metadata;
  return {
    fusion: native as KitFusion,
    paramsJson: JSON.stringify(effectiveParams(definition, spec.params ?? {})),
    outputs: metadata.outputs,
    inputs: metadata.inputs,
  };
}
