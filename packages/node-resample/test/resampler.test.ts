import { describe, expect, it } from 'vitest';
import { QUALITIES, Resampler, resample, resampleAsync } from '../src/index.js';
import { concat, maxAbsDiff, sine, snrDb, tones } from './helpers.js';

/** Rust's `f32::round`: halves go away from zero (JS Math.round sends them up), and no -0. */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x)) + 0;
}

function streamed(r: Resampler, input: Float32Array, chunkFrames: number[]): Float32Array {
  const parts: Float32Array[] = [];
  let at = 0;
  for (let i = 0; at < input.length; i++) {
    const len = Math.min(
      (chunkFrames[i % chunkFrames.length] ?? 1) * r.channels,
      input.length - at,
    );
    parts.push(r.process(input.subarray(at, at + len)).slice());
    at += len;
  }
  parts.push(r.flush().slice());
  return concat(parts);
}

describe('Resampler', () => {
  it('produces round(frames * to / from) frames whatever the chunking', () => {
    for (const [from, to] of [
      [48_000, 16_000],
      [16_000, 48_000],
      [44_100, 48_000],
      [8_000, 22_050],
    ] as const) {
      for (const frames of [0, 1, 5, 441, 4_801]) {
        const r = new Resampler({ from, to, channels: 2 });
        const out = streamed(r, new Float32Array(frames * 2).fill(0.1), [7, 300]);
        expect(out.length, `${from}->${to} ${frames}`).toBe(Math.round((frames * to) / from) * 2);
        r.close();
      }
    }
  });

  it('gives chunked output equal to one-shot output for every preset', () => {
    const input = tones([440, 1_000], 44_100, 22_050);
    for (const quality of QUALITIES) {
      const oneShot = resample(input, { from: 44_100, to: 48_000, channels: 2, quality });
      for (const chunks of [[1], [441], [0, 13, 2_000]]) {
        const r = new Resampler({ from: 44_100, to: 48_000, channels: 2, quality });
        const out = streamed(r, input, chunks);
        expect(out.length).toBe(oneShot.length);
        expect(maxAbsDiff(out, oneShot)).toBeLessThanOrEqual(1e-6);
      }
    }
  });

  it('is aligned: a 1 kHz tone comes out at >= 120 dB SNR against the ideal sine at high', () => {
    const out = resample(sine(1_000, 48_000, 48_000), { from: 48_000, to: 16_000 });
    expect(snrDb(out, 16_000, 1_000)).toBeGreaterThanOrEqual(120);
    const up = resample(sine(1_000, 16_000, 16_000), { from: 16_000, to: 48_000 });
    expect(snrDb(up, 48_000, 1_000)).toBeGreaterThanOrEqual(120);
  });

  it('keeps channels apart', () => {
    const out = resample(tones([500, 2_500, 0], 48_000, 48_000), {
      from: 48_000,
      to: 16_000,
      channels: 3,
    });
    expect(snrDb(out, 16_000, 500, 0.5, 3, 0)).toBeGreaterThanOrEqual(120);
    expect(snrDb(out, 16_000, 2_500, 0.5, 3, 1)).toBeGreaterThanOrEqual(120);
    for (let i = 2; i < out.length; i += 3) expect(out[i]).toBe(0);
  });

  it('writes into a caller out array and returns a view of the filled part', () => {
    const r = new Resampler({ from: 48_000, to: 16_000 });
    const out = new Float32Array(1_000);
    const input = sine(1_000, 48_000, 960);
    const parts: Float32Array[] = [];
    for (let i = 0; i < 10; i++) {
      const expected = r.outputLength(input.length);
      const got = r.process(input, out);
      expect(got.buffer).toBe(out.buffer);
      expect(got.length).toBe(expected);
      parts.push(got.slice());
    }
    parts.push(r.flush(out).slice());
    const whole = concat(Array.from({ length: 10 }, () => input));
    expect(concat(parts)).toEqual(resample(whole, { from: 48_000, to: 16_000 }));
  });

  it('reuses its own buffer when no out is given (the view lasts until the next call)', () => {
    const r = new Resampler({ from: 48_000, to: 16_000 });
    const input = sine(1_000, 48_000, 4_800);
    const first = r.process(input);
    const second = r.process(input);
    expect(first.length).toBeGreaterThan(0);
    expect(second.buffer).toBe(first.buffer);
  });

  it('exposes latency and holds back no more than it', () => {
    const r = new Resampler({ from: 48_000, to: 16_000 });
    expect(r.latency).toBeGreaterThan(0);
    let out = 0;
    for (let i = 1; i <= 50; i++) {
      out += r.process(sine(1_000, 48_000, 960)).length;
      expect(out + r.latency).toBeGreaterThanOrEqual(i * 320);
    }
  });

  it('processInt16 equals the float path rounded to 16 bits', () => {
    const ints = Int16Array.from(sine(700, 48_000, 4_800, 0.9), (v) => Math.round(v * 32_767));
    const floats = Float32Array.from(ints, (v) => v / 32_768);
    const expected = resample(floats, { from: 48_000, to: 16_000 });
    const r = new Resampler({ from: 48_000, to: 16_000 });
    const parts: number[] = [];
    for (let at = 0; at < ints.length; at += 480)
      parts.push(...r.processInt16(ints.subarray(at, at + 480)));
    parts.push(...r.flushInt16());
    expect(parts.length).toBe(expected.length);
    parts.forEach((v, i) => {
      expect(v).toBe(
        Math.max(-32_768, Math.min(32_767, roundHalfAway((expected[i] ?? 0) * 32_768))),
      );
    });
  });

  it('reset drops the stream so far', () => {
    const input = sine(1_000, 48_000, 4_800);
    const r = new Resampler({ from: 48_000, to: 16_000, quality: 'fast' });
    r.process(sine(3_000, 48_000, 1_234));
    r.reset();
    expect(streamed(r, input, [480])).toEqual(
      resample(input, { from: 48_000, to: 16_000, quality: 'fast' }),
    );
  });

  it('resampleAsync gives the same result as resample', async () => {
    const input = tones([440, 880], 44_100, 44_100);
    const options = { from: 44_100, to: 16_000, channels: 2 };
    expect(await resampleAsync(input, options)).toEqual(resample(input, options));
  });

  it('close is idempotent and works with using', () => {
    const r = new Resampler({ from: 16_000, to: 8_000 });
    r.close();
    r.close();
    {
      using scoped = new Resampler({ from: 16_000, to: 8_000 });
      expect(scoped.process(new Float32Array(16)).length).toBe(0);
    }
  });
});
