// `npm run test:arm64`: the native packages on arm64 Linux, emulated, on a fresh clone:
//  1. installs qemu-user and the aarch64 sysroot (apt-get) and Node for arm64 (npm) if missing;
//  2. builds the host addons and TypeScript if missing, and the arm64 addons (release and the
//     panic-test build) with the release script (tools/release/build-native.mjs, Zig) if missing;
//  3. compares every output on the fixture set with the x86-64 build's (compare-outputs.mjs);
//  4. runs the native packages' vitest suites under arm64 Node (all of them, or `--subset`);
//  5. checks the loader's error for a missing arm64 binary names the arm64 package;
//  6. runs the install test under emulation (install-arm64.test.ts).
//   node tools/emulation/test-arm64.mjs [--subset]
// --subset runs, of the vitest suites, only the files named in SUBSET (a quicker look; CI runs all).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { nativePackages } from '../release/native-packages.mjs';
import { arm64Addons, arm64Command, arm64Node, arm64TestTools, ensureQemu } from './arm64.mjs';
import { compare } from './compare-outputs.mjs';

const TARGET = 'aarch64-unknown-linux-gnu';
/**
 * The quick set: the API and error contracts of each package and the panic containment
 * (unwinding differs per architecture); without --subset the rest (node definitions, one-shot
 * variants, WAV files) runs too.
 */
const SUBSET = [
  'errors.test.ts',
  'panic.test.ts',
  'vad.test.ts',
  'resampler.test.ts',
  'sample-format.test.ts',
  'layout.test.ts',
];
/**
 * Host only: loader.test.ts and generated-sources.test.ts spawn a child Node (process.execPath),
 * which qemu-user cannot start (the loader is checked in step 5 instead; the generated sources are
 * text, the same on every platform); silero-memory.test.ts pushes 1,000,000 windows through the
 * network and node-denoise's memory.test.ts a million RNNoise frames, hours emulated, and they
 * check memory, not arithmetic; silero-model.test.ts needs a process in which no Silero model is
 * loaded yet, and the emulated suites share one process.
 */
const NOT_EMULATED = [
  'loader.test.ts',
  'generated-sources.test.ts',
  'silero-memory.test.ts',
  'silero-model.test.ts',
  'memory.test.ts',
];

const { values } = parseArgs({ options: { subset: { type: 'boolean' } } });
const packages = nativePackages();
const times = {};
const step = (name, fn) => {
  const t0 = Date.now();
  console.log(`\n== arm64: ${name}`);
  const result = fn();
  times[name] = ((Date.now() - t0) / 1000).toFixed(0);
  return result;
};
const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
};

step('qemu, sysroot and arm64 Node', () => {
  ensureQemu();
  const { command, args } = arm64Command(['-p', 'process.arch + " " + process.version']);
  console.log(`arm64 Node under qemu: ${execFileSync(command, args, { encoding: 'utf8' }).trim()}`);
});

step('host build', () => {
  const built = packages.every(
    ({ dir }) =>
      existsSync(join(dir, 'dist')) &&
      readdirSync(dir).some((f) => f.endsWith('.linux-x64-gnu.node')),
  );
  if (!built) run('npm', ['run', 'build']);
  else console.log('host addons and TypeScript already built');
});

step('arm64 build (Zig)', () => {
  const release = packages.filter(({ dir }) => arm64Addons(dir).length === 0);
  const panicTest = packages.filter(
    ({ dir }) => arm64Addons(join(dir, 'test', '.addon')).length === 0,
  );
  const cross = '. tools/cross/toolchain.sh';
  if (release.length > 0) {
    run('bash', ['-c', `${cross} && node tools/release/build-native.mjs --target ${TARGET} --zig`]);
  }
  for (const { dir } of panicTest) {
    run('bash', [
      '-c',
      `${cross} && cd ${dir} && npm run build:test-addon -- --target ${TARGET} -x`,
    ]);
  }
  if (release.length + panicTest.length === 0) console.log('arm64 addons already built');
});

step('outputs equal the x86-64 build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'remotemedia-arm64-outputs-'));
  run(process.execPath, ['tools/emulation/outputs.mjs', join(dir, 'x64.json')]);
  const { command, args } = arm64Command(['tools/emulation/outputs.mjs', join(dir, 'arm64.json')]);
  run(command, args);
  if (!compare(join(dir, 'x64.json'), join(dir, 'arm64.json')))
    throw new Error('arm64 outputs differ from x86-64');
});

step(`native packages' vitest suites${values.subset ? ' (subset)' : ''}`, () => {
  const files = packages.flatMap(({ dir }) =>
    readdirSync(join(dir, 'test'))
      .filter((f) => f.endsWith('.test.ts') && !NOT_EMULATED.includes(f))
      .filter((f) => !values.subset || SUBSET.includes(f))
      .map((f) => join(dir, 'test', f)),
  );
  // Worker threads, not forks: a forked child would be the arm64 binary run without qemu.
  const { command, args } = arm64Command([
    'node_modules/vitest/vitest.mjs',
    'run',
    '--pool',
    'threads',
    '--isolate',
    'false',
    // Emulation runs 10-30x slower than the host: only the time limits change, not the tests.
    '--test-timeout',
    '300000',
    '--hook-timeout',
    '300000',
    ...files,
  ]);
  run(command, args, { env: { ...process.env, NODE_PATH: arm64TestTools() } });
});

step('loader error names the arm64 package', () => {
  for (const { dir, pkg } of packages) {
    const script = `try { require('./dist/index.cjs') } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })) }`;
    const { command, args } = arm64Command(['-e', script]);
    const out = JSON.parse(
      execFileSync(command, args, {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NAPI_RS_NATIVE_LIBRARY_PATH: '/nonexistent/addon.node' },
      }),
    );
    const expected = `${pkg.name}-linux-arm64-gnu`;
    if (out.code !== 'ERR_NATIVE_BINDING' || !out.message.includes(expected)) {
      throw new Error(
        `${pkg.name}: expected ERR_NATIVE_BINDING naming ${expected}, got ${JSON.stringify(out)}`,
      );
    }
    console.log(`${pkg.name}: ERR_NATIVE_BINDING names ${expected}`);
  }
});

step('install test under emulation', () => {
  run('npx', ['vitest', 'run', '--config', 'tools/emulation/vitest.config.ts']);
});

console.log(`\narm64 (emulated) on ${arm64Node()}: seconds per step`);
console.table(times);
