// `nx g @remotemedia/tools:native-node --name=denoise --category=audio`: a new native node from
// the node kit: one `#[node]` file (the node and its tests) in a new crate, the kit's generic
// binding and definitions, wired into the Cargo workspace and tsconfig. With
// `--package=denoise`, the node joins that generated package instead (nodes of one package can
// run fused in one native call per frame; nodes of different packages never do).
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { formatFiles, generateFiles, names, updateJson } = require('@nx/devkit');
const { processorName } = require('../../../kit-sources/render.cjs');

const RESERVED = new Set([
  'audio',
  'napi-support',
  'node-kit',
  'node-kit-macros',
  'node-kit-napi',
  'node-kit-bench',
  'format',
  'resample',
  'vad',
]);

function options(schema) {
  if (!/^[a-z][a-z0-9-]*$/.test(schema.name ?? '')) {
    throw new Error(`--name must be kebab-case (e.g. denoise), got '${schema.name}'`);
  }
  const n = names(schema.name);
  return {
    name: n.fileName,
    pascal: n.className,
    processor: processorName(n.className),
    snake: n.fileName.replace(/-/g, '_'),
    category: schema.category ?? 'audio',
    description: schema.description ?? `${n.className} for real-time audio frames`,
    package: schema.package,
    tmpl: '',
  };
}

/** Adds the node to an existing generated package: its file, the crate's module, a definition. */
function addToPackage(tree, o) {
  const crate = `crates/${o.package}`;
  const pkg = `packages/node-${o.package}`;
  if (RESERVED.has(o.package) || !tree.exists(`${crate}/src/lib.rs`) || !tree.exists(pkg)) {
    throw new Error(`--package=${o.package}: no generated package crates/${o.package} + ${pkg}`);
  }
  if (tree.exists(`${crate}/src/${o.snake}.rs`)) {
    throw new Error(`'${o.name}' already exists in ${crate}; pick another --name`);
  }
  generateFiles(tree, path.join(__dirname, 'files', 'node'), `${crate}/src`, o);
  const append = (file, text) => tree.write(file, `${tree.read(file, 'utf-8')}${text}`);
  append(
    `${crate}/src/lib.rs`,
    `\nmod ${o.snake};\npub use ${o.snake}::{${o.pascal}, ${o.pascal}Params};\n`,
  );
  // Its definition, params type and streaming class are written by the package's build.
  tree.write(
    `.changeset/node-${o.package}-${o.name}.md`,
    `---\n"@remotemedia/node-${o.package}": minor\n---\n\nNew native node \`${o.pascal}\`: ${o.description}.\n`,
  );
  return [[`remotemedia-${o.package}`], pkg];
}

/** Adds the pure crate to [workspace.dependencies] so other crates can depend on it by name. */
function wireCargoWorkspace(tree, o) {
  const cargo = tree.read('Cargo.toml', 'utf-8');
  const line = `remotemedia-${o.name} = { path = "crates/${o.name}" }`;
  if (cargo.includes(line)) return;
  const anchor = '[workspace.dependencies]\n';
  if (!cargo.includes(anchor)) throw new Error('Cargo.toml has no [workspace.dependencies] table');
  tree.write('Cargo.toml', cargo.replace(anchor, `${anchor}${line}\n`));
}

async function nativeNodeGenerator(tree, schema) {
  const o = options(schema);
  const [crates, pkg] = o.package === undefined ? newPackage(tree, o) : addToPackage(tree, o);
  await formatFiles(tree);
  return () => {
    // Leave the new files as the workspace's formatters would (rustfmt, biome), so lint passes.
    const run = (cmd, args) => execFileSync(cmd, args, { cwd: tree.root, stdio: 'inherit' });
    run('cargo', ['fmt', ...crates.flatMap((crate) => ['-p', crate])]);
    run('npx', ['biome', 'format', '--write', pkg]);
    console.log(`\nNext: cd ${pkg} && npm run build:native && npm run build && npx vitest run`);
  };
}

/** A new crate pair and package holding the node. */
function newPackage(tree, o) {
  if (
    RESERVED.has(o.name) ||
    tree.exists(`crates/${o.name}`) ||
    tree.exists(`packages/node-${o.name}`)
  ) {
    throw new Error(`'${o.name}' already exists in this workspace; pick another --name`);
  }
  const files = path.join(__dirname, 'files');
  generateFiles(tree, path.join(files, 'crate'), `crates/${o.name}`, o);
  generateFiles(tree, path.join(files, 'node'), `crates/${o.name}/src`, o);
  generateFiles(tree, path.join(files, 'napi'), `crates/${o.name}-napi`, o);
  generateFiles(tree, path.join(files, 'package'), `packages/node-${o.name}`, o);
  tree.write(
    `.changeset/node-${o.name}-initial.md`,
    `---\n"@remotemedia/node-${o.name}": minor\n---\n\nNew native node \`${o.pascal}\`: ${o.description}.\n`,
  );
  wireCargoWorkspace(tree, o);
  updateJson(tree, 'tsconfig.json', (json) => {
    json.references ??= [];
    json.references.push({ path: `packages/node-${o.name}` });
    return json;
  });
  return [[`remotemedia-${o.name}`, `remotemedia-${o.name}-napi`], `packages/node-${o.name}`];
}

module.exports = nativeNodeGenerator;
module.exports.default = nativeNodeGenerator;
