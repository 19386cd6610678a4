// The install test on arm64 Linux, emulated: every public package plus the x86-64 and arm64
// platform packages go to a local verdaccio; npm, run by arm64 Node under qemu, installs them in
// a fresh folder with no Rust on PATH and must pick the arm64 platform package by its
// os/cpu/libc fields; the installed packages then find the same speech segments as the
// workspace's x86-64 build. Needs the arm64 addons (`npm run test:arm64` builds them).
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav } from '@remotemedia/node-format';
import { detectSegments } from '@remotemedia/node-vad';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostTriple, publishPackage } from '../e2e/publish.js';
import {
  type LocalRegistry,
  publishEnv,
  startWorkspaceRegistry,
  tarballSize,
} from '../e2e/registry.js';
import {
  PLATFORM_PACKAGE_BUDGET,
  pathWithoutRust,
  publicPackages,
  repo,
  SEGMENTS_SCRIPT,
  USER_INSTALL,
} from '../e2e/workspace.js';
import { arm64Addons, arm64Command, ensureQemu, npmCli } from './arm64.mjs';

const ARM64 = 'aarch64-unknown-linux-gnu';
const work = mkdtempSync(join(tmpdir(), 'remotemedia-arm64-install-'));
const app = join(work, 'app');
const wav = join(repo, 'examples/assets/speech-48k-stereo.wav');
let registry: LocalRegistry;
let published: string[] = [];

/** Runs `args` with arm64 Node under qemu, in `cwd`, with no Rust on PATH. */
function arm64(args: string[], cwd: string): string {
  const { command, args: full } = arm64Command(args);
  return execFileSync(command, full, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_userconfig: registry.npmrc, PATH: pathWithoutRust() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

beforeAll(async () => {
  ensureQemu();
  const missing = publicPackages().filter((p) => p.napi && arm64Addons(p.dir).length === 0);
  if (missing.length > 0) {
    throw new Error(
      `no arm64 addon in ${missing.map((p) => p.name).join(', ')}: run npm run test:arm64, which builds them`,
    );
  }
  registry = await startWorkspaceRegistry(work);
  const env = publishEnv(registry);
  const targets = [hostTriple(), ARM64];
  published = publicPackages().flatMap((p) =>
    publishPackage(p.dir, { env, stageDir: join(work, 'stage'), targets }),
  );
}, 900_000);

afterAll(async () => {
  await registry?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('install on arm64 Linux (emulated) from a registry, without Rust', () => {
  it('publishes an arm64 platform package beside the x86-64 one', () => {
    expect(published).toEqual(
      expect.arrayContaining([
        '@remotemedia/node-vad-linux-arm64-gnu',
        '@remotemedia/node-vad-linux-x64-gnu',
        '@remotemedia/node-format-linux-arm64-gnu',
      ]),
    );
  });

  it('keeps every arm64 platform package under 2 MB (model weights ship in the root package) (sizes printed)', async () => {
    const platformPackages = published.filter((name) => /-linux-(x64|arm64)-gnu$/.test(name));
    const sizes: Record<string, string> = {};
    for (const name of platformPackages) {
      const size = await tarballSize(registry, name);
      sizes[name] = `${(size / 1024).toFixed(0)} KiB`;
      if (name.endsWith('-arm64-gnu')) {
        expect(size, name).toBeGreaterThan(10_000);
        expect(size, name).toBeLessThan(PLATFORM_PACKAGE_BUDGET);
      }
    }
    console.log('platform package tarballs:', sizes);
    expect(Object.keys(sizes).filter((n) => n.endsWith('-arm64-gnu')).length).toBeGreaterThan(0);
  });

  it('npm on arm64 Node installs the arm64 platform packages and no other', () => {
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{ "name": "app", "private": true }\n');
    arm64([npmCli(), 'install', '--no-audit', '--no-fund', ...USER_INSTALL], app);
    const scope = readdirSync(join(app, 'node_modules/@remotemedia'));
    const platform = scope.filter((d) => /-linux-|-darwin-|-win32-/.test(d));
    expect(platform.sort()).toEqual(
      publicPackages()
        .filter((p) => p.napi && scope.includes(p.name.split('/')[1] as string))
        .map((p) => `${p.name.split('/')[1]}-linux-arm64-gnu`)
        .sort(),
    );
    expect(platform.length).toBeGreaterThan(0);
    for (const dir of platform) {
      const pkg = JSON.parse(
        readFileSync(join(app, 'node_modules/@remotemedia', dir, 'package.json'), 'utf8'),
      );
      expect(pkg).toMatchObject({ os: ['linux'], cpu: ['arm64'], libc: ['glibc'] });
      expect(pkg.scripts?.install ?? pkg.scripts?.postinstall).toBeUndefined();
    }
  });

  it('finds the same speech segments on arm64 as the x86-64 build', () => {
    writeFileSync(join(app, 'segments.mjs'), SEGMENTS_SCRIPT);
    const out = JSON.parse(arm64(['segments.mjs', wav], app));
    const decoded = decodeWav(readFileSync(wav));
    const expected = detectSegments(decoded.samples, {
      sampleRate: decoded.sampleRate,
      channels: decoded.channels,
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(out.segments).toEqual(expected);
    // Silero reads the model shipped in the root package; arm64 SIMD rounds differently from
    // x86-64, so its segments may move by a window (32 ms) at most.
    const silero = JSON.parse(arm64(['segments.mjs', wav, 'silero'], app)).segments;
    const hostSilero = detectSegments(decoded.samples, {
      sampleRate: decoded.sampleRate,
      channels: decoded.channels,
      engine: 'silero',
    });
    expect(hostSilero.length).toBeGreaterThan(0);
    expect(silero).toHaveLength(hostSilero.length);
    silero.forEach((s: { startMs: number; endMs: number }, i: number) => {
      expect(Math.abs(s.startMs - (hostSilero[i]?.startMs ?? 0))).toBeLessThanOrEqual(32);
      expect(Math.abs(s.endMs - (hostSilero[i]?.endMs ?? 0))).toBeLessThanOrEqual(32);
    });
    // The x86-64 platform package is not there, so host Node cannot load what npm installed.
    expect(existsSync(join(app, 'node_modules/@remotemedia/node-vad-linux-x64-gnu'))).toBe(false);
  });
});
