// Case 4: native nodes in a stream over 60 s of speech in 20 ms frames. (a) resample 48k->16k ->
// VAD -> format (mono s16): three packages, so each node is its own native call (the same path
// as `nativeChains: false`); (b) resample 48k->32k -> resample 32k->16k: two nodes of one
// package, fused into one native call per frame vs the same nodes one by one.
// The Rust floor of (a): `cargo run --release -p remotemedia-node-kit-bench`.

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
// The pipeline test/native-chain.test.ts checks, read from the one file both use.
const threePackages = JSON.parse(
  readFileSync(new URL('../test/fixtures/resample-vad-format.json', import.meta.url), 'utf8'),
);
const onePackage = {
  version: 1,
  nodes: [
    { id: 'to32k', type: 'AudioResample', params: { to: 32_000 } },
    { id: 'to16k', type: 'AudioResample', params: { to: 16_000 } },
  ],
  connections: [{ from: 'to32k', to: 'to16k' }],
};

async function bytesOf(pipeline) {
  const parts = [];
  for await (const out of pipeline.stream(frames)) {
    parts.push(
      out.pcm ?? Buffer.from(out.samples.buffer, out.samples.byteOffset, out.samples.byteLength),
    );
  }
  return Buffer.concat(parts);
}

/** Median per-round p50 of each contender, rounds alternating so machine load falls on all. */
async function race(contenders) {
  const expected = await bytesOf(contenders[contenders.length - 1][2]);
  for (const [name, , pipeline] of contenders) {
    if (!(await bytesOf(pipeline)).equals(expected))
      throw new Error(`the ${name} output differs from the per-node run`);
  }
  const rounds = Object.fromEntries(contenders.map(([name]) => [name, []]));
  for (let round = 0; round < 8; round++) {
    for (const [name, , pipeline] of contenders) {
      const bench = new Bench({ time: 500, warmup: round === 0 });
      bench.add(name, async () => bytesOf(pipeline));
      await bench.run();
      const task = bench.tasks[0];
      if (task.result.error) throw task.result.error;
      rounds[name].push(task.result.latency.p50);
    }
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
  const ms = Object.fromEntries(contenders.map(([name]) => [name, median(rounds[name])]));
  console.table(
    contenders.map(([name, contender]) => ({
      contender,
      median: `${ms[name].toFixed(2)} ms`,
      perFrame: `${((ms[name] * 1000) / frames.length).toFixed(2)} us`,
    })),
  );
  await Promise.all(contenders.map(([, , pipeline]) => pipeline.close()));
  return ms;
}

export async function nativeChain() {
  console.log(
    `\n4a. resample -> VAD -> format (three packages) over 60 s of speech (${frames.length} frames of 20 ms)`,
  );
  await race([
    [
      'nodeByNode',
      'node by node (one native call per node)',
      await createPipeline(registry, threePackages),
    ],
    [
      'unfused',
      'nativeChains: false',
      await createPipeline(registry, threePackages, { nativeChains: false }),
    ],
  ]);
  console.log('\n4b. resample 48k -> 32k -> 16k (one package) over the same frames');
  const ms = await race([
    ['fused', 'NativeChain, one call per frame', await createPipeline(registry, onePackage)],
    [
      'unfused',
      'node by node',
      await createPipeline(registry, onePackage, { nativeChains: false }),
    ],
  ]);
  console.log(`node by node / fused: ${(ms.unfused / ms.fused).toFixed(2)}x`);
}

if (import.meta.url === `file://${process.argv[1]}`) await nativeChain();
