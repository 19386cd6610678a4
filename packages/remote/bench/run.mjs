// Remote pass-through per 20 ms 48 kHz stereo frame vs a raw NATS request/reply with the same
// payload (the floor) and an in-process call; then 200 concurrent streams through one worker.
// Needs nats-server on PATH and a built package (npm run build).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { NodeRegistry } from '@remotemedia/core';
import { Bench } from 'tinybench';
import { encode, RemoteClient } from '../dist/index.js';
import { Pass } from './pass.mjs';

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const url = `nats://127.0.0.1:${port}`;
const store = mkdtempSync(join(tmpdir(), 'rm-bench-'));
const server = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store], {
  stdio: 'ignore',
});
await new Promise((r) => setTimeout(r, 500));
const worker = spawn(process.execPath, [new URL('./worker.mjs', import.meta.url).pathname, url], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve) =>
  worker.stdout.on('data', (d) => String(d).includes('ready') && resolve()),
);

const samples = new Float32Array(960 * 2).map((_, i) => Math.sin(i / 10));
const frame = { samples, sampleRate: 48000, channels: 2, timestamp: 0 };
const payload = encode({ op: 'process', seq: 0, value: frame });

// The floor: an echo responder in another process is what the worker is; here a raw echo in
// the worker's place would share this process, so it runs in a second connection of a child.
const echo = spawn(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `import { connect } from '@nats-io/transport-node';
     const nc = await connect({ servers: '${url}' });
     nc.subscribe('bench.echo', { callback: (_e, m) => m.respond(m.data) });
     await nc.flush(); process.stdout.write('ready\\n');`,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'], cwd: new URL('.', import.meta.url).pathname },
);
await new Promise((resolve) =>
  echo.stdout.on('data', (d) => String(d).includes('ready') && resolve()),
);

const nc = await connect({ servers: url });
const client = await RemoteClient.connect({ servers: url });
const registry = NodeRegistry.builder().ts(Pass).remote('Pass').build({ remote: client });
const remote = await registry.createNode('Pass');
const local = await Pass.create();

// Same output first: the remote frame equals the input, the raw echo returns the payload.
const back = await remote.process(frame);
if (back.samples.length !== samples.length || back.samples.some((v, i) => v !== samples[i])) {
  throw new Error('remote pass-through changed the frame');
}
const echoed = (await nc.request('bench.echo', payload)).data;
if (echoed.length !== payload.length) throw new Error('echo changed the payload');

const bench = new Bench({ time: 2000, warmupTime: 300 });
bench
  .add('in-process pass-through', () => local.process(frame))
  .add('raw NATS request/reply (floor)', async () => {
    await nc.request('bench.echo', payload);
  })
  .add('remote pass-through node', async () => {
    await remote.process(frame);
  });
await bench.run();
const rows = bench.tasks.map((t) => {
  const l = t.result.latency;
  return {
    name: t.name,
    p50_us: +(l.p50 * 1000).toFixed(1),
    p99_us: +(l.p99 * 1000).toFixed(1),
    ops_s: Math.round(t.result.throughput.mean),
  };
});
console.table(rows);
const [, floor, node] = rows;
console.log(
  `remote node / raw floor: p50 ${(node.p50_us / floor.p50_us).toFixed(2)}x, p99 ${(node.p99_us / floor.p99_us).toFixed(2)}x`,
);

// 200 concurrent streams, 50 frames each, window 4: frames/s and per-frame p99.
const STREAMS = 200;
const FRAMES = 50;
const latencies = [];
const started = performance.now();
await Promise.all(
  Array.from({ length: STREAMS }, async () => {
    const stream = await client.openStream('Pass', { window: 4 });
    const sentAt = [];
    const reader = (async () => {
      let i = 0;
      for await (const out of stream.outputs()) {
        if (out.samples.length !== samples.length) throw new Error('bad frame');
        latencies.push(performance.now() - sentAt[i++]);
      }
    })();
    for (let i = 0; i < FRAMES; i++) {
      sentAt.push(performance.now());
      await stream.send(frame);
    }
    stream.end();
    await reader;
  }),
);
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const p = (q) =>
  latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(2);
console.log(
  `${STREAMS} streams x ${FRAMES} frames: ${Math.round((STREAMS * FRAMES) / seconds)} frames/s, latency p50 ${p(0.5)} ms, p99 ${p(0.99)} ms (real time needs ${STREAMS * 50} frames/s)`,
);

await remote.close();
await client.close();
await nc.close();
echo.kill();
worker.kill('SIGTERM');
await new Promise((r) => worker.once('exit', r));
server.kill();
await new Promise((r) => server.once('exit', r));
rmSync(store, { recursive: true, force: true });
