import { describe, expect, it } from 'vitest';
import { Vad } from '../src/index.js';
import { speech16k } from './helpers.js';

const coded = (code: string, message: RegExp) =>
  expect.objectContaining({ code, message: expect.stringMatching(message) });

describe('bad options and input', () => {
  it('rejects every bad option at construction, naming it', () => {
    for (const [options, message] of [
      [{ sampleRate: 0 }, /sampleRate must be an integer sample rate/],
      [{ sampleRate: 16_000.5 }, /sampleRate must be/],
      [{ sampleRate: 16_000, mode: 4 }, /mode must be 0-3 or one of 'quality'/],
      [{ sampleRate: 16_000, mode: 'loud' }, /mode must be .* got string loud/],
      [{ sampleRate: 16_000, frameMs: 25 }, /frameMs must be 10, 20 or 30/],
      [{ sampleRate: 16_000, channels: 0 }, /channels must be/],
      [{ sampleRate: 16_000, speechPadMs: -1 }, /speechPadMs must be/],
      [{ sampleRate: 16_000, minSilenceMs: 1e9 }, /minSilenceMs must be/],
      [{ sampleRate: 16_000, maxSpeechMs: 10 }, /maxSpeechMs must be an integer of at least 100/],
      [{ sampleRate: 16_000, onSegment: 'x' }, /onSegment must be a function/],
      [null, /options must be an object/],
    ] as const) {
      expect(() => new Vad(options as never)).toThrow(coded('ERR_INVALID_PARAM', message));
    }
  });

  it('accepts mode names and numbers alike', () => {
    const byName = new Vad({ sampleRate: 16_000, mode: 'very-aggressive' }).process(speech16k);
    const byNumber = new Vad({ sampleRate: 16_000, mode: 3 }).process(speech16k);
    const quality = new Vad({ sampleRate: 16_000, mode: 'quality' }).process(speech16k);
    expect(byName).toEqual(byNumber);
    const count = (ds: { speech: boolean }[]) => ds.filter((d) => d.speech).length;
    expect(count(byName)).toBeLessThan(count(quality));
  });

  it('rejects bad chunks without consuming anything, and stays usable', () => {
    const vad = new Vad({ sampleRate: 16_000 });
    const clean = new Vad({ sampleRate: 16_000 }).process(speech16k);
    const got = vad.process(speech16k.subarray(0, 1_000));
    const poisoned = speech16k.slice(1_000, 2_000);
    poisoned[17] = Number.NaN;
    expect(() => vad.process(poisoned)).toThrow(coded('ERR_INVALID_INPUT', /sample 17 is NaN/));
    expect(() => vad.process(new Float32Array(0))).toThrow(coded('ERR_INVALID_INPUT', /empty/));
    expect(() => vad.process([0.1, 0.2] as never)).toThrow(
      coded('ERR_INVALID_INPUT', /Float32Array or an Int16Array, got Array/),
    );
    expect(() => vad.processInto(speech16k.subarray(1_000), new Uint8Array(2))).toThrow(
      coded('ERR_INVALID_INPUT', /decisions has room for 2 values but \d+ are needed/),
    );
    expect(() => vad.processInto(speech16k, new Float32Array(10) as never)).toThrow(
      coded('ERR_INVALID_INPUT', /decisions must be a Uint8Array/),
    );
    got.push(...vad.process(speech16k.subarray(1_000)));
    expect(got).toEqual(clean);
  });

  it('rejects partial interleaved frames', () => {
    const vad = new Vad({ sampleRate: 48_000, channels: 2 });
    expect(() => vad.process(new Float32Array(3))).toThrow(
      coded('ERR_INVALID_INPUT', /not a multiple of 2 channels/),
    );
    expect(vad.process(new Float32Array(2_880))).toHaveLength(1);
  });

  it('clips out-of-range floats instead of failing', () => {
    const loud = Float32Array.from(speech16k.subarray(0, 4_800), (v) => v * 100);
    loud[5] = Number.POSITIVE_INFINITY;
    expect(new Vad({ sampleRate: 16_000 }).process(loud)).toHaveLength(10);
  });

  it('close is idempotent and any later call is ERR_CLOSED', () => {
    const vad = new Vad({ sampleRate: 16_000 });
    vad.close();
    vad.close();
    const closed = coded('ERR_CLOSED', /Vad was used after close\(\)/);
    expect(() => vad.process(new Float32Array(160))).toThrow(closed);
    expect(() => vad.processInto(new Int16Array(160), new Uint8Array(4))).toThrow(closed);
    expect(() => vad.flush()).toThrow(closed);
    expect(() => vad.reset()).toThrow(closed);
  });
});
