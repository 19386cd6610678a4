// Runs the bridge benchmarks: bundles each (with the test servers it starts) into one ESM file,
// then runs it. Needs nats-server and PostgreSQL server binaries, and Java for Kafka (see README).
//   node bench/run.mjs [bridge|kafka]   (both by default)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../../../tools/testing/bundle.mjs';

const BENCHES = ['bridge', 'kafka'];
const only = process.argv[2];
if (only !== undefined && !BENCHES.includes(only)) {
  console.error(`usage: run.mjs [${BENCHES.join('|')}]`);
  process.exit(2);
}
for (const name of only === undefined ? BENCHES : [only]) {
  const outfile = fileURLToPath(
    new URL(`../node_modules/.cache/bench-${name}.mjs`, import.meta.url),
  );
  await bundleForNode(fileURLToPath(new URL(`./${name}.ts`, import.meta.url)), outfile);
  const run = spawnSync(process.execPath, [outfile], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
