// Finds an npm package's folder from the config's folder first, then from the CLI's own install
// (which depends on the bundled native packages).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ResolvedPackage {
  dir: string;
  manifest: Record<string, unknown>;
}

export function resolvePackage(name: string, fromDirs: readonly string[]): ResolvedPackage {
  const bases = [...fromDirs.map((d) => join(d, 'noop.js')), import.meta.url];
  let lastError: unknown;
  for (const base of bases) {
    try {
      const file = createRequire(base).resolve(`${name}/package.json`);
      return { dir: dirname(file), manifest: JSON.parse(readFileSync(file, 'utf8')) };
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(
    `package '${name}' is not installed (npm install ${name}): ${(lastError as Error).message.split('\n')[0]}`,
  );
}
