// Load bench of the live server: N concurrent sessions on loopback, each sending 16 kHz s16le
// speech paced in real time (one 20 ms frame every 20 ms) through examples/live's vad pipeline
// (resample -> VAD) for SECONDS. Added latency per VAD decision: from sending the frame after
// which the pipeline alone puts it out to receiving it, less the pipeline's own time per frame
// (both measured on the pipeline alone first).
// Reports p50/p99 added latency, the server's CPU per session (and per session-frame) for each N,
// and the largest N whose p99 stays under 20 ms. The server runs in its own process so its CPU
// time is its own; the clients run in LIVE_BENCH_CLIENT_PROCESSES (2) processes of their own, and
// their CPU and how busy their event loops were are reported, so a client bottleneck shows.
// The same server also runs in LIVE_BENCH_WORKERS (2) node:cluster workers sharing its port, as
// `remotemedia serve --ws --workers 2` does (its CPU is the primary's and the workers').
// The peer is a bare ws server answering with a decision per 30 ms of audio and no pipeline.
//   LIVE_BENCH_SECONDS=30 LIVE_BENCH_SESSIONS=50,100,200,300 npm run bench -w @remotemedia/live
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createPipeline, loadManifest, NodeRegistry } from '@remotemedia/core';
import { AudioResample } from '@remotemedia/node-resample';
import { VAD } from '@remotemedia/node-vad';
import { FRAME, FRAME_MS, frames, SAMPLE_RATE } from './speech-frames.mjs';

const SECONDS = Number(process.env.LIVE_BENCH_SECONDS ?? 30);
const COUNTS = (process.env.LIVE_BENCH_SESSIONS ?? '25,50,100,200,300,400').split(',').map(Number);
/** Client processes the sessions are spread over (each with its own event loop). */
const CLIENT_PROCESSES = Number(process.env.LIVE_BENCH_CLIENT_PROCESSES ?? 2);
/** Workers of the cluster contender. */
const WORKERS = Number(process.env.LIVE_BENCH_WORKERS ?? 2);
const BUDGET_MS = 20;
const WARMUP_FRAMES = 50;
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/** Frames as the pipeline takes them (f32), the same audio the clients send. */
function frameAt(i) {
  const bytes = frames[i % frames.length];
  const samples = new Float32Array(FRAME);
  for (let k = 0; k < FRAME; k++) samples[k] = bytes.readInt16LE(k * 2) / 32768;
  return { samples, sampleRate: SAMPLE_RATE, channels: 1, timestamp: i * FRAME_MS };
}

/**
 * The pipeline alone, fed one frame at a time: after which frame each decision comes out (the
 * resampler holds a few samples back, so some decisions wait for the next frame), and its own
 * time per frame when fed as fast as it goes.
 */
async function pipelineAlone() {
  const registry = NodeRegistry.builder().rust(AudioResample).rust(VAD).build();
  const manifest = await loadManifest(here('../../../examples/live/vad.yaml'));
  const total = (SECONDS * 1000) / FRAME_MS;
  const frameOf = new Map();
  let fed = -1;
  let next;
  const stepped = {
    async *[Symbol.asyncIterator]() {
      for (let i = 0; i < total; i++) {
        await new Promise((resolve) => {
          next = resolve;
        });
        fed = i;
        yield frameAt(i);
      }
    },
  };
  const paced = await createPipeline(registry, manifest);
  const reading = (async () => {
    for await (const out of paced.stream(stepped, { highWaterMark: 1 })) {
      for (const d of out.decisions ?? []) frameOf.set(d.endMs, fed);
    }
  })();
  for (let i = 0; i < total; i++) {
    next?.();
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  next?.();
  await reading;
  await paced.close();

  const input = Array.from({ length: total }, (_, i) => frameAt(i));
  const fast = await createPipeline(registry, manifest);
  const started = performance.now();
  for await (const _ of fast.stream(input)) {
    // drained: only the time matters here
  }
  const ownMs = (performance.now() - started) / total;
  await fast.close();
  return { ownMs, frameOf };
}

async function cpuOf(server) {
  server.send('cpu');
  const [reply] = await once(server, 'message');
  return reply.cpu.user + reply.cpu.system;
}

/** Runs `count` sessions spread over the client processes; each sends back what it saw. */
async function clients(url, count, frameOf) {
  const shares = Array.from({ length: CLIENT_PROCESSES }, (_, i) =>
    Math.floor((count + i) / CLIENT_PROCESSES),
  ).filter((n) => n > 0);
  return Promise.all(
    shares.map(async (share) => {
      const child = fork(here('clients.mjs'));
      // Listened for from the start: a child's 'exit' may come before its last message.
      const exited = once(child, 'exit');
      child.send({
        url,
        count: share,
        seconds: SECONDS,
        warmupFrames: WARMUP_FRAMES,
        frameOf: [...frameOf],
      });
      const [report] = await once(child, 'message');
      await exited;
      return report;
    }),
  );
}

async function run(url, server, count, { ownMs, frameOf }) {
  const before = await cpuOf(server);
  const reports = await clients(url, count, frameOf);
  const cpuUs = (await cpuOf(server)) - before;
  const latencies = reports.flatMap((r) => r.latencies);
  const errors = reports.flatMap((r) => r.errors);
  const sessionFrames = count * ((SECONDS * 1000) / FRAME_MS);
  const clientCpuUs = reports.reduce((sum, r) => sum + r.cpuUs, 0);
  const sorted = latencies.sort((a, b) => a - b).map((v) => Math.max(0, v - ownMs));
  return {
    sessions: count,
    decisions: sorted.length,
    'p50 added (ms)': percentile(sorted, 0.5).toFixed(2),
    'p99 added (ms)': percentile(sorted, 0.99).toFixed(2),
    'server CPU / session (% of a core)': (
      ((cpuUs / 1000 / (SECONDS * 1000)) * 100) /
      count
    ).toFixed(3),
    'server CPU / session-frame (us)': (cpuUs / sessionFrames).toFixed(1),
    'client CPU / session-frame (us)': (clientCpuUs / sessionFrames).toFixed(1),
    'busiest client loop': `${(Math.max(...reports.map((r) => r.loopUtilization)) * 100).toFixed(0)} %`,
    errors: errors.length,
    p99: percentile(sorted, 0.99),
  };
}

const alone = await pipelineAlone();
console.log(
  `pipeline's own time: ${(alone.ownMs * 1000).toFixed(1)} us per 20 ms frame (resample -> VAD, alone)`,
);
console.log(
  `${cpus().length} cores (${cpus()[0]?.model}), load average ${loadavg()[0]?.toFixed(1)}, ${SECONDS} s per step, ${CLIENT_PROCESSES} client processes, node ${process.version}`,
);

/**
 * Runs every session count against one server: `live` (ours, one process), `cluster` (ours, in
 * WORKERS processes) or `bare` (the peer).
 */
async function contender(kind, timing) {
  const server = fork(here('server.mjs'), [kind, String(WORKERS)], {
    stdio: 'inherit',
    execArgv: (process.env.LIVE_BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean),
  });
  const [{ port }] = await once(server, 'message');
  const rows = [];
  for (const count of COUNTS) {
    const row = await run(`ws://127.0.0.1:${port}`, server, count, timing);
    rows.push({ server: kind === 'cluster' ? `live, ${WORKERS} workers` : kind, ...row });
    console.log(
      `${kind}, ${count} sessions: p99 added ${row['p99 added (ms)']} ms, load average ${loadavg()[0]?.toFixed(1)}`,
    );
  }
  server.send('stop');
  await once(server, 'exit');
  return rows;
}

// The peer's decisions go out with the frame that completes them, and it has no pipeline time.
const completing = new Map();
for (let end = 30; end <= SECONDS * 1000; end += 30)
  completing.set(end, Math.ceil(end / FRAME_MS) - 1);
const ours = await contender('live', alone);
const clustered = await contender('cluster', alone);
const peer = await contender('bare', { ownMs: 0, frameOf: completing });
const rows = ours.flatMap((row, i) => {
  const bare = peer[i];
  const cpu = (r) => Number(r['server CPU / session (% of a core)']);
  const vsBare = (r) => ({ ...r, 'CPU vs bare ws': `${(cpu(r) / cpu(bare)).toFixed(2)}x` });
  return [vsBare(row), vsBare(clustered[i]), vsBare(bare)];
});
console.table(rows.map(({ p99, ...row }) => row));
for (const [name, measured] of [
  ['live', ours],
  [`live, ${WORKERS} workers`, clustered],
]) {
  const best = Math.max(
    0,
    ...measured.filter((r) => r.p99 < BUDGET_MS && r.errors === 0).map((r) => r.sessions),
  );
  console.log(
    `${name}: largest N with p99 added latency < ${BUDGET_MS} ms: ${best} (goal: >= 200)`,
  );
}
