// Moves the addons built by CI's platform matrix into each native package's generated per-platform
// package folders (npm/<platform>/), ready for `napi pre-publish` in the package's prepublishOnly.
//   node tools/release/place-artifacts.mjs <folder with packages/<name>/*.node>
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const artifacts = resolve(process.argv[2] ?? 'artifacts');
for (const dir of readdirSync('packages')) {
  const pkgDir = join('packages', dir);
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  if (!pkg.napi) continue;
  const built = join(artifacts, dir);
  if (!existsSync(built)) throw new Error(`${pkg.name}: no built addons in ${built}`);
  execFileSync('npx', ['napi', 'create-npm-dirs'], { cwd: pkgDir, stdio: 'inherit' });
  execFileSync('npx', ['napi', 'artifacts', '--output-dir', built], {
    cwd: pkgDir,
    stdio: 'inherit',
  });
}
