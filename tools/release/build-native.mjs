// Builds the native addon of every native package for one Rust target (CI's platform matrix):
//   node tools/release/build-native.mjs --target aarch64-unknown-linux-musl [--zig]
// --zig cross-compiles through cargo-zigbuild (napi build -x), used for the musl targets.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { target: { type: 'string' }, zig: { type: 'boolean' } } });
if (!values.target) {
  console.error('usage: build-native.mjs --target <rust target triple> [--zig]');
  process.exit(2);
}
for (const dir of readdirSync('packages')) {
  const pkgDir = join('packages', dir);
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  if (!pkg.napi) continue;
  const args = [
    'run',
    'build:native',
    '--',
    '--target',
    values.target,
    ...(values.zig ? ['-x'] : []),
  ];
  console.log(`${pkg.name}: napi build for ${values.target}`);
  execFileSync('npm', args, { cwd: pkgDir, stdio: 'inherit', shell: process.platform === 'win32' });
}
