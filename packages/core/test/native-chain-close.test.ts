// The native chains a stream builds for its fused runs hold native node state: they close once
// whichever way the stream ends (done, consumer break, node error, abort, never run).
import { RemoteMediaError } from '@remotemedia/errors';
import type { KitFusion } from '@remotemedia/native';
import { FormatConverter } from '@remotemedia/node-format';
import { AudioResample } from '@remotemedia/node-resample';
import { describe, expect, it } from 'vitest';
import {
  type AnyNodeDefinition,
  type AudioFrame,
  createPipeline,
  type Manifest,
  NodeRegistry,
} from '../src/index.js';
import { journal, recorder } from './helpers.js';

/** The definition with a fusion handle that counts the chains built and their close() calls. */
function counted(
  definition: AnyNodeDefinition & { native: KitFusion },
  count: { built: number; closed: number },
) {
  const native: KitFusion = {
    fuse(...args) {
      const run = definition.native.fuse(...args);
      count.built++;
      const close = run.close.bind(run);
      run.close = () => {
        count.closed++;
        close();
      };
      return run;
    },
  };
  return { ...definition, native };
}

/** 48 kHz stereo 20 ms frames of a 440 Hz tone. */
function tone(count: number): AudioFrame[] {
  return Array.from({ length: count }, (_, i) => {
    const samples = new Float32Array(960 * 2);
    for (let n = 0; n < 960; n++) {
      const v = 0.5 * Math.sin((2 * Math.PI * 440 * (i * 960 + n)) / 48_000);
      samples[2 * n] = v;
      samples[2 * n + 1] = v;
    }
    return { samples, sampleRate: 48_000, channels: 2, timestamp: i * 20 };
  });
}

// resample -> resample (one package: one native call per frame) -> format -> a TS tap that can fail.
const manifest: Manifest = {
  version: 1,
  nodes: [
    { id: 'rs', type: 'AudioResample', params: { to: 32_000 } },
    { id: 'rs16', type: 'AudioResample', params: { to: 16_000 } },
    { id: 'mono', type: 'FormatConverter', params: { channels: 1 } },
    { id: 'tap', type: 'Tap', params: { name: 'tap' } },
  ],
  connections: [
    { from: 'rs', to: 'rs16' },
    { from: 'rs16', to: 'mono' },
    { from: 'mono', to: 'tap', fromKey: 'audio' },
  ],
};

async function setUp(tap: (frame: unknown, call: number) => unknown = (f) => f) {
  const count = { built: 0, closed: 0 };
  const registry = NodeRegistry.builder()
    .rust(counted(AudioResample, count))
    .rust(FormatConverter)
    .ts(recorder('Tap', journal(), tap))
    .build();
  // Short queues: a consumer that stops early leaves frames unprocessed (no end-of-stream flush).
  return { pipeline: await createPipeline(registry, manifest, { highWaterMark: 2 }), count };
}

describe('native chains of a stream', () => {
  it('close once at a normal end, after their frames came out right', async () => {
    const { pipeline, count } = await setUp();
    const out: AudioFrame[] = [];
    for await (const f of pipeline.stream(tone(50))) out.push(f as AudioFrame);
    expect(out.every((f) => f.sampleRate === 16_000 && f.channels === 1)).toBe(true);
    expect(count.built).toBeGreaterThan(0);
    expect(count.closed).toBe(count.built);
    await pipeline.close();
    expect(count.closed).toBe(count.built);
  });

  it('close once when the consumer breaks', async () => {
    const { pipeline, count } = await setUp();
    for await (const _ of pipeline.stream(tone(50))) break;
    expect(count.built).toBeGreaterThan(0);
    expect(count.closed).toBe(count.built);
  });

  it('close once when a node fails mid-stream', async () => {
    const { pipeline, count } = await setUp((f, call) => {
      if (call === 3) throw new RemoteMediaError('ERR_INVALID_INPUT', 'tap refused frame 3');
      return f;
    });
    await expect(async () => {
      for await (const _ of pipeline.stream(tone(50)));
    }).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT', nodeId: 'tap' });
    expect(count.closed).toBe(count.built);
  });

  it('close once when the stream is aborted', async () => {
    const { pipeline, count } = await setUp();
    const controller = new AbortController();
    const frames = pipeline.stream(tone(50), { signal: controller.signal });
    await frames.next();
    controller.abort();
    await expect(frames.next()).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(count.closed).toBe(count.built);
  });

  it('close with the pipeline when the stream never ran', async () => {
    const { pipeline, count } = await setUp();
    pipeline.stream(tone(50));
    await pipeline.close();
    expect(count.built).toBeGreaterThan(0);
    expect(count.closed).toBe(count.built);
  });
});
