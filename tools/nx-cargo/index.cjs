// An nx plugin: every package whose scripts build a Rust crate (`--manifest-path <crate>/Cargo.toml`)
// gets a `native` named input holding exactly the workspace crates that crate builds from (itself
// and its path dependencies, followed transitively, as `cargo metadata` reports them), plus the
// workspace manifest, lock file and toolchain. No package keeps a list of crate folders by hand.
const { execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');

const MANIFEST_PATH = /--manifest-path\s+(\S*Cargo\.toml)/g;
const WORKSPACE_FILES = ['Cargo.toml', 'Cargo.lock', 'rust-toolchain.toml'];

/** The workspace members with their dependencies (no registry access: `--no-deps`). */
function cargoMetadata(workspaceRoot) {
  const json = execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1'], {
    cwd: workspaceRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(json);
}

/** Crate manifests the package's scripts build, as absolute paths. */
function manifestsBuiltBy(workspaceRoot, projectRoot, scripts) {
  const found = new Set();
  for (const script of Object.values(scripts ?? {})) {
    for (const match of String(script).matchAll(MANIFEST_PATH)) {
      found.add(resolve(workspaceRoot, projectRoot, match[1]));
    }
  }
  return [...found];
}

/**
 * Folders (relative to the workspace) of the crates behind `manifests` and of every workspace
 * crate they depend on by path, dev-dependencies left out (a native build does not compile them).
 */
function crateFolders(metadata, manifests, workspaceRoot) {
  const byFolder = new Map(metadata.packages.map((p) => [dirname(resolve(p.manifest_path)), p]));
  const seen = new Set();
  const pending = manifests.map((manifest) => dirname(manifest));
  while (pending.length > 0) {
    const folder = pending.pop();
    if (seen.has(folder)) continue;
    const crate = byFolder.get(folder);
    if (crate === undefined) {
      throw new Error(
        `${relative(workspaceRoot, folder)}/Cargo.toml is built by a package script but is not a member of the cargo workspace`,
      );
    }
    seen.add(folder);
    for (const dependency of crate.dependencies) {
      if (dependency.path !== undefined && dependency.kind !== 'dev') {
        pending.push(resolve(dependency.path));
      }
    }
  }
  return [...seen].map((folder) => relative(workspaceRoot, folder)).sort();
}

/** The `native` named input of a package, or undefined when it builds no crate. */
function nativeInputs(workspaceRoot, projectRoot, scripts, metadata) {
  const manifests = manifestsBuiltBy(workspaceRoot, projectRoot, scripts);
  if (manifests.length === 0) return undefined;
  return [
    ...crateFolders(metadata(), manifests, workspaceRoot).map((c) => `{workspaceRoot}/${c}/**/*`),
    ...WORKSPACE_FILES.map((file) => `{workspaceRoot}/${file}`),
    { runtime: 'rustc --version' },
  ];
}

const createNodes = [
  'packages/*/package.json',
  async (files, _options, context) => {
    let metadata;
    const readMetadata = () => {
      metadata ??= cargoMetadata(context.workspaceRoot);
      return metadata;
    };
    return files.flatMap((file) => {
      const projectRoot = dirname(file);
      const pkg = JSON.parse(readFileSync(join(context.workspaceRoot, file), 'utf8'));
      const native = nativeInputs(context.workspaceRoot, projectRoot, pkg.scripts, readMetadata);
      if (native === undefined) return [];
      return [[file, { projects: { [projectRoot]: { namedInputs: { native } } } }]];
    });
  },
];

module.exports = { createNodes, createNodesV2: createNodes, name: 'remotemedia-cargo-inputs' };
