// Bundles a TypeScript entry point and the workspace code it imports into one ESM file that plain
// `node` runs (tests spawn it as a child process, benchmarks run it); npm packages stay external.
import { build } from 'esbuild';

/** Writes the bundle of `entry` to `outfile` and returns `outfile`. */
export async function bundleForNode(entry, outfile) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}
