// Publishes a workspace package to a registry the way a release does: `npm pack` gives exactly the
// published files; a native package then gets its platform packages (the host's, or the targets
// asked for) from `napi create-npm-dirs` + `napi artifacts`, and its own `prepublishOnly`
// (`napi pre-publish`) publishes them and pins them in optionalDependencies.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Rust target triple napi uses for this host (only the host binary is built here). */
export function hostTriple(): string {
  const arch = { x64: 'x86_64', arm64: 'aarch64' }[process.arch as 'x64' | 'arm64'];
  if (process.platform === 'linux') return `${arch}-unknown-linux-gnu`;
  if (process.platform === 'darwin') return `${arch}-apple-darwin`;
  return `${arch}-pc-windows-msvc`;
}

/** napi's platform name for a Rust target triple, as in `<binary>.<platform>.node`. */
export function platformOf(triple: string): string {
  const [arch, , os, abi] = triple.split('-');
  const cpu = { x86_64: 'x64', aarch64: 'arm64' }[arch as 'x86_64' | 'aarch64'];
  if (os === 'linux') return `linux-${cpu}-${abi}`;
  if (os === 'darwin') return `darwin-${cpu}`;
  return `win32-${cpu}-msvc`;
}

export interface PublishEnv {
  /** Environment for npm/napi: npm_config_userconfig pointing at the registry, PATH with napi. */
  env: NodeJS.ProcessEnv;
  stageDir: string;
  /** Rust target triples whose platform packages are published. @default [hostTriple()] */
  targets?: string[];
}

/** Publishes one package; returns the names published (the package, then its platform package). */
export function publishPackage(
  packageDir: string,
  { env, stageDir, targets = [hostTriple()] }: PublishEnv,
): string[] {
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const run = (cmd: string, args: string[], cwd: string) =>
    execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const stage = join(stageDir, pkg.name.replace('/', '__'));
  mkdirSync(stage, { recursive: true });
  const packed = JSON.parse(
    run('npm', ['pack', '--json', '--pack-destination', stage], packageDir),
  );
  const tarball = join(stage, packed[0].filename);
  if (!pkg.napi) {
    run('npm', ['publish', tarball], stage);
    return [pkg.name];
  }
  const root = join(stage, 'package');
  run('tar', ['-xzf', tarball, '-C', stage], stage);
  const staged = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  staged.napi.targets = targets;
  writeFileSync(join(root, 'package.json'), `${JSON.stringify(staged, null, 2)}\n`);
  run('napi', ['create-npm-dirs'], root);
  const artifacts = join(root, 'artifacts');
  mkdirSync(artifacts);
  // Only the requested targets' addons: napi refuses artifacts for targets it was not given.
  const wanted = targets.map((t) => `.${platformOf(t)}.node`);
  for (const file of readdirSync(packageDir).filter((f) => wanted.some((w) => f.endsWith(w)))) {
    copyFileSync(join(packageDir, file), join(artifacts, file));
  }
  run('napi', ['artifacts', '--output-dir', 'artifacts'], root);
  run('npm', ['publish'], root); // prepublishOnly: napi pre-publish -t npm --no-gh-release
  const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).optionalDependencies;
  return [pkg.name, ...Object.keys(pinned ?? {})];
}
