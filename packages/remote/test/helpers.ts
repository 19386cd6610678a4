// Test helpers: a real nats-server on a free loopback port with a temp JetStream store, and
// worker child processes (the fixture bundled once with esbuild).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface NatsServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Stops and starts again on the same port and store. */
  restart(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForPort(port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nats-server did not listen on ${port}`);
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export async function startNats(): Promise<NatsServer> {
  const port = await freePort();
  const store = mkdtempSync(join(tmpdir(), 'rm-nats-'));
  let child: ChildProcess;
  const launch = async () => {
    child = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store], {
      stdio: 'ignore',
    });
    await waitForPort(port, Date.now() + 10_000);
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

let bundled: Promise<string> | undefined;

/** The worker fixture as one ESM file (dependencies stay external, resolved from the workspace). */
function workerScript(): Promise<string> {
  bundled ??= (async () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const outfile = join(dir, '..', 'node_modules', '.cache', 'test-worker.mjs');
    await build({
      entryPoints: [join(dir, 'fixtures', 'worker.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
      logLevel: 'error',
    });
    return outfile;
  })();
  return bundled;
}

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  exited: Promise<number | null>;
}

export async function spawnWorker(
  url: string,
  id: string,
  tags: Record<string, string> = {},
): Promise<WorkerProcess> {
  const script = await workerScript();
  const child = spawn(process.execPath, [script, url, id, JSON.stringify(tags)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker ${id} exited early (${code}): ${out}`)));
  });
  return { child, output: () => out, stop: (signal) => stopChild(child, signal), exited };
}

export function frame(values: number[], sampleRate = 48000, channels = 1, timestamp?: number) {
  return {
    samples: Float32Array.from(values),
    sampleRate,
    channels,
    ...(timestamp === undefined ? {} : { timestamp }),
  };
}
