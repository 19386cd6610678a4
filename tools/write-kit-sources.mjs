// Writes what a generated native package publishes about its nodes from what its Rust node set
// publishes (`kitMetadata()` of the freshly built binding), so the author writes no TypeScript:
//   src/nodes.generated.ts  params interfaces (from each node's JSON Schema), node definitions,
//                           metadata and each node's low-level streaming class (`Denoiser`)
//   README.md               the part between the kit markers: params table and ports per node
// Run from the package folder after `npm run build:native`:
//   node ../../tools/write-kit-sources.mjs [--check]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadNativeAddon } from '@remotemedia/native';
import render from './kit-sources/render.cjs';

const { kitReadme, kitSources } = render;

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const fail = (message) => {
  console.error(`${pkg.name}: ${message}`);
  process.exit(1);
};
// Run npm run build:native first: without the addon this fails with ERR_NATIVE_BINDING.
const binding = loadNativeAddon(process.cwd());
if (typeof binding.kitMetadata !== 'function') fail('the binding exports no kitMetadata()');
const nodes = JSON.parse(binding.kitMetadata());
const processors = pkg.kit?.processors ?? {};

const START = '<!-- kit:nodes:start (written by the build from the Rust nodes; do not edit) -->';
const END = '<!-- kit:nodes:end -->';
const readme = readFileSync('README.md', 'utf8');
const [before, rest] = readme.split(START);
const after = rest?.split(END)[1];
if (after === undefined) fail(`README.md needs the lines\n${START}\n${END}`);

const files = {
  'src/nodes.generated.ts': kitSources(nodes, processors),
  'README.md': `${before}${START}\n${kitReadme(nodes, processors, pkg.name)}${END}${after}`,
};
const check = process.argv.includes('--check');
for (const [file, text] of Object.entries(files)) {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current === text) continue;
  if (check) fail(`${file} is out of date with the Rust nodes; run npm run build`);
  writeFileSync(file, text);
}
