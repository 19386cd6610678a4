// A real nats-server (Debian's) on a free loopback port, JetStream on with a temp store.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnListening, stopChild, waitForPort } from './process.js';

export interface NatsServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Stops and starts again on the same port and store. */
  restart(): Promise<void>;
}

export interface NatsServerOptions {
  /** @default true */
  jetstream?: boolean;
  /** Require this user and password. */
  auth?: { user: string; pass: string };
  /** Require this token. */
  token?: string;
  /** Serve TLS only, with this certificate and key. */
  tls?: { certFile: string; keyFile: string };
}

export async function startNats(options: NatsServerOptions = {}): Promise<NatsServer> {
  const { jetstream = true, auth, token, tls } = options;
  const store = mkdtempSync(join(tmpdir(), 'remotemedia-nats-'));
  const args = (port: number) => [
    ...['-a', '127.0.0.1', '-p', String(port)],
    ...(jetstream ? ['-js', '-sd', store] : []),
    ...(auth ? ['--user', auth.user, '--pass', auth.pass] : []),
    ...(token ? ['--auth', token] : []),
    ...(tls ? ['--tls', '--tlscert', tls.certFile, '--tlskey', tls.keyFile] : []),
  ];
  const launch = (port: number): ChildProcess =>
    spawn('nats-server', args(port), { stdio: 'ignore' });
  const started = await spawnListening(launch, 'nats-server');
  let child = started.child;
  const port = started.port;
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    stop: async () => {
      await stopChild(child);
      rmSync(store, { recursive: true, force: true });
    },
    restart: async () => {
      await stopChild(child);
      // Same port: clients reconnect to the address they know.
      child = launch(port);
      await waitForPort(port, 10_000, 'nats-server');
    },
  };
}
