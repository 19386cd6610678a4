// The manifest: a pipeline as data (JSON or YAML), the same graph the builder API describes.
import type { RemotePlacement, Runtime } from '@remotemedia/contract';

export interface ManifestNode {
  /** Unique within the manifest; connections and results refer to it. */
  id: string;
  /** A registered node type. */
  type: string;
  params?: Record<string, unknown>;
  /** @default 'auto' */
  runtime?: 'auto' | Runtime;
  /** `{ remote: true, tags: { gpu: 'true' } }` runs the node on a remote worker with those tags. */
  placement?: RemotePlacement;
}

export interface ManifestConnection {
  /** Source node id. */
  from: string;
  /** Target node id. */
  to: string;
  /** Output port of the source (needed when it has several). */
  fromKey?: string;
  /** Input port of the target (needed when it has several). */
  toKey?: string;
}

export interface Manifest {
  version: 1 | '1';
  nodes: ManifestNode[];
  connections?: ManifestConnection[];
}

/** One problem found by `validateManifest`; `path` is like `nodes[2].params.quality`. */
export interface ManifestIssue {
  path: string;
  code: 'ERR_MANIFEST' | 'ERR_NODE_NOT_FOUND' | 'ERR_INVALID_PARAM' | 'ERR_CYCLE';
  message: string;
}

export interface ManifestValidation {
  ok: boolean;
  errors: ManifestIssue[];
}
