// Runs `nx g @remotemedia/tools:native-node` in a copy of this workspace, then builds the new
// package (Rust addon + TS) and runs its cargo tests, its vitest suite and the lint checks on it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativePackages } from '../../release/native-packages.mjs';
import { countNodeLines } from './node-lines.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const copy = mkdtempSync(join(tmpdir(), 'remotemedia-generator-'));
// Reuse the workspace's compiled dependencies; only the new crates are compiled.
const env = { ...process.env, CARGO_TARGET_DIR: join(repo, 'target'), NX_DAEMON: 'false' };
const run = (cmd: string, args: string[], cwd = copy) =>
  execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  // The committed and untracked (not ignored) files of the workspace, as a fresh clone would have.
  // (Files deleted but not yet committed are listed by git and skipped.)
  const files = run('git', ['ls-files', '-co', '--exclude-standard'], repo)
    .split('\n')
    .filter((file) => file !== '' && existsSync(join(repo, file)))
    .join('\n');
  execFileSync('tar', ['-cf', join(copy, '.files.tar'), '-T', '-'], { cwd: repo, input: files });
  run('tar', ['-xf', '.files.tar']);
  symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'));
  run('npx', [
    'nx',
    'g',
    '@remotemedia/tools:native-node',
    '--name=fade',
    '--category=audio/effects',
    '--no-interactive',
  ]);
  // A second node in the same package (so the two can run fused).
  run('npx', [
    'nx',
    'g',
    '@remotemedia/tools:native-node',
    '--name=boost',
    '--package=fade',
    '--no-interactive',
  ]);
}, 600_000); // copying the workspace and running the generator: seconds, more on a loaded machine

afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('nx g @remotemedia/tools:native-node', () => {
  const pkg = join(copy, 'packages/node-fade');

  it('creates the crate pair, the package, the changeset and wires the workspace', () => {
    for (const file of [
      'crates/fade/src/lib.rs',
      'crates/fade/src/fade.rs',
      'crates/fade-napi/src/lib.rs',
      'packages/node-fade/src/index.ts',
      'packages/node-fade/bench/fade.bench.mjs',
      '.changeset/node-fade-initial.md',
    ]) {
      expect(existsSync(join(copy, file)), file).toBe(true);
    }
    expect(readFileSync(join(copy, 'Cargo.toml'), 'utf8')).toContain(
      'remotemedia-fade = { path = "crates/fade" }',
    );
    expect(readFileSync(join(copy, 'tsconfig.json'), 'utf8')).toContain('packages/node-fade');
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
    expect(manifest.name).toBe('@remotemedia/node-fade');
    expect(manifest.napi.binaryName).toBe('fade');
  });

  it('adds a second node to an existing package: one Rust file, nothing in TS', () => {
    expect(existsSync(join(copy, 'crates/fade/src/boost.rs'))).toBe(true);
    expect(existsSync(join(copy, 'crates/boost'))).toBe(false);
    expect(readFileSync(join(copy, 'crates/fade/src/lib.rs'), 'utf8')).toContain('mod boost;');
    // Nothing TypeScript is written for it: the package's build writes its API (checked below).
    expect(readFileSync(join(pkg, 'src/index.ts'), 'utf8')).not.toContain('Boost');
    expect(() =>
      run('npx', ['nx', 'g', '@remotemedia/tools:native-node', '--name=x', '--package=nope']),
    ).toThrow(/no generated package/);
  });

  it('is found by the release scripts, for every Linux target they cross-build', () => {
    const found = nativePackages(copy).find(({ pkg }) => pkg.name === '@remotemedia/node-fade');
    expect(found?.dir).toBe(join('packages', 'node-fade'));
    expect(found?.pkg.napi.targets).toEqual(
      expect.arrayContaining([
        'aarch64-unknown-linux-gnu',
        'x86_64-unknown-linux-musl',
        'aarch64-unknown-linux-musl',
      ]),
    );
  });

  it('refuses a name that already exists', () => {
    expect(() =>
      run('npx', [
        'nx',
        'g',
        '@remotemedia/tools:native-node',
        '--name=format',
        '--no-interactive',
      ]),
    ).toThrow(/already exists/);
  });

  it('passes cargo test, clippy and rustfmt', () => {
    expect(run('cargo', ['test', '-p', 'remotemedia-fade'])).toBeDefined();
    run('cargo', [
      'clippy',
      '-p',
      'remotemedia-fade',
      '-p',
      'remotemedia-fade-napi',
      '--all-targets',
      '--',
      '-D',
      'warnings',
    ]);
    run('cargo', ['fmt', '--all', '--check']);
  });

  it('keeps a new node within 40 lines of code, its test included, as the kit README states', () => {
    // The count is of rustfmt'd source, so the generated crate must be formatted as committed.
    run('cargo', ['fmt', '-p', 'remotemedia-fade', '--check']);
    const lines = countNodeLines(readFileSync(join(copy, 'crates/fade/src/fade.rs'), 'utf8'));
    const total = lines.node + lines.test;
    console.log(
      `generated node: ${lines.node} lines + ${lines.test} of test = ${total} ` +
        `(whole fade.rs: ${lines.file}; rustfmt'd, without blank and comment lines)`,
    );
    expect(lines.node).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(40);
    const readme = readFileSync(join(copy, 'crates/node-kit/README.md'), 'utf8');
    expect(readme).toContain(`**${lines.node} for the node**`);
    expect(readme).toContain(`**+ ${lines.test} for its test = ${total}**`);
  });

  it('builds, and its own test suite passes', () => {
    run(
      'npx',
      [
        'napi',
        'build',
        '--platform',
        '--manifest-path',
        '../../crates/fade-napi/Cargo.toml',
        '--output-dir',
        '.',
        '--no-js',
        '--dts',
        'binding.d.cts',
      ],
      pkg,
    );
    run('npm', ['run', 'build:test-addon'], pkg);
    run('npm', ['run', 'build'], pkg);
    const reportFile = join(copy, 'fade-report.json');
    run('npx', ['vitest', 'run', '--reporter=json', `--outputFile=${reportFile}`], pkg);
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    expect(report.numFailedTests).toBe(0);
    // Its own tests and the node contract suite (chunking, fusion, flush/reset, params, panic).
    expect(report.numPassedTests).toBeGreaterThanOrEqual(14);
    const nodes = JSON.parse(readFileSync(join(pkg, 'nodes.json'), 'utf8')).nodes;
    expect(nodes.map((n: { type: string }) => n.type)).toEqual(['Boost', 'Fade']);
  });

  it('writes the API, types and README section from the Rust nodes, with no TS by the author', () => {
    const api = readFileSync(join(pkg, 'src/nodes.generated.ts'), 'utf8');
    for (const name of ['Fade', 'Boost']) {
      expect(api).toContain(`export interface ${name}Params {`);
      expect(api).toContain(`export const ${name}Node = kitNodeSet.definition<`);
    }
    expect(api).toContain(
      "export const Fader = kitNodeSet.processor<FadeParams>('Fade', 'Fader');",
    );
    expect(api).toContain(
      "export const Booster = kitNodeSet.processor<BoostParams>('Boost', 'Booster');",
    );
    // The params type follows the Rust doc comment and bounds.
    expect(api).toMatch(
      /Linear gain applied to every sample\. Bounds: >= 0, <= 16\. @default 1 \*\/\n {2}gain\?: number;/,
    );
    const readme = readFileSync(join(pkg, 'README.md'), 'utf8');
    expect(readme).toContain(
      '| `gain` | `number` | `1`     | >= 0, <= 16 | Linear gain applied to every sample |',
    );
    expect(readme).toContain('### Boost');
    // Besides that build output, src holds only the generator's generic files (loader, node set,
    // entry point), none naming a node.
    expect(readdirSync(join(pkg, 'src')).sort()).toEqual([
      'index.ts',
      'kit.ts',
      'native.ts',
      'nodes.generated.ts',
    ]);
  });

  it('passes biome and tsc', () => {
    run('npx', ['biome', 'check', 'packages/node-fade']);
    run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'], pkg);
  });
});
