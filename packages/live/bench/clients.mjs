// The bench's clients, in a process of their own (the bench runs several) so that their event
// loop is not the server's, nor one loop for every session: each child runs its share of the
// sessions and sends back the added latencies it saw, its errors and its own CPU time.
// Message in: { url, count, seconds, warmupFrames, frameOf: [endMs, frame][] }.
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { FRAME_MS, frames, SAMPLE_RATE } from './speech-frames.mjs';

function session(url, { seconds, warmupFrames }, latencies, errors, frameOf) {
  const ws = new WebSocket(`${url}/ws`);
  const sentAt = [];
  const total = (seconds * 1000) / FRAME_MS;
  let timer;
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    const m = JSON.parse(String(data));
    if (m.type === 'error') errors.push(m.code);
    if (m.type !== 'output' || m.port !== 'decisions') return;
    // The frame after which the pipeline alone put this decision out.
    const k = frameOf.get(m.value.endMs);
    // The first second is warm-up (session start, JIT): steady state is what is measured.
    if (k !== undefined && k >= warmupFrames && sentAt[k] !== undefined) {
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
        sampleRate: SAMPLE_RATE,
        channels: 1,
      }),
    );
    let k = 0;
    const started = performance.now();
    // Paced by the clock, not by the timer's own drift: frame k goes at started + 20 k ms.
    const tick = () => {
      while (performance.now() - started >= k * FRAME_MS && k < total) {
        sentAt[k] = performance.now();
        ws.send(frames[k % frames.length]);
        k++;
      }
      if (k >= total) ws.send(JSON.stringify({ type: 'stop' }));
      else timer = setTimeout(tick, Math.max(0, started + k * FRAME_MS - performance.now()));
    };
    // Sessions start spread over one frame so that they do not all send at once.
    timer = setTimeout(tick, Math.random() * FRAME_MS);
  });
  return { done, stop: () => clearTimeout(timer) };
}

process.once('message', async (job) => {
  const frameOf = new Map(job.frameOf);
  const latencies = [];
  const errors = [];
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  const sessions = Array.from({ length: job.count }, () =>
    session(job.url, job, latencies, errors, frameOf),
  );
  await Promise.all(sessions.map((s) => s.done));
  const used = process.cpuUsage(cpu);
  const report = {
    latencies,
    errors,
    cpuUs: used.user + used.system,
    loopUtilization: performance.eventLoopUtilization(loop).utilization,
  };
  // Disconnected only once the (large) report is written: an early disconnect loses it.
  process.send?.(report, () => process.disconnect?.());
});
