// `nx g @remotemedia/tools:native-node --name=denoise --category=audio`: a new native node from
// the node kit: one `#[node]` struct in the crate, the kit's generic binding and definitions,
// wired into the Cargo workspace and tsconfig.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { formatFiles, generateFiles, names, updateJson } = require('@nx/devkit');

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
    snake: n.fileName.replace(/-/g, '_'),
    category: schema.category ?? 'audio',
    description: schema.description ?? `${n.className} for real-time audio frames`,
    tmpl: '',
  };
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
  if (
    RESERVED.has(o.name) ||
    tree.exists(`crates/${o.name}`) ||
    tree.exists(`packages/node-${o.name}`)
  ) {
    throw new Error(`'${o.name}' already exists in this workspace; pick another --name`);
  }
  const files = path.join(__dirname, 'files');
  generateFiles(tree, path.join(files, 'crate'), `crates/${o.name}`, o);
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
  await formatFiles(tree);
  return () => {
    // Leave the new files as the workspace's formatters would (rustfmt, biome), so lint passes.
    const run = (cmd, args) => execFileSync(cmd, args, { cwd: tree.root, stdio: 'inherit' });
    run('cargo', ['fmt', '-p', `remotemedia-${o.name}`, '-p', `remotemedia-${o.name}-napi`]);
    run('npx', ['biome', 'format', '--write', `packages/node-${o.name}`]);
    console.log(
      `\nNext: cd packages/node-${o.name} && npm run build:native && npm run build && npx vitest run`,
    );
  };
}

module.exports = nativeNodeGenerator;
module.exports.default = nativeNodeGenerator;
