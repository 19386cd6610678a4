// Case 4: resample 48k->16k -> VAD -> format (mono s16) over 60 s of speech in 20 ms frames:
// the stream with consecutive native nodes run as a NativeChain vs the same nodes one by one.
// The Rust floor of the same chain: `cargo run --release -p remotemedia-node-kit-bench`.

import { readFileSync } from 'node:fs';
import { decodeWav, FormatConverter } from '@remotemedia/node-format';
import { AudioResample } from '@remotemedia/node-resample';
import { VAD } from '@remotemedia/node-vad';
import { Bench } from 'tinybench';
import { createPipeline, NodeRegistry } from '../dist/index.js';

const wav = decodeWav(
  readFileSync(new URL('../../../examples/assets/speech-48k-stereo.wav', import.meta.url)),
);
const FRAME = (wav.sampleRate / 50) * wav.channels;
const frames = Array.from({ length: 60 * 50 }, (_, k) => {
  const samples = new Float32Array(FRAME);
  for (let i = 0; i < FRAME; i++) samples[i] = wav.samples[(k * FRAME + i) % wav.samples.length];
  return { samples, sampleRate: wav.sampleRate, channels: wav.channels, timestamp: k * 20 };
});

const registry = NodeRegistry.builder().rust(AudioResample).rust(VAD).rust(FormatConverter).build();
const manifest = {
  version: 1,
  nodes: [
    { id: 'rs', type: 'AudioResample', params: { to: 16_000 } },
    { id: 'vad', type: 'VAD', params: {} },
    { id: 'fmt', type: 'FormatConverter', params: { channels: 1, format: 's16' } },
  ],
  connections: [
    { from: 'rs', to: 'vad' },
    { from: 'vad', to: 'fmt', fromKey: 'audio' },
  ],
};

async function pcmOf(pipeline) {
  const parts = [];
  for await (const out of pipeline.stream(frames)) parts.push(out.pcm);
  return Buffer.concat(parts);
}

export async function nativeChain() {
  const fused = await createPipeline(registry, manifest);
  const unfused = await createPipeline(registry, manifest, { nativeChains: false });
  const a = await pcmOf(fused);
  const b = await pcmOf(unfused);
  if (!a.equals(b)) throw new Error('the NativeChain output differs from the per-node run');
  // Short rounds that alternate the contenders, so load from other processes on a shared
  // machine falls on both alike; each contender's result is the median of its round medians.
  const rounds = { fused: [], unfused: [] };
  for (let round = 0; round < 8; round++) {
    for (const [name, pipeline] of [
      ['fused', fused],
      ['unfused', unfused],
    ]) {
      const bench = new Bench({ time: 500, warmup: round === 0 });
      bench.add(name, async () => pcmOf(pipeline));
      await bench.run();
      const task = bench.tasks[0];
      if (task.result.error) throw task.result.error;
      rounds[name].push(task.result.latency.p50);
    }
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
  const f = median(rounds.fused);
  const u = median(rounds.unfused);
  console.log(
    `\n4. resample -> VAD -> format over 60 s of speech (${frames.length} frames of 20 ms)`,
  );
  console.table([
    {
      contender: 'NativeChain (fused)',
      median: `${f.toFixed(2)} ms`,
      perFrame: `${((f * 1000) / frames.length).toFixed(2)} us`,
    },
    {
      contender: 'node by node',
      median: `${u.toFixed(2)} ms`,
      perFrame: `${((u * 1000) / frames.length).toFixed(2)} us`,
    },
  ]);
  console.log(`node by node / fused: ${(u / f).toFixed(2)}x (target >= 1.5x)`);
  await Promise.all([fused.close(), unfused.close()]);
}

if (import.meta.url === `file://${process.argv[1]}`) await nativeChain();
