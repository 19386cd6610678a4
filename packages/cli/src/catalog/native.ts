// Native node packages: metadata from their committed nodes.json, so listing never loads a binary.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyNodeDefinition, NodeMetadata, Runtime } from '@remotemedia/core';
import { findDefinition } from './definitions.js';
import type { ResolvedPackage } from './resolve-package.js';
import type { CatalogEntry } from './types.js';

interface NodesJsonEntry extends NodeMetadata {
  type: string;
  runtime: Runtime;
}

/** Entries of a native package; throws (with the reason) when its nodes.json is missing or bad. */
export function nativeEntries(name: string, pkg: ResolvedPackage): CatalogEntry[] {
  const file = join(pkg.dir, 'nodes.json');
  let parsed: { nodes?: NodesJsonEntry[] };
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed.nodes)) throw new Error(`${file} has no "nodes" array`);
  let loaded: Promise<readonly AnyNodeDefinition[]> | undefined;
  const loadAll = () => {
    loaded ??= (async () => {
      const entry = createRequire(join(pkg.dir, 'noop.js')).resolve(name);
      const mod = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
      const nodes = (mod.nodes ?? (mod.default as Record<string, unknown> | undefined)?.nodes) as
        | readonly AnyNodeDefinition[]
        | undefined;
      if (!Array.isArray(nodes)) throw new Error(`${name} does not export a 'nodes' array`);
      return nodes;
    })();
    return loaded;
  };
  return parsed.nodes.map(({ type, runtime, category, description, params, inputs, outputs }) => ({
    type,
    runtime,
    metadata: { category, description, params, inputs, outputs },
    source: name,
    load: async () => findDefinition(await loadAll(), type, name),
  }));
}
