// Case 4: resample 48k->16k -> VAD -> format (mono s16) over 60 s of speech in 20 ms frames:
// the stream with consecutive native nodes run as a NativeChain (the three packages joined into
// one native call per frame, and one call per package) vs the same nodes one by one.
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

/** The definition with a KitChain that cannot export stages: one native call per package. */
function perPackage(definition) {
  class OwnCallOnly extends definition.native.KitChain {}
  OwnCallOnly.prototype.exportStage = undefined;
  return { ...definition, native: { ...definition.native, KitChain: OwnCallOnly } };
}
const perPackageRegistry = NodeRegistry.builder()
  .rust(perPackage(AudioResample))
  .rust(perPackage(VAD))
  .rust(perPackage(FormatConverter))
  .build();
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
  const contenders = [
    ['fused', 'NativeChain, one call per frame', await createPipeline(registry, manifest)],
    [
      'perPackage',
      'NativeChain, one call per package',
      await createPipeline(perPackageRegistry, manifest),
    ],
    ['unfused', 'node by node', await createPipeline(registry, manifest, { nativeChains: false })],
  ];
  const expected = await pcmOf(contenders[2][2]);
  for (const [name, , pipeline] of contenders) {
    if (!(await pcmOf(pipeline)).equals(expected))
      throw new Error(`the ${name} output differs from the per-node run`);
  }
  // Short rounds that alternate the contenders, so load from other processes on a shared
  // machine falls on both alike; each contender's result is the median of its round medians.
  const rounds = { fused: [], perPackage: [], unfused: [] };
  for (let round = 0; round < 8; round++) {
    for (const [name, , pipeline] of contenders) {
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
  console.table(
    contenders.map(([name, contender]) => {
      const ms = median(rounds[name]);
      return {
        contender,
        median: `${ms.toFixed(2)} ms`,
        perFrame: `${((ms * 1000) / frames.length).toFixed(2)} us`,
      };
    }),
  );
  console.log(`node by node / fused: ${(u / f).toFixed(2)}x (target >= 1.5x)`);
  await Promise.all(contenders.map(([, , pipeline]) => pipeline.close()));
}

if (import.meta.url === `file://${process.argv[1]}`) await nativeChain();
