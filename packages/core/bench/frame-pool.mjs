// Case 5: frame buffers from the stream's pool vs a new Float32Array per frame per node.
// 60 s of 48 kHz stereo s16 PCM -> framesFrom -> gain -> gain -> mean, the gains writing into
// buffers from `context.acquire` (pooled) or into `new Float32Array` (allocating); the allocating
// run's source hides framesFrom behind a wrapper, so every source frame is a fresh buffer too.
import { Bench } from 'tinybench';
import { createPipeline, FramePool, framesFrom, NodeRegistry } from '../dist/index.js';
import { benchNode, GAIN_PARAMS } from './bench-node.mjs';

const RATE = 48_000;
const CHANNELS = 2;
const FRAMES = 60 * 50;
const SAMPLES = (RATE / 50) * CHANNELS; // 1,920 per 20 ms frame

const pcm = new Int16Array(FRAMES * SAMPLES);
for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(8000 * Math.sin(i / 37));
const bytes = new Uint8Array(pcm.buffer);
function* chunks() {
  for (let at = 0; at < bytes.length; at += 4096) yield bytes.subarray(at, at + 4096);
}

let allocations = 0;
const gain = (pooled) =>
  benchNode(
    pooled ? 'PooledGain' : 'AllocatingGain',
    'gain into a new buffer',
    ['audio', 'audio'],
    ({ gain = 1 }) => ({
      process: (frame, context) => {
        const n = frame.samples.length;
        let out;
        if (pooled) out = context.acquire(n);
        else {
          allocations++;
          out = new Float32Array(n);
        }
        for (let i = 0; i < n; i++) out[i] = frame.samples[i] * gain;
        return { ...frame, samples: out };
      },
    }),
    GAIN_PARAMS,
  );
const Mean = benchNode('Mean', 'mean', ['audio', 'json'], () => ({
  process: (frame) => {
    let sum = 0;
    for (let i = 0; i < frame.samples.length; i++) sum += frame.samples[i];
    return sum / frame.samples.length;
  },
}));

const registry = NodeRegistry.builder().ts(gain(true)).ts(gain(false)).ts(Mean).build();
const manifest = (type) => ({
  version: 1,
  nodes: [
    { id: 'a', type, params: { gain: 0.5 } },
    { id: 'b', type, params: { gain: 2 } },
    { id: 'm', type: 'Mean' },
  ],
  connections: [
    { from: 'a', to: 'b' },
    { from: 'b', to: 'm' },
  ],
});
const format = { sampleRate: RATE, channels: CHANNELS, format: 's16' };

async function* hidden(frames) {
  for await (const frame of frames) {
    allocations++; // framesFrom's own pool misses: this wrapper keeps stream() from recycling
    yield frame;
  }
}

async function drain(iterable) {
  const means = [];
  for await (const mean of iterable) means.push(mean);
  return means;
}

export async function framePool() {
  const pooled = await createPipeline(registry, manifest('PooledGain'), { metrics: false });
  const allocating = await createPipeline(registry, manifest('AllocatingGain'), {
    metrics: false,
  });
  const pool = new FramePool();
  // async functions: tinybench then never calls them just to see whether they return a promise.
  const runPooled = async () => drain(pooled.stream(framesFrom(chunks(), { ...format, pool })));
  const runAllocating = async () => drain(allocating.stream(hidden(framesFrom(chunks(), format))));

  // Same means from both, and count buffers created per frame in one run each.
  const before = pool.stats().allocated;
  const a = await runPooled();
  const poolMisses = pool.stats().allocated - before;
  allocations = 0;
  const b = await runAllocating();
  const allocated = allocations;
  if (a.length !== FRAMES || a.some((m, i) => m !== b[i])) {
    throw new Error('pooled and allocating pipelines disagree');
  }

  const bench = new Bench({ time: 2000, warmup: true });
  bench.add('pooled (context.acquire)', runPooled).add('new Float32Array per frame', runAllocating);
  await bench.run();
  for (const t of bench.tasks) if (t.result.error) throw t.result.error;
  const perFrame = Object.fromEntries(
    bench.tasks.map((t) => [t.name, (t.result.latency.p50 * 1000) / FRAMES]),
  );
  console.log(
    `\n5. Frame buffers: framesFrom -> gain -> gain -> mean, ${FRAMES} frames of ${SAMPLES} samples`,
  );
  console.table([
    {
      contender: 'pooled (context.acquire)',
      'us per frame': perFrame['pooled (context.acquire)'].toFixed(2),
      'Float32Arrays created per frame': (poolMisses / FRAMES).toFixed(4),
    },
    {
      contender: 'new Float32Array per frame',
      'us per frame': perFrame['new Float32Array per frame'].toFixed(2),
      'Float32Arrays created per frame': (allocated / FRAMES).toFixed(4),
    },
  ]);
  const ratio = perFrame['new Float32Array per frame'] / perFrame['pooled (context.acquire)'];
  console.log(`allocating / pooled time per frame: ${ratio.toFixed(2)}x`);
}
