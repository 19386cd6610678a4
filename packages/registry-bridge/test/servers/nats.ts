// A real nats-server with JetStream on a free loopback port and a temp store.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopChild, waitForPort } from './process.js';

export interface NatsServer {
  url: string;
  stop(): Promise<void>;
}

export async function startNats({ jetstream = true } = {}): Promise<NatsServer> {
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'rm-bridge-nats-'));
  const child: ChildProcess = spawn(
    'nats-server',
    ['-a', '127.0.0.1', '-p', String(port), ...(jetstream ? ['-js', '-sd', store] : [])],
    { stdio: 'ignore' },
  );
  await waitForPort(port, 10_000, 'nats-server');
  return {
    url: `nats://127.0.0.1:${port}`,
    stop: async () => {
      await stopChild(child);
      rmSync(store, { recursive: true, force: true });
    },
  };
}
