// Integration: the real native node definitions register as they are and stream frames.
import { FormatConverter } from '@remotemedia/node-format';
import { AudioResample } from '@remotemedia/node-resample';
import { describe, expect, it } from 'vitest';
import { type AudioFrame, createPipeline, framesFrom, NodeRegistry } from '../src/index.js';
import { assertNodeRegistered } from '../src/testing.js';
import { collect } from './helpers.js';

describe('native nodes in a pipeline', () => {
  it('downmixes 48 kHz stereo and resamples to 16 kHz over a stream of 20 ms frames', async () => {
    const registry = NodeRegistry.builder()
      .rust(FormatConverter)
      .rustWith(AudioResample, { quality: 'high' })
      .build();
    assertNodeRegistered(registry, 'FormatConverter', 'AudioResample');

    const pipeline = await createPipeline(registry, {
      version: 1,
      nodes: [
        { id: 'mono', type: 'FormatConverter', params: { channels: 1 } },
        { id: 'rs', type: 'AudioResample', params: { to: 16_000 } },
      ],
      connections: [{ from: 'mono', to: 'rs', fromKey: 'audio' }],
    });
    // 1 s of a 440 Hz tone, identical in both channels, as s16 bytes.
    const seconds = 1;
    const pcm = new Int16Array(48_000 * 2 * seconds);
    for (let i = 0; i < 48_000 * seconds; i++) {
      const v = Math.round(Math.sin((2 * Math.PI * 440 * i) / 48_000) * 16_000);
      pcm[2 * i] = v;
      pcm[2 * i + 1] = v;
    }
    const source = framesFrom([new Uint8Array(pcm.buffer)], {
      sampleRate: 48_000,
      channels: 2,
      format: 's16',
      frameMs: 20,
    });
    const out = (await collect(pipeline.stream(source))) as AudioFrame[];
    const samples = out.reduce((n, f) => n + f.samples.length, 0);
    expect(samples).toBe(16_000 * seconds);
    expect(out.every((f) => f.sampleRate === 16_000 && f.channels === 1)).toBe(true);
    // Timestamps follow the output sample count.
    let expected = 0;
    for (const f of out) {
      expect(f.timestamp).toBeCloseTo(expected, 6);
      expected += (f.samples.length * 1000) / 16_000;
    }
    // The tone survives: compare with the ideal 440 Hz at 16 kHz away from the edges.
    const joined = new Float32Array(samples);
    let at = 0;
    for (const f of out) {
      joined.set(f.samples, at);
      at += f.samples.length;
    }
    let maxError = 0;
    for (let i = 1000; i < 15_000; i++) {
      const ideal = (Math.sin((2 * Math.PI * 440 * i) / 16_000) * 16_000) / 32_768;
      maxError = Math.max(maxError, Math.abs((joined[i] as number) - ideal));
    }
    expect(maxError).toBeLessThan(0.01);
    const m = pipeline.metrics().nodes;
    expect(m.mono?.framesIn).toBe(50);
    expect(m.rs?.framesIn).toBe(50);
    await pipeline.close();
  });

  it('rejects bad native params with the field named before the node is created', async () => {
    const registry = NodeRegistry.builder().rust(AudioResample).build();
    await expect(
      registry.createNode('AudioResample', { to: 16_000, quality: 'ultra' as never }),
    ).rejects.toThrowError(
      'invalid params for AudioResample: params.quality must be one of "fast", "balanced", "high", "max"',
    );
  });
});
