// Moves the addons built by CI's platform matrix into each native package's generated per-platform
// package folders (npm/<platform>/), ready for `napi pre-publish` in the package's prepublishOnly.
//   node tools/release/place-artifacts.mjs <folder with packages/<name>/*.node>
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { nativePackages } from './native-packages.mjs';

const artifacts = resolve(process.argv[2] ?? 'artifacts');
for (const { dir, folder, pkg } of nativePackages()) {
  const built = join(artifacts, folder);
  if (!existsSync(built)) throw new Error(`${pkg.name}: no built addons in ${built}`);
  execFileSync('npx', ['napi', 'create-npm-dirs'], { cwd: dir, stdio: 'inherit' });
  execFileSync('npx', ['napi', 'artifacts', '--output-dir', built], { cwd: dir, stdio: 'inherit' });
}
