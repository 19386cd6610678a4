import { describe, expect, it } from 'vitest';
import { codeOf } from '../../../tools/testing/rejection.js';
import { Resampler, resample, resampleAsync } from '../src/index.js';
import { sine } from './helpers.js';

describe('bad options', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      'rate 0',
      { from: 0, to: 16_000 },
      /from must be an integer sample rate between 8000 and 384000 Hz, got number 0/,
    ],
    ['negative rate', { from: 48_000, to: -16_000 }, /to must be .* got number -16000/],
    ['non-integer rate', { from: 44_100.5, to: 16_000 }, /from must be .* got number 44100.5/],
    ['rate above the maximum', { from: 768_000, to: 16_000 }, /from must be .*384000/],
    ['rate as a string', { from: '48000', to: 16_000 }, /got string 48000/],
    ['missing to', { from: 48_000 }, /to must be .* got undefined/],
    [
      'channels 0',
      { from: 48_000, to: 16_000, channels: 0 },
      /channels must be an integer between 1 and 64, got number 0/,
    ],
    [
      'unknown quality',
      { from: 48_000, to: 16_000, quality: 'best' },
      /quality must be one of fast, balanced, high, max/,
    ],
  ];
  for (const [name, options, message] of cases) {
    it(`${name} is ERR_INVALID_PARAM for the class and both one-shots`, async () => {
      expect(() => new Resampler(options as never)).toThrow(message);
      expect(codeOf(() => new Resampler(options as never))).toBe('ERR_INVALID_PARAM');
      expect(codeOf(() => resample(new Float32Array(4), options as never))).toBe(
        'ERR_INVALID_PARAM',
      );
      await expect(resampleAsync(new Float32Array(4), options as never)).rejects.toMatchObject({
        code: 'ERR_INVALID_PARAM',
      });
    });
  }
  it('options that are not an object', () => {
    expect(codeOf(() => new Resampler(null as never))).toBe('ERR_INVALID_PARAM');
  });
});

describe('bad input leaves the resampler usable', () => {
  const input = sine(1_000, 48_000, 4_800);
  const clean = () =>
    resample(new Float32Array(9_600).fill(0.25), { from: 48_000, to: 16_000, channels: 2 });

  function expectStillClean(r: Resampler): void {
    const out = [...r.process(new Float32Array(9_600).fill(0.25)), ...r.flush()];
    expect(Float32Array.from(out)).toEqual(clean());
  }

  it('a length that is not a multiple of channels', () => {
    const r = new Resampler({ from: 48_000, to: 16_000, channels: 2 });
    expect(() => r.process(new Float32Array(3))).toThrow(/not a multiple of 2 channels/);
    expect(codeOf(() => r.process(new Float32Array(3)))).toBe('ERR_INVALID_INPUT');
    expect(codeOf(() => r.process(new Float32Array(3), new Float32Array(100)))).toBe(
      'ERR_INVALID_INPUT',
    );
    expect(
      codeOf(() => resample(new Float32Array(3), { from: 48_000, to: 16_000, channels: 2 })),
    ).toBe('ERR_INVALID_INPUT');
    expectStillClean(r);
  });

  it('NaN or infinity in the input is rejected and nothing is consumed', () => {
    const r = new Resampler({ from: 48_000, to: 16_000, channels: 2 });
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const dirty = new Float32Array(8).fill(0.1);
      dirty[5] = bad;
      expect(() => r.process(dirty)).toThrow(/ERR_INVALID_INPUT|sample 5 is/);
      expect(codeOf(() => r.process(dirty))).toBe('ERR_INVALID_INPUT');
    }
    expect(codeOf(() => resample(Float32Array.of(Number.NaN), { from: 48_000, to: 16_000 }))).toBe(
      'ERR_INVALID_INPUT',
    );
    expectStillClean(r);
  });

  it('wrong array types and a too-small out', () => {
    const r = new Resampler({ from: 48_000, to: 16_000, channels: 2 });
    expect(codeOf(() => r.process([0, 1] as never))).toBe('ERR_INVALID_INPUT');
    expect(codeOf(() => r.process(new Float32Array(2), new Int16Array(10) as never))).toBe(
      'ERR_INVALID_INPUT',
    );
    expect(codeOf(() => r.processInt16(new Float32Array(2) as never))).toBe('ERR_INVALID_INPUT');
    expect(() => r.process(new Float32Array(9_600), new Float32Array(4))).toThrow(
      /pass a larger buffer/,
    );
    expect(codeOf(() => r.process(new Float32Array(9_600), new Float32Array(4)))).toBe(
      'ERR_INVALID_INPUT',
    );
    expect(codeOf(() => resample([1, 2] as never, { from: 48_000, to: 16_000 }))).toBe(
      'ERR_INVALID_INPUT',
    );
    expectStillClean(r);
  });

  it('use after close is ERR_CLOSED on every method', () => {
    const r = new Resampler({ from: 48_000, to: 16_000 });
    r.process(input);
    r.close();
    for (const call of [
      () => r.process(input),
      () => r.processInt16(new Int16Array(4)),
      () => r.flush(),
      () => r.flushInt16(),
      () => r.reset(),
      () => r.outputLength(4),
      () => r.latency,
    ]) {
      expect(codeOf(call)).toBe('ERR_CLOSED');
    }
    expect(() => r.close()).not.toThrow();
  });
});

describe('unknown options', () => {
  it('are refused by the class and both functions, naming the key and the likely one', async () => {
    const options = { from: 48_000, to: 16_000, channels: 1, qualty: 'high' } as never;
    const expected = expect.objectContaining({
      code: 'ERR_INVALID_PARAM',
      message: expect.stringMatching(
        /unknown option 'qualty' for Resampler \(did you mean 'quality'\?\)/,
      ),
    });
    expect(() => new Resampler(options)).toThrow(expected);
    expect(() => resample(sine(440, 48_000, 480), options)).toThrow(expected);
    await expect(resampleAsync(sine(440, 48_000, 480), options)).rejects.toThrow(expected);
  });
});
