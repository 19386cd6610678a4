// Runs every package's vitest suite in one run, then proves each package's tests actually ran:
// counts passed/failed per package and fails when a package that has a test/ folder ran none.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const report = join('.reports', 'vitest.json');
const run = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);

const results = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : { testResults: [] };
const perPackage = new Map();
for (const file of results.testResults) {
  const pkg = relative(process.cwd(), file.name).split(sep).slice(0, 2).join('/');
  const counts = perPackage.get(pkg) ?? { passed: 0, failed: 0, skipped: 0 };
  for (const t of file.assertionResults) {
    if (t.status === 'passed') counts.passed++;
    else if (t.status === 'failed') counts.failed++;
    else counts.skipped++;
  }
  perPackage.set(pkg, counts);
}

let missing = 0;
console.log('\nTests per package:');
const projects = [
  ...readdirSync('packages').map((d) => `packages/${d}`),
  'tools/nx-plugin',
  'tools/nx-cargo',
].sort();
for (const dir of projects) {
  if (!existsSync(join(dir, 'test'))) continue;
  const c = perPackage.get(dir) ?? { passed: 0, failed: 0, skipped: 0 };
  const flag = c.passed === 0 ? '  <- no test ran' : '';
  if (c.passed === 0) missing++;
  console.log(`  ${dir}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped${flag}`);
}
const total = [...perPackage.values()].reduce(
  (a, c) => ({
    passed: a.passed + c.passed,
    failed: a.failed + c.failed,
    skipped: a.skipped + c.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log(`vitest: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
if (missing > 0) console.error(`${missing} package(s) with a test/ folder ran no test`);
process.exit(run.status !== 0 || missing > 0 || total.failed > 0 ? 1 : 0);
