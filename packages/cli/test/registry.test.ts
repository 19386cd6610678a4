// `remotemedia registry` as a subprocess against a real nats-server and PostgreSQL: workers end
// up in tool_registrations and the discovery store, /healthz reports each component, SIGTERM
// stops it with 0, and neither a bad [registry] table nor a failure prints a password.
import { RemoteClient, serve, type Worker } from '@remotemedia/remote';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoRegistry } from '../../../tools/testing/echo-registry.js';
import {
  type PostgresServer,
  poolFor,
  startPostgres,
} from '../../../tools/testing/servers/postgres.js';
import { freePort } from '../../../tools/testing/servers/process.js';
import { cli, configDir, refusedConfig, tempDir } from './helpers.js';
import { type CliProcess, type NatsServer, startCli, startNats } from './nats.js';

const READY = 'SIGTERM or Ctrl-C stops it';
const PG_URL_VAR = 'TEST_REGISTRY_PG_URL';

let nats: NatsServer;
let postgres: PostgresServer;
let pool: pg.Pool;
let client: RemoteClient;
let bridge: CliProcess;
let httpPort: number;
const started: CliProcess[] = [];
const workers: Worker[] = [];

/** Starts `remotemedia registry` in `dir` and waits for its ready line. */
async function startRegistry(dir: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = startCli(['registry', ...args], dir, env);
  started.push(child);
  await child.waitFor(READY);
  return child;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const passwordOf = (url: string) => new URL(url).password;

beforeAll(async () => {
  [nats, postgres] = await Promise.all([startNats(), startPostgres()]);
  pool = poolFor(postgres.url);
  client = await RemoteClient.connect({ servers: nats.url });
  httpPort = await freePort();
  const dir = configDir(
    [
      '[remote]',
      `servers = ["${nats.url}"]`,
      '',
      '[registry]',
      'bus = "jetstream"',
      'stale_after_ms = 300000',
      'health_timeout_ms = 5000', // a slow answer on a loaded machine is not a component down
      '',
      '[registry.discovery]',
      'timeout_ms = 5000',
      '',
      '[registry.http]',
      'port = 0',
      '',
      '[registry.postgres]',
      `url_env = "${PG_URL_VAR}"`,
      'connection_timeout_ms = 2000',
    ].join('\n'),
  );
  bridge = await startRegistry(dir, ['--port', String(httpPort)], {
    [PG_URL_VAR]: postgres.url,
  });
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  for (const child of started) child.child.kill('SIGKILL');
  await client?.close();
  await pool?.end();
  await nats?.stop();
  postgres?.destroy();
});

describe('remotemedia registry', () => {
  it('prints where /healthz and /metrics listen (--port over [registry.http] port)', () => {
    const url = `http://127.0.0.1:${httpPort}`;
    expect(bridge.stdout()).toMatch(
      new RegExp(
        `^registry bridge registry-bridge-\\w+ consuming jetstream events; GET ${url}/healthz and ${url}/metrics; ${READY}\\n$`,
      ),
    );
  });

  it('records workers in tool_registrations and the discovery store', async () => {
    // One worker from the CLI, one that does not announce itself: its discovery entry can only
    // come from the bridge.
    const served = startCli(['serve', '--servers', nats.url, '--name', 'registry-test']);
    started.push(served);
    await served.waitFor('SIGTERM or Ctrl-C drains and stops it');
    const cliWorker = /^worker (\S+) serving/.exec(served.stdout())?.[1] as string;
    const quiet = await serve(echoRegistry(), {
      servers: nats.url,
      discovery: false,
      handleSignals: false,
    });
    workers.push(quiet);

    const registered = await until(
      async () => (await pool.query('SELECT * FROM tool_registrations')).rows,
      (r) => [cliWorker, quiet.id].every((id) => r.some((row) => row.tool_id === id)),
    );
    const row = registered.find((r) => r.tool_id === quiet.id);
    expect(row).toMatchObject({ status: 'active', node_type: 'compute' });
    const announced = await until(
      () => client.workers(),
      (w) => w.some((a) => a.id === quiet.id),
    );
    expect(announced.find((a) => a.id === quiet.id)?.nodes.map((n) => n.type)).toEqual(['Echo']);

    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
  });

  it('answers /healthz with each component, and /metrics', async () => {
    const response = await fetch(`http://127.0.0.1:${httpPort}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'healthy',
      components: {
        nats: { status: 'up', critical: true },
        bus: { status: 'up', critical: true },
        discovery: { status: 'up', critical: false, pending: 0 },
        postgres: { status: 'up', critical: false, pending: 0 },
      },
    });
    const metrics = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
    expect(metrics).toMatch(/registry_registrations_total\{result="successful"\} [1-9]/);
  });

  it('stops on SIGTERM with exit code 0, never having printed the password', async () => {
    bridge.child.kill('SIGTERM');
    expect(await bridge.exited).toBe(0);
    expect(bridge.stdout()).toMatch(/registry bridge \S+ stopped after [1-9]\d* registrations\n$/);
    const output = bridge.stdout() + bridge.stderr();
    expect(output).not.toContain(passwordOf(postgres.url));
  });

  it('starts degraded when PostgreSQL is unreachable, without printing its password', async () => {
    const secret = 'correct-horse-battery-staple';
    const url = `postgres://registry:${secret}@127.0.0.1:${await freePort()}/registry`;
    const dir = configDir(
      `[registry.postgres]\nurl_env = "${PG_URL_VAR}"\nconnection_timeout_ms = 500\n`,
    );
    const degraded = await startRegistry(dir, ['--servers', nats.url, '--port', '0'], {
      [PG_URL_VAR]: url,
    });
    const healthz = /GET (\S+\/healthz)/.exec(degraded.stdout())?.[1] as string;
    const response = await fetch(healthz);
    const body = await response.text();
    expect(response.status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({
      status: 'degraded',
      components: { postgres: { status: 'down' } },
    });
    degraded.child.kill('SIGINT');
    expect(await degraded.exited).toBe(0);
    expect(degraded.stderr()).toContain('postgres unavailable');
    expect(body + degraded.stdout() + degraded.stderr()).not.toContain(secret);
  });

  it('fails with ERR_TRANSPORT and exit code 1 when NATS is unreachable, without a stack', async () => {
    const port = await freePort();
    const r = cli(['registry', '--servers', `nats://bridge:s3cret-pw@127.0.0.1:${port}`], {
      cwd: tempDir(),
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `error ERR_TRANSPORT: cannot connect to NATS at nats://***@127.0.0.1:${port}: connection refused; check the URL, that nats-server runs, and the credentials\n`,
    );
    expect(r.stdout).toBe('');
  });

  it('connects with [remote.tls]: a server without TLS is refused', () => {
    const dir = configDir(
      `[remote]\nservers = ["${nats.url}"]\n\n[remote.tls]\nca_file = "ca.pem"\n`,
    );
    const r = cli(['registry'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error ERR_TRANSPORT: cannot connect to NATS at');
    expect(r.stderr).toContain("server does not support 'tls'");
  });
});

/** `remotemedia registry` refuses `toml` with exit code 1; returns what it printed on stderr. */
const refused = (toml: string, env: NodeJS.ProcessEnv = {}) =>
  refusedConfig(['registry'], toml, env);

describe('remotemedia registry config errors', () => {
  it('names unknown keys in [registry] with their line, without printing values', () => {
    const stderr = refused(
      [
        '[registry]',
        'bus = "jetstream"',
        'stale_after = 30000',
        '',
        '[registry.postgres]',
        'url_env = "PG_URL"',
        'password = "hunter2"',
      ].join('\n'),
    );
    expect(stderr).toContain('error ERR_INVALID_PARAM: remotemedia.toml has 2 problems');
    expect(stderr).toContain(
      "remotemedia.toml:3: unknown key 'stale_after' in [registry]; allowed: bus, stale_after_ms,",
    );
    expect(stderr).toContain(
      "remotemedia.toml:7: unknown key 'password' in [registry.postgres]; allowed: url_env,",
    );
    expect(stderr).not.toContain('hunter2');
  });

  it('checks values and the kafka bus with their line', () => {
    const stderr = refused('[registry]\nbus = "kafka"\n\n[registry.http]\nport = 70000\n');
    expect(stderr).toContain(
      'remotemedia.toml:2: registry.bus = "kafka" needs [registry.kafka] brokers',
    );
    expect(stderr).toContain(
      'remotemedia.toml:5: registry.http.port must be an integer from 0 to 65535',
    );
  });

  it('needs the three SASL keys of [registry.kafka] together', () => {
    const stderr = refused(
      '[registry]\nbus = "kafka"\n\n[registry.kafka]\nbrokers = ["127.0.0.1:9"]\nsasl_mechanism = "scram-sha-256"\nsasl_password = "hunter2"\n',
    );
    expect(stderr).toContain(
      'remotemedia.toml:6: [registry.kafka] SASL needs sasl_mechanism, sasl_username, sasl_password_env together; missing: sasl_username, sasl_password_env',
    );
    expect(stderr).toContain("remotemedia.toml:7: unknown key 'sasl_password' in [registry.kafka]");
    expect(stderr).not.toContain('hunter2');
  });

  it('needs the variable sasl_password_env names to be set', () => {
    const stderr = refused(
      [
        '[registry]',
        'bus = "kafka"',
        '[registry.kafka]',
        'brokers = ["127.0.0.1:9"]',
        'sasl_mechanism = "plain"',
        'sasl_username = "bridge"',
        'sasl_password_env = "TEST_REGISTRY_UNSET_KAFKA_PASSWORD"',
      ].join('\n'),
      { TEST_REGISTRY_UNSET_KAFKA_PASSWORD: '' },
    );
    expect(stderr).toBe(
      'error ERR_INVALID_PARAM: [registry.kafka] sasl_password_env names $TEST_REGISTRY_UNSET_KAFKA_PASSWORD, which is not set; export it or remove sasl_password_env\n',
    );
  });

  it('needs the variable url_env names to be set', () => {
    const stderr = refused('[registry.postgres]\nurl_env = "TEST_REGISTRY_UNSET_URL"\n', {
      TEST_REGISTRY_UNSET_URL: '',
    });
    expect(stderr).toBe(
      'error ERR_INVALID_PARAM: [registry.postgres] url_env names $TEST_REGISTRY_UNSET_URL, which is not set; export it or remove url_env\n',
    );
  });
});
