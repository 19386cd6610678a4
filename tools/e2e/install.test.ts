// End-to-end: publish every public package (and the host platform package of each native one) to
// a local verdaccio, then install them in a fresh folder outside the workspace with no Rust
// toolchain on PATH, and use them. This is what `npm install @remotemedia/...` does for a user.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishPackage } from './publish.js';
import {
  type LocalRegistry,
  packument,
  publishEnv,
  startWorkspaceRegistry,
  tarballSize,
} from './registry.js';
import {
  DENOISE_SCRIPT,
  PLATFORM_PACKAGE_BUDGET,
  pathWithoutRust,
  publicPackages,
  repo,
  SEGMENTS_SCRIPT,
  USER_INSTALL,
} from './workspace.js';

const work = mkdtempSync(join(tmpdir(), 'remotemedia-e2e-'));
const wav = join(repo, 'examples/assets/speech-48k-stereo.wav');

let registry: LocalRegistry;
let published: string[] = [];
let roots: string[] = [];

const registryJson = (path: string) => packument(registry, path);
const app = join(work, 'app');

beforeAll(async () => {
  registry = await startWorkspaceRegistry(work);
  const env = publishEnv(registry);
  const results = publicPackages().map((p) =>
    publishPackage(p.dir, { env, stageDir: join(work, 'stage') }),
  );
  roots = results.map((names) => names[0] as string);
  published = results.flat();
}, 600_000);

afterAll(async () => {
  await registry?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('install from a registry on a machine without Rust', () => {
  let installLog = '';
  const env = () => ({
    ...process.env,
    npm_config_userconfig: registry.npmrc,
    PATH: pathWithoutRust(),
  });

  it('publishes every public package and the host platform packages', async () => {
    expect(published).toEqual(
      expect.arrayContaining([
        '@remotemedia/contract',
        '@remotemedia/errors',
        '@remotemedia/node-format',
        '@remotemedia/node-format-linux-x64-gnu',
      ]),
    );
    for (const name of published) {
      const meta = await registryJson(name.replace('/', '%2f'));
      expect(meta.name).toBe(name);
    }
    const format = await registryJson('@remotemedia%2fnode-format');
    const version = format['dist-tags'].latest;
    expect(format.versions[version]?.optionalDependencies).toEqual({
      '@remotemedia/node-format-linux-x64-gnu': version,
    });
  });

  it('installs with no build step: cargo is absent and no package has an install script', () => {
    expect(() => execFileSync('cargo', ['--version'], { env: env(), stdio: 'ignore' })).toThrow();
    mkdirSync(app);
    execFileSync('npm', ['init', '-y'], { cwd: app, env: env(), stdio: 'ignore' });
    installLog = execFileSync(
      'npm',
      ['install', '--foreground-scripts', '--no-audit', '--no-fund', ...USER_INSTALL],
      { cwd: app, env: env(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // Nothing compiled: no Rust build, no node-gyp compile (a dependency's prebuilt-binary check
    // may run, but no toolchain does).
    expect(installLog).not.toMatch(/cargo |rustc|napi build|gyp info|node-gyp rebuild/);
    const scope = join(app, 'node_modules/@remotemedia');
    for (const dir of readdirSync(scope)) {
      const pkg = JSON.parse(readFileSync(join(scope, dir, 'package.json'), 'utf8'));
      for (const hook of ['preinstall', 'install', 'postinstall']) {
        expect(pkg.scripts?.[hook], `${dir} ${hook}`).toBeUndefined();
      }
    }
    expect(readdirSync(scope)).toEqual(
      expect.arrayContaining([
        'node-vad-linux-x64-gnu',
        'node-format-linux-x64-gnu',
        'core',
        'cli',
      ]),
    );
  });

  it('keeps every native platform package under 2 MB (model weights ship in the root package)', async () => {
    const platformPackages = published.filter((name) => !roots.includes(name));
    expect(platformPackages.length).toBeGreaterThan(0);
    for (const name of platformPackages) {
      const size = await tarballSize(registry, name);
      expect(size, name).toBeGreaterThan(10_000);
      expect(size, name).toBeLessThan(PLATFORM_PACKAGE_BUDGET);
    }
  });

  it('finds the speech segments of a real WAV file with the installed packages', () => {
    writeFileSync(join(app, 'segments.mjs'), SEGMENTS_SCRIPT);
    const out = JSON.parse(
      execFileSync('node', ['segments.mjs', wav], { cwd: app, env: env(), encoding: 'utf8' }),
    );
    expect(out.rate).toBe(48000);
    expect(out.segments.length).toBeGreaterThan(0);
    // The file is speech with 0.3 s of silence at each end.
    for (const s of out.segments) {
      expect(s.endMs).toBeGreaterThan(s.startMs);
      expect(s.endMs).toBeLessThanOrEqual(out.seconds * 1000 + 1);
    }
    const speechMs = out.segments.reduce(
      (t: number, s: { startMs: number; endMs: number }) => t + s.endMs - s.startMs,
      0,
    );
    expect(speechMs).toBeGreaterThan(5000);
  });

  it('runs the Silero engine on the model shipped once, in @remotemedia/node-vad', () => {
    const vad = join(app, 'node_modules/@remotemedia');
    const model = readFileSync(join(vad, 'node-vad/model/silero_vad_v6.bin'));
    expect(model.length).toBeGreaterThan(1_000_000);
    // The platform package holds the binary only, and the binary not the weights.
    const platform = join(vad, 'node-vad-linux-x64-gnu');
    const binary = readdirSync(platform).filter((f) => f.endsWith('.node'));
    expect(readdirSync(platform).filter((f) => f.endsWith('.bin'))).toEqual([]);
    expect(binary).toHaveLength(1);
    expect(readFileSync(join(platform, binary[0] as string)).indexOf(model.subarray(8, 72))).toBe(
      -1,
    );
    const out = JSON.parse(
      execFileSync('node', ['segments.mjs', wav, 'silero'], {
        cwd: app,
        env: env(),
        encoding: 'utf8',
      }),
    );
    const speechMs = out.segments.reduce(
      (t: number, s: { startMs: number; endMs: number }) => t + s.endMs - s.startMs,
      0,
    );
    expect(speechMs).toBeGreaterThan(5000);
    expect(speechMs).toBeLessThanOrEqual(out.seconds * 1000);
  });

  it('installs node-denoise on its own and denoises a real WAV file with it', () => {
    const log = execFileSync(
      'npm',
      ['install', '--foreground-scripts', '--no-audit', '--no-fund', '@remotemedia/node-denoise'],
      { cwd: app, env: env(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(log).not.toMatch(/cargo |rustc|napi build|gyp info|node-gyp rebuild/);
    expect(readdirSync(join(app, 'node_modules/@remotemedia'))).toContain(
      'node-denoise-linux-x64-gnu',
    );
    writeFileSync(join(app, 'denoise.mjs'), DENOISE_SCRIPT);
    const out = JSON.parse(
      execFileSync('node', ['denoise.mjs', wav], { cwd: app, env: env(), encoding: 'utf8' }),
    );
    // As many samples out as in; one voice probability per 10 ms; the file is mostly speech.
    expect(out.samples).toBe(out.input);
    expect(out.voice).toBe(Math.ceil(out.input / 2 / 480));
    expect(out.speech).toBeGreaterThan(out.voice / 3);
  });

  it('lists the installed nodes with npx remotemedia nodes list', () => {
    const listing = execFileSync('npx', ['remotemedia', 'nodes', 'list'], {
      cwd: app,
      env: env(),
      encoding: 'utf8',
    });
    expect(listing).toMatch(/Rust nodes:/);
    for (const type of ['VAD', 'AudioResample', 'FormatConverter']) expect(listing).toContain(type);
  });

  it('writes a self-contained run report with the installed CLI', () => {
    writeFileSync(
      join(app, 'vad.yaml'),
      'version: 1\nnodes:\n  - { id: mono, type: FormatConverter, params: { channels: 1 } }\n  - { id: vad, type: VAD }\nconnections:\n  - { from: mono, to: vad }\n',
    );
    execFileSync('npx', ['remotemedia', 'run', 'vad.yaml', '-i', wav, '--report', 'r.html'], {
      cwd: app,
      env: env(),
      encoding: 'utf8',
    });
    const html = readFileSync(join(app, 'r.html'), 'utf8');
    // The page's script and styles ship in the package and are inlined: nothing to fetch.
    expect(html).toMatch(/<script id="report-data" type="application\/json">\{"results":/);
    expect(html).toMatch(/<style>[^<]{500,}<\/style>/);
    expect(html).toMatch(/<script>[\s\S]{2000,}<\/script>\s*<\/body>/);
    expect(html).not.toMatch(/\s(src|href)=/);
  });
});
