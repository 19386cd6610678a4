// End-to-end: publish every public package (and the host platform package of each native one) to
// a local verdaccio, then install them in a fresh folder outside the workspace with no Rust
// toolchain on PATH, and use them. This is what `npm install @remotemedia/...` does for a user.
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
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishPackage } from './publish.js';
import { type LocalRegistry, startRegistry } from './registry.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'remotemedia-e2e-'));
const wav = join(repo, 'examples/assets/speech-48k-stereo.wav');

interface WorkspacePackage {
  dir: string;
  name: string;
  private?: boolean;
  napi?: unknown;
  dependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}

/** Public workspace packages, dependencies before dependents. */
function publicPackages(): WorkspacePackage[] {
  const all: WorkspacePackage[] = readdirSync(join(repo, 'packages')).map((d) => ({
    dir: join(repo, 'packages', d),
    ...JSON.parse(readFileSync(join(repo, 'packages', d, 'package.json'), 'utf8')),
  }));
  const byName = new Map(all.filter((p) => !p.private).map((p) => [p.name, p]));
  const ordered: WorkspacePackage[] = [];
  const visit = (p: WorkspacePackage) => {
    if (ordered.includes(p)) return;
    for (const dep of Object.keys(p.dependencies ?? {})) {
      const d = byName.get(dep);
      if (d) visit(d);
    }
    ordered.push(p);
  };
  for (const p of byName.values()) visit(p);
  return ordered;
}

/** PATH without any folder that holds cargo or rustc, so nothing can compile during install. */
function pathWithoutRust(): string {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((d) => !['cargo', 'rustc'].some((tool) => existsSync(join(d, tool))))
    .join(delimiter);
}

let registry: LocalRegistry;
let published: string[] = [];
let roots: string[] = [];

/** What a user installs (the three packages, plus node-format to read WAV files). */
const USER_INSTALL = [
  '@remotemedia/node-vad',
  '@remotemedia/core',
  '@remotemedia/cli',
  '@remotemedia/node-format',
];

/** The parts of a registry package document the test reads. */
interface Packument {
  name: string;
  'dist-tags': { latest: string };
  versions: Record<
    string,
    { optionalDependencies?: Record<string, string>; dist: { tarball: string } }
  >;
}

/** GET from the registry; verdaccio may drop an idle keep-alive socket, so retry once or twice. */
async function registryGet(path: string): Promise<ArrayBuffer> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(`${registry.url}${path}`);
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      return await response.arrayBuffer();
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

async function registryJson(path: string): Promise<Packument> {
  return JSON.parse(new TextDecoder().decode(await registryGet(path))) as Packument;
}
const app = join(work, 'app');

beforeAll(async () => {
  registry = await startRegistry(
    join(work, 'registry'),
    join(repo, 'node_modules/verdaccio/bin/verdaccio'),
    execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim(),
  );
  const env = {
    ...process.env,
    npm_config_userconfig: registry.npmrc,
    PATH: `${join(repo, 'node_modules/.bin')}${delimiter}${process.env.PATH}`,
  };
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

  it('keeps every native platform package under 2 MB', async () => {
    const platformPackages = published.filter((name) => !roots.includes(name));
    expect(platformPackages.length).toBeGreaterThan(0);
    for (const name of platformPackages) {
      const meta = await registryJson(name.replace('/', '%2f'));
      const version = meta['dist-tags'].latest;
      const tarball = new URL(meta.versions[version]?.dist.tarball ?? '').pathname.slice(1);
      const size = (await registryGet(tarball)).byteLength;
      expect(size, name).toBeGreaterThan(10_000);
      expect(size, name).toBeLessThan(2 * 1024 * 1024);
    }
  });

  it('finds the speech segments of a real WAV file with the installed packages', () => {
    writeFileSync(
      join(app, 'segments.mjs'),
      `import { readFileSync } from 'node:fs';
import { decodeWav } from '@remotemedia/node-format';
import { detectSegments } from '@remotemedia/node-vad';
const wav = decodeWav(readFileSync(process.argv[2]));
const segments = detectSegments(wav.samples, { sampleRate: wav.sampleRate, channels: wav.channels });
console.log(JSON.stringify({ rate: wav.sampleRate, seconds: wav.samples.length / wav.channels / wav.sampleRate, segments }));
`,
    );
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

  it('lists the installed nodes with npx remotemedia nodes list', () => {
    const listing = execFileSync('npx', ['remotemedia', 'nodes', 'list'], {
      cwd: app,
      env: env(),
      encoding: 'utf8',
    });
    expect(listing).toMatch(/Rust nodes:/);
    for (const type of ['VAD', 'AudioResample', 'FormatConverter']) expect(listing).toContain(type);
  });
});
