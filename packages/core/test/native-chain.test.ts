// NativeChain: consecutive native nodes of one package binary run fused in a stream, with output
// identical to the same nodes run one by one, per-node metrics, and per-node execution whenever
// they cannot fuse (nodes of different packages never do).
import { readFileSync } from 'node:fs';
import type { KitFusion } from '@remotemedia/native';
import { decodeWav, FormatConverter } from '@remotemedia/node-format';
import { AudioResample } from '@remotemedia/node-resample';
import { VAD } from '@remotemedia/node-vad';
import { describe, expect, it } from 'vitest';
import { concat } from '../../../tools/testing/typed-arrays.js';
import {
  type AnyNodeDefinition,
  type AnyNodeRegistry,
  type AudioFrame,
  createPipeline,
  FramePool,
  type Manifest,
  NodeRegistry,
  type PipelineOptions,
} from '../src/index.js';
import { collect, Gain, graph, line } from './helpers.js';

const speech = decodeWav(
  readFileSync(new URL('../../../examples/assets/speech-48k-stereo.wav', import.meta.url)),
);

/** The speech file (48 kHz stereo) as 20 ms frames with timestamps from `startMs`. */
function frames(startMs = 0): AudioFrame[] {
  const step = (speech.sampleRate / 50) * speech.channels;
  const out: AudioFrame[] = [];
  for (let at = 0; at < speech.samples.length; at += step) {
    out.push({
      samples: speech.samples.slice(at, at + step),
      sampleRate: speech.sampleRate,
      channels: speech.channels,
      timestamp: startMs + (at / step) * 20,
    });
  }
  return out;
}

type KitDefinition = AnyNodeDefinition & { native: KitFusion };

/** The definition with a fusion handle that records every fused chain it builds. */
function recording(definition: KitDefinition, built: string[][]): KitDefinition {
  const native: KitFusion = {
    fuse(types, ...rest) {
      built.push([...types]);
      return definition.native.fuse(types, ...rest);
    },
  };
  return { ...definition, native };
}

/** The definition with a fusion handle whose chains count their per-frame native calls. */
function counting(definition: KitDefinition, calls: { n: number }): KitDefinition {
  const native: KitFusion = {
    fuse(...args) {
      const run = definition.native.fuse(...args);
      const process = run.process.bind(run);
      run.process = (frame) => {
        calls.n++;
        return process(frame);
      };
      return run;
    },
  };
  return { ...definition, native };
}

async function run(
  registry: AnyNodeRegistry,
  manifest: Manifest,
  options: PipelineOptions = {},
  startMs = 0,
): Promise<{
  out: unknown[];
  metrics: ReturnType<Awaited<ReturnType<typeof createPipeline>>['metrics']>;
}> {
  const pipeline = await createPipeline(registry, manifest, options);
  const out = await collect(pipeline.stream(frames(startMs)));
  const metrics = pipeline.metrics();
  await pipeline.close();
  return { out, metrics };
}

const twoResamplers = line(
  ['to32k', 'AudioResample', { to: 32_000 }],
  ['to16k', 'AudioResample', { to: 16_000, quality: 'fast' }],
);

describe('NativeChain', () => {
  it('fuses two nodes of one package into one chain with output identical to per-node runs', async () => {
    const built: string[][] = [];
    const registry = NodeRegistry.builder().rust(recording(AudioResample, built)).build();
    const fused = await run(registry, twoResamplers);
    expect(built).toEqual([['AudioResample', 'AudioResample']]);
    const unfused = await run(registry, twoResamplers, { nativeChains: false });
    expect(built).toHaveLength(1);

    const a = fused.out as AudioFrame[];
    const b = unfused.out as AudioFrame[];
    const fusedAudio = concat(a.map((f) => f.samples));
    expect(fusedAudio.length).toBeGreaterThan(16_000);
    expect(fusedAudio).toEqual(concat(b.map((f) => f.samples)));
    // Same framing and timestamps up to the end, where a fused flush returns one frame.
    const body = Math.min(a.length, b.length) - 2;
    expect(a.slice(0, body).map((f) => [f.timestamp, f.sampleRate, f.channels])).toEqual(
      b.slice(0, body).map((f) => [f.timestamp, f.sampleRate, f.channels]),
    );

    for (const id of ['to32k', 'to16k']) {
      const m = fused.metrics.nodes[id];
      const u = unfused.metrics.nodes[id];
      expect(m?.framesIn).toBe(u?.framesIn);
      expect(m?.calls).toBe(u?.calls);
      expect(m?.latency.count).toBeGreaterThan(0);
      expect(m?.errors).toBe(0);
    }
    expect(fused.metrics.nodes.to32k?.framesIn).toBe(frames().length);
    // The tail's outputs are what the stream yielded.
    expect(fused.metrics.nodes.to16k?.framesOut).toBe(a.length);
    expect(unfused.metrics.nodes.to16k?.framesOut).toBe(b.length);
  });

  it('draws its output frames from the stream pool, so a recycled stream allocates no buffer per frame', async () => {
    const registry = NodeRegistry.builder().rust(AudioResample).build();
    const expected = concat(
      ((await run(registry, twoResamplers)).out as AudioFrame[]).map((f) => f.samples),
    );
    const pool = new FramePool();
    const pipeline = await createPipeline(registry, twoResamplers);
    const seen: Float32Array[] = [];
    let outputs = 0;
    for await (const out of pipeline.stream(frames(), { pool, recycleOutputs: true })) {
      // Lent until the next step: copy what is checked below.
      seen.push((out as AudioFrame).samples.slice());
      outputs++;
    }
    await pipeline.close();
    expect(concat(seen)).toEqual(expected);
    const stats = pool.stats();
    // One pool buffer per output, every one given back: a few buffers (one per output length the
    // resamplers produce) served the whole stream.
    expect(stats.allocated + stats.reused).toBe(outputs);
    expect(stats.inUse).toBe(0);
    expect(stats.allocated).toBeLessThan(outputs / 10);
  });

  it('runs nodes of two packages (resample -> format) one by one, bit-identical to per-node runs', async () => {
    const built: string[][] = [];
    const registry = NodeRegistry.builder()
      .rust(recording(AudioResample, built))
      .rust(recording(FormatConverter, built))
      .build();
    const manifest = line(
      ['rs', 'AudioResample', { to: 16_000 }],
      ['fmt', 'FormatConverter', { channels: 1, format: 's16' }],
    );
    const fused = await run(registry, manifest);
    expect(built).toEqual([]);
    const unfused = await run(registry, manifest, { nativeChains: false });
    type Out = { audio: AudioFrame; pcm: Uint8Array };
    const a = fused.out as Out[];
    const b = unfused.out as Out[];
    expect(concat(a.map((o) => o.audio.samples))).toEqual(concat(b.map((o) => o.audio.samples)));
    const pcm = (outs: Out[]) => Buffer.concat(outs.map((o) => o.pcm));
    expect(pcm(a).equals(pcm(b))).toBe(true);
    expect(a[10]?.audio.timestamp).toBe(b[10]?.audio.timestamp);
    expect(fused.metrics.nodes.fmt?.framesIn).toBe(unfused.metrics.nodes.fmt?.framesIn);
    expect(fused.metrics.nodes.fmt?.latency.count).toBeGreaterThan(0);
  });

  it.each([{ frameMs: 20 }, { engine: 'silero' }])(
    'gives VAD %o decisions and segments on the input timeline, as node by node does',
    async (params) => {
      const registry = NodeRegistry.builder().rust(AudioResample).rust(VAD).build();
      const manifest = line(['rs', 'AudioResample', { to: 16_000 }], ['vad', 'VAD', params]);
      type Out = { audio?: AudioFrame; decisions?: unknown[]; events?: unknown[] };
      const fused = (await run(registry, manifest, {}, 5_000)).out as Out[];
      const unfused = (await run(registry, manifest, { nativeChains: false }, 5_000)).out as Out[];
      const all = (outs: Out[], key: 'decisions' | 'events') => outs.flatMap((o) => o[key] ?? []);
      expect(all(fused, 'events').length).toBeGreaterThan(0);
      expect(all(fused, 'events')).toEqual(all(unfused, 'events'));
      expect(all(fused, 'decisions')).toEqual(all(unfused, 'decisions'));
      expect(all(fused, 'decisions')[0]).toMatchObject({ startMs: 5_000 });
      const audio = (outs: Out[]) =>
        concat(outs.flatMap((o) => (o.audio ? [o.audio.samples] : [])));
      expect(audio(fused)).toEqual(audio(unfused));
    },
  );

  // The pipeline bench/native-chain.mjs times, read from the one file both use.
  const threePackages = JSON.parse(
    readFileSync(new URL('./fixtures/resample-vad-format.json', import.meta.url), 'utf8'),
  ) as Manifest;
  type Pcm = { audio: AudioFrame; pcm: Uint8Array };
  const pcmOf = (outs: unknown[]) => Buffer.concat((outs as Pcm[]).map((o) => o.pcm));
  const audioOf = (outs: unknown[]) => concat((outs as Pcm[]).map((o) => o.audio.samples));

  it('runs resample -> VAD -> format (three packages) node by node, bit-identical', async () => {
    const built: string[][] = [];
    const registry = NodeRegistry.builder()
      .rust(recording(AudioResample, built))
      .rust(recording(VAD, built))
      .rust(recording(FormatConverter, built))
      .build();
    const fused = await run(registry, threePackages, {}, 5_000);
    expect(built).toEqual([]);
    const unfused = await run(registry, threePackages, { nativeChains: false }, 5_000);

    expect(pcmOf(fused.out).length).toBeGreaterThan(16_000);
    expect(pcmOf(fused.out).equals(pcmOf(unfused.out))).toBe(true);
    expect(audioOf(fused.out)).toEqual(audioOf(unfused.out));
    const a = fused.out as Pcm[];
    const b = unfused.out as Pcm[];
    expect(a[10]?.audio.timestamp).toBe(b[10]?.audio.timestamp);
    // Timed at 16 kHz from the stream's first timestamp, as the resampler's output is.
    expect(a[0]?.audio.timestamp).toBe(5_000);
    for (const id of ['rs', 'vad', 'fmt']) {
      const m = fused.metrics.nodes[id];
      const u = unfused.metrics.nodes[id];
      expect(m?.framesIn).toBe(u?.framesIn);
      expect(m?.framesOut).toBe(u?.framesOut);
      expect(m?.calls).toBe(u?.calls);
      expect(m?.latency.count).toBeGreaterThan(0);
      expect(m?.errors).toBe(0);
    }
    expect(fused.metrics.nodes.fmt?.framesOut).toBe(a.length);
  });

  it('runs two nodes of one package in one native call per frame', async () => {
    const calls = { n: 0 };
    const registry = NodeRegistry.builder().rust(counting(AudioResample, calls)).build();
    const fused = await run(registry, twoResamplers);
    expect(calls.n).toBe(frames().length);
    const unfused = await run(registry, twoResamplers, { nativeChains: false });
    const audio = (outs: unknown[]) => concat((outs as AudioFrame[]).map((f) => f.samples));
    expect(audio(fused.out)).toEqual(audio(unfused.out));
  });

  it('runs node by node when a TS node sits between, on fan-out, or across packages', async () => {
    const built: string[][] = [];
    const registry = NodeRegistry.builder()
      .rust(recording(AudioResample, built))
      .rust(recording(FormatConverter, built))
      .ts(Gain)
      .build();
    const cases: Manifest[] = [
      line(
        ['a', 'AudioResample', { to: 32_000 }],
        ['g', 'Gain', { gain: 1 }],
        ['b', 'AudioResample', { to: 16_000 }],
      ),
      graph(
        [
          ['a', 'AudioResample', { to: 32_000 }],
          ['b', 'AudioResample', { to: 16_000 }],
          ['c', 'AudioResample', { to: 8_000 }],
        ],
        [
          ['a', 'b'],
          ['a', 'c'],
        ],
      ),
      line(['a', 'AudioResample', { to: 16_000 }], ['f', 'FormatConverter', { channels: 1 }]),
    ];
    for (const manifest of cases) {
      const { out, metrics } = await run(registry, manifest);
      expect(out.length).toBeGreaterThan(0);
      for (const node of manifest.nodes)
        expect(metrics.nodes[node.id]?.framesIn).toBeGreaterThan(0);
    }
    expect(built).toEqual([]);
  });

  it('reports a failing node of a fused chain by id, with its error counted', async () => {
    const built: string[][] = [];
    const registry = NodeRegistry.builder().rust(recording(AudioResample, built)).build();
    const pipeline = await createPipeline(
      registry,
      line(
        ['rs', 'AudioResample', { to: 16_000 }],
        ['again', 'AudioResample', { from: 44_100, to: 8_000 }],
      ),
    );
    await expect(collect(pipeline.stream(frames()))).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
      nodeId: 'again',
    });
    expect(built).toEqual([['AudioResample', 'AudioResample']]);
    expect(pipeline.metrics().nodes.again?.errors).toBe(1);
    expect(pipeline.metrics().nodes.rs?.errors).toBe(0);
  });
});
