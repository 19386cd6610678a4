import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FramePool, framesFrom, type LatencyBucket, LatencyHistogram } from '../src/index.js';
import { collect } from './helpers.js';

/** Splits `bytes` into chunks of the given sizes, cycling. */
function* chunked(bytes: Uint8Array, sizes: number[]): Generator<Uint8Array> {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length] as number;
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

describe('framesFrom', () => {
  it('cuts s16 stereo bytes in odd-sized chunks into 10 ms frames with sample-exact timestamps', async () => {
    const sampleRate = 8000;
    const total = 8000 * 2 * 0.035; // 35 ms of stereo = 3.5 frames of 10 ms
    const pcm = new Int16Array(total);
    for (let i = 0; i < total; i++) pcm[i] = ((i * 37) % 65536) - 32768;
    const bytes = new Uint8Array(pcm.buffer);
    const frames = await collect(
      framesFrom(Readable.from(chunked(bytes, [3, 1, 7, 250, 1])), {
        sampleRate,
        channels: 2,
        format: 's16',
        frameMs: 10,
      }),
    );
    expect(frames.map((f) => f.samples.length)).toEqual([160, 160, 160, 80]);
    expect(frames.map((f) => f.timestamp)).toEqual([0, 10, 20, 30]);
    const joined = frames.flatMap((f) => [...f.samples]);
    expect(joined).toEqual([...pcm].map((v) => v / 32768));
    expect(frames.every((f) => f.channels === 2 && f.sampleRate === sampleRate)).toBe(true);
  });

  it('reads f32 and draws buffers from a pool when given one', async () => {
    const values = Float32Array.from({ length: 480 * 3 }, (_, i) => Math.sin(i / 10));
    const pool = new FramePool();
    const seen: number[][] = [];
    for await (const frame of framesFrom([new Uint8Array(values.buffer)], {
      sampleRate: 48_000,
      channels: 1,
      format: 'f32',
      frameMs: 10,
      pool,
    })) {
      seen.push([...frame.samples]);
      pool.release(frame.samples);
    }
    expect(seen.flat()).toEqual([...values]);
    // One buffer for the frame in flight plus one being filled; later frames reuse them.
    expect(pool.allocated).toBeLessThanOrEqual(2);
    expect(pool.reused).toBeGreaterThanOrEqual(1);
  });

  it('rejects a stream that ends inside a sample, and bad options', async () => {
    await expect(
      collect(framesFrom([new Uint8Array(5)], { sampleRate: 8000, channels: 1, format: 's16' })),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
    await expect(
      collect(framesFrom([], { sampleRate: 8000, channels: 0, format: 's16' })),
    ).rejects.toThrowError('framesFrom: channels must be an integer 1..64, got 0');
  });
});

describe('LatencyHistogram', () => {
  it('gives percentiles within the bucket precision', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.record(i / 100); // 0.01 .. 10 ms
    const s = h.summary();
    expect(s.count).toBe(1000);
    expect(s.p50).toBeGreaterThan(5 * 0.96);
    expect(s.p50).toBeLessThan(5 * 1.04);
    expect(s.p99).toBeGreaterThan(9.9 * 0.96);
    expect(s.p99).toBeLessThan(9.9 * 1.04);
    expect(s.max).toBe(10);
    expect(s.mean).toBeCloseTo(5.005, 6);
  });

  it('lists its non-empty buckets in order, each holding the values recorded in it', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.record(i / 100);
    h.record(0);
    const { buckets } = h.summary();
    expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(1001);
    expect(buckets[0]).toEqual({ fromMs: 0, toMs: 1 / 16_000, count: 1 });
    for (let i = 1; i < buckets.length; i++) {
      const [prev, b] = [buckets[i - 1], buckets[i]] as [LatencyBucket, LatencyBucket];
      expect(b.fromMs).toBeGreaterThanOrEqual(prev.toMs);
      // HDR buckets: no wider than 1/32 of their lower edge.
      expect(b.toMs - b.fromMs).toBeLessThanOrEqual(b.fromMs / 32 + 1e-12);
    }
    const inFirstMs = buckets.filter((b) => b.toMs <= 1).reduce((n, b) => n + b.count, 0);
    expect(inFirstMs).toBe(100); // 0 and 0.01 .. 0.99 ms
  });
});
