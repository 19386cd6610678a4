// Test helpers: a real nats-server (tools/testing), and worker child processes (the fixture
// bundled once with esbuild).
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../../../tools/testing/bundle.mjs';
import { stopChild } from '../../../tools/testing/servers/process.js';

export { type NatsServer, startNats } from '../../../tools/testing/servers/nats.js';

let bundled: Promise<string> | undefined;

/** The worker fixture as one ESM file (dependencies stay external, resolved from the workspace). */
function workerScript(): Promise<string> {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const outfile = join(dir, '..', 'node_modules', '.cache', 'test-worker.mjs');
  bundled ??= bundleForNode(join(dir, 'fixtures', 'worker.ts'), outfile);
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
    // 'close', not 'exit': its output is read to the end by then.
    child.once('close', (code) => resolve(code)),
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
