// What the CLI knows about a node type before (or without) loading its code.
import type { AnyNodeDefinition, NodeMetadata, Runtime } from '@remotemedia/core';

export interface CatalogEntry {
  type: string;
  runtime: Runtime;
  metadata: NodeMetadata;
  /** Where it comes from: an npm package name, or a plugin's folder. */
  source: string;
  /** Loads the real definition (imports the package: native binaries load here, not before). */
  load(): Promise<AnyNodeDefinition>;
}

/** A package or plugin that could not be used; reported and skipped. */
export interface CatalogWarning {
  source: string;
  message: string;
}

export interface Catalog {
  entries: CatalogEntry[];
  /** Python node types named in the config whose metadata is not known (no handshake yet). */
  pythonTypes: string[];
  warnings: CatalogWarning[];
}
