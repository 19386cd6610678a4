import { describe, expect, it } from 'vitest';
import { Info, readKitNodeSet } from '../src/index.js';

// A stand-in for a kit binding's KitChain: doubles every sample, reports the frame count as a
// json value, and refuses an odd-length chunk of stereo like the Rust handle does.
class DoublingChain {
  frames = 0;
  process(
    samples: Float32Array,
    sampleRate: number,
    channels: number,
    _timestamp: number | undefined,
    out: Float32Array,
    report: Float64Array,
  ): number {
    if (samples.length % channels !== 0) {
      throw Object.assign(new Error('not whole frames'), { code: 'ERR_INVALID_INPUT' });
    }
    this.frames += samples.length / channels;
    samples.forEach((x, i) => {
      if (i < out.length) out[i] = x * 2;
    });
    report[Info.sampleRate] = sampleRate;
    report[Info.channels] = channels;
    report[Info.jsonCount] = 1;
    return samples.length;
  }
  flush(_out: Float32Array, report: Float64Array): number {
    report[Info.jsonCount] = 0;
    return -1;
  }
  readJson(): string {
    return JSON.stringify({ frames: this.frames });
  }
  readAudio(): number {
    return 0;
  }
  reset(): void {
    this.frames = 0;
  }
  close(): void {}
}

const port = (name: string, type: 'audio' | 'json') => ({ name, type });
const set = readKitNodeSet({
  kitMetadata: () =>
    JSON.stringify([
      {
        type: 'Double',
        runtime: 'rust',
        category: 'audio',
        description: 'Doubles',
        params: { type: 'object', additionalProperties: false, properties: {} },
        inputs: [port('audio', 'audio')],
        outputs: [port('audio', 'audio'), port('frames', 'json')],
      },
    ]),
  KitChain: DoublingChain as never,
});
const Doubler = set.processor('Double', 'Doubler');

describe('KitProcessor', () => {
  it('is a named class over one node: audio out, json ports read after the call', () => {
    const d = new Doubler({ sampleRate: 16_000, channels: 2 });
    expect(Doubler.name).toBe('Doubler');
    expect(Array.from(d.process(Float32Array.from([0.25, -0.5])))).toEqual([0.5, -1]);
    expect(d.json()).toEqual({ frames: 1 });
    expect([d.outputSampleRate, d.outputChannels]).toEqual([16_000, 2]);
    expect(d.flush().length).toBe(0);
    expect(d.json()).toBeUndefined();
  });

  it('writes into a given buffer and refuses one too small, staying usable', () => {
    const d = new Doubler({ sampleRate: 16_000 });
    const out = new Float32Array(2);
    expect(d.processInto(Float32Array.from([1, 2]), out)).toBe(2);
    expect(Array.from(out)).toEqual([2, 4]);
    expect(() => d.processInto(Float32Array.from([1, 2, 3]), out)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT', message: expect.stringContaining('3') }),
    );
    expect(() => d.process([1] as never)).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_INPUT',
        message: expect.stringContaining('Array'),
      }),
    );
    expect(Array.from(d.process(Float32Array.from([3])))).toEqual([6]);
  });

  it('refuses unknown options and bad formats with ERR_INVALID_PARAM naming them', () => {
    const bad = [
      [{ sampleRate: 16_000, chanels: 2 }, "'chanels'"],
      [{ sampleRate: 0 }, 'sampleRate'],
      [{ sampleRate: 16_000, channels: 1.5 }, 'channels'],
      [undefined, 'options'],
    ] as const;
    for (const [options, named] of bad) {
      expect(() => new Doubler(options as never)).toThrow(
        expect.objectContaining({
          code: 'ERR_INVALID_PARAM',
          message: expect.stringContaining(named),
        }),
      );
    }
  });

  it('passes native errors on with their code; close is idempotent, then ERR_CLOSED', () => {
    const d = new Doubler({ sampleRate: 16_000, channels: 2 });
    expect(() => d.process(Float32Array.from([1]))).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    d.close();
    d.close();
    for (const call of [() => d.process(new Float32Array(2)), () => d.flush(), () => d.reset()]) {
      expect(call).toThrow(
        expect.objectContaining({
          code: 'ERR_CLOSED',
          message: expect.stringContaining('Doubler'),
        }),
      );
    }
  });
});
