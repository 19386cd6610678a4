// `remotemedia serve --ws --workers 2` as real processes: the primary forks two cluster workers on
// one port, sessions are served by both, a killed worker is replaced and new sessions still work,
// SIGTERM drains every worker and the primary exits 0; bad worker counts are refused.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, configDir, examplesDir, refusedConfig } from './helpers.js';
import { speechPcm, vadSession } from './live-client.js';
import { type CliProcess, startCli } from './nats.js';

const config = join(examplesDir, 'live', 'remotemedia.toml');
let server: CliProcess | undefined;
afterAll(() => server?.child.kill('SIGKILL'));

/** worker id -> pid, from the workers' `serving` lines. */
function workersOf(out: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const m of out.matchAll(/^worker (\d+) \(pid (\d+)\): serving /gm))
    found.set(m[1] as string, Number(m[2]));
  return found;
}

/** worker id -> sessions, from the workers' `stopped after` lines. */
function sessionsOf(out: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const m of out.matchAll(/^worker (\d+) \(pid \d+\): stopped after (\d+) sessions/gm))
    found.set(m[1] as string, Number(m[2]));
  return found;
}

async function expectSessions(url: string, pcm: Buffer, count: number): Promise<void> {
  const results = await Promise.all(Array.from({ length: count }, () => vadSession(url, pcm)));
  for (const r of results) {
    expect(r.events).toEqual(['speechStart', 'speechEnd']);
    expect(r.last).toBe('end');
    expect(r.code).toBe(1000);
  }
}

describe('remotemedia serve --ws --workers', () => {
  it('serves from two workers, replaces a killed one, and drains both on SIGTERM', async () => {
    const pcm = speechPcm('Hello from two workers.');
    server = startCli(['serve', '-c', config, '--ws', '0', '--workers', '2']);
    await server.waitFor('2 workers serving on port');
    const port = /2 workers serving on port (\d+)/.exec(server.stdout())?.[1];
    const url = `ws://127.0.0.1:${port}`;
    // Each worker writes its own line, which may reach the pipe after the primary's.
    await expect
      .poll(() => [...workersOf(server?.stdout() ?? '').keys()].sort())
      .toEqual(['1', '2']);
    const first = workersOf(server.stdout());

    await expectSessions(url, pcm, 4);

    process.kill(first.get('2') as number, 'SIGKILL');
    await expect
      .poll(() => workersOf(server?.stdout() ?? '').has('3'), { timeout: 30_000 })
      .toBe(true);
    expect(server.stderr()).toMatch(
      /worker 2 \(pid \d+\) died \(signal SIGKILL\); starting another in \d+ ms/,
    );

    await expectSessions(url, pcm, 4);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const served = sessionsOf(server.stdout());
    // The survivor and the replacement each drained, and each had served sessions.
    expect([...served.keys()].sort()).toEqual(['1', '3']);
    expect(served.get('1')).toBeGreaterThan(0);
    expect(served.get('3')).toBeGreaterThan(0);
    expect(server.stdout()).toContain('all workers stopped');
  });

  it('takes the count from [live] workers, and stops when a worker fails before serving', () => {
    const dir = configDir('[live]\nworkers = 2\n[live.pipelines]\nvad = "missing.yaml"\n');
    const r = cli(['serve', '--ws', '0'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error ERR_IO: cannot read manifest');
    expect(r.stderr).toMatch(/worker [12] \(pid \d+\) exited \(code 1\) before serving; stopping/);
    expect(r.stdout).toContain('all workers stopped');
  });

  it('refuses worker counts that are not 1 to 256 or auto, as a flag and in [live]', () => {
    for (const bad of ['0', '257', 'two', '1.5']) {
      const r = cli(['serve', '-c', config, '--ws', '0', '--workers', bad]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(
        `error ERR_INVALID_PARAM: --workers must be an integer from 1 to 256 or "auto", got '${bad}'`,
      );
    }
    expect(refusedConfig(['serve', '--ws', '0'], '[live]\nworkers = "all"\n')).toContain(
      'remotemedia.toml:2: live.workers must be an integer from 1 to 256 or "auto"',
    );
  });
});
