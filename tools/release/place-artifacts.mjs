// Moves the addons built by CI's platform matrix into each native package's generated per-platform
// package folders (npm/<platform>/), ready for `napi pre-publish` in the package's prepublishOnly,
// and puts the addon typings napi wrote beside them (binding.d.cts, build output that is not
// committed) into the package, where its TypeScript build and its published `files` expect them.
//   node tools/release/place-artifacts.mjs <folder with packages/<name>/*.node>
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { nativePackages } from './native-packages.mjs';

const artifacts = resolve(process.argv[2] ?? 'artifacts');
for (const { dir, folder, pkg } of nativePackages()) {
  const built = join(artifacts, folder);
  if (!existsSync(built)) throw new Error(`${pkg.name}: no built addons in ${built}`);
  const typings = join(built, 'binding.d.cts');
  // A hand release from a machine that built the host addon already has them in the package.
  if (existsSync(typings)) copyFileSync(typings, join(dir, 'binding.d.cts'));
  else if (!existsSync(join(dir, 'binding.d.cts'))) {
    throw new Error(
      `${pkg.name}: no binding.d.cts in ${built} or the package (run its build:native)`,
    );
  }
  execFileSync('npx', ['napi', 'create-npm-dirs'], { cwd: dir, stdio: 'inherit' });
  execFileSync('npx', ['napi', 'artifacts', '--output-dir', built], { cwd: dir, stdio: 'inherit' });
}
