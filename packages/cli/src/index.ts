// @remotemedia/cli: the `remotemedia` command, and the config loading it is built on
// (`loadFromConfig` is meant to be re-exported by @remotemedia/core).
export { buildCatalog, type CatalogOptions, type LoadedCatalog } from './catalog/catalog.js';
export type { Catalog, CatalogEntry, CatalogWarning } from './catalog/types.js';
export { CONFIG_FILE, loadConfig } from './config/load-config.js';
export { defaultConfig, parseConfig } from './config/parse-config.js';
export {
  DEFAULT_NATIVE_PACKAGES,
  type PythonNodeRef,
  type RemoteMediaConfig,
} from './config/types.js';
export { createProgram, main } from './main.js';
export {
  type LoadFromConfigOptions,
  loadFromConfig,
  registryFromCatalog,
  registryFromConfig,
} from './registry-from-config.js';
