// What every command starts from: the config (from --config or ./remotemedia.toml) and the
// catalog it describes, with skipped packages and plugins reported on stderr.
import type { Command } from 'commander';
import { buildCatalog, type CatalogOptions, type LoadedCatalog } from './catalog/catalog.js';
import { loadConfig } from './config/load-config.js';
import type { RemoteMediaConfig } from './config/types.js';

export interface CommandContext {
  config: RemoteMediaConfig;
  catalog: LoadedCatalog;
}

export async function commandContext(
  command: Command,
  options: CatalogOptions = {},
): Promise<CommandContext> {
  const { config: path } = command.optsWithGlobals<{ config?: string }>();
  const config = await loadConfig(path);
  const catalog = await buildCatalog(config, options);
  for (const w of catalog.warnings) {
    process.stderr.write(`warning: skipped ${w.source}: ${w.message}\n`);
  }
  return { config, catalog };
}
