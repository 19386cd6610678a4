// Writes a package's nodes.json (the metadata of its node definitions) from its built entry point,
// so the CLI can list nodes without loading native binaries. Run from the package folder after
// `npm run build`:   node ../../tools/write-nodes-json.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const mod = await import(pathToFileURL(`${process.cwd()}/dist/index.js`).href);
if (!Array.isArray(mod.nodes)) {
  console.error(`${pkg.name}: dist/index.js must export \`nodes\` (its node definitions)`);
  process.exit(1);
}
const entries = mod.nodes.map((def) => ({ type: def.type, runtime: def.runtime, ...def.metadata }));
const text = `${JSON.stringify({ package: pkg.name, version: pkg.version, nodes: entries }, null, 2)}\n`;

if (process.argv.includes('--check')) {
  const current = readFileSync('nodes.json', 'utf8');
  if (current !== text) {
    console.error(`${pkg.name}: nodes.json is out of date; run npm run nodes-json`);
    process.exit(1);
  }
} else {
  writeFileSync('nodes.json', text);
}
