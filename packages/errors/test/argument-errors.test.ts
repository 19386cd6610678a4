import { describe, expect, it } from 'vitest';
import {
  describeValue,
  didYouMean,
  expectAudioFrame,
  invalidInput,
  invalidParam,
  isRemoteMediaError,
  rejectUnknownKeys,
  suggest,
} from '../src/index.js';

describe('argument errors', () => {
  it('carry the input and param codes, and are not retryable', () => {
    for (const [error, code] of [
      [invalidInput('samples must be a Float32Array'), 'ERR_INVALID_INPUT'],
      [invalidParam('sampleRate must be an integer'), 'ERR_INVALID_PARAM'],
    ] as const) {
      expect(isRemoteMediaError(error)).toBe(true);
      expect(error.code).toBe(code);
      expect(error.retryable).toBe(false);
    }
  });

  it('describe what was passed: typed arrays with their length, objects by class, primitives by type', () => {
    expect(describeValue(new Int16Array(960))).toBe('Int16Array(960)');
    expect(describeValue(new Map())).toBe('Map');
    expect(describeValue(Object.create(null))).toBe('object');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue('48k')).toBe('string 48k');
    expect(describeValue(44_100.5)).toBe('number 44100.5');
  });

  it('accept an AudioFrame and name the node and what came instead of one', () => {
    expectAudioFrame({ samples: new Float32Array(4), sampleRate: 16_000, channels: 1 }, 'VAD');
    for (const [bad, got] of [
      [new Float32Array(4), 'Float32Array(4)'],
      [{ samples: new Int16Array(4), sampleRate: 16_000, channels: 1 }, 'Object'],
      [{ samples: new Float32Array(4), sampleRate: '16k', channels: 1 }, 'Object'],
      [null, 'null'],
    ] as const) {
      expect(() => expectAudioFrame(bad, 'VAD')).toThrow(
        expect.objectContaining({
          code: 'ERR_INVALID_INPUT',
          message: `VAD expects an AudioFrame { samples: Float32Array, sampleRate, channels }, got ${got}`,
        }),
      );
    }
  });
});

describe('rejectUnknownKeys', () => {
  const allowed = ['from', 'to', 'channels', 'quality'];

  it('names the unknown key, suggests a close one and lists the allowed keys', () => {
    expect(() =>
      rejectUnknownKeys({ from: 1, qualty: 'high' }, allowed, 'option', 'Resampler'),
    ).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_PARAM',
        message:
          "unknown option 'qualty' for Resampler (did you mean 'quality'?); allowed: from, to, channels, quality",
      }),
    );
    expect(() => rejectUnknownKeys({ bitrate: 1 }, allowed, 'param', 'X')).toThrow(
      /^unknown param 'bitrate' for X; allowed/,
    );
    expect(() =>
      rejectUnknownKeys({ from: 1, to: 2 }, allowed, 'option', 'Resampler'),
    ).not.toThrow();
  });

  it('suggests only plausible typos', () => {
    expect(suggest('engin', ['engine', 'mode'])).toBe('engine');
    expect(suggest('Quality', ['quality'])).toBe('quality');
    expect(suggest('xyz', ['engine', 'mode'])).toBeUndefined();
    expect(didYouMean('mdoe', ['mode'])).toBe(" (did you mean 'mode'?)");
  });
});
