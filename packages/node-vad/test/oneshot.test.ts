import { describe, expect, it } from 'vitest';
import { detectSegments, detectSegmentsAsync, type SegmentEvent, Vad } from '../src/index.js';
import { atRate, speech16k, toInt16 } from './helpers.js';

describe('detectSegments', () => {
  it('equals the segments the streaming detector reports', () => {
    const options = { sampleRate: 16_000, mode: 2, speechPadMs: 90 } as const;
    const events: SegmentEvent[] = [];
    const vad = new Vad({ ...options, onSegment: (e) => events.push(e) });
    vad.process(speech16k);
    vad.flush();
    const streamed = events.flatMap((e) =>
      e.type === 'speechEnd' ? [{ startMs: e.startMs, endMs: e.endMs }] : [],
    );
    const segments = detectSegments(speech16k, options);
    expect(segments.length).toBeGreaterThanOrEqual(2);
    expect(segments).toEqual(streamed);
    expect(detectSegments(toInt16(speech16k), options)).toEqual(segments);
  });

  it('async gives the same answer off the main thread', async () => {
    const options = { sampleRate: 44_100, mode: 'aggressive' } as const;
    const input = atRate(speech16k, 16_000, 44_100);
    const sync = detectSegments(input, options);
    expect(sync.length).toBeGreaterThanOrEqual(2);
    await expect(detectSegmentsAsync(input, options)).resolves.toEqual(sync);
    await expect(detectSegmentsAsync(toInt16(input), options)).resolves.toEqual(
      detectSegments(toInt16(input), options),
    );
  });

  it('finds the same segments at 44.1 kHz as at 16 kHz, within a frame or two', () => {
    const at16 = detectSegments(speech16k, { sampleRate: 16_000, mode: 2 });
    const at44 = detectSegments(atRate(speech16k, 16_000, 44_100), {
      sampleRate: 44_100,
      mode: 2,
    });
    expect(at44.length).toBe(at16.length);
    at44.forEach((s, i) => {
      expect(Math.abs(s.startMs - (at16[i]?.startMs ?? 0))).toBeLessThanOrEqual(60);
      expect(Math.abs(s.endMs - (at16[i]?.endMs ?? 0))).toBeLessThanOrEqual(60);
    });
  });

  it('rejects bad input with a coded error', async () => {
    expect(() => detectSegments(new Float32Array(0), { sampleRate: 16_000 })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    await expect(
      detectSegmentsAsync(Float32Array.of(0, Number.NaN), { sampleRate: 16_000 }),
    ).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
      message: expect.stringMatching(/sample 1 is NaN/),
    });
    await expect(
      detectSegmentsAsync(new Float32Array(10), { sampleRate: 0 }),
    ).rejects.toMatchObject({
      code: 'ERR_INVALID_PARAM',
    });
  });
});
