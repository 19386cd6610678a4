// Runs bench/bridge.ts: bundles it (with the test servers it starts) into one ESM file, then
// runs it. Needs nats-server and PostgreSQL server binaries (see README).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const outfile = fileURLToPath(new URL('../node_modules/.cache/bench-bridge.mjs', import.meta.url));
await build({
  entryPoints: [fileURLToPath(new URL('./bridge.ts', import.meta.url))],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  logLevel: 'error',
});
const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
