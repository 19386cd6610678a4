// Builds the native addon of every native package for one Rust target (CI's platform matrix, and
// the cross builds `npm run test:arm64` and the musl checks test here):
//   node tools/release/build-native.mjs --target aarch64-unknown-linux-musl [--zig]
// --zig cross-compiles through cargo-zigbuild (napi build -x); tools/cross/toolchain.sh puts Zig
// and cargo-zigbuild on PATH. Prints the build time per package and in total.
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { nativePackages } from './native-packages.mjs';

const { values } = parseArgs({ options: { target: { type: 'string' }, zig: { type: 'boolean' } } });
if (!values.target) {
  console.error('usage: build-native.mjs --target <rust target triple> [--zig]');
  process.exit(2);
}
const started = Date.now();
for (const { dir, pkg } of nativePackages()) {
  const args = [
    'run',
    'build:native',
    '--',
    '--target',
    values.target,
    ...(values.zig ? ['-x'] : []),
  ];
  console.log(`${pkg.name}: napi build for ${values.target}`);
  const t0 = Date.now();
  execFileSync('npm', args, { cwd: dir, stdio: 'inherit', shell: process.platform === 'win32' });
  console.log(
    `${pkg.name}: built for ${values.target} in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
}
console.log(
  `${values.target}: all native packages built in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
