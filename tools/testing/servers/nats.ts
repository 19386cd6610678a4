// A real nats-server (Debian's) on a free loopback port, JetStream on with a temp store.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopChild, waitForPort } from './process.js';

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
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'remotemedia-nats-'));
  const args = [
    ...['-a', '127.0.0.1', '-p', String(port)],
    ...(jetstream ? ['-js', '-sd', store] : []),
    ...(auth ? ['--user', auth.user, '--pass', auth.pass] : []),
    ...(token ? ['--auth', token] : []),
    ...(tls ? ['--tls', '--tlscert', tls.certFile, '--tlskey', tls.keyFile] : []),
  ];
  let child: ChildProcess;
  const launch = async () => {
    child = spawn('nats-server', args, { stdio: 'ignore' });
    await waitForPort(port, 10_000, 'nats-server');
  };
  await launch();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    stop: async () => {
      await stopChild(child);
      rmSync(store, { recursive: true, force: true });
    },
    restart: async () => {
      await stopChild(child);
      await launch();
    },
  };
}
