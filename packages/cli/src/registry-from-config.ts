// A NodeRegistry from remotemedia.toml. Native definitions are registered lazily: their metadata
// comes from nodes.json and the package (with its binary) is imported at the first createNode.
import {
  type AnyNodeDefinition,
  defaultLogger,
  type Logger,
  NodeRegistry,
} from '@remotemedia/core';
import { buildCatalog, type CatalogOptions, type LoadedCatalog } from './catalog/catalog.js';
import type { CatalogEntry } from './catalog/types.js';
import { loadConfig } from './config/load-config.js';
import type { RemoteMediaConfig } from './config/types.js';

function lazyDefinition(entry: CatalogEntry): AnyNodeDefinition {
  return {
    type: entry.type,
    runtime: entry.runtime,
    metadata: entry.metadata,
    create: async (params: unknown) => (await entry.load()).create(params),
  };
}

/** Registers every entry of a catalog (Python ones through its runtime, when there is one). */
export function registryFromCatalog(
  catalog: LoadedCatalog,
  logger: Logger = defaultLogger,
): NodeRegistry {
  const registry = new NodeRegistry({
    logger,
    ...(catalog.python === undefined ? {} : { python: catalog.python }),
  });
  for (const entry of catalog.entries) {
    if (entry.runtime === 'python') registry.registerPython(entry.type);
    else registry.register(lazyDefinition(entry));
  }
  for (const type of catalog.pythonTypes) {
    if (!registry.has(type)) registry.registerPython(type);
  }
  registry.logBuilt();
  return registry;
}

export interface LoadFromConfigOptions extends CatalogOptions {
  /** Receives the warnings about skipped packages and plugins. @default defaultLogger */
  logger?: Logger;
  cwd?: string;
}

/**
 * Builds a registry from a remotemedia.toml (or ./remotemedia.toml, or the bundled native
 * packages when there is none). Broken packages and plugins are logged as warnings and skipped.
 * Call `registry.close()` when done (it stops Python workers).
 */
export async function loadFromConfig(
  path?: string,
  options: LoadFromConfigOptions = {},
): Promise<NodeRegistry> {
  const config = await loadConfig(path, options.cwd);
  return registryFromConfig(config, options);
}

export async function registryFromConfig(
  config: RemoteMediaConfig,
  options: LoadFromConfigOptions = {},
): Promise<NodeRegistry> {
  const logger = options.logger ?? defaultLogger;
  const catalog = await buildCatalog(config, options);
  for (const w of catalog.warnings) logger.warn(`skipped ${w.source}: ${w.message}`);
  return registryFromCatalog(catalog, logger);
}
