import { describe, expect, it } from 'vitest';
import { expectNodesJsonToMatch } from '../../../tools/testing/nodes-json.js';
import { type AudioFrame, AudioResample, nodes, resample } from '../src/index.js';
import { concat, sine } from './helpers.js';

const frame = (
  samples: Float32Array,
  sampleRate = 48_000,
  channels = 1,
  timestamp?: number,
): AudioFrame =>
  timestamp === undefined
    ? { samples, sampleRate, channels }
    : { samples, sampleRate, channels, timestamp };

describe('AudioResample node', () => {
  it('nodes.json equals the definitions’ metadata', () => {
    expectNodesJsonToMatch(new URL('../nodes.json', import.meta.url), nodes);
    expect(AudioResample.metadata.params.additionalProperties).toBe(false);
  });

  it('takes from and channels from the first frame and streams like the low-level API', () => {
    const node = AudioResample.create({ to: 16_000 });
    const input = sine(1_000, 48_000, 9_600);
    const parts: Float32Array[] = [];
    const stamps: number[] = [];
    for (let i = 0; i < 10; i++) {
      const out = node.process(
        frame(input.subarray(i * 960, (i + 1) * 960), 48_000, 1, 1_000 + i * 20),
      );
      if (out) {
        expect(out).toMatchObject({ sampleRate: 16_000, channels: 1 });
        stamps.push(out.timestamp ?? Number.NaN);
        parts.push(out.samples);
      }
    }
    const tail = node.flush();
    if (tail) parts.push(tail.samples);
    expect(concat(parts)).toEqual(resample(input, { from: 48_000, to: 16_000 }));
    expect(stamps[0]).toBe(1_000);
    node.close();
  });

  it('returns frames the consumer may keep', () => {
    const node = AudioResample.create({ to: 16_000, quality: 'fast' });
    const a = node.process(frame(sine(1_000, 48_000, 4_800)));
    const copy = a?.samples.slice();
    node.process(frame(sine(3_000, 48_000, 4_800)));
    expect(a?.samples).toEqual(copy);
  });

  it('rejects a frame whose rate or channels differ from the stream’s, and stays usable', () => {
    const node = AudioResample.create({ from: 48_000, to: 16_000 });
    expect(() => node.process(frame(new Float32Array(441), 44_100))).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_INPUT',
        message: expect.stringMatching(/44100 Hz does not match the stream's 48000 Hz/),
      }),
    );
    node.process(frame(new Float32Array(960)));
    expect(() => node.process(frame(new Float32Array(960), 48_000, 2))).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    expect(() => node.process({ samples: [1, 2] } as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    expect(() => node.process(frame(Float32Array.of(Number.NaN)))).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    expect(node.process(frame(new Float32Array(4_800)))?.samples.length).toBeGreaterThan(0);
  });

  it('rejects bad params at create, naming the field', () => {
    for (const [params, message] of [
      [{ to: 16_000, rate: 1 }, /unknown param 'rate'/],
      [{}, /to is required: it must be an integer from 8000 to 384000/],
      [{ to: 16_000, from: 1.5 }, /from must be/],
      [{ to: 16_000, channels: 0 }, /channels must be/],
      [{ to: 16_000, quality: 'ultra' }, /quality must be one of/],
      [null, /params must be an object/],
    ] as const) {
      expect(() => AudioResample.create(params as never)).toThrow(
        expect.objectContaining({
          code: 'ERR_INVALID_PARAM',
          message: expect.stringMatching(message),
        }),
      );
    }
  });

  it('close is idempotent and later calls are ERR_CLOSED', () => {
    const node = AudioResample.create({ to: 8_000 });
    node.close();
    node.close();
    expect(() => node.process(frame(new Float32Array(16)))).toThrow(
      expect.objectContaining({ code: 'ERR_CLOSED' }),
    );
    expect(() => node.flush()).toThrow(expect.objectContaining({ code: 'ERR_CLOSED' }));
  });
});
