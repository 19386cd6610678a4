// Everything a config makes available: native packages (nodes.json), plugins (package.json
// "remotemedia" field, from `packages` or `plugin_dirs`), and Python nodes. A package or plugin
// that cannot be used is reported with its path and skipped; it never stops the others.
import { dirname } from 'node:path';
import type { PythonRuntimeProvider } from '@remotemedia/core';
import type { RemoteMediaConfig } from '../config/types.js';
import { nativeEntries } from './native.js';
import { errorText, pluginEntries, pluginEntry, scanPluginDir } from './plugins.js';
import { pythonRuntime, wantsPython } from './python.js';
import { resolvePackage } from './resolve-package.js';
import type { Catalog, CatalogEntry } from './types.js';

export interface CatalogOptions {
  /** Ask the Python workers for their nodes (starts them). @default true when configured */
  python?: boolean;
}

export interface LoadedCatalog extends Catalog {
  /** Set when Python nodes are configured and the bridge is available; close it when done. */
  python: PythonRuntimeProvider | undefined;
}

export async function buildCatalog(
  config: RemoteMediaConfig,
  options: CatalogOptions = {},
): Promise<LoadedCatalog> {
  const catalog: LoadedCatalog = { entries: [], pythonTypes: [], warnings: [], python: undefined };
  const from = config.source === undefined ? [process.cwd()] : [dirname(config.source)];
  const add = (entries: CatalogEntry[]) => {
    for (const entry of entries) {
      const existing = catalog.entries.find((e) => e.type === entry.type);
      if (existing === undefined) catalog.entries.push(entry);
      else {
        catalog.warnings.push({
          source: entry.source,
          message: `node type '${entry.type}' is already provided by ${existing.source}; this one is skipped`,
        });
      }
    }
  };

  for (const name of config.native.packages) {
    try {
      const pkg = resolvePackage(name, from);
      add(
        pluginEntry(pkg.manifest) === undefined
          ? nativeEntries(name, pkg)
          : await pluginEntries(pkg),
      );
    } catch (error) {
      catalog.warnings.push({ source: name, message: errorText(error) });
    }
  }
  for (const dir of config.native.pluginDirs) {
    const scan = scanPluginDir(dir);
    catalog.warnings.push(...scan.warnings);
    for (const plugin of scan.plugins) {
      try {
        add(await pluginEntries(plugin));
      } catch (error) {
        catalog.warnings.push({ source: plugin.dir, message: errorText(error) });
      }
    }
  }
  if (wantsPython(config)) {
    if (options.python === false) catalog.pythonTypes = config.python.nodes.map((n) => n.class);
    else await addPython(config, catalog, add);
  }
  return catalog;
}

async function addPython(
  config: RemoteMediaConfig,
  catalog: LoadedCatalog,
  add: (entries: CatalogEntry[]) => void,
): Promise<void> {
  const { provider, problem, warning } = await pythonRuntime(config);
  if (warning !== undefined)
    catalog.warnings.push({ source: '[python] executable', message: warning });
  if (provider === undefined) {
    catalog.pythonTypes = config.python.nodes.map((n) => n.class);
    catalog.warnings.push({ source: '[nodes.python]', message: problem ?? 'no Python runtime' });
    return;
  }
  catalog.python = provider;
  try {
    const definitions = await provider.definitions();
    add(
      definitions.map((d) => ({
        type: d.type,
        runtime: 'python' as const,
        metadata: d.metadata,
        source: config.python.nodes.find((n) => n.class === d.type)?.module ?? 'python',
        load: async () => d,
      })),
    );
    const served = new Set(definitions.map((d) => d.type));
    for (const node of config.python.nodes) {
      if (!served.has(node.class)) {
        catalog.warnings.push({
          source: node.module,
          message: `Python class '${node.class}' was not announced by the workers; check the module and the @node decorator`,
        });
      }
    }
  } catch (error) {
    catalog.warnings.push({ source: '[nodes.python]', message: errorText(error) });
  }
}
