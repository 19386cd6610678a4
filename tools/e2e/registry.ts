// A throwaway verdaccio registry on 127.0.0.1 for the install test: our scope is served only from
// local storage (what we publish), everything else is proxied to the public registry.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { freePort } from '../testing/servers/process.js';
import { repo } from './workspace.js';

export interface LocalRegistry {
  url: string;
  /** An npmrc that points at the registry with a publish token; pass as npm_config_userconfig. */
  npmrc: string;
  stop(): Promise<void>;
}

async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`verdaccio did not answer ${url} within ${timeoutMs} ms`);
}

export async function startRegistry(
  dir: string,
  verdaccioBin: string,
  upstream: string,
): Promise<LocalRegistry> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = join(dir, 'verdaccio.yaml');
  writeFileSync(
    config,
    [
      `storage: ${join(dir, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(dir, 'htpasswd')}`,
      'uplinks:',
      '  upstream:',
      `    url: ${upstream}`,
      '    timeout: 60s',
      'packages:',
      "  '@remotemedia/*':",
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      '    proxy: upstream',
      'max_body_size: 100mb',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const child = spawn(
    process.execPath,
    [verdaccioBin, '--config', config, '--listen', `127.0.0.1:${port}`],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout?.on('data', (d) => {
    log += d;
  });
  child.stderr?.on('data', (d) => {
    log += d;
  });
  try {
    await waitFor(`${url}-/ping`, child, 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  const response = await fetch(`${url}-/user/org.couchdb.user:e2e`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'e2e', password: 'e2e-password-123' }),
  });
  const { token } = (await response.json()) as { token?: string };
  if (!token) throw new Error(`verdaccio did not create a user (${response.status})`);
  const npmrc = join(dir, 'npmrc');
  const host = url.replace(/^http:/, '');
  writeFileSync(npmrc, `registry=${url}\n${host}:_authToken=${token}\naudit=false\nfund=false\n`);
  return {
    url,
    npmrc,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The parts of a registry package document the install tests read. */
/** A registry in `work`/registry from the workspace's verdaccio, proxying the npm registry in use. */
export function startWorkspaceRegistry(work: string): Promise<LocalRegistry> {
  return startRegistry(
    join(work, 'registry'),
    join(repo, 'node_modules/verdaccio/bin/verdaccio'),
    execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim(),
  );
}

/** The environment packages are published in: `registry`'s npmrc, the workspace's bins on PATH. */
export function publishEnv(registry: LocalRegistry): NodeJS.ProcessEnv {
  return {
    ...process.env,
    npm_config_userconfig: registry.npmrc,
    PATH: `${join(repo, 'node_modules/.bin')}${delimiter}${process.env.PATH}`,
  };
}

export interface Packument {
  name: string;
  'dist-tags': { latest: string };
  versions: Record<
    string,
    { optionalDependencies?: Record<string, string>; dist: { tarball: string } }
  >;
}

/** GET from the registry; verdaccio may drop an idle keep-alive socket, so retry once or twice. */
export async function getFromRegistry(registry: LocalRegistry, path: string): Promise<ArrayBuffer> {
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

/** A package's document, by its URL-encoded name (`@scope%2fname`). */
export async function packument(registry: LocalRegistry, path: string): Promise<Packument> {
  return JSON.parse(new TextDecoder().decode(await getFromRegistry(registry, path))) as Packument;
}

/** Size in bytes of the latest published tarball of `name`. */
export async function tarballSize(registry: LocalRegistry, name: string): Promise<number> {
  const meta = await packument(registry, name.replace('/', '%2f'));
  const tarball = meta.versions[meta['dist-tags'].latest]?.dist.tarball ?? '';
  return (await getFromRegistry(registry, new URL(tarball).pathname.slice(1))).byteLength;
}
