// Plugins: a package or folder whose package.json has `"remotemedia": { "nodes": "./nodes.js" }`.
// The nodes module exports `nodes` (or a default export): an array of node definitions.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyNodeDefinition } from '@remotemedia/core';
import { isNodeDefinition } from './definitions.js';
import type { ResolvedPackage } from './resolve-package.js';
import type { CatalogEntry, CatalogWarning } from './types.js';

/** The `remotemedia.nodes` entry of a package.json, if it is a plugin. */
export function pluginEntry(manifest: Record<string, unknown>): string | undefined {
  const field = manifest.remotemedia as { nodes?: unknown } | undefined;
  return typeof field?.nodes === 'string' ? field.nodes : undefined;
}

/** Imports a plugin and returns its entries; throws with the reason when it is broken. */
export async function pluginEntries(pkg: ResolvedPackage): Promise<CatalogEntry[]> {
  const entry = pluginEntry(pkg.manifest);
  if (entry === undefined) throw new Error('package.json has no "remotemedia": { "nodes" } field');
  const file = resolve(pkg.dir, entry);
  if (!existsSync(file)) throw new Error(`its nodes module ${file} does not exist`);
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const nodes = mod.nodes ?? mod.default;
  if (!Array.isArray(nodes)) {
    throw new Error(`${file} must export 'nodes' (or a default export): an array of definitions`);
  }
  return nodes.map((node: unknown, i) => {
    if (!isNodeDefinition(node)) {
      throw new Error(
        `${file}: nodes[${i}] is not a node definition { type, runtime, metadata: { inputs, outputs, ... }, create }`,
      );
    }
    const definition: AnyNodeDefinition = node;
    return {
      type: definition.type,
      runtime: definition.runtime,
      metadata: definition.metadata,
      source: pkg.dir,
      load: async () => definition,
    };
  });
}

/** Plugin folders under `dir`: the folder itself, its children and `@scope/*` grandchildren. */
export function scanPluginDir(dir: string): {
  plugins: ResolvedPackage[];
  warnings: CatalogWarning[];
} {
  const plugins: ResolvedPackage[] = [];
  const warnings: CatalogWarning[] = [];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { plugins, warnings: [{ source: dir, message: 'plugin_dirs entry is not a folder' }] };
  }
  const visit = (folder: string): void => {
    const file = join(folder, 'package.json');
    if (!existsSync(file)) return;
    try {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      if (pluginEntry(manifest) !== undefined) plugins.push({ dir: folder, manifest });
    } catch (error) {
      warnings.push({
        source: folder,
        message: `unreadable package.json: ${errorText(error)}`,
      });
    }
  };
  visit(dir);
  for (const name of entries(dir, warnings)) {
    const child = join(dir, name);
    if (!isFolder(child, warnings)) continue;
    if (name.startsWith('@')) {
      for (const scoped of entries(child, warnings)) {
        if (isFolder(join(child, scoped), warnings)) visit(join(child, scoped));
      }
    } else visit(child);
  }
  return { plugins, warnings };
}

// A dangling symlink or an unreadable folder is one skipped entry, never the end of the scan.
function isFolder(path: string, warnings: CatalogWarning[]): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    warnings.push({ source: path, message: 'not a readable folder' });
    return false;
  }
}

function entries(folder: string, warnings: CatalogWarning[]): string[] {
  try {
    return readdirSync(folder).sort();
  } catch (error) {
    warnings.push({ source: folder, message: `not a readable folder: ${errorText(error)}` });
    return [];
  }
}

/** The message of anything thrown (a plugin may throw a string or any other value). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
