import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { testNode } from '../../../tools/testing/test-node.js';
import {
  type AudioFrame,
  createPipeline,
  defineNode,
  FramePool,
  framesFrom,
  type Manifest,
  NodeRegistry,
  type PipelineOptions,
} from '../src/index.js';
import {
  audioIn,
  collect,
  type EdgeRow,
  graph,
  leftAndRight,
  line,
  type NodeRow,
} from './helpers.js';

const RATE = 48_000;
const FRAME = 960; // 20 ms mono

/** s16 PCM whose frame k holds the constant value level(k) in every sample. */
function pcm(frames: number): Uint8Array {
  const samples = new Int16Array(frames * FRAME);
  for (let k = 0; k < frames; k++)
    samples.fill(Math.round(level(k) * 32768), k * FRAME, (k + 1) * FRAME);
  return new Uint8Array(samples.buffer);
}

function level(k: number): number {
  return ((k % 200) - 100) / 128;
}

/** `pcm(count)` read by framesFrom in socket-sized chunks, into buffers from `pool` if given. */
function pcmFrames(count: number, pool?: FramePool) {
  return framesFrom(chunks(pcm(count)), {
    sampleRate: RATE,
    channels: 1,
    format: 's16',
    ...(pool === undefined ? {} : { pool }),
  });
}

/** The frame index a timestamp stands for. */
const indexOf = (frame: AudioFrame): number => Math.round((frame.timestamp ?? 0) / 20);

/** Byte chunks of odd sizes, like a socket would give. */
function* chunks(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += 1234) yield bytes.subarray(at, at + 1234);
}

/** Writes gain * input into a buffer lent by the stream's pool. */
const Scale = defineNode({
  type: 'Scale',
  category: 'test',
  description: 'gain into a pool buffer',
  params: Type.Object({ gain: Type.Number() }),
  inputs: audioIn,
  outputs: audioIn,
  create: ({ gain }) => ({
    process: (input, context) => {
      const frame = input as AudioFrame;
      const n = frame.samples.length;
      const out = context?.acquire(n) ?? new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = (frame.samples[i] as number) * gain;
      return { ...frame, samples: out };
    },
  }),
});

/** Mean of the samples, with the frame index. */
const Mean = testNode('Mean', {
  description: 'mean level',
  inputs: audioIn,
  outputs: [{ name: 'level', type: 'json' }],
  create: () => ({
    process: (input) => {
      const frame = input as AudioFrame;
      let sum = 0;
      for (const s of frame.samples) sum += s;
      return { k: indexOf(frame), mean: sum / frame.samples.length };
    },
  }),
});

/**
 * Holds its input across timers (as an async node holding a frame would) and checks, after each
 * wait, that every sample still holds what frame k was given: a recycled buffer overwritten by a
 * later frame would show another level.
 */
const Hold = defineNode({
  type: 'Hold',
  category: 'test',
  description: 'holds frames across awaits and checks them',
  params: Type.Object({ gain: Type.Number(), waits: Type.Number() }),
  inputs: audioIn,
  outputs: [{ name: 'check', type: 'json' }],
  create: ({ gain, waits }) => ({
    process: async (input) => {
      const frame = input as AudioFrame;
      const k = indexOf(frame);
      const expected = Math.fround(Math.fround(Math.round(level(k) * 32768) / 32768) * gain);
      let intact = true;
      for (let w = 0; w < waits; w++) {
        await new Promise((resolve) => setTimeout(resolve, w % 2));
        if (frame.samples.some((s) => s !== expected)) intact = false;
      }
      return { k, intact };
    },
  }),
});

/** Passes its input frame on in a port record next to a level, as VAD does (`{ audio, ... }`). */
const Tag = testNode('Tag', {
  description: 'frame and level in one record',
  inputs: audioIn,
  outputs: [
    { name: 'audio', type: 'audio' },
    { name: 'level', type: 'json' },
  ],
  create: () => ({
    process: (input) => ({ audio: input, level: (input as AudioFrame).samples[0] }),
  }),
});

/** Two input ports, each given a whole `{ audio, level }` record; checks both frames after waits. */
const PairCheck = testNode('PairCheck', {
  description: 'zips two port records and checks their frames',
  inputs: leftAndRight,
  outputs: [{ name: 'check', type: 'json' }],
  create: () => ({
    process: async (input) => {
      const { left, right } = input as Record<'left' | 'right', { audio: AudioFrame }>;
      const k = indexOf(left.audio);
      const expected = Math.fround(Math.round(level(k) * 32768) / 32768);
      await new Promise((resolve) => setTimeout(resolve, 0));
      const intact = [left, right].every((r) => r.audio.samples.every((s) => s === expected));
      return { k, intact };
    },
  }),
});

const registry = NodeRegistry.builder().ts(Scale).ts(Mean).ts(Hold).ts(Tag).ts(PairCheck).build();

/**
 * Streams `count` frames that framesFrom reads into buffers of a new pool through `manifest`;
 * gives the outputs (as `T`), the pool and the pipeline.
 */
async function streamPooled<T = unknown>(
  manifest: Manifest,
  count: number,
  options?: PipelineOptions,
) {
  const pool = new FramePool();
  const pipeline = await createPipeline(registry, manifest, options);
  const out = (await collect(pipeline.stream(pcmFrames(count, pool)))) as T[];
  return { out, pool, pipeline };
}

/** `src` frames wrapped in port records by `tag`, which feeds `consumers` over `edges`. */
const tagged = (consumers: NodeRow[], edges: EdgeRow[]): Manifest =>
  graph([['src', 'Scale', { gain: 1 }], ['tag', 'Tag'], ...consumers], [['src', 'tag'], ...edges]);

describe('frame recycling in streams', () => {
  it('allocates no new buffer per frame in steady state (1,000 frames after warm-up)', async () => {
    const pipeline = await createPipeline(
      registry,
      line(['a', 'Scale', { gain: 0.5 }], ['b', 'Scale', { gain: 2 }], ['m', 'Mean']),
    );
    const pool = new FramePool();
    const frames = pcmFrames(1_100, pool);
    let seen = 0;
    let afterWarmUp = pool.stats();
    for await (const out of pipeline.stream(frames)) {
      const { k, mean } = out as { k: number; mean: number };
      expect(k).toBe(seen);
      expect(mean).toBeCloseTo(level(k), 4);
      if (++seen === 100) afterWarmUp = pool.stats();
    }
    const end = pool.stats();
    expect(seen).toBe(1_100);
    // No pool miss after warm-up, though every frame drew 3 buffers (source, a, b).
    expect(end.allocated).toBe(afterWarmUp.allocated);
    expect(end.allocated + end.reused).toBe(3 * 1_100);
    // Every buffer came back: nothing is left lent at the end.
    expect(end.inUse).toBe(0);
  });

  it('stream() recycles into the pool its framesFrom source draws from', async () => {
    const { out, pool } = await streamPooled(line(['a', 'Scale', { gain: 1 }], ['m', 'Mean']), 300);
    expect(out).toHaveLength(300);
    // Source frames and node outputs share the pool: two buffers serve all 600 acquisitions.
    expect(pool.stats()).toMatchObject({ allocated: 2, reused: 598, inUse: 0 });
  });

  it('fan-out consumers never see a buffer recycled while they hold it', async () => {
    const pool = new FramePool();
    const pipeline = await createPipeline(
      registry,
      graph(
        [
          ['src', 'Scale', { gain: 1 }],
          ['slow', 'Hold', { gain: 1, waits: 3 }],
          ['slower', 'Hold', { gain: 1, waits: 6 }],
          ['louder', 'Scale', { gain: 2 }],
          ['held', 'Hold', { gain: 2, waits: 2 }],
        ],
        [
          ['src', 'slow'],
          ['src', 'slower'],
          ['src', 'louder'],
          ['louder', 'held'],
        ],
      ),
      { highWaterMark: 2 },
    );
    const frames = pcmFrames(120);
    const out = (await collect(pipeline.stream(frames, { pool }))) as {
      nodeId: string;
      value: { k: number; intact: boolean };
    }[];
    for (const id of ['slow', 'slower', 'held']) {
      const checks = out.filter((o) => o.nodeId === id).map((o) => o.value);
      expect(checks.map((c) => c.k)).toEqual(Array.from({ length: 120 }, (_, k) => k));
      expect(checks.filter((c) => !c.intact)).toEqual([]);
    }
    // Buffers were recycled while the slow branches held others (the check ran under reuse).
    const stats = pool.stats();
    expect(stats.reused).toBeGreaterThan(120);
    expect(stats.allocated).toBeLessThan(120);
    expect(stats.inUse).toBe(0);
  });

  it('a port record that carries its input frame passes the hold on to that port', async () => {
    const manifest = tagged(
      [
        ['hold', 'Hold', { gain: 1, waits: 2 }],
        ['levels', 'Mean'],
      ],
      [
        ['tag', 'hold', { fromKey: 'audio' }],
        ['tag', 'levels', { fromKey: 'audio' }],
      ],
    );
    const { out, pool } = await streamPooled<{
      nodeId: string;
      value: { k: number; intact?: boolean };
    }>(manifest, 80);
    const checks = out.filter((o) => o.nodeId === 'hold').map((o) => o.value);
    expect(checks).toHaveLength(80);
    expect(checks.filter((c) => c.intact !== true)).toEqual([]);
    expect(out.filter((o) => o.nodeId === 'levels')).toHaveLength(80);
    expect(pool.stats().reused).toBeGreaterThan(80);
    expect(pool.stats().inUse).toBe(0);
  });

  it('a zipped node given port records (frames one level down) gives their buffers back', async () => {
    const manifest = tagged(
      [['pair', 'PairCheck']],
      [
        ['tag', 'pair', { toKey: 'left' }],
        ['tag', 'pair', { toKey: 'right' }],
      ],
    );
    const { out, pool } = await streamPooled<{ k: number; intact: boolean }>(manifest, 120, {
      highWaterMark: 2,
    });
    expect(out.map((c) => c.k)).toEqual(Array.from({ length: 120 }, (_, k) => k));
    expect(out.filter((c) => !c.intact)).toEqual([]);
    // Every buffer went back: none kept by the records, so the pool stayed small.
    expect(pool.stats().inUse).toBe(0);
    expect(pool.stats().allocated).toBeLessThan(20);
  });

  it('items a drop-oldest node drops give their buffers back', async () => {
    const { out, pool, pipeline } = await streamPooled<{ intact: boolean }>(
      line(['src', 'Scale', { gain: 1 }], ['slow', 'Hold', { gain: 1, waits: 2 }]),
      200,
      { highWaterMark: 2, nodes: { slow: { overflow: 'drop-oldest' } } },
    );
    const dropped = pipeline.metrics().nodes.slow?.dropped ?? 0;
    expect(dropped).toBeGreaterThan(0);
    expect(out.length + dropped).toBe(200);
    expect(out.every((c) => c.intact)).toBe(true);
    expect(pool.stats().inUse).toBe(0);
  });

  it('execute() gives nodes fresh buffers through the same context', async () => {
    const pipeline = await createPipeline(registry, line(['a', 'Scale', { gain: 3 }]));
    const input: AudioFrame = {
      samples: Float32Array.of(0.1, -0.2),
      sampleRate: RATE,
      channels: 1,
    };
    const { a } = (await pipeline.execute({ a: input })) as { a: AudioFrame };
    expect([...a.samples]).toEqual([Math.fround(0.1) * 3, Math.fround(-0.2) * 3].map(Math.fround));
    expect(a.samples).not.toBe(input.samples);
  });

  it('never recycles the input of a call that timed out (it may still be reading it)', async () => {
    let lateCheck: Promise<boolean> | undefined;
    const Stall = testNode('Stall', {
      description: 'first call outlives its timeout, still reading its frame',
      inputs: audioIn,
      outputs: [{ name: 'k', type: 'json' }],
      create: () => {
        let calls = 0;
        return {
          process: (input) => {
            const frame = input as AudioFrame;
            if (calls++ > 0) return indexOf(frame);
            const first = frame.samples[0];
            lateCheck = new Promise((resolve) =>
              setTimeout(() => resolve(frame.samples.every((v) => v === first)), 40),
            );
            return lateCheck.then(() => indexOf(frame));
          },
        };
      },
    });
    const pipeline = await createPipeline(
      NodeRegistry.builder().ts(Scale).ts(Stall).build(),
      line(['src', 'Scale', { gain: 1 }], ['stall', 'Stall']),
      { nodes: { stall: { timeoutMs: 5, retry: { maxAttempts: 2, baseDelayMs: 1 } } } },
    );
    const frames = pcmFrames(400);
    const out = await collect(pipeline.stream(frames));
    expect(out).toEqual(Array.from({ length: 400 }, (_, k) => k));
    expect(pipeline.metrics().nodes.stall).toMatchObject({ retries: 1 });
    // Hundreds of frames went through the pool while the timed-out call still held frame 0.
    expect(await lateCheck).toBe(true);
  });

  it('yielded frames stay the caller’s unless recycleOutputs lends them until the next step', async () => {
    const manifest = line(['a', 'Scale', { gain: 0.5 }]);
    const expectedFrame = (k: number): number =>
      Math.fround(Math.fround(Math.round(level(k) * 32768) / 32768) * 0.5);

    // Default: outputs are kept intact after the stream moved on.
    const kept = await collect((await createPipeline(registry, manifest)).stream(pcmFrames(50)));
    for (const [k, frame] of (kept as AudioFrame[]).entries()) {
      expect(frame.samples.every((s) => s === expectedFrame(k))).toBe(true);
    }

    // recycleOutputs: each frame is right while it is the current one, and buffers are reused.
    const pool = new FramePool();
    const lent = (await createPipeline(registry, manifest)).stream(pcmFrames(300, pool), {
      recycleOutputs: true,
    });
    let k = 0;
    for await (const out of lent) {
      const frame = out as AudioFrame;
      expect(frame.samples.every((s) => s === expectedFrame(k))).toBe(true);
      k++;
    }
    expect(k).toBe(300);
    expect(pool.stats().allocated).toBeLessThan(40);
    expect(pool.stats().inUse).toBe(0);
  });
});

describe('FramePool', () => {
  it('counts holders, accepts views, and ignores buffers it did not lend', () => {
    const pool = new FramePool();
    const a = pool.acquire(8);
    pool.retain(a, 2);
    expect(pool.release(a)).toBe(false);
    expect(pool.release(a.subarray(0, 4))).toBe(false);
    expect(pool.stats()).toMatchObject({ allocated: 1, inUse: 1, free: 0 });
    expect(pool.release(a)).toBe(true);
    expect(pool.release(a)).toBe(false); // already free: a second release changes nothing
    expect(pool.release(new Float32Array(8))).toBe(false);
    expect(pool.stats()).toMatchObject({ inUse: 0, free: 1 });
    expect(pool.acquire(8)).toBe(a);
    expect(pool.acquire(8)).not.toBe(a);
    expect(pool.stats()).toMatchObject({ allocated: 2, reused: 1, inUse: 2, free: 0 });
  });
});
