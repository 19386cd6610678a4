// Writes a package's nodes.json, so the CLI can list nodes without loading native binaries. For a
// kit-built package the metadata comes from its Rust node set (`kitMetadata()` of its addon);
// the built entry point's `nodes` must describe exactly those. Run from the package folder after
// `npm run build`:   node ../../tools/write-nodes-json.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { loadNativeAddon } from '@remotemedia/native';

const fail = (message) => {
  console.error(`${pkg.name}: ${message}`);
  process.exit(1);
};
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const mod = await import(pathToFileURL(`${process.cwd()}/dist/index.js`).href);
if (!Array.isArray(mod.nodes)) fail('dist/index.js must export `nodes` (its node definitions)');
const fromDefinitions = mod.nodes.map((def) => ({
  type: def.type,
  runtime: def.runtime,
  ...def.metadata,
}));

const binding = pkg.napi === undefined ? {} : loadNativeAddon(process.cwd());
const fromRust =
  typeof binding.kitMetadata === 'function' ? JSON.parse(binding.kitMetadata()) : undefined;
if (fromRust !== undefined) {
  const plain = (x) => JSON.parse(JSON.stringify(x));
  const rustTypes = new Set(fromRust.map((n) => n.type));
  const extra = fromDefinitions.filter((n) => !rustTypes.has(n.type)).map((n) => n.type);
  if (extra.length > 0) fail(`node definitions not in the Rust node set: ${extra.join(', ')}`);
  for (const node of fromRust) {
    const def = fromDefinitions.find((d) => d.type === node.type);
    if (def !== undefined && !isDeepStrictEqual(plain(def), node)) {
      fail(`the ${node.type} definition's metadata differs from its Rust #[node] metadata`);
    }
  }
}
const entries = fromRust ?? fromDefinitions;
const text = `${JSON.stringify({ package: pkg.name, version: pkg.version, nodes: entries }, null, 2)}\n`;

if (process.argv.includes('--check')) {
  const current = readFileSync('nodes.json', 'utf8');
  if (current !== text) fail('nodes.json is out of date; run npm run build');
} else {
  writeFileSync('nodes.json', text);
}
