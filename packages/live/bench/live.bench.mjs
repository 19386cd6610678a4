// Load bench of the live server: N concurrent sessions on loopback, each sending 16 kHz s16le
// speech paced in real time (one 20 ms frame every 20 ms) through examples/live's vad pipeline
// (resample -> VAD) for SECONDS. Added latency per VAD decision: from sending the frame after
// which the pipeline alone puts it out to receiving it, less the pipeline's own time per frame
// (both measured on the pipeline alone first).
// Reports p50/p99 added latency and the server's CPU per session for each N, and the largest N
// whose p99 stays under 20 ms. The server runs in its own process so its CPU time is its own.
// The peer is a bare ws server answering with a decision per 30 ms of audio and no pipeline.
//   LIVE_BENCH_SECONDS=30 LIVE_BENCH_SESSIONS=50,100,200,300 npm run bench -w @remotemedia/live
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createPipeline, loadManifest, NodeRegistry } from '@remotemedia/core';
import { decodeWav } from '@remotemedia/node-format';
import { AudioResample } from '@remotemedia/node-resample';
import { VAD } from '@remotemedia/node-vad';
import { WebSocket } from 'ws';

const SECONDS = Number(process.env.LIVE_BENCH_SECONDS ?? 30);
const COUNTS = (process.env.LIVE_BENCH_SESSIONS ?? '25,50,100,200,300,400').split(',').map(Number);
const BUDGET_MS = 20;
const FRAME_MS = 20;
const WARMUP_FRAMES = 50;
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const speech = decodeWav(readFileSync(here('../../../crates/vad/tests/fixtures/speech.wav')));
const FRAME = (speech.sampleRate * FRAME_MS) / 1000;
const pcm = Buffer.alloc(speech.samples.length * 2);
speech.samples.forEach((v, i) => {
  pcm.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(v * 32768))), i * 2);
});
const frames = Array.from({ length: Math.floor(speech.samples.length / FRAME) }, (_, i) =>
  pcm.subarray(i * FRAME * 2, (i + 1) * FRAME * 2),
);

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/** Frames as the pipeline takes them (f32), the same audio the clients send. */
function frameAt(i) {
  const bytes = frames[i % frames.length];
  const samples = new Float32Array(FRAME);
  for (let k = 0; k < FRAME; k++) samples[k] = bytes.readInt16LE(k * 2) / 32768;
  return { samples, sampleRate: speech.sampleRate, channels: 1, timestamp: i * FRAME_MS };
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

function session(url, latencies, errors, frameOf) {
  const ws = new WebSocket(`${url}/ws`);
  const sentAt = [];
  let timer;
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    const m = JSON.parse(String(data));
    if (m.type === 'error') errors.push(m.code);
    if (m.type !== 'output' || m.port !== 'decisions') return;
    // The frame after which the pipeline alone put this decision out.
    const k = frameOf.get(m.value.endMs);
    // The first second is warm-up (session start, JIT): steady state is what is measured.
    if (k !== undefined && k >= WARMUP_FRAMES && sentAt[k] !== undefined) {
      latencies.push(performance.now() - sentAt[k]);
    }
  });
  const done = new Promise((resolve) => ws.on('close', resolve));
  ws.on('error', (e) => errors.push(e.message));
  ws.on('open', () => {
    ws.send(
      JSON.stringify({
        type: 'start',
        pipeline: 'vad',
        encoding: 's16le',
        sampleRate: speech.sampleRate,
        channels: 1,
      }),
    );
    let k = 0;
    const started = performance.now();
    // Paced by the clock, not by the timer's own drift: frame k goes at started + 20 k ms.
    const tick = () => {
      while (performance.now() - started >= k * FRAME_MS && k < (SECONDS * 1000) / FRAME_MS) {
        sentAt[k] = performance.now();
        ws.send(frames[k % frames.length]);
        k++;
      }
      if (k >= (SECONDS * 1000) / FRAME_MS) ws.send(JSON.stringify({ type: 'stop' }));
      else timer = setTimeout(tick, Math.max(0, started + k * FRAME_MS - performance.now()));
    };
    // Sessions start spread over one frame so that they do not all send at once.
    timer = setTimeout(tick, Math.random() * FRAME_MS);
  });
  return { done, stop: () => clearTimeout(timer) };
}

async function cpuOf(server) {
  server.send('cpu');
  const [reply] = await once(server, 'message');
  return reply.cpu.user + reply.cpu.system;
}

async function run(url, server, count, { ownMs, frameOf }) {
  const latencies = [];
  const errors = [];
  const before = await cpuOf(server);
  const sessions = Array.from({ length: count }, () => session(url, latencies, errors, frameOf));
  await Promise.all(sessions.map((s) => s.done));
  const cpuMs = (await cpuOf(server)) - before;
  const sorted = latencies.sort((a, b) => a - b).map((v) => Math.max(0, v - ownMs));
  return {
    sessions: count,
    decisions: sorted.length,
    'p50 added (ms)': percentile(sorted, 0.5).toFixed(2),
    'p99 added (ms)': percentile(sorted, 0.99).toFixed(2),
    'server CPU / session (% of a core)': (
      ((cpuMs / 1000 / (SECONDS * 1000)) * 100) /
      count
    ).toFixed(3),
    errors: errors.length,
    p99: percentile(sorted, 0.99),
  };
}

const alone = await pipelineAlone();
console.log(
  `pipeline's own time: ${(alone.ownMs * 1000).toFixed(1)} us per 20 ms frame (resample -> VAD, alone)`,
);
console.log(
  `${cpus().length} cores (${cpus()[0]?.model}), load average ${loadavg()[0]?.toFixed(1)}, ${SECONDS} s per step, node ${process.version}`,
);

/** Runs every session count against one server process: `live` (ours) or `bare` (the peer). */
async function contender(kind, timing) {
  const server = fork(here('server.mjs'), [kind], {
    stdio: 'inherit',
    execArgv: (process.env.LIVE_BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean),
  });
  const [{ port }] = await once(server, 'message');
  const rows = [];
  for (const count of COUNTS) {
    const row = await run(`ws://127.0.0.1:${port}`, server, count, timing);
    rows.push({ server: kind, ...row });
    console.log(`${kind}, ${count} sessions: p99 added ${row['p99 added (ms)']} ms`);
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
const peer = await contender('bare', { ownMs: 0, frameOf: completing });
const rows = ours.flatMap((row, i) => {
  const bare = peer[i];
  const cpu = (r) => Number(r['server CPU / session (% of a core)']);
  return [
    { ...row, 'CPU vs bare ws': `${(cpu(row) / cpu(bare)).toFixed(2)}x` },
    { ...bare, 'CPU vs bare ws': '1.00x' },
  ];
});
console.table(rows.map(({ p99, ...row }) => row));
const best = Math.max(
  0,
  ...ours.filter((r) => r.p99 < BUDGET_MS && r.errors === 0).map((r) => r.sessions),
);
console.log(`largest N with p99 added latency < ${BUDGET_MS} ms: ${best} (goal: >= 200)`);
