// The native packages of the repository: every packages/* whose package.json has a `napi` field
// (found, not listed, so a package the generator adds is built, placed and tested like the rest).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @returns {{ dir: string, folder: string, pkg: any }[]} dir relative to the repo root */
export function nativePackages(root = '.') {
  return readdirSync(join(root, 'packages'))
    .sort()
    .map((folder) => {
      const dir = join('packages', folder);
      const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      return { dir, folder, pkg };
    })
    .filter(({ pkg }) => pkg.napi !== undefined);
}
