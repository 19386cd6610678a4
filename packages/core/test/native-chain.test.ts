// NativeChain: consecutive kit-built native nodes run fused in a stream, with output identical to
// the same nodes run one by one, per-node metrics, and per-node execution whenever they cannot fuse.
import { readFileSync } from 'node:fs';
import { decodeWav, FormatConverter } from '@remotemedia/node-format';
import { AudioResample } from '@remotemedia/node-resample';
import { VAD } from '@remotemedia/node-vad';
import { describe, expect, it } from 'vitest';
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
import { collect, Gain } from './helpers.js';

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

/** The definition with a KitChain subclass that records every chain it builds. */
function recording(
  definition: AnyNodeDefinition & { native: { KitChain: unknown; abi: number } },
  built: string[][],
  abi?: number,
) {
  const Base = definition.native.KitChain as new (types: string[], params: string[]) => object;
  class Recorded extends Base {
    constructor(types: string[], params: string[]) {
      super(types, params);
      built.push(types);
    }
  }
  return { ...definition, native: { KitChain: Recorded, abi: abi ?? definition.native.abi } };
}

/**
 * The definition with a KitChain subclass that counts its per-frame native calls under `name`;
 * with `claimedAbi` its stages claim another kit ABI, as a package built with another kit would.
 */
function counting(
  definition: AnyNodeDefinition & { native: { KitChain: unknown; abi: number } },
  calls: Record<string, number>,
  name: string,
  claimedAbi?: number,
) {
  type Kit = new (
    types: string[],
    params: string[],
  ) => {
    processReported(...args: unknown[]): number;
    processInto(...args: unknown[]): number;
    exportStage(claimedAbi?: number): object;
  };
  const Base = definition.native.KitChain as Kit;
  class Counted extends Base {
    override processReported(...args: unknown[]): number {
      calls[name] = (calls[name] ?? 0) + 1;
      return super.processReported(...args);
    }
    override processInto(...args: unknown[]): number {
      calls[name] = (calls[name] ?? 0) + 1;
      return super.processInto(...args);
    }
    override exportStage(): object {
      return super.exportStage(claimedAbi);
    }
  }
  return { ...definition, native: { ...definition.native, KitChain: Counted } };
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

function joined(values: Float32Array[]): Float32Array {
  const all = new Float32Array(values.reduce((n, v) => n + v.length, 0));
  let at = 0;
  for (const v of values) {
    all.set(v, at);
    at += v.length;
  }
  return all;
}

const twoResamplers: Manifest = {
  version: 1,
  nodes: [
    { id: 'to32k', type: 'AudioResample', params: { to: 32_000 } },
    { id: 'to16k', type: 'AudioResample', params: { to: 16_000, quality: 'fast' } },
  ],
  connections: [{ from: 'to32k', to: 'to16k' }],
};

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
    const fusedAudio = joined(a.map((f) => f.samples));
    expect(fusedAudio.length).toBeGreaterThan(16_000);
    expect(fusedAudio).toEqual(joined(b.map((f) => f.samples)));
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
    const expected = joined(
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
    expect(joined(seen)).toEqual(expected);
    const stats = pool.stats();
    // One pool buffer per output, every one given back: a few buffers (one per output length the
    // resamplers produce) served the whole stream.
    expect(stats.allocated + stats.reused).toBe(outputs);
    expect(stats.inUse).toBe(0);
    expect(stats.allocated).toBeLessThan(outputs / 10);
  });

  it('chains nodes of two packages (resample -> format) with bit-identical audio and PCM', async () => {
    const built: string[][] = [];
    const registry = NodeRegistry.builder()
      .rust(recording(AudioResample, built))
      .rust(recording(FormatConverter, built))
      .build();
    const manifest: Manifest = {
      version: 1,
      nodes: [
        { id: 'rs', type: 'AudioResample', params: { to: 16_000 } },
        { id: 'fmt', type: 'FormatConverter', params: { channels: 1, format: 's16' } },
      ],
      connections: [{ from: 'rs', to: 'fmt' }],
    };
    const fused = await run(registry, manifest);
    expect(built).toEqual([['AudioResample'], ['FormatConverter']]);
    const unfused = await run(registry, manifest, { nativeChains: false });
    type Out = { audio: AudioFrame; pcm: Uint8Array };
    const a = fused.out as Out[];
    const b = unfused.out as Out[];
    expect(joined(a.map((o) => o.audio.samples))).toEqual(joined(b.map((o) => o.audio.samples)));
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
      const manifest: Manifest = {
        version: 1,
        nodes: [
          { id: 'rs', type: 'AudioResample', params: { to: 16_000 } },
          { id: 'vad', type: 'VAD', params },
        ],
        connections: [{ from: 'rs', to: 'vad' }],
      };
      type Out = { audio?: AudioFrame; decisions?: unknown[]; events?: unknown[] };
      const fused = (await run(registry, manifest, {}, 5_000)).out as Out[];
      const unfused = (await run(registry, manifest, { nativeChains: false }, 5_000)).out as Out[];
      const all = (outs: Out[], key: 'decisions' | 'events') => outs.flatMap((o) => o[key] ?? []);
      expect(all(fused, 'events').length).toBeGreaterThan(0);
      expect(all(fused, 'events')).toEqual(all(unfused, 'events'));
      expect(all(fused, 'decisions')).toEqual(all(unfused, 'decisions'));
      expect(all(fused, 'decisions')[0]).toMatchObject({ startMs: 5_000 });
      const audio = (outs: Out[]) =>
        joined(outs.flatMap((o) => (o.audio ? [o.audio.samples] : [])));
      expect(audio(fused)).toEqual(audio(unfused));
    },
  );

  const threePackages: Manifest = {
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
  type Pcm = { audio: AudioFrame; pcm: Uint8Array };
  const pcmOf = (outs: unknown[]) => Buffer.concat((outs as Pcm[]).map((o) => o.pcm));
  const audioOf = (outs: unknown[]) => joined((outs as Pcm[]).map((o) => o.audio.samples));

  it('runs resample -> VAD -> format (three packages) in one call per frame, bit-identical', async () => {
    const calls: Record<string, number> = {};
    const registry = NodeRegistry.builder()
      .rust(counting(AudioResample, calls, 'rs'))
      .rust(counting(VAD, calls, 'vad'))
      .rust(counting(FormatConverter, calls, 'fmt'))
      .build();
    const fused = await run(registry, threePackages, {}, 5_000);
    expect(calls).toEqual({ rs: frames().length });
    const unfused = await run(registry, threePackages, { nativeChains: false }, 5_000);

    expect(pcmOf(fused.out).length).toBeGreaterThan(16_000);
    expect(pcmOf(fused.out).equals(pcmOf(unfused.out))).toBe(true);
    expect(audioOf(fused.out)).toEqual(audioOf(unfused.out));
    const a = fused.out as Pcm[];
    const b = unfused.out as Pcm[];
    expect(a[10]?.audio.timestamp).toBe(b[10]?.audio.timestamp);
    for (const id of ['rs', 'vad', 'fmt']) {
      const m = fused.metrics.nodes[id];
      const u = unfused.metrics.nodes[id];
      expect(m?.framesIn).toBe(u?.framesIn);
      expect(m?.framesOut).toBe(u?.framesOut);
      // FormatConverter's TS instance has no flush; in a chain its (empty) kit flush is a call.
      expect(m?.calls).toBe((u?.calls ?? 0) + (id === 'fmt' ? 1 : 0));
      expect(m?.latency.count).toBeGreaterThan(0);
      expect(m?.errors).toBe(0);
    }
    expect(fused.metrics.nodes.fmt?.framesOut).toBe(a.length);
  });

  it('names the failing node when it runs in another package joined into one call', async () => {
    const calls: Record<string, number> = {};
    const registry = NodeRegistry.builder()
      .rust(counting(AudioResample, calls, 'rs'))
      .rust(counting(VAD, calls, 'vad'))
      .rust(counting(FormatConverter, calls, 'fmt'))
      .build();
    const failing: Manifest = {
      ...threePackages,
      nodes: threePackages.nodes.map((n) =>
        n.id === 'fmt' ? { ...n, params: { sampleRate: 48_000 } } : n,
      ),
    };
    const pipeline = await createPipeline(registry, failing);
    await expect(collect(pipeline.stream(frames()))).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
      nodeId: 'fmt',
    });
    expect(Object.keys(calls)).toEqual(['rs']);
    expect(pipeline.metrics().nodes.fmt?.errors).toBe(1);
    expect(pipeline.metrics().nodes.vad?.errors).toBe(0);
    await pipeline.close();
  });

  it('keeps one call per package when a package refuses the stages of another kit ABI', async () => {
    const calls: Record<string, number> = {};
    const registry = NodeRegistry.builder()
      .rust(counting(AudioResample, calls, 'rs'))
      .rust(counting(VAD, calls, 'vad', 999))
      .rust(counting(FormatConverter, calls, 'fmt'))
      .build();
    const refused = await run(registry, threePackages);
    // The refusal is all-or-nothing: every package runs its own chain, one call each.
    expect(calls.rs).toBe(frames().length);
    expect(calls.vad).toBe(frames().length);
    expect(calls.fmt).toBeGreaterThan(0);
    const unfused = await run(registry, threePackages, { nativeChains: false });
    expect(pcmOf(refused.out).equals(pcmOf(unfused.out))).toBe(true);
    expect(refused.metrics.nodes.fmt?.framesIn).toBe(unfused.metrics.nodes.fmt?.framesIn);
  });

  it('refuses a stage of another kit ABI with ERR_ABI_MISMATCH, leaving both chains usable', () => {
    type Kit = new (
      types: string[],
      params: string[],
    ) => {
      exportStage(claimedAbi?: number): object;
      attach(stages: object[]): void;
      process(samples: Float32Array, rate: number, channels: number, out: Float32Array): number;
      readonly failedNode: number;
      close(): void;
    };
    const Resample = AudioResample.native.KitChain as unknown as Kit;
    const Format = FormatConverter.native.KitChain as unknown as Kit;
    const head = new Resample(['AudioResample'], ['{"to":16000}']);
    const tail = new Format(['FormatConverter'], ['null']);
    expect(() => head.attach([tail.exportStage(AudioResample.native.abi + 1)])).toThrow(
      /^ERR_ABI_MISMATCH: the stage was built with kit ABI/,
    );
    expect(() => head.attach([{}])).toThrow(/^ERR_INVALID_PARAM: not a kit stage handle/);
    expect(() => tail.exportStage()).toThrow(/^ERR_INVALID_INPUT: .*already exported/);
    const other = new Format(['FormatConverter'], ['null']);
    const stage = other.exportStage();
    head.attach([stage]);
    expect(() => head.attach([stage])).toThrow(/^ERR_CLOSED: /);
    const frame = (frames()[0] as AudioFrame).samples;
    const out = new Float32Array(4096);
    expect(head.process(frame, 48_000, 2, out)).toBeGreaterThan(0);
    // Closing the joined chain frees its nodes; the host then gets a coded error naming it.
    other.close();
    expect(() => head.process(frame, 48_000, 2, out)).toThrow(/^ERR_CLOSED: /);
    expect(head.failedNode).toBe(1);
    for (const chain of [head, tail, other]) chain.close();
  });

  it('runs node by node when a TS node sits between, on fan-out, or when the ABIs differ', async () => {
    const built: string[][] = [];
    const registry = NodeRegistry.builder()
      .rust(recording(AudioResample, built))
      .rust(recording(FormatConverter, built, 999))
      .ts(Gain)
      .build();
    const cases: Manifest[] = [
      {
        version: 1,
        nodes: [
          { id: 'a', type: 'AudioResample', params: { to: 32_000 } },
          { id: 'g', type: 'Gain', params: { gain: 1 } },
          { id: 'b', type: 'AudioResample', params: { to: 16_000 } },
        ],
        connections: [
          { from: 'a', to: 'g' },
          { from: 'g', to: 'b' },
        ],
      },
      {
        version: 1,
        nodes: [
          { id: 'a', type: 'AudioResample', params: { to: 32_000 } },
          { id: 'b', type: 'AudioResample', params: { to: 16_000 } },
          { id: 'c', type: 'AudioResample', params: { to: 8_000 } },
        ],
        connections: [
          { from: 'a', to: 'b' },
          { from: 'a', to: 'c' },
        ],
      },
      {
        version: 1,
        nodes: [
          { id: 'a', type: 'AudioResample', params: { to: 16_000 } },
          { id: 'f', type: 'FormatConverter', params: { channels: 1 } },
        ],
        connections: [{ from: 'a', to: 'f' }],
      },
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
    const registry = NodeRegistry.builder().rust(AudioResample).rust(FormatConverter).build();
    const pipeline = await createPipeline(registry, {
      version: 1,
      nodes: [
        { id: 'rs', type: 'AudioResample', params: { to: 16_000 } },
        { id: 'fmt', type: 'FormatConverter', params: { sampleRate: 48_000 } },
      ],
      connections: [{ from: 'rs', to: 'fmt' }],
    });
    await expect(collect(pipeline.stream(frames()))).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
      nodeId: 'fmt',
    });
    expect(pipeline.metrics().nodes.fmt?.errors).toBe(1);
    expect(pipeline.metrics().nodes.rs?.errors).toBe(0);
  });
});
